"""HTML reader: one lxml parse, rendered to text lines that keep what the markup says about them.

A page is rendered the way a text browser would show it: block elements
(paragraphs, headings, list items, table cells, ``div`` …) and ``<br>`` end a
line (but a table row of plain cells, a data table's record, is one line, its
cells a space apart), runs of white space collapse, ``<pre>`` keeps its lines, and what is never
shown as text (scripts, styles, ``<head>``, forms' option lists, ``<svg>`` …) is
dropped.  Elements with paragraph margins (``<p>``, headings, lists, tables …)
leave a blank line around them, so a page read from HTML splits into blocks the
way a page read from text does, and both go through one classifier.

Each line keeps *cues*: short names for the markup facts about it that tell
boilerplate from article.  The reader never decides a label; the table in
:mod:`boilerstrip.markup_rules` says what each cue suggests and how strongly.

Cues come from five sources:

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
* the page's **meta description** (``meta-description``): a line that the
  ``description``/``og:description``/``twitter:description`` meta tags quote, or
  that quotes one (the article's opening, as the page describes itself);
* the **densest text block** (``text-dense``): the element whose own
  paragraphs hold most text, a readability-style second opinion on where the
  article is;
* **class and id words** trafilatura has no vocabulary for (``w:`` cues, see
  :data:`~boilerstrip.readers.html.cues.CLASS_WORDS`): polls, photo credits, "read more" blocks, tickers,
  dates, sources.

Negative cues are withheld from an element that holds the article (an
ancestor of the body candidate, or most of its text): trafilatura guards its
own pruning the same way, themes put words such as ``widget`` or ``bar`` on the
article's wrappers, and ASP.NET wraps whole pages in a ``<form>``.

The reader is one module per stage, in the order :func:`read_html`
(:mod:`.reader`) runs them: :mod:`.parsing` (one lxml parse),
:mod:`.metadata` (title, authors, date …), :mod:`.visibility` (what is never
shown goes), :mod:`.marking` (cues per element, trafilatura's expressions
among them) and :mod:`.rendering` (the walk to lines).  :mod:`.tags` says
what each tag is to a text rendering, :mod:`.cues` names the cues and reads
them from attributes, and :mod:`.settings` holds the thresholds
(:class:`HtmlReaderConfig`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cues import CLASS_WORDS, CUES
    from .marking import Marks, mark_elements
    from .metadata import page_meta
    from .parsing import parse_html
    from .reader import read_html
    from .rendering import render
    from .settings import HtmlReaderConfig

#: Where each name lives.  They are imported when first asked for, so that ``Config``, which
#: holds a :class:`HtmlReaderConfig`, does not load lxml and trafilatura's vocabularies for a
#: page read as text (about 0.25 s: ``python -X importtime -c "import boilerstrip;
#: boilerstrip.strip('a')"``).
_HOMES = {
    "CLASS_WORDS": "cues",
    "CUES": "cues",
    "Marks": "marking",
    "mark_elements": "marking",
    "page_meta": "metadata",
    "parse_html": "parsing",
    "read_html": "reader",
    "render": "rendering",
    "HtmlReaderConfig": "settings",
}
__all__ = [
    "CLASS_WORDS",
    "CUES",
    "HtmlReaderConfig",
    "Marks",
    "mark_elements",
    "page_meta",
    "parse_html",
    "read_html",
    "render",
]
assert sorted(__all__) == sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
