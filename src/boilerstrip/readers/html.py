"""HTML reader: one lxml parse, rendered to text lines that keep what the markup says about them.

A page is rendered the way a text browser would show it: block elements
(paragraphs, headings, list items, table cells, ``div`` …) and ``<br>`` end a
line, runs of white space collapse, ``<pre>`` keeps its lines, and what is never
shown as text (scripts, styles, ``<head>``, forms' option lists, ``<svg>`` …) is
dropped.  Elements with paragraph margins (``<p>``, headings, lists, tables …)
leave a blank line around them, so a page read from HTML splits into blocks the
way a page read from text does, and both go through one classifier.

Each line keeps *cues*: short names for the markup facts about it that tell
boilerplate from article.  The reader never decides a label; the table in
:mod:`boilerstrip.markup_rules` says what each cue suggests and how strongly.

Cues come from four sources:

* **structure** (HTML tags and ARIA roles): ``nav``, ``header``/``footer``
  (outside the article; inside it they are ``article-header``/``article-footer``),
  ``aside``, ``figure``, ``figcaption``, ``form``, ``control`` (buttons, labels),
  ``dialog``, ``hidden`` (``aria-hidden``; hidden and ``display:none`` elements
  are not rendered), ``h1`` … ``h6``, ``li``, ``td``, ``blockquote``, ``pre``,
  ``p``, ``address``, ``time`` (a line that is mostly a ``<time>``), ``a-only`` (a
  line all in links), ``article`` and ``main`` (inside ``<article>``, ``<main>``
  or their roles), and microdata ``itemprop-body``, ``itemprop-headline``,
  ``itemprop-author``, ``itemprop-comment``, ``rel-author``;
* **trafilatura's vocabularies**, by evaluating its own XPath expressions from
  :mod:`trafilatura.xpaths` once on the tree (cue names start with ``t:``):
  ``t:body-candidate`` (the element its ``BODY_XPATH`` cascade would extract
  from), ``t:discard`` (``OVERALL_DISCARD_XPATH``) refined by the token group
  that matched the element's class or id (``t:nav``, ``t:footer``, ``t:share``,
  ``t:tags``, ``t:related``, ``t:ad``, ``t:author``, ``t:consent``,
  ``t:newsletter``, ``t:chrome``, ``t:meta``, ``t:paywall``), ``t:hidden``,
  ``t:comments``, ``t:teaser``, ``t:precision``, ``t:caption``, ``t:appended``
  (infinite-scroll follow-up articles), ``t:byline`` (``AUTHOR_XPATHS``) and
  ``t:title`` (``TITLE_XPATHS``).  Its ``TAGS_XPATHS`` and ``CATEGORIES_XPATHS``
  are not used: they take every link under a ``div.row``, which is every link of
  a Bootstrap page.  Its ``link_density_test`` is not used either: it reads the
  ``ref``/``graphic`` elements of trafilatura's converted tree, which a raw
  page has not; every line carries its own link density instead;
* the **densest text block** (``text-dense``): the element whose own
  paragraphs hold most text, a readability-style second opinion on where the
  article is;
* **class and id words** trafilatura has no vocabulary for (``w:`` cues, see
  :data:`CLASS_WORDS`): polls, photo credits, "read more" blocks, tickers,
  dates, sources.

Negative cues are withheld from an element that holds the article (an
ancestor of the body candidate, or most of its text): trafilatura guards its
own pruning the same way, themes put words such as ``widget`` or ``bar`` on the
article's wrappers, and ASP.NET wraps whole pages in a ``<form>``.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from . import PageMeta, RawLine
from .xpath_subset import CompiledXPaths, compile_xpaths

__all__ = ["CLASS_WORDS", "CUES", "Marks", "mark_elements", "page_meta", "parse_html", "read_html", "render"]

# --------------------------------------------------------------------------- rendering tables

#: Elements whose content is never shown as page text.
# fmt: off
DROPPED = (
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "datalist", "textarea", "audio", "video", "map", "frameset", "frame", "applet",
    "rt", "rp",  # ruby annotations (furigana): a reading aid printed above the text, not the text
)

#: Elements that end the line before and after them.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "list", "item", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "option", "optgroup",
})

#: Block elements with vertical margins: a blank line separates them from what is around.
SPACED = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "list", "figure",
    "hr", "form",
})
# fmt: on

_HEADINGS = {f"h{n}": f"h{n}" for n in range(1, 7)}

# ARIA roles with the structural cue they amount to.
# fmt: off
_ROLE_CUES = {
    "navigation": "nav", "menu": "nav", "menubar": "nav", "tablist": "nav",
    "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "search": "form", "form": "form", "dialog": "dialog", "alertdialog": "dialog",
    "article": "article", "main": "main", "button": "control",
}

#: Class and id words trafilatura's vocabularies lack, as ``(cue, parts, words)``: a
#: cue applies when one of ``parts`` occurs in the element's class and id with
#: ``-`` and ``_`` removed (``read-more`` → ``readmore``), or one of ``words`` is a
#: whole word of them.  Plain substring and set tests, not regexes: this runs on
#: every class string of the page.  They name *kinds of blocks* found across news
#: sites, never one site's names.
CLASS_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("w:poll", ("poll", "survey", "quiz"), ("vote", "votes", "voting")),
    ("w:comment", ("comment", "disqus", "discuss", "feedback"), ("reaction", "reactions")),
    ("w:credit", ("credit", "photosource", "imgsource", "imagesource", "copyrightimg"), ()),
    ("w:caption", ("caption", "photodesc", "imgdesc", "imagedesc"), ("legend",)),
    ("w:related", (
        "related", "readmore", "readalso", "alsoread", "seealso", "morenews", "morestories",
        "morearticles", "morefrom", "othernews", "popular", "mostread", "trending", "recommend",
        "latest", "similar", "youmay", "suggest", "teaser", "pagination", "pager",
    ), ("next", "prev")),
    ("w:ticker", ("ticker", "breaking", "marquee", "urgent"), ()),
    ("w:date", ("timestamp", "pubdate", "postdate", "datetime", "publishdate"), ("date", "time")),
    ("w:source", ("agency", "dateline", "byline", "author", "writer", "reporter"), ("source", "editor")),
    ("w:ad", ("advert", "sponsor", "promo", "adsense", "banner", "dfp"), ("ad", "ads", "gpt")),
    ("w:social", ("social", "share", "sharing", "follow", "facebook", "twitter", "whatsapp", "telegram"), ()),
    ("w:tags", ("taglist", "tagcloud", "taglinks", "keyword", "topics"), ("tag", "tags")),
    ("w:breadcrumb", ("breadcrumb",), ()),
    ("w:subscribe", ("subscri", "newsletter", "signup", "register", "login"), ()),
)
# fmt: on

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")

# libxml2 stops at depth 2048 (with XML_PARSE_HUGE) and drops the rest of the document;
# a document it finds too deep is parsed again with its nesting cut to this depth
_FLATTEN_DEPTH = 512
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>")
# fmt: off
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
     "wbr"}
)
# fmt: on

_local = threading.local()


# --------------------------------------------------------------------------- parsing


def _parser() -> etree.HTMLParser:
    """One parser per thread: lxml parsers keep state and are not thread-safe.

    Every element is an :class:`~lxml.html.HtmlElement` (trafilatura's metadata
    functions call ``text_content``), chosen by lxml's C-level default lookup:
    ``lxml.html``'s own parser asks a Python method for every element the code
    touches, which costs more than the parse.
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding="utf-8",
            huge_tree=True,
            recover=True,
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            default_doctype=False,
        )
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))
        _local.parser = parser
    return parser


