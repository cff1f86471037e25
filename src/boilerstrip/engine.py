"""The classifier engine: features, then the context-free pass, then the context pass.

The engine never names a word, a language or a tag: words live in the
lexicons (:mod:`boilerstrip.lexicon`), markup cues in the readers and
:mod:`boilerstrip.markup_rules`, thresholds in :class:`boilerstrip.Config`.
"""

from __future__ import annotations

import regex

from .config import DEFAULT, Config
from .context import decide
from .features import measure
from .lexicon import Lexicons, load
from .markup_rules import judge_markup
from .model import Label, Line, Page, Source
from .readers import PageMeta, RawLine
from .rules import judge
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
    out = [
        Line(raw.number, raw.text, label or Label.NAVIGATION, rule or "default")
        for raw, label, rule in zip(lines, decided.labels, decided.rules)
    ]
    return Page(
        lines=out,
        title=_title(out, meta),
        sources=_sources(out, meta, lex),
        language=_language_code(stoplist, lex),
    )


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
