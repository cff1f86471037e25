"""Shared test setup.

pytest runs with ``--import-mode=importlib``, which does not put ``tests/`` on
``sys.path``; the shared hypothesis strategies (``tests/strategies.py``) are
imported as ``strategies``, so this folder is added here.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
