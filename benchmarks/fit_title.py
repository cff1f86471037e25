"""``python -m benchmarks.fit_title``: fit the title scorer's weights on every development page.

Writes ``src/boilerstrip/data/title_weights.json``.  Deterministic: pages in a
fixed order, gradient descent from zero (:func:`boilerstrip.title.fit`).
The benchmark (``python -m benchmarks --suite metadata``) refits the same way
in folds that leave each page's site out, so its title figure is measured
on sites the weights did not see.
"""

from __future__ import annotations

import sys
from typing import Any

from . import REPO
from .fitting import fit_command
from .metadata import norm

OUT = REPO / "src" / "boilerstrip" / "data" / "title_weights.json"


def _examples(pages: list[Any]) -> list[Any]:
    """Each page's candidates, and which of them is its gold title."""
    return [(c, [norm(x.text) == norm(pg.title) for x in c]) for pg in pages for c in [pg.out["bs"]["cands"]]]


def main(argv: list[str] | None = None) -> int:
    from boilerstrip.title import FEATURES, fit

    return fit_command(
        argv,
        prog="python -m benchmarks.fit_title",
        doc=__doc__ or "",
        out=OUT,
        what="title scorer",
        keep=lambda pg: bool(pg.title),
        examples=_examples,
        fit=fit,
        features=FEATURES,
    )


if __name__ == "__main__":
    sys.exit(main())
