"""The classifier engine: features, then the context-free pass, then the context pass.

The engine never names a word, a language or a tag: words live in the
lexicons (:mod:`boilerstrip.lexicon`), markup cues in the readers and
:mod:`boilerstrip.markup_rules`, thresholds in :class:`boilerstrip.Config`.
"""

from __future__ import annotations

import regex

from .config import DEFAULT, Config
from .context import Decided, decide
from .decoding import explain, viterbi
from .evidence import gather
from .features import measure
from .lexicon import Lexicons, load
from .markup_rules import judge_markup
from .model import Label, Line, Page, Source
from .readers import PageMeta, RawLine
from .rules import judge
from .scoring import Weights, default_weights
from .sources import dedupe, from_attribution, from_dateline, from_metadata

# Markdown heading marks a renderer may put before a headline ("# Title").
_HEADING_MARKS = regex.compile(r"^\s*#{1,6}\s+")


def _language_code(stoplist: str | None, lex: Lexicons) -> str | None:
    """The lexicon code of a jusText stoplist name, else the name in lower case."""
    code = next((c for c, stop in lex.languages.items() if stop == stoplist), None)
    return code or (stoplist.lower() if stoplist else None)


def classify(lines: list[RawLine], meta: PageMeta | None = None, config: Config | None = None) -> Page:
    """Label every line and read the page's title and sources.

    ``lines`` come from a reader (:mod:`boilerstrip.readers`); ``meta`` is
    what the page's metadata says, where the reader can tell.
    """
    cfg = config or DEFAULT
    lex = load()
    if not lines:
        return Page(lines=[], title=meta.title if meta else None, sources=[], language=None)
    feats, stoplist = measure(lines, lex, cfg)
    verdicts = [judge(f, lex, cfg, judge_markup) for f in feats]
    decided = decide(feats, verdicts, cfg)
    weights = default_weights() if cfg.decoder == "fitted" else None
    if weights is None:
        out = [
            Line(raw.number, raw.text, label or Label.NAVIGATION, rule or "default")
            for raw, label, rule in zip(lines, decided.labels, decided.rules)
        ]
    else:
        out = weigh(lines, gather(feats, verdicts, decided), weights)
    return Page(
        lines=out,
        title=_title(out, meta),
        sources=_sources(out, meta, lex),
        language=_language_code(stoplist, lex),
    )


def passes(lines: list[RawLine], config: Config | None = None) -> tuple[list[list[str]], Decided]:
    """The evidence of every line and the hand-written passes' own verdicts (for training)."""
    cfg = config or DEFAULT
    lex = load()
    if not lines:
        return [], Decided([], [])
    feats, _ = measure(lines, lex, cfg)
    verdicts = [judge(f, lex, cfg, judge_markup) for f in feats]
    decided = decide(feats, verdicts, cfg)
    return gather(feats, verdicts, decided), decided


def weigh(lines: list[RawLine], evidence: list[list[str]], weights: Weights) -> list[Line]:
    """Label the lines by the fitted weights; each line keeps the evidence that was weighed.

    ``Line.rule`` is the evidence that weighed most for the chosen label (the context-free
    verdict when nothing weighed for it).
    """
    path = viterbi(weights.scores(evidence), weights)
    out = []
    for k, (raw, names, y) in enumerate(zip(lines, evidence, path)):
        ev = explain(names, y, path[k - 1] if k else None, weights)
        top = max(
            (nw for nw in ev if not nw[0].startswith("transition:")), key=lambda nw: nw[1], default=None
        )
        rule = top[0] if top is not None and top[1] > 0 else names[0]
        out.append(Line(raw.number, raw.text, weights.labels[y], rule, ev))
    return out


def _title(lines: list[Line], meta: PageMeta | None) -> str | None:
    for ln in lines:
        if ln.label is Label.TITLE:
            return _HEADING_MARKS.sub("", ln.text).strip()
    return meta.title if meta and meta.title else None


def _sources(lines: list[Line], meta: PageMeta | None, lex: Lexicons) -> list[Source]:
    """Credits from attribution lines, the body's dateline, then the page's metadata."""
    found = []
    for ln in lines:
        if ln.label is Label.ATTRIBUTION:
            found += from_attribution(ln.text, ln.rule, lex)
    first_body = next((ln for ln in lines if ln.label is Label.BODY), None)
    if first_body is not None:
        found += from_dateline(first_body.text, lex)
    if meta is not None:
        found += from_metadata(meta.authors, [meta.publisher, meta.sitename], lex)
    return dedupe(found)
