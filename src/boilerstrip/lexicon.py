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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import regex

from .normalize import fold, trim_run

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


def _alternation(phrases: set[str], *, anchored: bool) -> regex.Pattern[str] | None:
    """One regex for a set of literal phrases, longest first, with word edges."""
    if not phrases:
        return None
    parts = []
    for p in sorted(phrases, key=lambda s: (-len(s), s)):
        left = r"(?<!\w)" if regex.match(r"\w", p) and not anchored else ""
        right = r"(?!\w)" if regex.search(r"\w$", p) else ""
        parts.append(f"{left}{regex.escape(p)}{right}")
    body = "|".join(parts)
    return regex.compile(f"^(?:{body})" if anchored else f"(?:{body})")


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
    agencies: dict[str, str]
    agency_re: regex.Pattern[str] | None
    #: The first characters of each ``prefix`` key's phrases: a line opening with another
    #: character is not matched against the key's pattern.
    prefix_starts: dict[str, frozenset[str]]
    #: The first words of the ``menu_entries`` (for :meth:`is_run_of_entries`).
    menu_starts: frozenset[str]
    #: Every token that can start a ``contains`` hit (a first token, or one behind a
    #: proclitic): a line with none of them is not scanned token by token.
    triggers: frozenset[str] | None = None

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

    def agency(self, folded_name: str) -> str | None:
        """The canonical agency a folded name is an alias of, if any.

        >>> load().agency(fold("وكالة الصحافة الفرنسية"))
        'AFP'
        """
        return self.agencies.get(folded_name)

    def find_agency(self, folded: str) -> regex.Match[str] | None:
        """The first agency alias standing as whole words in a folded text."""
        return self.agency_re.search(folded) if self.agency_re else None

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
    )


@lru_cache(maxsize=1)
def load() -> Lexicons:
    """The bundled lexicons, compiled once per process."""
    return build(read_files())
