"""``python -m benchmarks.fit_title``: fit the title scorer's weights on every development page.

Writes ``src/boilerstrip/data/title_weights.json``.  Deterministic: pages in a
fixed order, gradient descent from zero (:func:`boilerstrip.title.fit`).
The benchmark (``python -m benchmarks --suite metadata``) refits the same way
in folds that leave each page's site out, so its title figure is measured
on sites the weights did not see.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import DEFAULT_DATA, REPO
from .metadata import load, norm, run

OUT = REPO / "src" / "boilerstrip" / "data" / "title_weights.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.fit_title", description=__doc__)
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/ (default ../shared)"
    )
    p.add_argument("--out", type=Path, default=OUT, help="where the weights go")
    args = p.parse_args(argv)
    from boilerstrip.title import FEATURES, fit

    from .peers import quiet_logs

    quiet_logs()
    pages = [pg for pg in load(args.data) if pg.title]
    run(pages, log=lambda m: print(m, file=sys.stderr), peers=False)
    examples = [
        (c, [norm(x.text) == norm(pg.title) for x in c]) for pg in pages for c in [pg.out["bs"]["cands"]]
    ]
    weights = fit(examples)
    args.out.write_text(
        json.dumps(
            {
                "about": "title scorer weights, written by `python -m benchmarks.fit_title`; do not edit",
                "pages": len(examples),
                "features": list(FEATURES),
                "weights": weights,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"fitted on {len(examples)} pages; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
