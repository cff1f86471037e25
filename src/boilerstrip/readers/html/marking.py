"""Marking: cue the page's containers once, before rendering, with trafilatura's expressions and more.

The costliest stage of the reading: trafilatura's XPath tables, compiled by
:mod:`boilerstrip.readers.xpath_subset` into one walk, find the article
container, bylines and the page furniture; the densest text block gives a
second opinion on the article; and negative cues are withheld from whatever
holds the article (see :func:`mark_elements`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from ..xpath_subset import CompiledXPaths, compile_xpaths
from .cues import ATTRIBUTE_CUE_SOURCES, NEGATIVE_CUES, attribute_cues, discard_concepts
from .settings import DEFAULT, HtmlReaderConfig

__all__ = ["TRAFILATURA_TAGS", "Marks", "compiled_xpaths", "mark_elements", "text_holders", "xpaths"]


def xpaths(name: str) -> list[Any]:
    import trafilatura.xpaths as xp

    return list(getattr(xp, name, ()))


#: trafilatura's expressions name lists and items as its converted tree does: they see these
#: tags under these names (an alias table of the XPath subset; the tree keeps its own names)
TRAFILATURA_TAGS = {"ul": "list", "ol": "list", "dl": "list", "li": "item", "dd": "item", "dt": "item"}

# (trafilatura.xpaths name, cue) evaluated as they are
_XPATH_CUES = (
    ("COMMENTS_XPATH", "t:comments"),
    ("REMOVE_COMMENTS_XPATH", "t:comments"),
    ("TEASER_DISCARD_XPATH", "t:teaser"),
    ("PRECISION_DISCARD_XPATH", "t:precision"),
    ("DISCARD_IMAGE_ELEMENTS", "t:caption"),
    ("RAW_TREE_PRUNE_XPATH", "t:appended"),
    ("TITLE_XPATHS", "t:title"),
)
# fmt: off
_CONTAINER_TAGS = {
    "nav": "nav", "menu": "nav", "header": "header", "footer": "footer", "aside": "aside",
    "form": "form", "fieldset": "form", "dialog": "dialog",
}
# fmt: on
_ARTICLE_XPATH = etree.XPath(
    "ancestor::*[self::article or @role='article' or contains(@itemprop, 'articleBody')]"
)


@dataclass
class Marks:
    """What :func:`mark_elements` found: cues per element, the article, the bylines."""

    cues: dict[Any, frozenset[str]]
    body: Any = None
    bylines: list[Any] = field(default_factory=list)


def mark_elements(root: HtmlElement, config: HtmlReaderConfig = DEFAULT) -> Marks:
    """Cue the page's containers once, before rendering; return cues per element.

    * trafilatura's XPaths, with their own meaning (they see lists and items
      as ``list``/``item``, the names of trafilatura's converted tree, through
      :data:`TRAFILATURA_TAGS`), evaluated in one walk by
      :mod:`boilerstrip.readers.xpath_subset`;
    * ``OVERALL_DISCARD_XPATH`` matches named by the token group that matched;
    * the first ``BODY_XPATH`` result that is not inside an element trafilatura
      deletes before looking (``MANUALLY_CLEANED``: aside, footer, nav, form …)
      and holds text, as ``t:body-candidate``;
    * the element whose own paragraphs hold the most text, as ``text-dense`` (a
      readability-style second opinion, and the only one when trafilatura's
      expressions find no article container);
    * containers (``nav``, ``header`` …), ARIA roles and class/id words
      (:data:`CLASS_WORDS`).

    Then the guard: an element that holds the article (an ancestor of the body
    candidate, or more than half of its text; with no candidate, of the densest
    block) loses its negative cues, as trafilatura refuses to prune what would
    leave nothing (``prune_unwanted_nodes(..., with_backup=True)``) and deletes a
    ``<form>`` only when it does not wrap the page.
    """
    from trafilatura.settings import MANUALLY_CLEANED

    marks: dict[Any, set[str]] = {}

    def mark(elements: Iterable[Any], *cues: str) -> None:
        for element in elements:
            marks.setdefault(element, set()).update(cues)

    found, said = compiled_xpaths().evaluate(root, text_holders(root))
    for element, cues in said.items():
        mark([element], *cues)
    discard = found.get("OVERALL_DISCARD_XPATH", [])
    for number, elements in enumerate(discard):
        for element in elements:
            mark([element], *(discard_concepts(element) if number == 0 else ("t:hidden",)))
    for name, cue in _XPATH_CUES:
        for elements in found.get(name, ()):
            mark(elements, cue)
    for number, elements in enumerate(found.get("COMMENTS_DISCARD_XPATH", ())):
        if number != 1:  # the second one is every <cite> and <q>: quotes, not comments
            mark(elements, "t:comments")
    bylines = [e for elements in found.get("AUTHOR_XPATHS", ())[:2] for e in elements]
    mark(bylines, "t:byline")  # the third expression, "any element", is too loose

    cleaned = frozenset(MANUALLY_CLEANED)
    body = None
    for elements in found.get("BODY_XPATH", ()):
        body = next((c for c in elements if _is_body_candidate(c, cleaned, config)), None)
        if body is not None:
            mark([body], "t:body-candidate")
            break
    dense = _densest_text_block(root, config)
    if dense is not None:
        mark([dense], "text-dense")

    for element in root.iter(*_CONTAINER_TAGS):
        cue = _CONTAINER_TAGS[element.tag]
        if cue in ("header", "footer") and (
            (body is not None and _is_descendant(element, body)) or _ARTICLE_XPATH(element)
        ):
            cue = "article-" + cue
        mark([element], cue)
    article = body if body is not None else dense if dense is not None else root
    _withhold_negatives(marks, article, config)
    return Marks({element: frozenset(cues) for element, cues in marks.items() if cues}, body, bylines)


_TEXT_OWNERS = etree.XPath("//*[text()[normalize-space()]]")


def text_holders(root: HtmlElement) -> set[Any]:
    """The elements that hold text, their own or their descendants': the only ones whose cues reach a line.

    The cues of an element apply to the text inside it (see
    :func:`~boilerstrip.readers.html.rendering.render`); one with none could not
    change a line, so trafilatura's expressions, the costliest part of the
    reading, skip it (but for their positions, see
    :meth:`~boilerstrip.readers.xpath_subset.CompiledXPaths.evaluate`).  XPath's
    ``normalize-space`` strips less than Python's ``str.split``, so the set holds
    every element whose text renders, and perhaps a few more.  Linear: the walk up
    stops at the first element already in the set.
    """
    holders: set[Any] = set()
    add = holders.add
    # an element's text() nodes are its own text and its children's tails: what it shows itself
    for element in cast("list[HtmlElement]", _TEXT_OWNERS(root)):  # the expression selects elements only
        while element is not None and element not in holders:
            add(element)
            element = element.getparent()
    return holders


_XPATH_GROUPS = (
    "OVERALL_DISCARD_XPATH",
    "COMMENTS_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "TEASER_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "RAW_TREE_PRUNE_XPATH",
    "TITLE_XPATHS",
    "COMMENTS_DISCARD_XPATH",
    "AUTHOR_XPATHS",
    "BODY_XPATH",
)


@functools.cache
def compiled_xpaths() -> CompiledXPaths:
    """trafilatura's expression groups, compiled once per process."""
    return compile_xpaths(
        ((name, xpaths(name)) for name in _XPATH_GROUPS),
        attribute_cues,
        ATTRIBUTE_CUE_SOURCES,
        aliases=TRAFILATURA_TAGS,
    )


