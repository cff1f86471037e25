"""One line's credits: an attribution line, a dateline, a metadata value, a byline on a date line.

An attribution line is cut after its cue ("المصدر:", "By", "--(")
and split into credits ("الخليج الجديد + متابعات" gives two).  Each credit is
an *agency* when the lexicons know it (any spelling, any script: "أ ف ب",
"فرانس برس" and "AFP" are all ``AFP``), *generic* when it names nobody in
particular ("وكالات", "agencies"), an *outlet* when a source cue introduced
it, and an *author* when a byline cue did or when the line is a bare name.
Which lines are read, and which of their authors are the article's, is
:mod:`boilerstrip.sources`' work: this module reads one text at a time.
"""

from __future__ import annotations

import regex

from .lexicon import Lexicons, core
from .model import Source, SourceKind
from .names import (
    MAX_NAME_WORDS,
    after_cue,
    before_date,
    cut_after,
    furniture_words,
    is_date,
    name_run,
    name_shaped,
    split_role,
    splitter,
    tidy,
    unglue,
    unglue_date,
    without_cue,
)
from .normalize import fold
from .rules import CUE_RULES

#: Longest attribution text read for credits (a credit line is short).
MAX_CREDIT_CHARS = 200
_DASH = regex.compile(r"\s[-–—]\s")
# What a site's name is followed by in its metadata: "Name | tagline", "Name - tagline".
SITE_TAGLINE = regex.compile(r"\s[|\-–—:]\s")
# A dateline credit: "عمّان (رويترز) -", "LONDON (Reuters) -".
_DATELINE = regex.compile(r"^[^()\n]{0,60}\(([^()\n]{2,40})\)\s*(?:--?|–|—|:)")


def credit_of(name: str, default_kind: SourceKind, lex: Lexicons) -> Source | None:
    """One credit, its kind read from the lexicons: an agency in any spelling, a generic credit, else
    ``default_kind``; ``None`` for a text without letters."""
    name = tidy(before_date(name, lex))
    if not any(ch.isalpha() for ch in name):
        return None
    folded = core(fold(name))
    agency = lex.agency(name, folded)
    if agency is None:
        m = lex.find_agency(name)
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


def from_attribution(
    text: str, lex: Lexicons, language: str | None = None, *, strict: bool = False
) -> list[Source]:
    """The credits of one attribution line.

    ``strict`` is for a line no credit cue opens: it gives credits only when
    every part of it is one (an agency, a generic credit, or a name), so that
    "AA / Small / Medium / Large" gives none.  A part made of role words
    ("diplomatic correspondent") is the role of the author before it.

    >>> from boilerstrip.lexicon import load
    >>> credits = from_attribution("المصدر | الخليج الجديد + متابعات", load())
    >>> [(s.canonical, s.kind) for s in credits]
    [('الخليج الجديد', 'outlet'), ('متابعات', 'generic')]
    >>> [(s.canonical, s.kind) for s in from_attribution("By Jane Doe, Reuters", load())]
    [('Jane Doe', 'author'), ('Reuters', 'agency')]
    >>> from_attribution("AA / Small / Medium / Large", load(), strict=True)
    []
    >>> from_attribution("Jane Doe, diplomatic correspondent", load())
    [Source(name='Jane Doe', canonical='Jane Doe', kind='author', role='diplomatic correspondent')]
    """
    stripped = unglue_date(text.strip()[:MAX_CREDIT_CHARS])
    folded = fold(stripped)
    lead = regex.match(r"^[\W_]*", folded)
    skip = lead.end() if lead else 0
    kind: SourceKind = "author"
    rest, cued = stripped, False
    cues: tuple[tuple[str, SourceKind], ...] = (("source_prefixes", "outlet"), ("byline_prefixes", "author"))
    for key, key_kind in cues:
        m = lex.prefix(key, folded)
        if m is not None:
            kind, cued = key_kind, True
            rest = cut_after(stripped, skip + m.end())
            break
    if not cued:
        # A bare name line: "Name - City", the place is not a credit.
        rest = _DASH.split(rest.strip(), maxsplit=1)[0]
    pieces = [p for p in splitter(language).split(rest) if p and p.strip() and not is_date(p, lex)]
    parts = [before_date(p, lex) for p in pieces]
    out: list[Source] = []
    for part in parts:
        if not any(ch.isalpha() for ch in part):
            continue  # a date or a count between credits
        name, role = split_role(unglue(tidy(part), lex), language)
        if not name and role:
            if out and out[-1].kind == "author" and out[-1].role is None:
                out[-1] = Source(out[-1].name, out[-1].canonical, "author", role)
                continue
            if strict:
                return []
            name, role = role, None  # a role alone: "Environment correspondent" stays a generic credit
        credit = credit_of(name, kind, lex)
        if credit is None:
            if strict:
                return []
            continue
        if credit.kind == kind and kind == "author":
            if strict and not name_shaped(credit.name):
                return []
            credit = Source(credit.name, credit.canonical, "author", role)
        out.append(credit)
    return out