_CONTROL_CODES = [c for c in range(32) if c not in (9, 10, 13)]
_CONTROLS_STR = {c: (None if c == 0 else " ") for c in _CONTROL_CODES}
_CONTROL_CHARS = tuple(map(chr, _CONTROL_CODES))
_CONTROLS_BYTES = bytes.maketrans(bytes(_CONTROL_CODES), b" " * len(_CONTROL_CODES))


def parse_html(source: str | bytes) -> HtmlElement | None:
    """Parse a page into an lxml tree, or ``None`` when it holds no element.

    ``source`` is a ``str``, or UTF-8 ``bytes`` (what
    :func:`~boilerstrip.readers.decode.html_source` gives for UTF-8 pages): the
    parser's encoding is forced to UTF-8, so a ``<meta charset>`` in the page
    cannot make libxml2 decode it a second time.  libxml2 refuses nesting
    deeper than 2048 elements and silently drops everything after that point;
    such documents are parsed again with the excess nesting flattened
    (:func:`_flatten_deep_nesting`), so their text survives.
    """
    # C0 control characters are not XML text: lxml refuses to move a tail that holds one
    # (``drop_tree``), so they become spaces here (NUL is dropped).  In UTF-8 bytes a
    # C0 byte is always that character, never part of another one.
    if isinstance(source, bytes):
        source = source.translate(_CONTROLS_BYTES, b"\x00")
    elif any(char in source for char in _CONTROL_CHARS):  # a search per character is fast; translate is not
        source = source.translate(_CONTROLS_STR)
    if not source or source.isspace():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(source, parser)
    except etree.ParserError:  # "Document is empty" and the like
        return None
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes for it
        return parse_html(source.encode("utf-8", errors="replace")) if isinstance(source, str) else None
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
        try:
            root = etree.fromstring(_flatten_deep_nesting(text), parser)
        except etree.ParserError:
            return None
    return root


