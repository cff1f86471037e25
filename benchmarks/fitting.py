"""What ``python -m benchmarks.fit_title`` and ``python -m benchmarks.fit_bylines`` share: the
command line, running boilerstrip over the development pages, and writing the weights file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import DEFAULT_DATA


def fit_command(
    argv: list[str] | None,
    *,
    prog: str,
    doc: str,
    out: Path,
    what: str,
    keep: Callable[[Any], bool],
    examples: Callable[[list[Any]], Sequence[Any]],
    fit: Callable[[Sequence[Any]], dict[str, float]],
    features: Sequence[str],
) -> int:
    """Run boilerstrip over the development pages that ``keep`` selects, fit ``fit`` on their
    ``examples`` and write ``{about, pages, examples, features, weights}`` to ``out``."""
    from .metadata import load, run
    from .peers import quiet_logs

    p = argparse.ArgumentParser(prog=prog, description=doc)
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/ (default ../shared)"
    )
    p.add_argument("--out", type=Path, default=out, help="where the weights go")
    args = p.parse_args(argv)
    quiet_logs()
    pages = [pg for pg in load(args.data) if keep(pg)]
    run(pages, log=lambda m: print(m, file=sys.stderr), peers=False)
    found = examples(pages)
    weights = fit(found)
    record = {
        "about": f"{what} weights, written by `{prog}`; do not edit",
        "pages": len(pages),
        "examples": len(found),
        "features": list(features),
        "weights": weights,
    }
    args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(found)} examples of {len(pages)} pages; wrote {args.out}")
    return 0
