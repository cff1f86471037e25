"""Input readers: the only modules that know about markup.

A reader turns what the user holds (plain text, HTML) into a list of
:class:`RawLine` and a :class:`PageMeta`; the classifier engine then labels the
lines without ever looking at markup itself.  A reader passes what markup says
about a line as opaque *cue* names (``"nav"``, ``"figcaption"`` …); the table
in :mod:`boilerstrip.markup_rules` maps those names to labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawLine:
    """One non-blank line of the page as a reader sees it.

    ``number`` is the 1-based index of the line in the page's text split on
    ``"\\n"``; ``cues`` are markup facts about the line (empty in text mode);
    ``link_density`` is the share of the line's characters that sit in links
    (``None`` when the input cannot tell, as in text mode).
    """

    number: int
    text: str
    cues: frozenset[str] = frozenset()
    link_density: float | None = None


@dataclass
class PageMeta:
    """What a page's metadata says, where a reader can tell (HTML mode)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    publisher: str | None = None
    language: str | None = None
    #: Title candidates as ``(source, text)``: ``h1``, ``og:title``, ``twitter:title``,
    #: ``json-ld``, ``meta`` (trafilatura's choice among the meta tags) and ``title-tag``.
    title_candidates: list[tuple[str, str]] = field(default_factory=list)
    #: Where ``authors`` were read: ``"meta"`` (meta tags, JSON-LD) or ``"byline"`` (a byline element).
    authors_source: str | None = None
    #: The publication date htmldate finds, ISO 8601 (``YYYY-MM-DD``), or ``None``.
    date: str | None = None
    #: Author credits the markup states, as ``(name, where, kind)``: ``where`` is ``json-ld``,
    #: ``meta-tag``, ``rel-author`` or ``microdata``; ``kind`` is ``person``, ``organization`` or
    #: ``None`` when the markup does not say (see :mod:`boilerstrip.readers.html.credits`).
    credits: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: The page's host less ``www.`` and its last label ("example-times" for www.example-times.com),
    #: from the address the reader was given; ``None`` without one.
    host: str | None = None
