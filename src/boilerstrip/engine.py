"""The classifier engine: features, then the context-free pass, then the context pass.

The engine never names a word, a language or a tag: words live in the
lexicons (:mod:`boilerstrip.lexicon`), markup cues in the readers and
:mod:`boilerstrip.markup_rules`, thresholds in :class:`boilerstrip.Config`.
"""

from __future__ import annotations

from .config import DEFAULT, Config
from .context import decide
from .features import measure
from .fields import read_fields
from .lexicon import load
from .markup_rules import judge_markup
from .model import Label, Line, Page
from .readers import PageMeta, RawLine
from .rules import judge


def classify(lines: list[RawLine], meta: PageMeta | None = None, config: Config | None = None) -> Page:
    """Label every line and read the page's title and sources.

    ``lines`` come from a reader (:mod:`boilerstrip.readers`); ``meta`` is
    what the page's metadata says, where the reader can tell.
    """
    cfg = config or DEFAULT
    lex = load()
    if not lines:
        return Page(lines=[], title=meta.title if meta else None, sources=[], language=None)
    feats, _ = measure(lines, lex, cfg)
    verdicts = [judge(f, lex, cfg, judge_markup) for f in feats]
    decided = decide(feats, verdicts, cfg)
    out = [
        Line(raw.number, raw.text, label or Label.NAVIGATION, rule or "default")
        for raw, label, rule in zip(lines, decided.labels, decided.rules)
    ]
    fields = read_fields(out, meta, lex)
    return Page(out, fields.title, fields.sources, fields.language, fields.date)
