"""``python -m benchmarks.fit_bylines``: fit the byline scorer's weights on every development page.

Writes ``src/boilerstrip/data/byline_weights.json``.  Deterministic: pages in
a fixed order, gradient descent from zero (:func:`boilerstrip.bylines.fit`).
The benchmark (``python -m benchmarks --suite metadata``) refits the same way
in folds that leave each page's site out, so its authors figure is measured
on sites the weights did not see.
"""

from __future__ import annotations

import sys

from . import REPO
from .fitting import fit_command
from .metadata import byline_examples

OUT = REPO / "src" / "boilerstrip" / "data" / "byline_weights.json"


def main(argv: list[str] | None = None) -> int:
    from boilerstrip.bylines import FEATURES, fit

    return fit_command(
        argv,
        prog="python -m benchmarks.fit_bylines",
        doc=__doc__ or "",
        out=OUT,
        what="byline scorer",
        keep=lambda pg: pg.authors is not None,
        examples=lambda pages: [e for pg in pages for e in byline_examples(pg)],
        fit=fit,
        features=FEATURES,
    )


if __name__ == "__main__":
    sys.exit(main())
