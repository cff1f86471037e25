"""``python -m benchmarks.fit_bylines``: fit the byline scorer's weights on every development page.

Writes ``src/boilerstrip/data/byline_weights.json``.  Deterministic: pages in
a fixed order, gradient descent from zero (:func:`boilerstrip.bylines.fit`).
The benchmark (``python -m benchmarks --suite metadata``) refits the same way
in folds that leave each page's site out, so its authors figure is measured
on sites the weights did not see.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import DEFAULT_DATA, REPO
from .metadata import byline_examples, load, run

OUT = REPO / "src" / "boilerstrip" / "data" / "byline_weights.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.fit_bylines", description=__doc__)
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/ (default ../shared)"
    )
    p.add_argument("--out", type=Path, default=OUT, help="where the weights go")
    args = p.parse_args(argv)
    from boilerstrip.bylines import FEATURES, fit

    from .peers import quiet_logs

    quiet_logs()
    pages = [pg for pg in load(args.data) if pg.authors is not None]
    run(pages, log=lambda m: print(m, file=sys.stderr), peers=False)
    examples = [e for pg in pages for e in byline_examples(pg)]
    weights = fit(examples)
    args.out.write_text(
        json.dumps(
            {
                "about": "byline scorer weights, written by `python -m benchmarks.fit_bylines`; do not edit",
                "pages": len(pages),
                "candidates": len(examples),
                "features": list(FEATURES),
                "weights": weights,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"fitted on {len(examples)} candidates of {len(pages)} pages; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