def _flatten_deep_nesting(text: str, limit: int = _FLATTEN_DEPTH) -> str:
    """Drop the tags (not the text) of elements nested deeper than ``limit``.

    A dropped block tag becomes ``<br>`` so that its text still starts a line.
    Depth is counted from open and close tags alone, which is enough for the one
    case this serves: a document that libxml2 has already found too deep.
    """
    out: list[str] = []
    depth = dropped = pos = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(3).rstrip().endswith("/"):
            continue
        keep = True
        if closing:
            if dropped:
                dropped -= 1
                keep = False
            else:
                depth = max(0, depth - 1)
        elif depth >= limit:
            dropped += 1
            keep = False
        else:
            depth += 1
        if not keep:
            out.append(text[pos : match.start()])
            out.append("<br>" if name in BLOCK else "")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- metadata


def page_meta(root: HtmlElement, url: str | None = None) -> PageMeta:
    """Title, authors, site name, publisher and language from the page's metadata.

    Uses trafilatura's metadata functions, the light ones: meta tags and
    OpenGraph (:func:`trafilatura.metadata.examine_meta`), JSON-LD
    (:func:`trafilatura.json_metadata.extract_json`, see :func:`_json_ld`), then
    the page's own title markup (:func:`~trafilatura.metadata.extract_title`) and
    ``<title>`` (:func:`~trafilatura.metadata.extract_sitename`) when those say
    nothing.
    ``extract_metadata`` is not used: its date search (htmldate) and its byline
    search (``extract_author`` copies the whole tree) cost more than the rest of
    the reading; :func:`read_html` takes the byline from the ``t:byline``
    elements it finds anyway.  The publisher is the organisation JSON-LD names;
    the site name falls back on it.  ``url`` is accepted for symmetry with
    trafilatura and not needed by these functions.
    """
    from trafilatura.metadata import examine_meta, extract_sitename, extract_title
    from trafilatura.settings import Document

    meta = _guarded(examine_meta, root) or Document()
    json_meta = _json_ld(root)
    title = meta.title or json_meta.title or _guarded(extract_title, root)
    author = json_meta.author or (meta.author if meta.author and " " in meta.author else None)
    sitename = meta.sitename or json_meta.sitename or _guarded(extract_sitename, root)
    return PageMeta(
        title=_clean(title),
        authors=[a.strip() for a in (author or "").split(";") if a.strip()],
        sitename=_clean(sitename),
        publisher=_clean(json_meta.sitename),
        language=_language(root),
        title_candidates=_title_candidates(root, meta.title, json_meta.title),
        date=_date(root, url),
    )


_TITLE_METAS = {"og:title": "og:title", "twitter:title": "twitter:title"}
_H1 = etree.XPath("(.//h1)[position() <= 2]")
#: A title candidate longer than this is not a headline.
MAX_TITLE_CHARS = 400


def _title_candidates(root: HtmlElement, meta_title: Any, json_title: Any) -> list[tuple[str, str]]:
    """The page's own title candidates, each with where it was read (see :class:`PageMeta`)."""
    found: list[tuple[str, str]] = []

    def add(source: str, value: Any) -> None:
        value = _clean(value)
        if value and len(value) <= MAX_TITLE_CHARS:
            found.append((source, value))

    for element in root.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in _TITLE_METAS and not any(s == _TITLE_METAS[key] for s, _ in found):
            add(_TITLE_METAS[key], element.get("content"))
    add("json-ld", json_title)
    add("meta", meta_title)
    for element in _H1(root):
        add("h1", " ".join(element.itertext()))
    title = root.find(".//title")
    if title is not None:
        add("title-tag", " ".join(title.itertext()))
    return found


def _date(root: HtmlElement, url: str | None) -> str | None:
    """The publication date by htmldate (its default search, original date first), or ``None``."""
    from htmldate import find_date

    found = _guarded(lambda: find_date(root, url=url, original_date=True, outputformat="%Y-%m-%d"))
    return found if isinstance(found, str) else None


_JSON_LD = etree.XPath('.//script[@type="application/ld+json" or @type="application/settings+json"]')


def _json_ld(root: HtmlElement) -> Any:
    """What the page's JSON-LD says, read by trafilatura's ``extract_json``.

    Each block goes to :func:`json.loads` first; only one that does not parse
    takes trafilatura's whole path (:func:`~trafilatura.metadata.extract_meta_json`,
    which minifies with a regex and repairs broken JSON), four times slower.
    """
    from trafilatura.json_metadata import extract_json
    from trafilatura.metadata import extract_meta_json
    from trafilatura.settings import Document

    document = Document()
    for script in _JSON_LD(root):
        if not script.text:
            continue
        try:
            schema = json.loads(script.text, strict=False)
        except ValueError:
            document = _guarded(extract_meta_json, _single(script), document) or document
            continue
        if isinstance(schema, (dict, list)):
            document = _guarded(extract_json, schema, document) or document
    return document


