"""Plain-text reader: a page given as lines, as in ``seeds/*.txt``."""

from __future__ import annotations

from . import RawLine


def read_text(text: str) -> list[RawLine]:
    """Split ``text`` on ``"\\n"`` and keep the non-blank lines with their numbers.

    A line is blank when ``str.strip()`` leaves nothing; a line holding only an
    invisible mark such as U+FEFF is *not* blank (``str.strip`` keeps it).

    >>> [(ln.number, ln.text) for ln in read_text("a\\n\\n  \\nb\\r")]
    [(1, 'a'), (4, 'b\\r')]
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes str, not {type(text).__name__}")
    return [RawLine(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]
