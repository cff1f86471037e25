"""Who published the article: sources read from attribution lines and datelines.

An attribution line is cut after its cue ("المصدر:", "By", "--(")
and split into credits ("الخليج الجديد + متابعات" gives two).  Each credit is
an *agency* when the lexicons know it (any spelling, any script: "أ ف ب",
"فرانس برس" and "AFP" are all ``AFP``), *generic* when it names nobody in
particular ("وكالات", "agencies"), an *outlet* when a source cue introduced
it, and an *author* when a byline cue did or when the line is a bare name.
"""

from __future__ import annotations

import regex

from .lexicon import Lexicons, core
from .model import Source, SourceKind
from .normalize import fold, trim_run

#: Longest attribution text read for credits (a credit line is short).
MAX_CREDIT_CHARS = 200
# Separators between several credits on one line.
_SPLIT = regex.compile(r"[+/|،,;&]|\s[-–—]\s|\s(?:and|et|و)\s")
_TIDY = regex.compile(r"[\W_]*")
_DASH = regex.compile(r"\s[-–—]\s")
# What a site's name is followed by in its metadata: "Name | tagline", "Name - tagline".
_SITE_TAGLINE = regex.compile(r"\s[|\-–—:]\s")
# A dateline credit: "عمّان (رويترز) -", "LONDON (Reuters) -".
_DATELINE = regex.compile(r"^[^()\n]{0,60}\(([^()\n]{2,40})\)\s*(?:--?|–|—|:)")


def _tidy(name: str) -> str:
    return " ".join(trim_run(name, _TIDY).split())


def _before_date(name: str, lex: Lexicons) -> str:
    """A credit cut where a date starts: "Jane Doe on March 3, 2024" gives "Jane Doe"."""
    words = name.split()
    dates = lex.tokens["date_words"]
    for k, word in enumerate(words[1:], 1):
        w = fold(word).strip(",.:;|")
        if w in dates or any(ch.isdigit() for ch in w):
            return " ".join(words[:k])
    return name


def _credit(name: str, default_kind: SourceKind, lex: Lexicons) -> Source | None:
    name = _tidy(_before_date(name, lex))
    if not any(ch.isalpha() for ch in name):
        return None
    folded = core(fold(name))
    agency = lex.agency(folded)
    if agency is None:
        m = lex.find_agency(folded)
        # An agency named inside a longer credit ("وكالة الأناضول للأنباء").
        if m is not None and len(m.group(0)) >= len(folded) // 2:
            agency = lex.agencies[m.group(0)]
    if agency is not None:
        return Source(name, agency, "agency")
    if lex.whole_line("generic_sources", folded) or any(
        lex.whole_line("generic_sources", word) for word in folded.split()
    ):
        # "وكالات", or a role rather than a name: "Environment correspondent", "مراسل الموقع".
        return Source(name, name, "generic")
    return Source(name, name, default_kind)


def from_attribution(text: str, rule: str, lex: Lexicons) -> list[Source]:
    """The credits of one attribution line.

    >>> from boilerstrip.lexicon import load
    >>> credits = from_attribution("المصدر | الخليج الجديد + متابعات", "cue:byline", load())
    >>> [(s.canonical, s.kind) for s in credits]
    [('الخليج الجديد', 'outlet'), ('متابعات', 'generic')]
    >>> [(s.canonical, s.kind) for s in from_attribution("By Jane Doe, Reuters", "cue:byline", load())]
    [('Jane Doe', 'author'), ('Reuters', 'agency')]
    """
    stripped = text.strip()[:MAX_CREDIT_CHARS]
    folded = fold(stripped)
    lead = regex.match(r"^[\W_]*", folded)
    skip = lead.end() if lead else 0
    kind: SourceKind = "author"
    rest, cued = stripped, False
    for key, key_kind in (("source_prefixes", "outlet"), ("byline_prefixes", "author")):
        m = lex.prefix(key, folded)
        if m is not None:
            kind, cued = key_kind, True  # type: ignore[assignment]
            rest = _cut_after(stripped, skip + m.end())
            break
    if not cued:
        # A bare name line: "Name - City", the place is not a credit.
        rest = _DASH.split(rest.strip(), maxsplit=1)[0]
    parts = _SPLIT.split(_before_date(rest, lex))
    credits = (_credit(p, kind, lex) for p in parts)
    return [c for c in credits if c is not None]


def _cut_after(text: str, folded_end: int) -> str:
    """The part of ``text`` after the first ``folded_end`` folded characters.

    Folding drops marks, so the cut is found by folding growing prefixes.
    """
    for cut in range(len(text) + 1):
        if len(fold(text[:cut]).rstrip()) >= folded_end:
            return text[cut:]
    return ""


def from_dateline(first_body_line: str, lex: Lexicons) -> list[Source]:
    """A credit in a dateline that opens the body: "LONDON (Reuters) -".

    >>> from boilerstrip.lexicon import load
    >>> from_dateline("عمّان (رويترز) - قال مسؤولون", load())
    [Source(name='رويترز', canonical='Reuters', kind='agency')]
    >>> from_dateline("BEIRUT (Example News) -- Officials said", load())
    [Source(name='Example News', canonical='Example News', kind='outlet')]
    """
    m = _DATELINE.match(first_body_line.strip()[:120])
    if m is None or len(m.group(1).split()) > 4:
        return []
    credit = _credit(m.group(1), "outlet", lex)
    return [credit] if credit is not None else []


def from_metadata(authors: list[str], outlets: list[str | None], lex: Lexicons) -> list[Source]:
    """Credits from a page's metadata: its authors, and its publisher or site name.

    A site name often carries a tagline ("Name | latest news"): only the name
    is kept.  Addresses and markup debris are not names.

    >>> from boilerstrip.lexicon import load
    >>> [s.canonical for s in from_metadata([], ["Example Times | Latest news", "https://x.org"], load())]
    ['Example Times']
    """
    found = []
    for value, kind in [*((a, "author") for a in authors), *((o, "outlet") for o in outlets)]:
        if not value or "://" in value or "&" in value or ";" in value or value.startswith("www."):
            continue
        if kind == "outlet":
            value = _SITE_TAGLINE.split(value.strip(), maxsplit=1)[0]
        credit = _credit(value[:MAX_CREDIT_CHARS], kind, lex)  # type: ignore[arg-type]
        if credit is not None:
            found.append(credit)
    return found


def dedupe(sources: list[Source]) -> list[Source]:
    """Keep the first of each (canonical, kind), in order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sources:
        key = (fold(s.canonical), s.kind)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