def _single(script: Any) -> Any:
    """A tree holding only ``script``, for trafilatura's whole-page JSON-LD function."""
    holder = etree.Element("html")
    copy = etree.SubElement(holder, "script", type=script.get("type", "application/ld+json"))
    copy.text = script.text
    return holder


def _guarded(function: Callable[..., Any], *args: Any) -> Any:
    """Metadata is a bonus: a quirk in one of trafilatura's functions must not lose the page."""
    try:
        return function(*args)
    except Exception:
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def _language(root: HtmlElement) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if meta.get("http-equiv", "").lower() == "content-language":
                lang = meta.get("content")
                break
    lang = (lang or "").strip().replace("_", "-")
    return lang.split(",")[0].strip() or None


# --------------------------------------------------------------------------- trafilatura cues


def _xpaths(name: str) -> list[Any]:
    import trafilatura.xpaths as xp

    return list(getattr(xp, name, ()))


def _token_regex(*names: str) -> re.Pattern[str] | None:
    """One regex from trafilatura's private token groups (``_NAV_CLASS_TOKENS`` …).

    These tuples are what ``OVERALL_DISCARD_XPATH`` is built from; reading them
    lets a match be named (navigation, related, share …) without retyping the
    words.  A group a later trafilatura renames simply stops naming matches.
    """
    import trafilatura.xpaths as xp

    tokens = [tok for name in names for tok in getattr(xp, name, ())]
    return re.compile("|".join(tokens)) if tokens else None


# cue: (tokens tested on @id, tokens tested on @class)
_DISCARD_CONCEPTS: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (cue, _token_regex(*ids), _token_regex(*classes))
    for cue, ids, classes in (
        ("t:nav", ("_NAV_ID_TOKENS",), ("_NAV_CLASS_TOKENS",)),
        ("t:footer", ("_FOOTER_ID_TOKENS",), ("_FOOTER_CLASS_TOKENS",)),
        (
            "t:share",
            ("_SHARE_SOCIAL_ID_CLASS_TOKENS", "_SHARE_ID_TOKENS"),
            ("_SHARE_SOCIAL_ID_CLASS_TOKENS", "_SHARE_CLASS_TOKENS"),
        ),
        ("t:newsletter", ("_NEWSLETTER_ID_CLASS_TOKENS",), ("_NEWSLETTER_ID_CLASS_TOKENS",)),
        ("t:consent", ("_CONSENT_ID_CLASS_TOKENS",), ("_CONSENT_ID_CLASS_TOKENS", "_CONSENT_CLASS_TOKENS")),
        ("t:tags", ("_TAGS_ID_CLASS_TOKENS",), ("_TAGS_ID_CLASS_TOKENS", "_TAGS_CLASS_TOKENS")),
        ("t:chrome", ("_UI_CHROME_ID_CLASS_TOKENS", "_UI_CHROME_ID_TOKENS"), ("_UI_CHROME_ID_CLASS_TOKENS",)),
        ("t:author", ("_AUTHOR_ID_CLASS_TOKENS",), ("_AUTHOR_ID_CLASS_TOKENS", "_AUTHOR_CLASS_TOKENS")),
        ("t:related", ("_RELATED_ID_TOKENS",), ("_RELATED_CLASS_TOKENS",)),
        ("t:ad", ("_AD_ID_TOKENS",), ("_AD_CLASS_TOKENS",)),
        ("t:paywall", ("_PAYWALL_ID_TOKENS",), ()),
        ("t:meta", (), ("_UI_META_CLASS_TOKENS", "_MISC_CLASS_TOKENS")),
    )
)

#: Cues that say "this block is not the article"; they are withheld from an element
#: that holds the article (see :func:`mark_elements`).
NEGATIVE_CUES = frozenset(
    {"t:discard", "t:hidden", "t:teaser", "t:precision", "t:comments", "t:caption", "t:appended"}
    | {cue for cue, _, _ in _DISCARD_CONCEPTS}
    | {cue for cue, _, _ in CLASS_WORDS}
    | {"nav", "header", "footer", "aside", "form", "dialog"}
)

# trafilatura's XPaths name lists and items as its converted tree does
_TRAFILATURA_TAGS = {"ul": "list", "ol": "list", "dl": "list", "li": "item", "dd": "item", "dt": "item"}

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
#: A body candidate needs this many non-space characters (trafilatura: >1 extracted block)
MIN_BODY_CHARS = 250


@dataclass
class Marks:
    """What :func:`mark_elements` found: cues per element, the article, the bylines."""

    cues: dict[Any, frozenset[str]]
    body: Any = None
    bylines: list[Any] = field(default_factory=list)


