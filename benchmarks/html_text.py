"""Plain text of an HTML fragment, one block element per line: how a gold body given as HTML is read.

Readability's ``expected.html`` gold (:func:`benchmarks.data.load_readability`) and
readability-lxml's output (:mod:`benchmarks.peers`) are HTML; both are compared with
line labellers' text after this one conversion.  It has a module of its own because the
loaders and the renderers both stand on it, not on each other.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

_BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    )
)


def html_to_text(html: str, drop: tuple[str, ...] = ()) -> str:
    """Plain text of an HTML fragment, one block element per line.

    Used for Readability's ``expected.html`` gold and for readability-lxml's
    output; ``drop`` names elements removed first (e.g. ``figcaption``).

    >>> html_to_text("<div><p>One <b>two</b></p><figcaption>cap</figcaption><p>three</p></div>",
    ...              drop=("figcaption",))
    'One two\\nthree'
    """
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    if not isinstance(root, lxml.html.HtmlElement):  # lxml's HTML parser gives no other kind
        return ""
    for el in list(root.iter("script", "style", *drop)):
        if isinstance(el, lxml.html.HtmlElement) and el.getparent() is not None:
            el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
