"""What the page says about its article besides the body: title, sources, date and language.

One call, :func:`read_fields`, takes the labelled lines and the reader's
metadata; it never changes a label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dates import date_from_lines
from .langid import page_language
from .lexicon import Lexicons
from .model import Label, Line, Source
from .readers import PageMeta
from .sources import article_sources
from .title import choose_title


@dataclass(frozen=True)
class Fields:
    """The article's title, sources, publication date (ISO 8601) and language (ISO 639-1)."""

    title: str | None
    sources: list[Source]
    date: str | None
    language: str | None


def read_fields(lines: Sequence[Line], meta: PageMeta | None, lex: Lexicons) -> Fields:
    """Title, sources, date and language of a labelled page (see the README, "API")."""
    body = "\n".join(ln.text.strip() for ln in lines if ln.label is Label.BODY)
    language = page_language(body, "\n".join(ln.text for ln in lines))
    date = (meta.date if meta is not None else None) or date_from_lines(lines)
    return Fields(
        title=choose_title(lines, meta),
        sources=article_sources(lines, meta, lex, language),
        date=date,
        language=language,
    )
