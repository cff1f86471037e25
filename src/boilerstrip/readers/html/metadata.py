"""Metadata: title, authors, site name, publisher, language and date, by trafilatura's light functions."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from .. import PageMeta, RawLine
from .credits import builder_names, markup_credits
from .marking import Marks
from .settings import DEFAULT, HtmlReaderConfig

__all__ = ["byline_authors", "cue_description", "descriptions", "page_meta"]

_SPACE = re.compile(r"\s+")


def page_meta(root: HtmlElement, url: str | None = None, config: HtmlReaderConfig = DEFAULT) -> PageMeta:
    """Title, authors, site name, publisher and language from the page's metadata.

    Uses trafilatura's metadata functions, the light ones: meta tags and
    OpenGraph (:func:`trafilatura.metadata.examine_meta`), JSON-LD
    (:func:`trafilatura.json_metadata.extract_json`, see :func:`_json_ld`), then
    the page's own title markup (:func:`~trafilatura.metadata.extract_title`) and
    ``<title>`` (:func:`~trafilatura.metadata.extract_sitename`) when those say
    nothing.
    ``extract_metadata`` is not used: its date search (htmldate) and its byline
    search (``extract_author`` copies the whole tree) cost more than the rest of
    the reading; :func:`byline_authors` reads the byline from the
    ``t:byline`` elements the marking finds anyway.  The publisher is the organisation JSON-LD names;
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
    bs = _guarded(builder_names, root) or set()  # "Developed By ..." names, no credit
    return PageMeta(
        title=_clean(title),
        authors=[a for a in (x.strip() for x in (author or "").split(";")) if a and a.casefold() not in bs],
        sitename=_clean(sitename),
        publisher=_clean(json_meta.sitename),
        language=_language(root),
        title_candidates=_title_candidates(root, meta.title, json_meta.title, config),
        date=_date(root, url),
        credits=_guarded(markup_credits, root) or [],
        host=_host(url),
    )


def _host(url: str | None) -> str | None:
    """The host of ``url`` less ``www.`` and its top-level label, lower-cased."""
    from urllib.parse import urlsplit

    host = (_guarded(lambda: urlsplit(url or "").hostname) or "").lower().removeprefix("www.")
    return host.rsplit(".", 1)[0] if "." in host else host or None


_TITLE_METAS = {"og:title": "og:title", "twitter:title": "twitter:title"}


def _title_candidates(
    root: HtmlElement, meta_title: Any, json_title: Any, config: HtmlReaderConfig
) -> list[tuple[str, str]]:
    """The page's own title candidates, each with where it was read (see :class:`PageMeta`)."""
    found: list[tuple[str, str]] = []

    def add(source: str, value: Any) -> None:
        value = _clean(value)
        if value and len(value) <= config.max_title_chars:
            found.append((source, value))

    for element in root.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in _TITLE_METAS and not any(s == _TITLE_METAS[key] for s, _ in found):
            add(_TITLE_METAS[key], element.get("content"))
    add("json-ld", json_title)
    add("meta", meta_title)
    for element in itertools.islice(root.iterdescendants("h1"), config.title_h1s):
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
    for script in cast("list[HtmlElement]", _JSON_LD(root)):  # the expression selects elements only
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


def byline_authors(marks: Marks, config: HtmlReaderConfig = DEFAULT) -> list[str]:
    """Authors from the first byline element (trafilatura's ``AUTHOR_XPATHS``), as trafilatura reads one."""
    from trafilatura.json_metadata import normalize_authors

    for element in marks.bylines:
        if "t:comments" in marks.cues.get(element, ()):
            continue
        text = _SPACE.sub(" ", " ".join(element.itertext())).strip()
        if config.byline_min_chars < len(text) < config.byline_max_chars:
            authors = _guarded(normalize_authors, None, text)
            return [a.strip() for a in (authors or "").split(";") if a.strip()]
    return []


_DESCRIPTIONS = etree.XPath(
    "//meta[@name='description' or @property='og:description' or @name='og:description'"
    " or @name='twitter:description' or @property='twitter:description']/@content"
)
#: What a site appends to a description or a teaser it cut short.
_CUT = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$")


def _comparable(text: str) -> str:
    """``text`` case-folded, its white space collapsed and a trailing ellipsis cut off."""
    return _CUT.sub("", " ".join(text.split()).casefold())


def descriptions(root: HtmlElement) -> list[str]:
    """The page's meta descriptions (``description``, OpenGraph's and Twitter's), comparable
    (:func:`_comparable`) and without repeats; read before ``<head>`` is dropped."""
    out: list[str] = []
    for value in cast("list[str]", _DESCRIPTIONS(root)):  # the expression selects attribute values
        text = _comparable(value)
        if text and text not in out:
            out.append(text)
    return out


def cue_description(
    lines: list[RawLine], described: list[str], config: HtmlReaderConfig = DEFAULT
) -> list[RawLine]:
    """``lines`` with ``meta-description`` added to those that the page's meta description
    quotes, or that quote it: at least ``config.description_min_chars`` non-space characters
    of one standing whole in the other.

    A page describes itself by its article's opening (the description is often the lead
    paragraph, whole or cut short with an ellipsis): the one line of a teaser or a paywalled
    page whose article is a paragraph long, where length and position say little, is told
    apart from menus and other stories' teasers by being the text the page says it is about.
    """
    if not described:
        return lines
    least = config.description_min_chars
    out = []
    for line in lines:
        if len(line.text) >= least:
            text = _comparable(line.text)
            if len(text) - text.count(" ") >= least and any(
                text in d or (len(d) - d.count(" ") >= least and d in text) for d in described
            ):
                line = RawLine(line.number, line.text, line.cues | _DESCRIBED, line.link_density)
        out.append(line)
    return out


_DESCRIBED = frozenset({"meta-description"})
