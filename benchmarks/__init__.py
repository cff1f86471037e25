"""Benchmarks for boilerstrip: accuracy and speed against peers, and a CI quality gate.

Run ``python -m benchmarks`` for the full comparison (see ``benchmarks/README.md``)
and ``python -m benchmarks.gate`` for the regression gate.  The package lives
beside ``src/`` rather than inside it because it imports third-party extractors
that users of boilerstrip must never need.

Data is read from ``<repo>/../shared`` (override with ``--data``) and never
copied into the repository: the pages belong to third parties.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (the directory holding ``src/`` and ``benchmarks/``).
REPO = Path(__file__).resolve().parent.parent
#: Where the shared evaluation data lives unless ``--data`` says otherwise.
DEFAULT_DATA = REPO.parent / "shared"
