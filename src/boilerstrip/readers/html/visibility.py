"""Visibility: remove what a browser never shows as text, before the marking and the rendering."""

from __future__ import annotations

import re
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from .settings import DEFAULT, HtmlReaderConfig
from .tags import DROPPED

__all__ = ["drop_hidden", "drop_never_shown"]

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MAYBE_HIDDEN = etree.XPath("//*[@hidden or contains(@style, 'none') or contains(@style, 'hidden')]")


def drop_never_shown(root: HtmlElement) -> None:
    """Remove what is never text (:data:`~boilerstrip.readers.html.tags.DROPPED`) and the ``<wbr>`` tags."""
    etree.strip_elements(root, *DROPPED, with_tail=False)
    etree.strip_tags(root, "wbr")


def drop_hidden(root: HtmlElement, config: HtmlReaderConfig = DEFAULT) -> None:
    """Remove what a browser does not show (``hidden``, inline ``display:none``), keeping tails.

    An element holding most of the page's text stays: pages that reveal their
    article with a script hide it this way too.  So does every hidden block when
    together they hold most of it (a story told in sections that a script
    shows one at a time).
    """
    hidden = [
        element
        for element in cast("list[HtmlElement]", _MAYBE_HIDDEN(root))  # the expression selects elements only
        if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or "")
    ]
    if not hidden:
        return
    marked = set(hidden)
    outermost = [e for e in hidden if not any(a in marked for a in e.iterancestors())]
    sizes = [len(element.text_content()) for element in outermost]
    hidden_size = sum(sizes)
    if hidden_size < config.hidden_article_chars:  # no block large enough to be the article: the common case
        for element in outermost:
            element.drop_tree()
        return
    total = len(root.text_content())
    if hidden_size >= config.hidden_article_share * total:
        return
    for element, size in zip(outermost, sizes, strict=True):
        if size < config.hidden_article_chars or size < config.hidden_article_share * total:
            element.drop_tree()
