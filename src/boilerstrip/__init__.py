"""boilerstrip: label every line of a news page, keep its body and its sources.

>>> import boilerstrip
>>> page = boilerstrip.strip("Home\\nRead also\\nHeadline of another story\\n")
>>> [line.label.value for line in page.lines]
['navigation', 'related-link', 'related-link']
"""

from __future__ import annotations

from .config import Config
from .engine import classify
from .html import strip_html
from .model import InputError, Label, Line, Page, Source
from .readers.text import read_text

__all__ = [
    "Config",
    "InputError",
    "Label",
    "Line",
    "Page",
    "Source",
    "explain",
    "strip",
    "strip_html",
]
__version__ = "0.1.0"


def strip(text: str, *, config: Config | None = None) -> Page:
    """Label every non-blank line of ``text`` and return the page.

    ``text`` is a page as plain text, one line per ``"\\n"``.  Any ``str``
    is accepted (an empty one gives an empty page); other types raise
    ``TypeError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"strip() takes str, not {type(text).__name__}; use strip_html() for HTML bytes")
    return classify(read_text(text), config=config)


def explain(text: str, *, config: Config | None = None) -> str:
    """Every line of ``text`` with its label and the rule that decided it, as a table."""
    return strip(text, config=config).explain()
