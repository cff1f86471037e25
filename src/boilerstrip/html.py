"""HTML mode: ``strip_html`` reads a page's markup, then classifies its lines as text mode does.

The pipeline is decode → read → classify: bytes are decoded
(:mod:`boilerstrip.readers.decode`), the page is parsed once and rendered to
lines that carry markup cues (:mod:`boilerstrip.readers.html`), and the same
engine as :func:`boilerstrip.strip` labels them, consulting
:mod:`boilerstrip.markup_rules` for what the cues say.
"""

from __future__ import annotations

from .config import Config
from .engine import classify
from .model import Page
from .readers.html import read_html

__all__ = ["strip_html"]


def strip_html(html: str | bytes, url: str | None = None, *, config: Config | None = None) -> Page:
    """Label every line of an HTML page and return the page, as :func:`boilerstrip.strip` does for text.

    ``html`` is the page as ``str`` or as ``bytes``; bytes are decoded from
    their byte-order mark, their ``<meta charset>`` or a detection, and bytes
    that cannot be read as text raise :class:`boilerstrip.InputError` (a
    ``ValueError``).  Other types raise ``TypeError``.  ``url`` is the page's
    address, when known (metadata only).  Broken or deeply nested markup is
    read as browsers read it; an empty page gives an empty ``Page``.

    The ``lines`` of the result are the page as boilerstrip renders it to
    text (one line per block, ``<br>`` or ``<pre>`` line), numbered as in that
    text with blank lines between paragraphs.
    """
    if not isinstance(html, (str, bytes, bytearray)):
        raise TypeError(f"strip_html() takes str or bytes, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"strip_html() takes url as str, not {type(url).__name__}")
    lines, meta = read_html(html, url)
    return classify(lines, meta, config=config)
