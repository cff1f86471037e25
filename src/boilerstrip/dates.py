"""The publication date: htmldate's in HTML mode, else the dateline and date lines.

In HTML mode the reader asks htmldate (installed with trafilatura) on the
parsed tree (:attr:`boilerstrip.readers.PageMeta.date`).  In text mode, and
when htmldate finds nothing, the lines around the article's start are read
with htmldate's own expression parser (:func:`htmldate.extractors.try_date_expr`):
the date lines and attribution lines before the body, then the body's first
line (a dateline: "LONDON, March 3, 2024 (Reuters) -").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .model import Label, Line

#: Lines read for a date, around the article's first body line.
DATE_WINDOW = 12
#: Characters of a line read for a date (a date line is short; a dateline opens its paragraph).
MAX_DATE_CHARS = 120
_EARLIEST = datetime(1995, 1, 1)
_LATEST = datetime(2100, 1, 1)


def parse_date(text: str) -> str | None:
    """An ISO 8601 day (``YYYY-MM-DD``) read from a short text, or ``None``.

    >>> parse_date("Jane Doe | 05.04.2025")
    '2025-04-05'
    >>> parse_date("Updated 3 minutes ago") is None
    True
    """
    from htmldate.extractors import try_date_expr

    try:
        return try_date_expr(text[:MAX_DATE_CHARS], "%Y-%m-%d", False, _EARLIEST, _LATEST)
    except Exception:  # a date is a bonus: a parser quirk must not lose the page
        return None


def date_from_lines(lines: Sequence[Line]) -> str | None:
    """The first date read from the lines that carry one near the article's start."""
    first_body = next((k for k, ln in enumerate(lines) if ln.label is Label.BODY), None)
    if first_body is None:
        return None
    start = max(0, first_body - DATE_WINDOW)
    window = [ln for ln in lines[start:first_body] if ln.label is not Label.BODY]
    for ln in [*window[::-1], lines[first_body]]:
        found = parse_date(ln.text)
        if found:
            return found
    return None