def _is_body_candidate(candidate: Any, cleaned: frozenset[str], config: HtmlReaderConfig) -> bool:
    """Whether trafilatura would extract from ``candidate`` (see :func:`mark_elements`)."""
    if any(ancestor.tag in cleaned for ancestor in candidate.iterancestors()):
        return False  # trafilatura has deleted these containers before it looks
    return _solid_length(candidate.text_content()) >= config.min_body_chars


def _solid_length(text: str) -> int:
    """How many characters of ``text`` are not white space (``str.split``'s, which is ``\\s``)."""
    return len("".join(text.split()))


def _densest_text_block(root: HtmlElement, config: HtmlReaderConfig) -> Any:
    """The element whose own paragraphs (``<p>`` children, text between ``<br>``) hold most text."""
    score: dict[Any, int] = {}
    for element in root.iter("p", "br"):
        parent = element.getparent()
        if parent is None:
            continue
        text = element.text_content() if element.tag == "p" else element.tail
        if text:
            size = len(text) - text.count(" ")
            if size > config.dense_paragraph_chars:
                score[parent] = score.get(parent, 0) + size
    if not score:
        return None
    best = max(score, key=score.__getitem__)
    return best if score[best] >= config.min_body_chars else None


def _withhold_negatives(marks: dict[Any, set[str]], article: Any, config: HtmlReaderConfig) -> None:
    """Drop negative cues from elements that hold ``article`` (see :func:`mark_elements`)."""
    half = config.article_share * (_solid_length(article.text_content()) or 1)
    ancestors = set(article.iterancestors())
    inside: set[Any] | None = None
    for element, cues in marks.items():
        if cues.isdisjoint(NEGATIVE_CUES):
            continue
        holds_article = element is article or element in ancestors
        if not holds_article:
            if inside is None:
                inside = set(article.iterdescendants())
            if element in inside:
                text = element.text_content()
                # the length with spaces bounds the one without: most blocks are too small either way
                holds_article = len(text) > half and _solid_length(text) > half
        if holds_article:
            cues -= NEGATIVE_CUES


def _is_descendant(element: Any, ancestor: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False
