"""What each line looks like on its own: the features of the context-free pass.

Features are measured once per line, on a bounded prefix of very long lines
(``Config.feature_prefix``) so that the cost of a page stays linear in its
size; the line itself is always returned whole.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import regex

from .config import Config
from .language import SAMPLE_TOKENS, choose_stoplist, stoplists
from .lexicon import Lexicons, core
from .native import module as compiled_core
from .normalize import fold, translation_table
from .readers import RawLine

# A list item: a bullet glyph, a lone ASCII marker or a number ("1.", "2)") followed by a space.
_BULLET = regex.compile(r"^\s*(?:[•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>]|[*+\-–—](?=\s)|\d{1,3}[.)](?=\s))")
# A numbered list item ("1. ", "2) "), which is more often content than a link.
_NUMBERED = regex.compile(r"^\s*\d{1,3}[.)]\s")
# Sentence end: a sentence mark, optionally followed by closing quotes or brackets.
_TERMINAL = regex.compile(r"(?<![.…])[.!?؟。！？۔](?:[\"'”’»)\]]*)$")
_FULL_STOP = regex.compile(r"(?<![.…])[.。۔](?:[\"'”’»)\]]*)$")
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_END_CHARS = frozenset(".!?؟。！？۔…\"'”’»)]")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*")
# The same tokens on an ASCII line (no marks, letters and digits are [A-Za-z0-9]): the
# standard library's engine runs this simpler class about twice as fast.  Measured with
# ``python -m benchmarks.stages --no-reference --rounds 5`` (three runs each, medians): the
# features stage takes 18.2% of ``strip_html`` with it and 20.4% with ``_WORD`` alone, about
# 0.45 ms of 36 ms a page.  (lexicon.py's ASCII twins of ``_EDGE`` and ``_TOKEN`` showed no
# gain beyond the run-to-run noise, and were dropped.)
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'_-]*")
# The first characters a list item can start with (a bullet glyph or an ASCII marker);
# digits are tested apart.  Lines starting otherwise skip the two list patterns.
_LIST_STARTS = frozenset("•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>*+-–—")
_DIGIT = regex.compile(r"\d")
# Scripts written without spaces between words: about two characters a word.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_SEPARATORS = regex.compile(r"\s[|•·]\s|\s\|$|^\|\s")
_YEAR = regex.compile(r"(?:19|20)\d\d")
# A time, a day/month/year (the year in two or four digits) or a year-month-day: not a
# version number ("3.6.0") or a score.
_TIME_OR_DATE = regex.compile(
    r"\d{1,2}:\d{2}|(?<!\d)(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})"
    r"|\d{4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2})(?!\d)"
)
# Characters a word of a script written without spaces takes, on average.
_UNSPACED_CHARS_PER_WORD = 2
# Characters a word takes, to estimate the words of a line longer than ``Config.feature_prefix``.
_CHARS_PER_WORD = 6
# The end of a line the sentence-end patterns look at: a mark and its closing quotes.
_TAIL_CHARS = 8


def words_of(folded: str) -> list[str]:
    """The word tokens of a folded line: letters and digits, with inner marks, apostrophes,
    hyphens and underscores.

    >>> words_of("l'état d’urgence: 3-0 ١٢"), words_of("co-op's 2nd_try")
    (["l'état", 'd’urgence', '3-0', '١٢'], ["co-op's", '2nd_try'])
    """
    return _ASCII_WORD.findall(folded) if folded.isascii() else _WORD.findall(folded)


def _date_number(token: str) -> bool:
    """A token that can be part of a date or a time: one or two digits (a day, a month, an
    hour, a minute), a year (19xx, 20xx), or a short mix of digits and letters ("1st", "12h30"); not "350".

    >>> [t for t in ("12", "2024", "1er", "350", "000", "12h30") if _date_number(t)]
    ['12', '2024', '1er', '12h30']
    """
    if token.isdigit():
        return len(token) <= 2 or _YEAR.fullmatch(token) is not None
    return len(token) <= 5 and _DIGIT.search(token) is not None


@dataclass(slots=True)
class Features:
    """The context-free facts about one line."""

    text: str
    folded: str
    core: str
    chars: int
    words: int
    bullet: bool
    numbered: bool
    terminal: bool
    full_stop: bool
    ellipsis: bool
    colon_end: bool
    stop_density: float
    date_like: bool
    has_digit: bool
    separators: int
    repeats: int
    invisible: bool
    link_density: float | None
    cues: frozenset[str]
    #: the lexicons' scan (:meth:`~boilerstrip.lexicon.Lexicons.scan`), run by :meth:`count_phrases`
    scan: Callable[[str], dict[str, int]] = field(repr=False, compare=False)
    _phrase_counts: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def count_phrases(self) -> dict[str, int]:
        """How many phrases of each ``contains`` key the line holds: scans the line once.

        The scan runs when a rule first asks, and its result is kept: lines that strong
        markup decides are never scanned.
        """
        if self._phrase_counts is None:
            self._phrase_counts = self.scan(self.folded)
        return self._phrase_counts

    @property
    def heading_like(self) -> bool:
        """Reads as a heading or headline: a few words, no sentence end, no trailing colon."""
        return self.words >= 2 and not self.terminal and not self.colon_end


def measure(lines: list[RawLine], lex: Lexicons, cfg: Config) -> tuple[list[Features], str | None]:
    """Features of every line of a page, and the name of the stoplist chosen for it.

    ``lines`` are the reader's non-blank lines.  Each line is folded and
    tokenised once; the first tokens of the page choose its jusText stoplist,
    which gives each line its stopword density.  Only the sample's lines keep
    their tokens between the two loops, so that memory stays a small multiple
    of the page; the lexicon scan waits until a rule asks (:meth:`Features.count_phrases`).

    The compiled pass (:mod:`boilerstrip.native`) measures the page where it is built and
    sure of every line; it returns the same features as the loops below, which measure
    the pages it gives back (a line holding a lone surrogate).
    """
    # The compiled pass, measured with ``python -m benchmarks.cores --alternations 8`` (AEB's first
    # 50 pages, both cores in turn in one process, medians of 8): the features stage 5.05 -> 1.48
    # ms a page (3.24x), ``strip_html`` 31.6 -> 26.2 ms (1.14x), ``strip`` on the same pages as
    # text 20.2 -> 15.7 ms (1.27x); the stages it does not touch at 0.99-1.04x in that run.
    compiled = compiled_core()
    if compiled is not None:
        done = _measure_compiled(compiled, lines, lex, cfg)
        if done is not None:
            return done
    prefix = cfg.feature_prefix
    prepared = []
    sample: list[str] = []  # the first tokens of the page, to choose its stoplist
    for raw in lines:
        text = raw.text[:prefix].strip()
        folded = fold(text)
        tokens = None  # kept for the lines of the sample only, which bounds memory
        if len(sample) < SAMPLE_TOKENS:
            tokens = words_of(folded)
            sample += tokens
        prepared.append((raw, text, folded, core(folded), tokens))
    counts = Counter(c for *_, c, _ in prepared if c)
    stoplist, stopwords = choose_stoplist(sample)
    del sample
    date_tokens = lex.tokens["date_words"]
    is_stop = stopwords.__contains__
    scan = lex.scan
    out = []
    for raw, text, folded, line_core, tokens in prepared:
        if tokens is None:
            tokens = words_of(folded)
        unspaced = 0 if folded.isascii() else len(_UNSPACED.findall(folded)) // _UNSPACED_CHARS_PER_WORD
        n = len(tokens) + unspaced
        stops = sum(map(is_stop, tokens))
        has_digit = bool(_DIGIT.search(folded))
        date_like = False
        if 0 < n <= cfg.date_max_words and has_digit:
            # Mostly numbers and date words, with something only a date has: a date word, a
            # year, a time or a d/m/y pattern ("1. Finland" and "NMLS #1136" are not dates).
            date_hits = sum(1 for t in tokens if t in date_tokens or _date_number(t))
            pattern = bool(_TIME_OR_DATE.search(folded))
            datey = pattern or any(t in date_tokens or _YEAR.fullmatch(t) for t in tokens)
            share = date_hits / n
            date_like = datey and (
                share >= cfg.date_token_share or (pattern and share >= cfg.date_token_share_with_pattern)
            )
        full = raw.text.strip() if len(raw.text) > prefix else text
        tail = full[-_TAIL_CHARS:]
        # the three sentence-end patterns all end in one of these characters
        ends = tail[-1:] in _END_CHARS
        first = text[:1]
        listed = first in _LIST_STARTS or first.isdigit()
        out.append(
            Features(
                text=full,
                folded=folded,
                core=line_core,
                chars=len(full),
                words=n if len(raw.text) <= prefix else max(n, len(raw.text) // _CHARS_PER_WORD),
                bullet=listed and _BULLET.match(text) is not None,
                numbered=listed and _NUMBERED.match(text) is not None,
                terminal=ends and bool(_TERMINAL.search(tail)),
                full_stop=ends and bool(_FULL_STOP.search(tail)),
                ellipsis=ends and bool(_ELLIPSIS.search(tail)),
                colon_end=full.endswith((":", "：")),
                stop_density=stops / n if n else 0.0,
                date_like=date_like,
                has_digit=has_digit,
                separators=len(_SEPARATORS.findall(text)) if "|" in text or "•" in text or "·" in text else 0,
                repeats=counts[line_core] if line_core else 0,
                invisible=not folded,
                link_density=raw.link_density,
                cues=raw.cues,
                scan=scan,
            )
        )
    return out, stoplist


#: The compiled measurer of the last lexicons measured with, beside them (their matchers are
#: read once; a page measured with other lexicons builds another in their place).
_MEASURER: list[tuple[Lexicons, Any]] = []


def _measurer(compiled: ModuleType, lex: Lexicons) -> Any:
    """The extension's ``Measurer`` for these lexicons, built on first use."""
    if not _MEASURER or _MEASURER[0][0] is not lex:
        _, lists = stoplists()
        measurer = compiled.Measurer(
            Features,
            lex.scan,
            fold,
            translation_table(),
            sorted(lex.tokens["date_words"]),
            [sorted(words) for words in lists],
            SAMPLE_TOKENS,
        )
        _MEASURER[:] = [(lex, measurer)]
    return _MEASURER[0][1]


def _measure_compiled(
    compiled: ModuleType, lines: list[RawLine], lex: Lexicons, cfg: Config
) -> tuple[list[Features], str | None] | None:
    """:func:`measure` by the extension, or ``None`` for a page it gives back (and for counts
    that no Rust ``usize`` holds, such as a negative ``feature_prefix``: Python slices with those)."""
    if not (0 <= cfg.feature_prefix <= sys.maxsize and 0 <= cfg.date_max_words <= sys.maxsize):
        return None
    done = _measurer(compiled, lex).measure(
        lines,
        cfg.feature_prefix,
        cfg.date_max_words,
        cfg.date_token_share,
        cfg.date_token_share_with_pattern,
    )
    if done is None:
        return None
    feats, best = done
    names, _ = stoplists()
    return feats, (None if best is None else names[best])
