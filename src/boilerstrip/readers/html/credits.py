"""Who the page's markup credits for the article, each credit with where it was read and its kind.

The places a publisher states an author: JSON-LD ``author`` (an object with
its ``@type``, a list of them, a reference to a node of the ``@graph``, or a
bare string), ``<meta name="author">`` and its kin (``article:author``,
``dc.creator``, ``parsely-author``, ``sailthru.author``, ``byl``), links
marked ``rel="author"``, and schema.org microdata (``itemprop="author"``,
its ``itemtype`` and nested ``itemprop="name"``).  Each credit keeps its
kind where the markup states one: ``person`` or ``organization``; the byline
scorer weighs both (:mod:`boilerstrip.bylines`).

What is not read: ``generator``, ``designer``, ``web_author``, ``copyright``
and ``twitter:creator`` (a handle), addresses, the authors of comments
and reviews (a ``Comment`` or ``Review`` object, a comment block), and those
of pictures and videos (an ``ImageObject``, a ``VideoObject``, an ``image``:
a photographer is no author of the article).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["builder_names", "markup_credits"]

#: A credit read from markup: ``(name, where, kind)``; ``where`` is ``json-ld``, ``meta-tag``,
#: ``rel-author`` or ``microdata``; ``kind`` is ``person``, ``organization`` or ``None`` (unstated).
Credit = tuple[str, str, "str | None"]

_SPACE = re.compile(r"\s+")
#: Meta tags whose content is the article's author (``name`` or ``property``, lower-cased).
_AUTHOR_METAS = frozenset(
    {"author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl"}
)
# schema.org types of organisations (any type whose name ends so counts too: "NewsMediaOrganization").
_ORG_TYPES = frozenset(
    {"organization", "corporation", "newsmediaorganization", "ngo", "governmentorganization"}
)
# Objects whose author is not the article's: a comment, a review, an answer, a picture or a video
# (its author is the photographer: "Photo: Jane Doe", an agency's photographer).
_NOT_THE_ARTICLE = frozenset({
    "comment", "review", "answer", "question", "rating", "userreview",
    "imageobject", "photograph", "videoobject", "mediaobject", "audioobject",
})
# Keys under which JSON-LD nests other works, whose authors are not the article's.
_OTHER_WORKS = frozenset(
    {"comment", "comments", "review", "reviews", "suggestedanswer", "acceptedanswer", "itemlistelement",
     "mentions", "citation", "haspart", "relatedlink", "significantlink", "workexample", "isbasedon",
     "image", "thumbnail", "video", "associatedmedia", "primaryimageofpage", "logo"}
)
# A credit for building the site, not for writing the article ("Developed by ...", "Designed by ...").
# A hand rule: such credits are rare in the development pages, too rare to fit, and never an author.
_BUILDER = re.compile(r"^\s*(?:developed|designed|powered|built|hosted|programmed|made)\s+by\b", re.I)
# A block of comments, by its class or id: an author link there is a commenter's.
_COMMENTS = re.compile(r"comment|disqus|respond|reply", re.I)
_MAX_CHARS = 120


def markup_credits(root: HtmlElement) -> list[Credit]:
    """Every author credit the page's markup states, in the order JSON-LD, meta tags, links, microdata.

    >>> from lxml import html
    >>> page = html.fromstring(
    ...     '<html><head><meta name="author" content="Jane Doe">'
    ...     '<meta name="generator" content="Site Builder 5">'
    ...     '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
    ...     '[{"@type": "Person", "name": "Ann Roe"}, {"@type": "Organization", "name": "Example Wire"}]}'
    ...     '</script></head><body><a rel="author" href="/ann">Ann Roe</a></body></html>')
    >>> markup_credits(page)  # doctest: +NORMALIZE_WHITESPACE
    [('Ann Roe', 'json-ld', 'person'), ('Example Wire', 'json-ld', 'organization'),
     ('Jane Doe', 'meta-tag', None), ('Ann Roe', 'rel-author', None)]
    """
    found: list[Credit] = []
    for name, kind in _json_ld(root):
        _add(found, name, "json-ld", kind)
    for element in root.iterfind(".//meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in _AUTHOR_METAS:
            _add(found, element.get("content"), "meta-tag", None)
    for element in root.iterfind(".//a[@rel]"):
        if "author" in element.get("rel", "").lower().split() and not _in_comments(element):
            _add(found, " ".join(element.itertext()), "rel-author", None)
    for element in root.xpath('.//*[@itemprop="author"]'):
        if not isinstance(element, HtmlElement) or _in_comments(element) or _in_other_item(element):
            continue
        kind = _kind(element.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1])
        names = element.xpath('.//*[@itemprop="name"]')
        if element.get("content"):
            text = element.get("content")
        elif names and isinstance(names[0], HtmlElement):
            text = names[0].get("content") or " ".join(names[0].itertext())
        else:
            text = " ".join(element.itertext())
        _add(found, text, "microdata", kind)
    return found


def builder_names(root: HtmlElement) -> set[str]:
    """The folded names that a meta tag credits for building the site ("Developed By Jane Doe").

    trafilatura's meta reading drops the cue and keeps the name as an author; these are taken out.
    """
    names = set()
    for element in root.iterfind(".//meta[@content]"):
        m = _BUILDER.match(element.get("content", ""))
        if m:
            names.add(_SPACE.sub(" ", element.get("content", "")[m.end() :]).strip().casefold())
    return names


def _add(found: list[Credit], value: Any, where: str, kind: str | None) -> None:
    if not isinstance(value, str):
        return
    value = _SPACE.sub(" ", value).strip()
    if not value or len(value) > _MAX_CHARS or "://" in value or value.startswith(("www.", "@")):
        return
    if _BUILDER.match(value):
        return
    if (value, where, kind) not in found:
        found.append((value, where, kind))


def _kind(types: Any) -> str | None:
    """``person``, ``organization`` or ``None`` from a schema.org ``@type`` (a string or a list)."""
    names = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(
        types, list) else []
    folded = [t.rsplit("/", 1)[-1].casefold() for t in names]
    if "person" in folded:
        return "person"
    if any(t in _ORG_TYPES or t.endswith("organization") for t in folded):
        return "organization"
    return None


_SCRIPTS = etree.XPath('.//script[@type="application/ld+json"]')


def _json_ld(root: HtmlElement) -> Iterator[tuple[Any, str | None]]:
    """``(name, kind)`` of each author the JSON-LD blocks give, references to graph nodes resolved."""
    objects: list[Any] = []
    for script in cast("list[HtmlElement]", _SCRIPTS(root)):  # the expression selects elements only
        text = getattr(script, "text", None)
        if not text:
            continue
        try:
            objects.append(json.loads(text, strict=False))
        except ValueError:
            continue
    nodes: dict[str, dict[str, Any]] = {}
    for node in _walk(objects):
        if isinstance(node.get("@id"), str) and len(node) > 1:
            nodes.setdefault(node["@id"], node)
    for node in _walk(objects):
        if _kind_names(node.get("@type")) & _NOT_THE_ARTICLE:
            continue
        yield from _authors(node.get("author"), nodes)


def _kind_names(types: Any) -> set[str]:
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    return {t.casefold() for t in names if isinstance(t, str)}


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD value, not descending into other works (comments, list items)."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key, item in value.items():
            if isinstance(key, str) and key.casefold() not in _OTHER_WORKS and key != "author":
                yield from _walk(item, depth + 1)


def _authors(value: Any, nodes: dict[str, dict[str, Any]]) -> Iterator[tuple[Any, str | None]]:
    if isinstance(value, str):
        yield value, None
    elif isinstance(value, list):
        for item in value[:20]:
            yield from _authors(item, nodes)
    elif isinstance(value, dict):
        ref = value.get("@id")
        if "name" not in value and isinstance(ref, str) and ref in nodes:
            value = nodes[ref]
        name = value.get("name")
        if isinstance(name, list):
            name = next((n for n in name if isinstance(n, str)), None)
        elif isinstance(name, dict):
            name = name.get("@value")
        yield name, _kind(value.get("@type"))


def _in_comments(element: HtmlElement) -> bool:
    for anc in element.iterancestors():
        words = f"{anc.get('class', '')} {anc.get('id', '')}"
        if _COMMENTS.search(words):
            return True
    return False


def _in_other_item(element: HtmlElement) -> bool:
    """Whether the microdata author belongs to a comment or a review item."""
    for anc in element.iterancestors():
        item = anc.get("itemtype")
        if item:
            return item.rstrip("/").rsplit("/", 1)[-1].casefold() in _NOT_THE_ARTICLE
    return False
