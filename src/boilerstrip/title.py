"""The article's headline, chosen among the page's own title candidates by fitted weights.

Candidates are the lines labelled ``title`` (nearest the article first) and,
in HTML mode, what the page's markup and metadata say (``<h1>``,
``og:title``, ``twitter:title``, JSON-LD ``headline``, ``<title>`` as it is and
less the site name; see :class:`boilerstrip.readers.PageMeta`).  Candidates
that say the same thing once normalised are one candidate holding every
source that gave it.  Each is described by a few features (its sources, how
many sources agree on it, its length, its place before the article, its
overlap with ``<title>``), and the candidate with the highest weighted sum
wins.

The weights are not written by hand: ``python -m benchmarks.fit_title`` fits
them (a conditional logit over each page's candidates, by plain gradient
descent from zero, so the same data always gives the same weights) on the
development pages and writes ``data/title_weights.json``; the benchmark
scores each page with weights fitted without its site (see
``benchmarks/metadata.py``).
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from .model import Label, Line
from .readers import PageMeta

#: Lines labelled ``title`` taken as candidates, nearest the article first.
MAX_LINE_CANDIDATES = 3
# Markdown heading marks a renderer may put before a headline ("# Title").
_HEADING_MARKS = regex.compile(r"^\s*#{1,6}\s+")
# What separates a headline from the site's name in <title>: "Headline | Site", "Site - Headline".
_TITLE_SEPARATORS = regex.compile(r"\s+[|\-–—:·»«/]{1,2}\s+|\s*[|·»]\s*")
_EDGES = regex.compile(r"^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$")
_WORD = regex.compile(r"\w+")

#: Every feature a candidate can carry; weights are keyed by these names.
SOURCES = (
    "line",
    "line-other",
    "h1",
    "h1-other",
    "og:title",
    "twitter:title",
    "json-ld",
    "meta",
    "title-tag",
    "title-tag-cut",
)
FEATURES = (
    *(f"src:{s}" for s in SOURCES),
    "agree",
    "words",
    "short",
    "long",
    "near-article",
    "rule:headline",
    "in-title-tag",
    "title-tag-overlap",
    "is-sitename",
    "only-line",
)


def normalise(text: str) -> str:
    """Text as titles are compared: NFKC, case-folded, spaces collapsed, edge punctuation trimmed.

    >>> normalise("  « Le  Titre » ")
    'le titre'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_EDGES.sub("", text).split())


@dataclass
class Candidate:
    """One title the page proposes, with every source that proposed it and its features."""

    text: str
    sources: list[str]
    features: dict[str, float]


