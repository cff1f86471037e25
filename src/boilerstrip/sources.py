"""Who published the article: the page's credits, and which of its authors are the article's.

Every line where a credit stands is read (:mod:`boilerstrip.credit_lines` reads each one: an
attribution line, a dateline, a metadata value, a byline on a date line); the authors among the
credits are candidates whose evidence the fitted byline scorer weighs (:mod:`boilerstrip.bylines`).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .bylines import MARKUP, Candidate, describe, kept, weights
from .credit_lines import (
    CREDIT_RULES,
    DATE_RULES,
    MAX_CREDIT_CHARS,
    SITE_TAGLINE,
    credit_of,
    dated_byline,
    from_attribution,
    from_dateline,
    from_metadata,
    inline_byline,
    is_cued,
)
from .dates import parse_date
from .lexicon import Lexicons
from .model import Label, Line, Source
from .names import TOKENS, furniture_words, name_shaped, split_role, unglue_date
from .normalize import fold
from .readers import PageMeta

__all__ = [
    "article_sources",
    "author_candidates",
    "chosen",
    "dedupe",
    "from_attribution",
    "from_dateline",
    "from_metadata",
    "split_role",
]

#: Lines before the first body line where a byline may stand (when no title line is nearer).
BYLINE_WINDOW = 15
#: A line of at most this many words can be a byline (where a credited name is looked for).
SHORT_LINE_WORDS = 12
#: Lines after the article's last body line where a closing credit may stand.
CLOSING_WINDOW = 4


def _dated(credits: list[Source], text: str) -> list[Source]:
    """``credits`` where ``text`` holds a date, else none; the date is read only where there are
    credits (most lines hold no byline cue, and the date parser is the dearer test: on AEB's first
    50 pages in HTML mode, 6.9 date parses a page -> 0, 0.05 ms a page of 12.4)."""
    return credits if credits and parse_date(text) is not None else []


#: Labels of lines whose names are not the article's byline: a picture's credit, a reader's name.
_NOT_BYLINES = frozenset({Label.CAPTION, Label.POLL_COMMENT})


def author_candidates(
    lines: Sequence[Line], meta: PageMeta | None, lex: Lexicons, language: str | None = None
) -> tuple[list[tuple[Source, Candidate | None]], list[Candidate]]:
    """Every credit the page gives for its article, each author with the evidence for it.

    A credit line counts where a byline stands: between the headline (or
    :data:`BYLINE_WINDOW` lines before the body) and the body's first lines,
    inside the article when a credit cue opens it, or just after the article.
    A line no credit cue opens must be nothing but credits (names, agencies,
    generic credits).  Then come the body's dateline, a name on a date line
    before the body, and the page's metadata.  Spellings of one author are one
    candidate holding the evidence of each (see :mod:`boilerstrip.bylines`).

    Returns the credits in page order, each author with its candidate, and the
    candidates, described.
    """
    body = [k for k, ln in enumerate(lines) if ln.label is Label.BODY]
    if body:
        first, last = body[0], body[-1]
        titles = [k for k in range(first) if lines[k].label is Label.TITLE]
        near_title = titles and first - titles[-1] <= BYLINE_WINDOW
        start = titles[-1] if near_title else first - BYLINE_WINDOW
    else:
        first, last, start = len(lines), len(lines), 0
    found: list[tuple[Source, set[str]]] = []
    for k, ln in enumerate(lines):
        said, rule = ln.by_passes
        if Label.ATTRIBUTION in (ln.label, said):
            cued = is_cued(ln.text, lex)
            near = start <= k <= first + 2 or last < k <= last + CLOSING_WINDOW
            # Inside the article only the final label counts: the hand passes read many a cued
            # phrase in prose as a credit ("Von den Zahlen ..."), which the fitted decoder undoes.
            inside = cued and first <= k <= last and ln.label is Label.ATTRIBUTION
            if not (near or inside):
                continue
            evidence = cued or rule in CREDIT_RULES
            tags = {"cue" if cued else "credit-rule" if evidence else "shaped"}
            # Who called it a credit: the label, the hand passes, or both (the fitted weights say
            # how much each counts; with the rules decoder the two are the same label).
            if ln.label is Label.ATTRIBUTION:
                tags.add("labelled")
            if said is Label.ATTRIBUTION:
                tags.add("passes")
            if k > last:
                tags.add("closing")
            elif k >= first:
                tags.add("inside")
            read = from_attribution(ln.text, lex, language, strict=not evidence)
            if not read and not cued:
                # A dated credit line whose byline cue stands inside it: "Posted 3 May 2020 by Jane
                # Doe" (undated, a cue word inside a line is mostly prose: "von" is also "of").
                read = _dated(inline_byline(ln.text, lex, language), ln.text)
                tags.add("inline-cue")
            found += [(credit, tags) for credit in read]
        elif (start <= k < first or last < k <= last + CLOSING_WINDOW) and rule in DATE_RULES:
            found += [(credit, {"dated"}) for credit in dated_byline(ln.text, lex, language)]
        elif ln.label is not Label.BODY and start <= k <= first + 2 and is_cued(ln.text, lex):
            # A byline cue opens a line labelled otherwise where a byline stands ("von Jane Doe" read
            # as a teaser, "Text & Fotos: Jane Doe" as the headline).
            found += [(credit, {"cue-elsewhere"}) for credit in from_attribution(ln.text, lex, language)]
        elif (
            (start <= k <= first + 2 or last < k <= last + CLOSING_WINDOW)
            and ln.label not in _NOT_BYLINES
            and len(ln.text) <= MAX_CREDIT_CHARS  # before the split: a page may be one long line
            and len(ln.text.split()) <= SHORT_LINE_WORDS
        ):
            # A short dated line where a byline stands with a byline cue inside it, labelled
            # otherwise ("yas! | By Jane Doe | April 13, 2020" read as a menu, "Erstellt von Jane
            # am 3. Mai 2020" as the body's first line).  The date is what makes it a byline: a cue
            # word inside an undated line is mostly prose ("von" is also "of").
            found += [
                (credit, {"inline-cue"}) for credit in _dated(inline_byline(ln.text, lex, language), ln.text)
            ]
    if body:
        found += [(credit, set()) for credit in from_dateline(lines[first].text, lex)]
    site_words: set[str] = set()
    persons: set[str] = set()
    outlets: list[Source] = []
    if meta is not None:
        site = _site_names(meta)
        site_words = {w for v in site for w in v.split()}
        if meta.host:
            # The host's words ("example-times"), and the name written as one word ("exampletimes").
            site_words |= {fold(w) for w in regex.split(r"[.\-_]", meta.host) if w}
            site.add(fold(regex.sub(r"[.\-_]", "", meta.host.rsplit(".", 1)[-1])))
        tag = "byline-element" if meta.authors_source == "byline" else "meta"
        orgs = {fold(n) for n, _, kind in meta.credits if kind == "organization"}
        for s in from_metadata(meta.authors, [], lex, language):
            if fold(s.canonical) in site or fold(s.canonical) in orgs:
                # The site, or an organisation the markup types so, is no author (an outlet below).
                outlets.append(Source(s.name, s.canonical, "outlet"))
                continue
            found.append((s, {tag}))
        for name, where, kind in meta.credits:
            if kind == "organization":
                org = credit_of(name, "outlet", lex)
                if org is not None and org.kind != "generic":
                    outlets.append(org)
                continue
            for s in from_attribution(name, lex, language):
                if s.kind == "author" and fold(s.canonical) in site:
                    outlets.append(Source(s.name, s.canonical, "outlet"))
                    continue
                found.append((s, {where}))
                if kind == "person" and s.kind == "author":
                    persons.add(fold(s.canonical))
        outlets += from_metadata([], [meta.publisher, meta.sitename], lex, language)
    cands: list[Candidate] = []
    credits: list[tuple[Source, Candidate | None]] = []
    for s, tags in found:
        if s.kind != "author":
            credits.append((s, None))
            continue
        cand = next((c for c in cands if _same_person(s, c.source)), None)
        if cand is None:
            cand = Candidate(s, set())
            cands.append(cand)
        cand.evidence |= tags
        cand.person |= fold(s.canonical) in persons
        credits.append((s, cand))
    # Where a credited name is written: the start of each line around the article (a byline is short).
    window = lines[max(0, start) : last + CLOSING_WINDOW + 1] if cands or outlets else []
    completed = _complete_first_names(cands, window, lex)
    if completed:
        credits = [(c.source if c is not None and id(c) in completed else s, c) for s, c in credits]
    around = fold(unglue_date("\n".join(ln.text[:MAX_CREDIT_CHARS] for ln in window)))
    # Compared word by word, so that "Ann B. Example" and "Muster-Beispiel" are found as written.
    words_around = " " + " ".join(TOKENS.findall(around)) + " "
    seen = [bool(_tokens(c.source)) and f" {' '.join(_tokens(c.source))} " in words_around for c in cands]
    if cands:
        # Whether the page writes the name on any line (one only the markup holds is often a CMS
        # account or an editor the page credits nowhere).
        page_text = unglue_date("\n".join(ln.text[:MAX_CREDIT_CHARS] for ln in lines))
        page = " " + " ".join(TOKENS.findall(fold(page_text))) + " "
        short = [
            (ln.label, " " + " ".join(TOKENS.findall(fold(ln.text))) + " ")
            for ln in window
            if len(ln.text.split()) <= SHORT_LINE_WORDS
        ]
        org_words = lex.tokens["organisation_words"]
        for c in cands:
            c.organisation = any(fold(w).strip(",.:;()") in org_words for w in c.source.canonical.split())
            folded_name = fold(c.source.canonical)
            furniture = furniture_words()
            c.boilerplate = bool(_tokens(c.source)) and all(w in furniture for w in _tokens(c.source))
            c.photo_credit = bool(
                lex.scan(folded_name).get("photo_credits") or lex.prefix("caption_prefixes", folded_name)
            )
            name = f" {' '.join(_tokens(c.source))} "
            c.seen_on = frozenset(label.value for label, text in short if name.strip() and name in text)
            c.written = bool(name.strip()) and name in page
    if meta is not None:
        for c in cands:
            words = _tokens(c.source)
            # "Example.org" or "Example Org": the host's name with a top-level domain after it.
            bare = words[:-1] if len(words) > 1 and len(words[-1]) <= 3 and words[-1].isascii() else words
            c.own_site = "".join(words) in site or "".join(bare) in site
    describe(cands, site_words, [name_shaped(c.source.name) for c in cands], seen)
    credits += [(s, None) for s in outlets if _outlet_credited(s, around)]
    return credits, cands


def _complete_first_names(cands: list[Candidate], window: Sequence[Line], lex: Lexicons) -> set[int]:
    """Give a one-word name from the markup ("Jane") the surname the page writes after it, on a
    short line or at the start of one around the article ("Jane Doe", "Jane Doe is a reporter..."):
    the ids of the candidates so completed.

    >>> from boilerstrip.lexicon import load
    >>> c = Candidate(Source("Jane", "Jane", "author"), {"json-ld"})
    >>> _complete_first_names([c], [Line(0, "Jane Doe", Label.NAVIGATION, "x")], load()), c.source.canonical
    ({...}, 'Jane Doe')
    """
    done: set[int] = set()
    for c in cands:
        words = c.source.canonical.split()
        if len(words) != 1 or not c.evidence & MARKUP or not words[0][:1].isupper():
            continue
        pattern = regex.compile(rf"(?<!\w){regex.escape(words[0])}\s+(\p{{Lu}}[\p{{Ll}}\-]+)(?!\w)")
        for ln in window:
            m = pattern.search(ln.text[:MAX_CREDIT_CHARS])
            short = len(ln.text.split()) <= SHORT_LINE_WORDS
            if m is None or not (short or m.start() == 0):
                continue
            surname = fold(m.group(1))
            if surname in furniture_words() or surname in lex.tokens["role_words"]:
                continue
            full = f"{words[0]} {m.group(1)}"
            c.source = Source(full, full, "author", c.source.role)
            done.add(id(c))
            break
    return done


#: How the metadata's own site name and its organisations become outlets: ``"always"``, ``"seen"``
#: (only when the name is written on the lines around the article) or ``"never"``.  Measured on the
#: Arabic credits as HTML: P / R 0.400 / 1.000 always, 0.667 / 1.000 seen or never; the authors
#: figure does not move (outlets are not authors).  An agency from the metadata is always kept.
SITE_OUTLETS = "seen"


def _outlet_credited(s: Source, around: str) -> bool:
    if s.kind == "agency" or SITE_OUTLETS == "always":
        return True
    return SITE_OUTLETS == "seen" and bool(_tokens(s)) and " ".join(_tokens(s)) in around


def _site_names(meta: PageMeta) -> set[str]:
    """The site's own names, folded: its site name and publisher less a tagline, an address's host."""
    names = set()
    for value in (meta.sitename, meta.publisher):
        if not value:
            continue
        if "://" in value or value.startswith("www."):
            host = regex.sub(r"^(?:\w+://)?(?:www\.)?", "", value).split("/")[0]
            value = host.rsplit(".", 1)[0] if "." in host else host
        names.add(fold(value))
        names.add(fold(SITE_TAGLINE.split(value.strip(), maxsplit=1)[0]))
    return names


def article_sources(
    lines: Sequence[Line], meta: PageMeta | None, lex: Lexicons, language: str | None = None
) -> list[Source]:
    """Who the page credits for its article: its credits, authors only where the evidence holds.

    Candidates come from :func:`author_candidates`; an author is kept when its
    evidence outweighs its absence under the bundled fitted weights
    (:func:`boilerstrip.bylines.kept`).
    """
    credits, cands = author_candidates(lines, meta, lex, language)
    return chosen(credits, kept(cands, weights()))


def chosen(credits: Sequence[tuple[Source, Candidate | None]], authors: Sequence[Candidate]) -> list[Source]:
    """The credits less the authors not in ``authors``, one entry per source."""
    keep = {id(c) for c in authors}
    return _merge_people(dedupe([s for s, cand in credits if cand is None or id(cand) in keep]))


def _tokens(s: Source) -> tuple[str, ...]:
    return tuple(TOKENS.findall(fold(s.canonical)))


def _same_person(a: Source, b: Source) -> bool:
    """Two spellings of one author: the words of one are the first words of the other
    ("R.C. Baker" and "R C Baker", "Jane Doe" and "Jane Doe Monday")."""
    ta, tb = _tokens(a), _tokens(b)
    short, long_ = sorted((ta, tb), key=len)
    return (len(short) >= 2 and long_[: len(short)] == short) or (bool(ta) and ta == tb)


def _merge_people(sources: list[Source]) -> list[Source]:
    """One entry per author: of two spellings, the one with fewer words (the first when as many)."""
    out: list[Source] = []
    for s in sources:
        k = next((i for i, o in enumerate(out) if s.kind == o.kind == "author" and _same_person(s, o)), None)
        if k is None:
            out.append(s)
        elif len(_tokens(s)) < len(_tokens(out[k])):
            out[k] = Source(s.name, s.canonical, s.kind, s.role or out[k].role)
    return out


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
