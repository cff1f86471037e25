"""Which of a page's author credits are the article's: evidence weighed by fitted weights.

A page proposes authors from several places: its metadata (meta tags,
JSON-LD), a byline element the reader found, an attribution line a byline
cue opens, a line that only stands where a byline stands and looks like
one, a name on a date line, a credit just after the article.  Menus,
badges, teasers and site names reach these places too, so none of them is
trusted alone: each candidate is described by its evidence (where it was
read, how many places agree on it, its shape, how many other names the page
proposes, whether it is the site's own name), and it is kept when the
weighted sum of that evidence is positive.

The weights are not written by hand: ``python -m benchmarks.fit_bylines``
fits them (a logistic regression, by plain gradient descent from zero, so
the same data always gives the same weights) on the development pages and
writes ``data/byline_weights.json``; the benchmark scores each page with
weights fitted without its site (see ``benchmarks/metadata.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .model import Source

#: Where a candidate author can be read (see :func:`boilerstrip.sources.author_candidates`).
EVIDENCE = (
    "meta",
    "byline-element",
    "cue",
    "credit-rule",
    "shaped",
    "dated",
    "closing",
    "inside",
    "cue-elsewhere",
    # A byline cue inside a short line where a byline stands ("Posted 3 May by Jane Doe").
    "inline-cue",
    # Which verdict made its line an attribution line: the final label, the hand passes' (``Line.passes``).
    "labelled",
    "passes",
    # Where the markup states it (:mod:`boilerstrip.readers.html.credits`).
    "json-ld",
    "meta-tag",
    "rel-author",
    "microdata",
)
#: Evidence that says how a place was read, not another place that agrees (kept out of ``agree``).
NOT_PLACES = frozenset({"closing", "labelled", "passes"})
#: Evidence read from the page's metadata and markup rather than from its lines.
MARKUP = frozenset({"meta", "byline-element", "json-ld", "meta-tag", "rel-author", "microdata"})
#: Every feature a candidate can carry; weights are keyed by these names.
FEATURES = (
    "bias",
    *(f"ev:{e}" for e in EVIDENCE),
    "agree",
    "name-shaped",
    "one-word",
    "long",
    "crowd",
    "site-name",
    "role",
    "meta-seen",
    "person",
    "markup-crowd",
    "seen-caption",
    "organisation",
    "unwritten",
)


# Lines where a name is a picture's credit or a reader's, not the article's byline.
_CAPTION_LIKE = frozenset({"caption", "poll-comment"})


@dataclass
class Candidate:
    """One author a page proposes, where it was read, and its features."""

    source: Source
    evidence: set[str]
    features: dict[str, float] = field(default_factory=dict)
    #: Whether the markup types this credit a ``Person`` (schema.org).
    person: bool = False
    #: Whether the name holds a word of an organisation's name ("GmbH", "Foundation": the lexicons'
    #: ``organisation_words``).
    organisation: bool = False
    #: Whether every word of the name is a word of the lexicons' boilerplate ("Posted", "Follow",
    #: "More articles"), and whether the name is a picture's credit ("Photo: Jane Doe", "Getty Images").
    boilerplate: bool = False
    photo_credit: bool = False
    #: Labels of the short lines around the article where the name is written (``"caption"``...).
    seen_on: frozenset[str] = frozenset()
    #: Whether the page writes the name on one of its lines, wherever (:func:`describe`'s
    #: ``unwritten`` is its absence).
    written: bool = True
    #: Whether the name, written as one word, is the site's name or its host's ("El Example" on
    #: elexample.com).
    own_site: bool = False


def describe(
    cands: Sequence[Candidate], site_words: set[str], shaped: Sequence[bool], seen: Sequence[bool]
) -> None:
    """Fill each candidate's features.

    ``person`` is whether the markup types the credit a ``Person``;
    ``markup-crowd`` how many people the markup names (a page whose author links
    list every teaser's writer names many).

    ``site_words`` are the folded words of the site's name and publisher;
    ``shaped[k]`` says whether candidate ``k`` has a name's shape, ``seen[k]``
    whether its name is written on the lines around the article (a name the
    metadata gives and the page shows is a credit a reader sees); ``unwritten``
    is a name the page writes on none of its lines, wherever (on the development
    pages most such names are a CMS account or an editor the page credits
    nowhere; the fitted weight says how much that counts against them).
    """
    crowd = math.log(max(1, len(cands)))
    markup_crowd = math.log(max(1, sum(bool(c.evidence & MARKUP) for c in cands)))
    for cand, is_shaped, is_seen in zip(cands, shaped, seen):
        words = cand.source.canonical.casefold().split()
        f = {"bias": 1.0, **{f"ev:{e}": 1.0 for e in cand.evidence}}
        f["agree"] = math.log(max(1, len(cand.evidence - NOT_PLACES)))
        f["name-shaped"] = float(is_shaped)
        f["one-word"] = float(len(words) == 1)
        f["long"] = float(len(words) > 3)
        f["crowd"] = crowd
        in_site = bool(words) and bool(site_words) and set(words) <= site_words
        f["site-name"] = float(cand.own_site or in_site)
        f["role"] = float(cand.source.role is not None)
        f["meta-seen"] = float(is_seen and bool(cand.evidence & MARKUP))
        f["person"] = float(cand.person)
        f["markup-crowd"] = markup_crowd if cand.evidence & MARKUP else 0.0
        f["seen-caption"] = float(bool(cand.seen_on) and cand.seen_on <= _CAPTION_LIKE)
        f["organisation"] = float(cand.organisation)
        f["unwritten"] = float(not cand.written)
        cand.features = f


def score(cand: Candidate, weights: dict[str, float]) -> float:
    """The weighted sum of a candidate's features."""
    return sum(weights.get(name, 0.0) * value for name, value in cand.features.items())


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights bundled with the package (``data/byline_weights.json``)."""
    path = resources.files("boilerstrip").joinpath("data", "byline_weights.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["weights"])


def kept(cands: Sequence[Candidate], weights: dict[str, float]) -> list[Candidate]:
    """The candidates whose evidence outweighs its absence (a positive score), in order.

    A candidate that is the site's own name (its site name, publisher or host,
    :attr:`Candidate.own_site`) is never kept: the site is the publisher, not
    an author.  This is a hand rule because the development gold cannot teach
    it: its author field often holds the site's name where the page credits
    nobody.  (An earlier rule kept a lone metadata name with no rival; on the
    development pages, leave-site-out, it bought no F1 and cost precision, and
    went.)

    Nor is a name made only of the lexicons' furniture words ("Posted", "Follow",
    "More articles": :attr:`Candidate.boilerplate`) or a picture's credit ("Photo:
    Jane Doe", "Getty Images": :attr:`Candidate.photo_credit`).  Hand rules too:
    27 of the 1,082 development candidates are such, all wrong but one gold
    oddity, too few for the regularised fit to weigh them (as features they took
    weights of -0.4 and -0.2); leave-site-out authors P / R went 0.753 / 0.621 ->
    0.761 / 0.622.
    """
    return [c for c in cands if not (c.own_site or c.boilerplate or c.photo_credit) and score(c, weights) > 0]


def fit(
    examples: Sequence[tuple[Candidate, bool]], *, steps: int = 600, rate: float = 0.5, l2: float = 0.01
) -> dict[str, float]:
    """Weights of a logistic regression: the probability that a candidate is one of the article's authors.

    Full-batch gradient descent from zero weights, a fixed number of steps:
    deterministic.  The bias is then moved so that the score's zero is the
    cut that gives the best F1 on ``examples`` (:func:`_best_cut`): a kept author should be right,
    and a right author kept, alike.

    >>> a = Candidate(Source("A B", "A B", "author"), {"cue"}, {"bias": 1.0, "ev:cue": 1.0})
    >>> b = Candidate(Source("C", "C", "author"), {"shaped"}, {"bias": 1.0, "ev:shaped": 1.0})
    >>> w = fit([(a, True), (b, False)] * 3)
    >>> score(a, w) > 0 > score(b, w)
    True
    """
    import numpy as np

    index = {name: i for i, name in enumerate(FEATURES)}
    if not examples:
        return dict.fromkeys(FEATURES, 0.0)
    x = np.zeros((len(examples), len(FEATURES)))
    for r, (cand, _) in enumerate(examples):
        for name, value in cand.features.items():
            x[r, index[name]] = value
    y = np.asarray([right for _, right in examples], dtype=float)
    w = np.zeros(len(FEATURES))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= rate * ((p - y) @ x / len(examples) + l2 * w)
    w[index["bias"]] -= _best_cut(x @ w, y)
    return {name: round(float(w[i]), 6) for name, i in index.items()}


#: Cuts whose F1 on the fitting examples is within this of the best are averaged (:func:`_best_cut`).
CUT_TOLERANCE = 0.005


def _best_cut(scores: Any, right: Any) -> float:
    """The score above which kept candidates give the best F1: the mean of the cuts whose F1 is
    within :data:`CUT_TOLERANCE` of the best.

    The best single cut jumps between far-apart scores of nearly the same F1 when a few
    examples change (leave-site-out, one fold's bias moved by 0.1 and the authors' recall by
    0.013 for one lexicon entry); the mean of the near-best cuts does not.

    >>> import numpy as np
    >>> round(_best_cut(np.array([2.0, 1.0, -1.0]), np.array([1.0, 1.0, 0.0])), 3)
    0.0
    """
    order = sorted(zip(scores.tolist(), right.tolist()), reverse=True)
    total = sum(right.tolist())
    cuts, tp = [], 0.0
    for k, (value, is_right) in enumerate(order, 1):
        tp += is_right
        if k == len(order) or order[k][0] < value:
            below = order[k][0] if k < len(order) else value - 1.0
            cuts.append((2 * tp / (k + total) if total else 0.0, (value + below) / 2))
    best = max(f1 for f1, _ in cuts)
    near = [cut for f1, cut in cuts if f1 >= best - CUT_TOLERANCE]
    return sum(near) / len(near)
