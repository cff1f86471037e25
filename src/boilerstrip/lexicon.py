"""Load the lexicons (``lexicons/*.json``) and compile them into matchers.

Rules are data: each language has one JSON file with the same keys, holding
the vocabulary of boilerplate (section headers, menu entries, share and tag
cues, caption and credit cues, bylines, dates) and of sources (agencies and
their spellings).  This module knows *how* each key is matched, never *what*
it holds; the engine asks "does this line match ``related_headers``?" and
gets the same answer in every language.

How a key matches (:data:`KEY_MODES`):

``line``
    the whole line, once bullets, punctuation and counts are trimmed from
    both ends ("* التعليقات (3)" matches "التعليقات").
``prefix``
    the line starts with the phrase, followed by a non-letter or the end.
``contains``
    the phrase stands anywhere in the line as whole words: lines and phrases
    are cut into tokens (runs of letters, single marks) and phrases are looked
    up by their first token, one dictionary look-up a token, whatever the
    size of the lexicons.
``token``
    single tokens or short phrases, looked up in a set (dates).
``proclitics``
    letters a language writes joined to the next word ("و", "بال", "l'");
    ``contains`` phrases also match behind them, so "النقاش" finds "بالنقاش".

All phrases are folded with :func:`boilerstrip.normalize.fold`; prefixes are
compiled into anchored alternations of literal strings, which cannot
backtrack catastrophically.  Adding a language is adding a file: see README.

``agencies`` (mode ``aliases``) is the one key where case counts.  Each canonical name
and each of its aliases is a spelling, matched as whole words on folded text, but a
spelling the lexicons write as an *acronym* matches only where the page writes it
so too: "AP —" and "(AFP)" name agencies, "Mac App Store", "a spa hotel", "the
map" and "pa" in prose do not.  An acronym (:func:`is_acronym`) is made of capital
letters only (Unicode's ``Lu``: a cased script's, Latin, Cyrillic, Greek), at least two,
in words of at most five letters joined by a dot, a hyphen or a space, a dot
perhaps closing it: "AFP", "KUNA", "ИТАР-ТАСС", "A.F.P.".  Initialisms are written
in capitals; a longer word in capitals is a brand's styling ("REGNUM") that pages
also write in lower or title case, so it matches in any case, as a spelling
written in lower or mixed case does ("dpa", "epd", "Reuters", "ABr", "AFP時事"),
and as a spelling in a script without case does ("أ ف ب", "共同").  A folded alias
is held to the case of its spellings only when every spelling of it in every file
is an acronym: "DPA" (a canonical name) beside "dpa" matches "dpa" as today.
"As written" is after :func:`boilerstrip.normalize.fold_cased` (the fold but for
the case: "ＡＦＰ" is "AFP"); the dots of an acronym are part of its spelling.
A line in capitals still names "APP" in "GET THE APP": case tells nothing there.
A canonical name is matched as a spelling in every language, so it is the agency's
own name and no common word of another ("Mehr News Agency", not German "mehr";
"PRIME", an acronym, not English "prime").

Keys are named for the role of what they hold (the rule they feed), not for
how they are matched; three keys were renamed so, and a lexicon file written
with the old names takes the new ones:

=======================  =======================  ==============================
old key                  new key                  rule it feeds
=======================  =======================  ==============================
``navigation_contains``  ``navigation_phrases``   ``cue:navigation-phrase``
``caption_contains``     ``photo_credits``        ``cue:photo-credit``
``navigation_lines``     ``menu_entries``         ``cue:navigation-line``,
                                                  ``cue:menu-entries``
=======================  =======================  ==============================
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any, Literal

import regex

from .normalize import fold, fold_cased, trim_run

MatchMode = Literal["line", "prefix", "contains", "token", "aliases", "proclitics"]

#: Every lexicon key and how the engine matches it.
KEY_MODES: dict[str, MatchMode] = {
    "related_headers": "line",  # "Read also": opens a box of related links
    "related_prefixes": "prefix",  # "Read also: <headline>"
    "comment_headers": "line",  # "Comments (3)": opens readers' voice
    "comment_count_prefixes": "prefix",  # "6 thoughts on “<headline>”" after its count
    "comment_cues": "contains",  # "reply", "vote": words of readers' voice
    "comment_policy": "contains",  # "comments are moderated"
    "navigation_headers": "line",  # "Follow us": opens a menu
    "menu_entries": "line",  # "Home", "Print": one entry of a menu or share bar
    "tag_prefixes": "prefix",  # "Tags:", "Keywords:": the story's tag or keyword list
    "navigation_prefixes": "prefix",  # "Share this", "Reading time"
    "navigation_phrases": "contains",  # "All rights reserved": page furniture anywhere in a line
    "caption_prefixes": "prefix",  # "Photo:"
    "photo_credits": "contains",  # "Getty Images": a picture's credit
    "byline_prefixes": "prefix",  # "By", "كتب"
    "source_prefixes": "prefix",  # "Source:", "Courtesy of"
    "date_words": "token",  # month and day names
    "generic_sources": "line",  # "agencies", "staff": a credit that names nobody
    "conjunctions": "token",  # "and" between two authors
    "role_words": "token",  # "correspondent": a newsroom role after a name
    "organisation_words": "token",  # "GmbH", "foundation": a credit that names an organisation
    "agencies": "aliases",  # an agency's spellings, by canonical name
    "proclitics": "proclitics",
}
#: Keys that describe the file rather than the vocabulary.
META_KEYS = ("code", "name", "stoplist")

# Trimmed from both ends before whole-line lookups: anything that is not a
# letter (bullets, punctuation, brackets, digits of a count).
_EDGE = regex.compile(r"[\W\d_]*")
_LEAD = regex.compile(r"^[\W_]+")
# Tokens for "contains" look-ups: runs of letters and digits, or one mark.
_TOKEN = regex.compile(r"\w+|[^\w\s]")
#: Longest proclitic tried on a token.
_MAX_CLITIC = 3
#: An agency spelling written as an acronym (:func:`is_acronym`): capital letters in words of
#: at most :data:`ACRONYM_MAX_LETTERS` joined by a dot, a hyphen or a space.
ACRONYM_MAX_LETTERS = 5
_CAPITALS = rf"\p{{Lu}}{{1,{ACRONYM_MAX_LETTERS}}}"
_ACRONYM = regex.compile(rf"{_CAPITALS}(?:(?:\.\s?|[\- ]){_CAPITALS})*\.?")

Phrase = tuple[str, ...]
#: One lexicon file as JSON gives it: the meta keys' strings, every other key's phrases.
LexiconFile = dict[str, Any]


class LexiconError(ValueError):
    """A lexicon file that does not have the keys every lexicon must have."""


def core(folded: str) -> str:
    """The folded line with bullets, punctuation and counts trimmed from both ends.

    >>> core(fold("  • اقرأ أيضاً: (3)"))
    'اقرا ايضا'
    """
    return trim_run(folded, _EDGE)


def is_acronym(spelling: str) -> bool:
    """Is a lexicon spelling an acronym, which matches only as written (see the module's notes)?

    >>> [is_acronym(s) for s in ("AFP", "A.F.P.", "ИТАР-ТАСС", "İHA", "dpa", "ABr", "REGNUM", "أ ف ب")]
    [True, True, True, True, False, False, False, False]
    """
    text = fold_cased(spelling)
    return _ACRONYM.fullmatch(text) is not None and sum(ch.isalpha() for ch in text) >= 2


def _cased_span(cased: str, folded: str, start: int, end: int) -> str:
    """The characters of ``cased`` (:func:`fold_cased`) that fold to ``folded[start:end]``.

    >>> _cased_span("İHA news", "i̇ha news", 0, 4)
    'İHA'
    """
    if len(cased) == len(folded):
        return cased[start:end]
    # Where each character of the cased text ends in the folded one ("İ" folds to two).
    ends = list(accumulate(len(ch.casefold()) for ch in cased))
    return cased[bisect_right(ends, start) : bisect_left(ends, end) + 1]


def _index(keys: dict[str, set[str]]) -> dict[str, tuple[tuple[str, Phrase], ...]]:
    """First token -> (key, phrase tokens) for every ``contains`` phrase."""
    index: dict[str, list[tuple[str, Phrase]]] = {}
    for key, phrases in keys.items():
        for p in sorted(phrases):
            tokens = tuple(_TOKEN.findall(p))
            if tokens:
                index.setdefault(tokens[0], []).append((key, tokens))
    return {k: tuple(v) for k, v in index.items()}


def _triggers(index: dict[str, tuple[tuple[str, Phrase], ...]], proclitics: set[str]) -> frozenset[str]:
    """The tokens :meth:`Lexicons.scan` can find a phrase at: first tokens, and first
    tokens behind a proclitic of up to ``_MAX_CLITIC`` letters (which leaves two)."""
    clitics = [c for c in proclitics if 0 < len(c) <= _MAX_CLITIC]
    return frozenset(index) | {c + key for key in index if len(key) >= 2 for c in clitics}


def alternation_source(phrases: set[str] | frozenset[str], *, anchored: bool) -> str | None:
    """The source of :func:`_alternation`'s pattern (the compiled context-free pass,
    :mod:`boilerstrip.verdicts`, checks that a ``prefix`` key's pattern is its phrases')."""
    if not phrases:
        return None
    parts = []
    for p in sorted(phrases, key=lambda s: (-len(s), s)):
        left = r"(?<!\w)" if regex.match(r"\w", p) and not anchored else ""
        right = r"(?!\w)" if regex.search(r"\w$", p) else ""
        parts.append(f"{left}{regex.escape(p)}{right}")
    body = "|".join(parts)
    return f"^(?:{body})" if anchored else f"(?:{body})"


def _alternation(phrases: set[str], *, anchored: bool) -> regex.Pattern[str] | None:
    """One regex for a set of literal phrases, longest first, with word edges."""
    source = alternation_source(phrases, anchored=anchored)
    return None if source is None else regex.compile(source)


@dataclass(frozen=True)
class Lexicons:
    """All lexicon files merged: one matcher per key, across languages.

    ``languages`` maps each file's ``code`` to its jusText stoplist name.
    """

    languages: dict[str, str]
    line_sets: dict[str, frozenset[str]]
    prefix_res: dict[str, regex.Pattern[str] | None]
    contains_index: dict[str, tuple[tuple[str, Phrase], ...]]
    proclitics: frozenset[str]
    clitic_starts: frozenset[str]
    tokens: dict[str, frozenset[str]]
    #: Every agency spelling, folded, and the canonical name it spells.
    agencies: dict[str, str]
    #: The agencies' spellings, folded, as one alternation with word edges.
    agency_re: regex.Pattern[str] | None
    #: The first characters of each ``prefix`` key's phrases: a line opening with another
    #: character is not matched against the key's pattern.
    prefix_starts: dict[str, frozenset[str]]
    #: The first words of the ``menu_entries`` (for :meth:`is_run_of_entries`).
    menu_starts: frozenset[str]
    #: Every token that can start a ``contains`` hit (a first token, or one behind a
    #: proclitic): a line with none of them is not scanned token by token.
    triggers: frozenset[str] | None = None
    #: The folded agency spellings that are acronyms (:func:`is_acronym`) in every file, each
    #: with the ways the lexicons write it (:func:`~boilerstrip.normalize.fold_cased`): only
    #: those match ("AFP", not "afp" nor "Afp").
    acronyms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: The phrases of each ``prefix`` key, folded (:attr:`prefix_res` is their pattern): what
    #: the compiled context-free pass builds its matchers from (:mod:`boilerstrip.verdicts`).
    prefixes: dict[str, frozenset[str]] = field(default_factory=dict)

    def whole_line(self, key: str, line_core: str) -> bool:
        """Does the trimmed line equal one of ``key``'s phrases?"""
        return line_core in self.line_sets[key]

    def prefix(self, key: str, folded: str) -> regex.Match[str] | None:
        """The phrase of ``key`` that opens the line, if any (bullets skipped)."""
        pattern = self.prefix_res[key]
        if pattern is None:
            return None
        first = folded[:1]
        # a letter or a digit opens the line: there is no bullet or mark to skip
        text = folded if first.isalpha() or first.isdecimal() else _LEAD.sub("", folded)
        if text[:1] not in self.prefix_starts[key]:
            return None
        return pattern.match(text)

    def scan(self, folded: str) -> dict[str, int]:
        """How many phrases of each ``contains`` key stand in a folded line.

        >>> load().scan(fold("© 2024 Example News. All rights reserved."))["navigation_phrases"]
        2
        """
        tokens = _TOKEN.findall(folded)
        hits: dict[str, int] = {}
        triggers = self.triggers
        if triggers is not None and triggers.isdisjoint(tokens):
            return hits
        index, clitics = self.contains_index, self.proclitics
        starts = self.clitic_starts
        for i, tok in enumerate(tokens):
            if triggers is not None and tok not in triggers:
                continue
            variants = [tok]
            if tok[0] in starts:
                variants += [
                    tok[k:] for k in range(1, min(_MAX_CLITIC, len(tok) - 2) + 1) if tok[:k] in clitics
                ]
            for variant in variants:
                for key, phrase in index.get(variant, ()):
                    n = len(phrase)
                    if n == 1 or tuple(tokens[i + 1 : i + n]) == phrase[1:]:
                        hits[key] = hits.get(key, 0) + 1
        return hits

    def is_run_of_entries(self, line_core: str, longest: int = 4) -> bool:
        """Is the line two or more ``menu_entries`` in a row ("Print Email Share")?

        >>> load().is_run_of_entries("print email share"), load().is_run_of_entries("print the report")
        (True, False)
        """
        words = line_core.split()
        if len(words) < 2 or words[0] not in self.menu_starts:
            return False  # every split starts with an entry that starts with the first word
        entries = self.line_sets["menu_entries"]
        reach = [True] + [False] * len(words)  # reach[k]: the first k words split into entries
        for k in range(1, len(words) + 1):
            reach[k] = any(
                reach[j] and " ".join(words[j:k]) in entries for j in range(max(0, k - longest), k)
            )
        return len(words) >= 2 and reach[-1]

    def agency(self, name: str, folded_core: str | None = None) -> str | None:
        """The canonical agency a name, as the page writes it, is a spelling of, if any;
        bullets, brackets and counts around it do not count, case counts for an acronym.
        ``folded_core`` is ``core(fold(name))`` where the caller has it.

        >>> lex = load()
        >>> lex.agency("وكالة الصحافة الفرنسية"), lex.agency("(AFP)"), lex.agency("afp"), lex.agency("• dpa")
        ('AFP', 'AFP', None, 'DPA')
        """
        key = core(fold(name)) if folded_core is None else folded_core
        canonical = self.agencies.get(key)
        if canonical is None or key not in self.acronyms:
            return canonical
        return canonical if core(fold_cased(name)) in self.acronyms[key] else None

    def find_agency(self, text: str, folded: str | None = None) -> regex.Match[str] | None:
        """The first agency spelling that stands as whole words in a text, as the page writes
        it, an acronym written as the lexicons write it.  The match is on the folded text
        (``folded``, which is ``fold(text)`` where the caller has it): its ``group(0)`` is a
        key of :attr:`agencies`.

        >>> lex = load()
        >>> lex.find_agency("LONDON (AP) — Officials said").group(0)
        'ap'
        >>> lex.find_agency("Get it on the Mac App Store") is None
        True
        """
        pattern = self.agency_re
        if pattern is None:
            return None
        if folded is None:
            folded = fold(text)
        m = pattern.search(folded)
        cased: str | None = None
        while m is not None and m.group(0) in self.acronyms:
            if cased is None:
                cased = fold_cased(text)
            if _cased_span(cased, folded, m.start(), m.end()) in self.acronyms[m.group(0)]:
                return m
            m = pattern.search(folded, m.start() + 1)
        return m

    def patterns(self) -> list[regex.Pattern[str]]:
        """Every compiled pattern (for the regex-safety tests)."""
        pats = [*self.prefix_res.values(), self.agency_re]
        return [p for p in pats if p is not None]


