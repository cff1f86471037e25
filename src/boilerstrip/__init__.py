"""boilerstrip: label every line of a news page, keep its body and its sources.

>>> import boilerstrip
>>> page = boilerstrip.strip(
...     "Home\\nCouncil approves new budget for city parks\\n"
...     "The city council approved a new budget on Monday that doubles spending on parks.\\n"
...     "Read also\\nMayor unveils plan to plant ten thousand trees\\n"
... )
>>> [line.label.value for line in page.lines]
['navigation', 'title', 'body', 'related-link', 'related-link']
>>> page.lines[3].rule   # the evidence that weighed most for the line's label
'cue:related-header'

The classifier (and trafilatura, which it draws on) is imported on first
use, not with the package: ``boilerstrip --help``, ``--version`` and a
mistyped command line answer at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import InputError, Label, Line, Page, Source

if TYPE_CHECKING:
    from .config import Config

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


def __getattr__(name: str) -> Any:
    """``Config`` on first use: importing it loads trafilatura, which most of a second of start-up is."""
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(f"module 'boilerstrip' has no attribute {name!r}")


def strip(text: str, *, config: Config | None = None) -> Page:
    """Label every non-blank line of ``text`` and return the page.

    ``text`` is a page as plain text, one line per ``"\\n"``.  Any ``str``
    is accepted (an empty one gives an empty page); other types raise
    ``TypeError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"strip() takes str, not {type(text).__name__}; use strip_html() for HTML bytes")
    from .engine import classify, collector_paused
    from .readers.text import read_text

    with collector_paused():
        return classify(read_text(text), config=config)


def strip_html(html: str | bytes, url: str | None = None, *, config: Config | None = None) -> Page:
    """Label every line of an HTML page and return the page, as :func:`strip` does for text.

    ``html`` is the page as ``str`` or as ``bytes``; bytes are decoded from
    their byte-order mark, their ``<meta charset>`` or a detection, and bytes
    that cannot be read as text raise :class:`boilerstrip.InputError` (a
    ``ValueError``).  Other types raise ``TypeError``.  ``url`` is the page's
    address, when known (metadata only).  Broken or deeply nested markup is
    read as browsers read it; an empty page gives an empty ``Page``.

    The ``lines`` of the result are the page as boilerstrip renders it to
    text (one line per block, ``<br>`` or ``<pre>`` line), numbered as in that
    text with blank lines between paragraphs.

    The pipeline is decode → read → classify: bytes are decoded
    (:mod:`boilerstrip.readers.decode`), the page is parsed once and rendered to
    lines that carry markup cues (:mod:`boilerstrip.readers.html`, with the
    thresholds of ``config.html_reader``), and the same engine as :func:`strip`
    labels them, consulting :mod:`boilerstrip.markup_rules` for what the cues say.
    """
    if not isinstance(html, (str, bytes, bytearray)):
        raise TypeError(f"strip_html() takes str or bytes, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"strip_html() takes url as str, not {type(url).__name__}")
    from .config import DEFAULT
    from .engine import classify, collector_paused
    from .readers.html import read_html

    with collector_paused():
        lines, meta = read_html(html, url, (config or DEFAULT).html_reader)
        return classify(lines, meta, config=config)


def explain(page: str | bytes, *, config: Config | None = None) -> str:
    """Every line of a page with its label and the rule that decided it, as a table.

    The page is told HTML or plain text by its content, as the command line
    does (:func:`boilerstrip.readers.sniff.sniff`): a table of an HTML page's markup
    read as text would explain nothing.  Call ``strip(text).explain()`` to
    read HTML source as text on purpose.

    >>> print(explain("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"))
       1  navigation    links:0.75+                   Home
    """
    from .readers.sniff import sniff

    if isinstance(page, (bytes, bytearray)) or sniff(page) == "html":
        return strip_html(bytes(page) if isinstance(page, bytearray) else page, config=config).explain()
    return strip(page, config=config).explain()
