"""``python -m boilerstrip``: the same command line as the ``boilerstrip`` script."""

import sys

from .cli import main

sys.exit(main())
