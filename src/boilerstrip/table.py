"""Show every decision: the page as a table of line, label, rule and text."""

from __future__ import annotations

from .model import Page

#: Characters of a line's text shown in the table.
TEXT_WIDTH = 90


def format_table(page: Page, width: int = TEXT_WIDTH) -> str:
    """One row per labelled line: number, label, rule, and the start of the text.

    >>> from boilerstrip import strip
    >>> print(format_table(strip("Home\\nRead also")))
       1  navigation    cue:navigation-line           Home
       2  related-link  cue:related-header            Read also
    """
    rows = []
    for ln in page.lines:
        text = " ".join(ln.text.split())
        if len(text) > width:
            text = text[: width - 1] + "…"
        rows.append(f"{ln.number:>4}  {ln.label.value:<12}  {ln.rule:<28}  {text}")
    return "\n".join(rows)