def from_dateline(first_body_line: str, lex: Lexicons) -> list[Source]:
    """A credit in a dateline that opens the body: "LONDON (Reuters) -".

    >>> from boilerstrip.lexicon import load
    >>> from_dateline("عمّان (رويترز) - قال مسؤولون", load())
    [Source(name='رويترز', canonical='Reuters', kind='agency', role=None)]
    >>> from_dateline("BEIRUT (Example News) -- Officials said", load())
    [Source(name='Example News', canonical='Example News', kind='outlet', role=None)]
    """
    m = _DATELINE.match(first_body_line.strip()[:120])
    if m is None or len(m.group(1).split()) > 4:
        return []
    credit = credit_of(m.group(1), "outlet", lex)
    return [credit] if credit is not None else []


def from_metadata(
    authors: list[str], outlets: list[str | None], lex: Lexicons, language: str | None = None
) -> list[Source]:
    """Credits from a page's metadata: its authors, and its publisher or site name.

    A site name often carries a tagline ("Name | latest news"): only the name
    is kept.  Addresses and markup debris are not names.

    >>> from boilerstrip.lexicon import load
    >>> [s.canonical for s in from_metadata([], ["Example Times | Latest news", "https://x.org"], load())]
    ['Example Times']
    """
    found = []
    named: list[tuple[str | None, SourceKind]] = [*((a, "author") for a in authors)]
    named += [(o, "outlet") for o in outlets]
    for value, kind in named:
        if not value or "://" in value or "&" in value or ";" in value or value.startswith("www."):
            continue
        role = None
        if kind == "outlet":
            value = SITE_TAGLINE.split(value.strip(), maxsplit=1)[0]
        else:
            value, role = split_role(without_cue(value, lex), language)
        credit = credit_of(unglue(value, lex)[:MAX_CREDIT_CHARS], kind, lex)
        if credit is not None:
            found.append(Source(credit.name, credit.canonical, credit.kind, role) if role else credit)
    return found


def is_cued(text: str, lex: Lexicons) -> bool:
    folded = fold(text.strip()[:MAX_CREDIT_CHARS])
    return any(lex.prefix(key, folded) for key in ("source_prefixes", "byline_prefixes"))


#: Rules whose own test is evidence of a credit (``CueRule.credits``): their lines are read even
#: when no byline cue opens them.
CREDIT_RULES = frozenset(r.rule for r in CUE_RULES if r.credits)
#: Rules of a line that dates the article (``CueRule.dates``), where a byline often stands too.
DATE_RULES = frozenset(r.rule for r in CUE_RULES if r.dates)
# What separates a byline from its date on one line: "Jane Doe | 05.04.2025".
_BYLINE_DATE = regex.compile(r"[|·•]|\s[-–—]\s")


def inline_byline(text: str, lex: Lexicons, language: str | None = None) -> list[Source]:
    """The authors named after a byline cue anywhere in ``text``, up to the first word that is
    not part of a name ("Posted on May 3 by Jane Doe in News" gives Jane Doe): names only.

    >>> from boilerstrip.lexicon import load
    >>> [s.canonical for s in inline_byline("Veröffentlicht am 3. Mai 2020 von Jane Doe", load(), "de")]
    ['Jane Doe']
    >>> inline_byline("Most read by our subscribers this week", load(), "en")
    []
    >>> [s.canonical for s in inline_byline("Posted in News by Fabian on May 3", load(), "en")]
    ['Fabian']
    """
    found = _authors_after_cue(text, lex, language) or []
    return [s for s in found if name_shaped(s.name) or one_name(s.name)]


def _authors_after_cue(text: str, lex: Lexicons, language: str | None) -> list[Source] | None:
    """The authors named after the first byline cue in ``text``, up to the first word that is not
    part of a name; ``None`` where no cue opens a word of it."""
    after = after_cue(text.strip()[:MAX_CREDIT_CHARS], lex)
    if after is None:
        return None
    found = from_attribution(name_run(after, language), lex, language)[:MAX_NAME_WORDS]
    return [s for s in found if s.kind == "author"]


def one_name(name: str) -> bool:
    """One capitalised word that is no word of page furniture: "Fabian", not "More" or "our"."""
    words = name.split()
    return len(words) == 1 and name[:1].isupper() and fold(name) not in furniture_words()


def dated_byline(text: str, lex: Lexicons, language: str | None = None) -> list[Source]:
    """The author on a date line: after a byline cue anywhere in it ("Posted on May 3 by Jane
    Doe", "Geschrieben von Jane am 3. Mai"), else the name part when the rest is the date
    ("Jane Doe | 05.04.2025").

    >>> from boilerstrip.lexicon import load
    >>> [s.canonical for s in dated_byline("Posted on May 3, 2020 by Jane Doe", load())]
    ['Jane Doe']
    >>> [s.canonical for s in dated_byline("Jane Doe | 05.04.2025", load())]
    ['Jane Doe']
    """
    cued = _authors_after_cue(text, lex, language)
    if cued is not None:
        return cued
    parts = [p.strip() for p in _BYLINE_DATE.split(text.strip()[:MAX_CREDIT_CHARS]) if p.strip()]
    if len(parts) < 2:
        return []
    dates = lex.tokens["date_words"]
    names = [p for p in parts if name_shaped(p) and not any(fold(w) in dates for w in p.split())]
    if len(names) != 1 or len(names[0].split()) > 4:
        return []
    credit = credit_of(names[0], "author", lex)
    return [credit] if credit is not None and credit.kind == "author" else []