def _cut_site(title: str, sitename: str | None) -> str | None:
    """``<title>`` less the site's name: the longest part between separators, if there are parts."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p and p.strip()]
    if len(parts) < 2:
        return None
    site = normalise(sitename) if sitename else ""
    kept = [p for p in parts if normalise(p) != site] or parts
    return max(kept, key=len)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def candidates(lines: Sequence[Line], meta: PageMeta | None) -> list[Candidate]:
    """The page's title candidates, merged by normalised text, with their features."""
    raw: list[tuple[str, str, dict[str, float]]] = []
    first_body = next((k for k, ln in enumerate(lines) if ln.label is Label.BODY), len(lines))
    titles = [k for k, ln in enumerate(lines) if ln.label is Label.TITLE]
    # Nearest the article first: the last title line before the first body line, then the rest.
    before = [k for k in titles if k < first_body][::-1]
    after = [k for k in titles if k >= first_body]
    for rank, k in enumerate((before + after)[:MAX_LINE_CANDIDATES]):
        ln = lines[k]
        extra = {
            "near-article": 1.0 / (1 + abs(first_body - k)),
            # The hand passes' rule: with the fitted decoder ``rule`` is the strongest evidence.
            "rule:headline": float(ln.by_passes[1] == "context:headline"),
        }
        raw.append(("line" if rank == 0 else "line-other", _HEADING_MARKS.sub("", ln.text).strip(), extra))
    tag = None
    if meta is not None:
        h1s = 0
        for source, text in meta.title_candidates:
            if source == "h1":
                source = "h1" if h1s == 0 else "h1-other"
                h1s += 1
            if source == "title-tag":
                tag = text
                cut = _cut_site(text, meta.sitename)
                if cut:
                    raw.append(("title-tag-cut", cut, {}))
            raw.append((source, text, {}))
    merged: dict[str, Candidate] = {}
    for source, text, extra in raw:
        key = normalise(text)
        if not key:
            continue
        cand = merged.get(key)
        if cand is None:
            cand = merged[key] = Candidate(text, [], {})
        if source not in cand.sources:
            cand.sources.append(source)
        for name, value in extra.items():
            cand.features[name] = max(cand.features.get(name, 0.0), value)
    tag_words = _words(normalise(tag)) if tag else set()
    site = normalise(meta.sitename) if meta and meta.sitename else None
    for key, cand in merged.items():
        f = cand.features
        for s in cand.sources:
            f[f"src:{s}"] = 1.0
        n = len(key.split())
        words = _words(key)
        f["agree"] = math.log(len(cand.sources))
        f["words"] = math.log1p(n)
        f["short"] = float(n <= 2)
        f["long"] = float(n > 25)
        f["in-title-tag"] = float(bool(tag) and key in normalise(tag or ""))
        f["title-tag-overlap"] = len(words & tag_words) / len(words) if words and tag_words else 0.0
        f["is-sitename"] = float(site is not None and key == site)
        f["only-line"] = float(all(s.startswith("line") for s in cand.sources))
    return list(merged.values())


def score(cand: Candidate, weights: dict[str, float]) -> float:
    """The weighted sum of a candidate's features."""
    return sum(weights.get(name, 0.0) * value for name, value in cand.features.items())


def best(cands: Sequence[Candidate], weights: dict[str, float]) -> Candidate | None:
    """The highest-scoring candidate; ties go to the earlier one (lines come first)."""
    top, top_score = None, -math.inf
    for cand in cands:
        s = score(cand, weights)
        if s > top_score:
            top, top_score = cand, s
    return top


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights bundled with the package (``data/title_weights.json``)."""
    path = resources.files("boilerstrip").joinpath("data", "title_weights.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["weights"])


def choose_title(lines: Sequence[Line], meta: PageMeta | None) -> str | None:
    """The page's headline: the best of its candidates, or ``None`` when it has none."""
    cand = best(candidates(lines, meta), weights())
    return cand.text if cand is not None else None


def fit(
    pages: Sequence[tuple[Sequence[Candidate], Sequence[bool]]],
    *,
    steps: int = 400,
    rate: float = 0.5,
    l2: float = 0.01,
) -> dict[str, float]:
    """Weights of a conditional logit: on each page, the right candidates should outscore the others.

    ``pages`` holds, per page, its candidates and which of them are right;
    pages with no right candidate or a single candidate teach nothing and are
    skipped.  Full-batch gradient descent from zero weights, a fixed number of
    steps: deterministic.

    >>> a = Candidate("a", ["h1"], {"src:h1": 1.0})
    >>> b = Candidate("b", ["meta"], {"src:meta": 1.0})
    >>> w = fit([([a, b], [True, False])] * 3)
    >>> w["src:h1"] > w["src:meta"]
    True
    """
    import numpy as np

    index = {name: i for i, name in enumerate(FEATURES)}
    data = []
    for cands, flags in pages:
        if len(cands) < 2 or not any(flags) or all(flags):
            continue
        x = np.zeros((len(cands), len(FEATURES)))
        for r, cand in enumerate(cands):
            for name, value in cand.features.items():
                x[r, index[name]] = value
        data.append((x, np.asarray(flags, dtype=bool)))
    w = np.zeros(len(FEATURES))
    if not data:
        return dict.fromkeys(FEATURES, 0.0)
    for _ in range(steps):
        grad = l2 * w
        for x, right in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * right / (p[right].sum())
            grad -= (q - p) @ x / len(data)
        w -= rate * grad
    return {name: round(float(w[i]), 6) for name, i in index.items()}