def _check(data: LexiconFile, name: str) -> None:
    expected = set(KEY_MODES) | set(META_KEYS)
    missing, extra = expected - set(data), set(data) - expected
    if missing or extra:
        raise LexiconError(f"lexicon {name}: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")


def read_files() -> dict[str, LexiconFile]:
    """The raw lexicon files bundled with the package, by file name."""
    out = {}
    for entry in sorted(resources.files("boilerstrip").joinpath("lexicons").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            _check(data, entry.name)
            out[entry.name] = data
    return out


def build(files: dict[str, LexiconFile]) -> Lexicons:
    """Merge lexicon files into one set of matchers."""
    merged: dict[str, set[str]] = {
        k: set() for k, mode in KEY_MODES.items() if mode not in ("aliases", "proclitics")
    }
    proclitics = {fold(p) for data in files.values() for p in data["proclitics"]}
    agencies: dict[str, str] = {}
    spellings: dict[str, set[str]] = {}
    languages: dict[str, str] = {}
    for name, data in files.items():
        _check(data, name)
        languages[str(data["code"])] = str(data["stoplist"])
        for key, mode in KEY_MODES.items():
            if mode == "proclitics":
                continue
            if mode == "aliases":
                for canonical, aliases in dict(data[key]).items():
                    for alias in [canonical, *aliases]:
                        agencies.setdefault(fold(alias), canonical)
                        spellings.setdefault(fold(alias), set()).add(fold_cased(alias))
            else:
                folded = (fold(p) for p in data[key])
                merged[key].update(core(p) if mode == "line" else p for p in folded if p)
    contains_index = _index({k: v for k, v in merged.items() if KEY_MODES[k] == "contains"})
    prefixes = {k: v for k, v in merged.items() if KEY_MODES[k] == "prefix"}
    return Lexicons(
        languages=languages,
        line_sets={k: frozenset(v) for k, v in merged.items() if KEY_MODES[k] == "line"},
        prefix_res={k: _alternation(v, anchored=True) for k, v in prefixes.items()},
        contains_index=contains_index,
        proclitics=frozenset(proclitics),
        clitic_starts=frozenset(p[0] for p in proclitics),
        tokens={k: frozenset(v) for k, v in merged.items() if KEY_MODES[k] == "token"},
        agencies=agencies,
        agency_re=_alternation(set(agencies), anchored=False),
        triggers=_triggers(contains_index, proclitics),
        prefix_starts={k: frozenset(p[0] for p in v if p) for k, v in prefixes.items()},
        menu_starts=frozenset(e.split()[0] for e in merged["menu_entries"] if e.split()),
        acronyms={k: frozenset(v) for k, v in spellings.items() if all(map(is_acronym, v))},
        prefixes={k: frozenset(v) for k, v in prefixes.items()},
    )


@lru_cache(maxsize=1)
def load() -> Lexicons:
    """The bundled lexicons, compiled once per process."""
    return build(read_files())