def mark_elements(root: HtmlElement) -> Marks:
    """Cue the page's containers once, before rendering; return cues per element.

    * trafilatura's XPaths, with their own meaning (lists and items are renamed
      ``list``/``item`` as in trafilatura's converted tree, which its
      expressions test, and keep those names for the rendering), evaluated in
      one walk by :mod:`boilerstrip.readers.xpath_subset`;
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

    for element in root.iter(*_TRAFILATURA_TAGS):
        element.tag = _TRAFILATURA_TAGS[element.tag]
    marks: dict[Any, set[str]] = {}

    def mark(elements: Iterable[Any], *cues: str) -> None:
        for element in elements:
            marks.setdefault(element, set()).update(cues)

    found, attribute_cues = _compiled_xpaths().evaluate(root, _text_holders(root))
    for element, cues in attribute_cues.items():
        mark([element], *cues)
    discard = found.get("OVERALL_DISCARD_XPATH", [])
    for number, elements in enumerate(discard):
        for element in elements:
            mark([element], *(_discard_concepts(element) if number == 0 else ("t:hidden",)))
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
        body = next((c for c in elements if _is_body_candidate(c, cleaned)), None)
        if body is not None:
            mark([body], "t:body-candidate")
            break
    dense = _densest_text_block(root)
    if dense is not None:
        mark([dense], "text-dense")

    for element in root.iter(*_CONTAINER_TAGS):
        cue = _CONTAINER_TAGS[element.tag]
        if cue in ("header", "footer") and (
            (body is not None and _is_descendant(element, body)) or _ARTICLE_XPATH(element)
        ):
            cue = "article-" + cue
        mark([element], cue)
    _withhold_negatives(marks, body if body is not None else dense if dense is not None else root)
    return Marks({element: frozenset(cues) for element, cues in marks.items() if cues}, body, bylines)


_TEXT_OWNERS = etree.XPath("//*[text()[normalize-space()]]")


def _text_holders(root: HtmlElement) -> set[Any]:
    """The elements that hold text, their own or their descendants': the only ones whose cues reach a line.

    The cues of an element apply to the text inside it (see :func:`render`); one
    with none could not change a line, so trafilatura's expressions, the costliest
    part of the reading, skip it (but for their positions, see
    :meth:`~boilerstrip.readers.xpath_subset.CompiledXPaths.evaluate`).  XPath's
    ``normalize-space`` strips less than Python's ``str.split``, so the set holds
    every element whose text renders, and perhaps a few more.  Linear: the walk up
    stops at the first element already in the set.
    """
    holders: set[Any] = set()
    add = holders.add
    # an element's text() nodes are its own text and its children's tails: what it shows itself
    for element in _TEXT_OWNERS(root):
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


def _compiled_xpaths() -> CompiledXPaths:
    """trafilatura's expression groups, compiled once per process."""
    compiled = getattr(_compiled_xpaths, "value", None)
    if compiled is None:
        compiled = compile_xpaths(
            ((name, _xpaths(name)) for name in _XPATH_GROUPS), _attribute_cues, _ATTRIBUTE_CUE_SOURCES
        )
        _compiled_xpaths.value = compiled  # type: ignore[attr-defined]
    return compiled


@functools.lru_cache(maxsize=10_000)
def _concepts_of(ident: str, cls: str, role: str, component: str) -> tuple[str, ...]:
    cues = ["t:discard"]
    for cue, id_re, class_re in _DISCARD_CONCEPTS:
        if (id_re is not None and ident and id_re.search(ident)) or (
            class_re is not None and cls and class_re.search(cls)
        ):
            cues.append(cue)
    if "nav" in role.lower():
        cues.append("t:nav")
    if "MostPopularStories" in component:
        cues.append("t:related")
    return tuple(cues)


def _discard_concepts(element: Any) -> tuple[str, ...]:
    """``t:discard`` and the token groups of trafilatura's that the element's id or class match."""
    get = element.get
    return _concepts_of(get("id") or "", get("class") or "", get("role") or "", get("data-component") or "")


_ATTRIBUTE_CUE_SOURCES = ("class", "id", "role", "itemprop", "aria-hidden", "aria-level", "rel")
_ALL_PARTS = sorted(
    {part for _, parts, _ in CLASS_WORDS for part in parts}, key=lambda part: (-len(part), part)
)
#: Every position where a part starts, with the longest part starting there (the
#: alternatives are tried longest first): any other part found there is a prefix
#: of it, so :data:`_PART_CUES` gives the cues of all the parts at that position.
_CLASS_PARTS = re.compile("(?=(" + "|".join(re.escape(part) for part in _ALL_PARTS) + "))")
_PART_CUES = {
    part: frozenset(cue for cue, parts, _ in CLASS_WORDS if any(part.startswith(p) for p in parts))
    for part in _ALL_PARTS
}
_WORD_CUES = {
    word: frozenset(cue for cue, _, whole in CLASS_WORDS if word in whole)
    for _, _, whole in CLASS_WORDS
    for word in whole
}
#: Whether any part occurs at all (most class strings hold none): a cheaper scan than :data:`_CLASS_PARTS`
_ANY_PART = re.compile("|".join(re.escape(part) for part in _ALL_PARTS))
#: The words of :data:`_WORD_CUES` that are whole words of a class string: maximal runs of
#: ``[a-z0-9]`` (the alternatives are tried longest first)
_CLASS_WHOLE = re.compile(
    "(?<![a-z0-9])("
    + "|".join(re.escape(word) for word in sorted(_WORD_CUES, key=lambda word: (-len(word), word)))
    + ")(?![a-z0-9])"
)


def _attribute_cues(tag: str, attributes: dict[str, str]) -> tuple[str, ...]:
    """Cues an element's attributes give: class/id words, ARIA roles, microdata, ``rel=author``.

    Runs in :class:`~boilerstrip.readers.xpath_subset.CompiledXPaths`' walk and is
    cached with it by tag and attributes: pages repeat their class strings.
    """
    if not attributes:
        return ()
    cues: set[str] = set()
    text = " ".join(filter(None, (attributes.get("class"), attributes.get("id")))).lower()
    if text:
        squashed = text.replace("-", "").replace("_", "")
        if _ANY_PART.search(squashed):
            for part in _CLASS_PARTS.findall(squashed):
                cues |= _PART_CUES[part]
        for word in _CLASS_WHOLE.findall(text):
            cues |= _WORD_CUES[word]
    role = attributes.get("role")
    if role:
        for word in role.lower().split():
            if word in _ROLE_CUES:
                cues.add(_ROLE_CUES[word])
            elif word == "heading":
                cues.add("h" + (attributes.get("aria-level") or "2").strip()[:1])
    if attributes.get("aria-hidden") == "true":
        cues.add("hidden")
    itemprop = attributes.get("itemprop")
    if itemprop:
        itemprop = itemprop.lower()
        if "articlebody" in itemprop:
            cues.add("itemprop-body")
        elif "headline" in itemprop:
            cues.add("itemprop-headline")
        elif "author" in itemprop or "creator" in itemprop:
            cues.add("itemprop-author")
        elif "comment" in itemprop:
            cues.add("itemprop-comment")
    if tag == "a" and "author" in (attributes.get("rel") or ""):
        cues.add("rel-author")
    return tuple(sorted(cues))


def _is_body_candidate(candidate: Any, cleaned: frozenset[str]) -> bool:
    """Whether trafilatura would extract from ``candidate`` (see :func:`mark_elements`)."""
    if any(ancestor.tag in cleaned for ancestor in candidate.iterancestors()):
        return False  # trafilatura has deleted these containers before it looks
    return _solid_length(candidate.text_content()) >= MIN_BODY_CHARS


def _solid_length(text: str) -> int:
    """How many characters of ``text`` are not white space (``str.split``'s, which is ``\\s``)."""
    return len("".join(text.split()))


def _densest_text_block(root: HtmlElement) -> Any:
    """The element whose own paragraphs (``<p>`` children, text between ``<br>``) hold most text."""
    score: dict[Any, int] = {}
    for element in root.iter("p", "br"):
        parent = element.getparent()
        if parent is None:
            continue
        text = element.text_content() if element.tag == "p" else element.tail
        if text:
            size = len(text) - text.count(" ")
            if size > 25:  # sentences, not menu words
                score[parent] = score.get(parent, 0) + size
    if not score:
        return None
    best = max(score, key=score.__getitem__)
    return best if score[best] >= MIN_BODY_CHARS else None


def _withhold_negatives(marks: dict[Any, set[str]], article: Any) -> None:
    """Drop negative cues from elements that hold ``article`` (see :func:`mark_elements`)."""
    half = 0.5 * (_solid_length(article.text_content()) or 1)
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


def _drop_hidden(root: HtmlElement) -> None:
    """Remove what a browser does not show (``hidden``, inline ``display:none``), keeping tails.

    An element holding most of the page's text stays: pages that reveal their
    article with a script hide it this way too.  So does every hidden block when
    together they hold most of it (a story told in sections that a script
    shows one at a time).
    """
    hidden = [
        element
        for element in _MAYBE_HIDDEN(root)
        if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or "")
    ]
    if not hidden:
        return
    marked = set(hidden)
    outermost = [e for e in hidden if not any(a in marked for a in e.iterancestors())]
    sizes = [len(element.text_content()) for element in outermost]
    hidden_size = sum(sizes)
    if hidden_size < 200:  # no block large enough to be the article: the common case
        for element in outermost:
            element.drop_tree()
        return
    total = len(root.text_content())
    if hidden_size >= 0.5 * total:
        return
    for element, size in zip(outermost, sizes, strict=True):
        if size < 200 or size < 0.5 * total:
            element.drop_tree()


_MAYBE_HIDDEN = etree.XPath("//*[@hidden or contains(@style, 'none') or contains(@style, 'hidden')]")


#: Every cue name the reader can give a line (the vocabulary of
#: :mod:`boilerstrip.markup_rules`).
# fmt: off
CUES = frozenset({
    "nav", "header", "footer", "article-header", "article-footer", "aside", "figure", "figcaption", "form",
    "control", "dialog", "hidden", "li", "td", "blockquote", "pre", "p", "address", "time", "a-only",
    "article", "main", "itemprop-body", "itemprop-headline", "itemprop-author", "itemprop-comment",
    "rel-author", "text-dense", "t:body-candidate", "t:byline", "t:title", *_HEADINGS, *NEGATIVE_CUES,
})
# fmt: on

# --------------------------------------------------------------------------- rendering


#: Cues an element gives its content by its tag alone (headings, list items …); what
#: depends on attributes or on the rest of the page comes from :func:`mark_elements`.
# fmt: off
_TAG_CUES: dict[str, frozenset[str]] = {
    tag: frozenset({cue})
    for tag, cue in {
        **_HEADINGS, "item": "li", "td": "td", "th": "td", "figure": "figure", "figcaption": "figcaption",
        "button": "control", "label": "control", "legend": "control", "blockquote": "blockquote",
        "pre": "pre", "p": "p", "address": "address", "time": "time", "article": "article", "main": "main",
    }.items()
}
# fmt: on


_A_ONLY = frozenset({"a-only"})


#: What the walk does at a tag, as bits: ends a line (block), blank line around (spaced, block
#: elements only), ``<pre>``, link, ``<br>``, a control that stands apart from its neighbour.
_BLOCK, _SPACED_BLOCK, _PRE, _LINK, _BR, _APART = 1, 2, 4, 8, 16, 32
#: Inline elements that are each a thing to click: two of them side by side in the source
#: (``<a>دخول</a><a>تسجيل</a>``) are shown apart by the page's styles, never as one word.
APART = frozenset({"a", "button"})
_KINDS: dict[str, int] = {
    tag: (_BLOCK if tag in BLOCK else 0)
    | (_SPACED_BLOCK if tag in SPACED and tag in BLOCK else 0)
    | (_PRE if tag == "pre" else 0)
    | (_LINK if tag == "a" else 0)
    | (_BR if tag == "br" else 0)
    | (_APART if tag in APART else 0)
    for tag in (*BLOCK, *SPACED, "pre", "a", "br", *APART)
}


class _Renderer:
    """Collects RawLines; :func:`render` walks the tree (no recursion: depth is unbounded)."""

    __slots__ = ("lines", "number", "pending_blank")

    def __init__(self) -> None:
        self.lines: list[RawLine] = []
        self.number = 0
        self.pending_blank = False

    def flush(
        self, chunks: list[tuple[str, frozenset[str], bool]], block_cues: frozenset[str], pre: int
    ) -> None:
        """Emit the line ``chunks`` (not empty) make; the caller empties the list."""
        if pre:
            for part in "".join([text for text, _, _ in chunks]).split("\n"):
                if part.strip():
                    self._emit(part.rstrip(), block_cues, None)
            return
        if len(chunks) == 1:  # most lines: one text node
            part, cues, in_link = chunks[0]
            text = " ".join(part.split())
            if text:
                self._emit(text, cues | _A_ONLY if in_link else cues, 1.0 if in_link else 0.0)
            return
        text = " ".join("".join([text for text, _, _ in chunks]).split())
        if not text:
            return
        total = link = 0
        weights: dict[frozenset[str], int] = {}
        for part, cues, in_link in chunks:
            size = len(part.strip())
            total += size
            if in_link:
                link += size
            weights[cues] = weights.get(cues, 0) + size
        if len(weights) == 1:
            cues = next(iter(weights))
        else:
            # block cues are in every chunk; an inline element's cues count when it holds half the line
            union: set[str] = set().union(*weights)
            cues = frozenset(
                cue for cue in union if 2 * sum(w for cs, w in weights.items() if cue in cs) >= total
            )
        density = link / total if total else 0.0
        if density >= 0.95 and total:
            cues = cues | _A_ONLY
        self._emit(text, cues, round(density, 3))

    def _emit(self, text: str, cues: frozenset[str], density: float | None) -> None:
        self.number += 2 if (self.pending_blank and self.lines) else 1
        self.pending_blank = False
        self.lines.append(RawLine(self.number, text, cues, density))


def render(root: HtmlElement, marks: dict[Any, frozenset[str]] | None = None) -> list[RawLine]:
    """Render a parsed page to lines with cues (see the module docstring).

    ``marks`` adds cues per element (from :func:`mark_elements`).
    The walk is lxml's ``iterwalk``: iterative, so a page nested thousands of
    levels deep costs a longer stack list, never a RecursionError.
    """
    marks = marks or {}
    out = _Renderer()
    flush = out.flush
    empty: frozenset[str] = frozenset()
    # per open element: (cues for its content, its _KINDS bits)
    stack: list[tuple[frozenset[str], int]] = [(empty, _BLOCK)]
    # the text of the line being built: (text, cues, in a link)
    chunks: list[tuple[str, frozenset[str], bool]] = []
    in_link = pre = 0
    # len(chunks) just after a link or button ended, while nothing has followed it (-1: none)
    apart_end = -1
    tag_cues, marks_get, kinds, push, pop, add = (
        _TAG_CUES.get,
        marks.get,
        _KINDS.get,
        stack.append,
        stack.pop,
        chunks.append,
    )
    # a text is kept unless it is white space opening a line: flush drops that anyway (but in <pre>,
    # where it indents)
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions, entities
            if event == "end":
                text = element.tail
                if text and (chunks or pre or not text.isspace()):
                    add((text, stack[-1][0], in_link > 0))
            continue
        if event == "start":
            parent_cues = stack[-1][0]
            own = tag_cues(tag)
            mark = marks_get(element)
            if mark:
                own = own | mark if own else mark
            cues = parent_cues | own if own and not own <= parent_cues else parent_cues
            kind = kinds(tag, 0)
            if kind:
                if kind & (_BLOCK | _BR):
                    if chunks:
                        flush(chunks, parent_cues, pre)
                        chunks.clear()
                        apart_end = -1
                    if kind & _SPACED_BLOCK:
                        out.pending_blank = True
                elif (
                    kind & _APART and apart_end == len(chunks) and chunks and not pre
                    and not chunks[-1][0][-1:].isspace()
                ):  # fmt: skip
                    add((" ", parent_cues, False))  # a control right after another: keep them apart
                if kind & _PRE:
                    pre += 1
                if kind & _LINK:
                    in_link += 1
            push((cues, kind))
            text = element.text
            if text and (chunks or pre or not text.isspace()):
                add((text, cues, in_link > 0))
        else:
            cues, kind = pop()
            if kind:
                if kind & _BLOCK:
                    if chunks:
                        flush(chunks, cues, pre)
                        chunks.clear()
                        apart_end = -1
                    if kind & _SPACED_BLOCK:
                        out.pending_blank = True
                if kind & _APART:
                    apart_end = len(chunks)
                if kind & _PRE:
                    pre -= 1
                if kind & _LINK:
                    in_link -= 1
            text = element.tail
            if text and (chunks or pre or not text.isspace()):
                add((text, stack[-1][0], in_link > 0))
    if chunks:
        flush(chunks, empty, pre)
    return out.lines


# --------------------------------------------------------------------------- entry point


def read_html(html: str | bytes, url: str | None = None) -> tuple[list[RawLine], PageMeta]:
    """Read an HTML page into lines with cues and its metadata.

    ``bytes`` are decoded by :func:`boilerstrip.readers.decode.decode_html`
    (which raises :class:`~boilerstrip.model.InputError` when it cannot);
    a page with no element gives no lines.
    """
    if isinstance(html, (bytes, bytearray, memoryview)):
        from .decode import html_source

        source, _ = html_source(bytes(html))
    elif isinstance(html, str):
        source = html
    else:
        raise TypeError(f"read_html() takes str or bytes, not {type(html).__name__}")
    root = parse_html(source)
    if root is None:
        return [], PageMeta()
    meta = page_meta(root, url)
    etree.strip_elements(root, *DROPPED, with_tail=False)
    etree.strip_tags(root, "wbr")
    _drop_hidden(root)
    marks = mark_elements(root)
    if meta.authors:
        meta.authors_source = "meta"
    else:
        meta.authors = _byline_authors(marks)
        meta.authors_source = "byline" if meta.authors else None
    return render(root, marks.cues), meta


def _byline_authors(marks: Marks) -> list[str]:
    """Authors from the first byline element (trafilatura's ``AUTHOR_XPATHS``), as trafilatura reads one."""
    from trafilatura.json_metadata import normalize_authors

    for element in marks.bylines:
        if "t:comments" in marks.cues.get(element, ()):
            continue
        text = _SPACE.sub(" ", " ".join(element.itertext())).strip()
        if 2 < len(text) < 120:
            authors = _guarded(normalize_authors, None, text)
            return [a.strip() for a in (authors or "").split(";") if a.strip()]
    return []
