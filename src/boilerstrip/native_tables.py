"""The character tables of the compiled core, computed from this Python.

The measurement pass (:func:`boilerstrip.features.measure`) and the evidence
pass (:func:`boilerstrip.evidence.gather`) ask, of each character, what
Python's ``str`` methods and the ``regex`` module say about it: ``str.isspace``
(``strip``, ``split``), ``str.isdigit``, ``str.isalpha``, ``str.isupper``, ``lower() != upper()``,
``str.casefold``, ``unicodedata``'s NFKC, and the classes of the patterns in
:mod:`.features`, :mod:`.lexicon`, :mod:`.cohesion`, :mod:`.evidence` and :mod:`.signs`
(``\\p{L}``, ``\\d``, ``\\s``, ``\\w`` …).  Rust's own Unicode crates
follow other Unicode versions and other definitions, so the compiled pass does
not use them: it reads tables made here, from the very functions the Python
pass calls, and written to ``native/src/tables.rs``::

    python -m boilerstrip.native_tables native/src/tables.rs

The tables hold the versions they were made with (``unicodedata.unidata_version``
and ``regex.__version__``).  :mod:`boilerstrip.native` uses the compiled pass as
it is where this Python has the same versions, and otherwise compares the tables
with :func:`compute` once (about a second) before using it; the tests compare
them on every run.

NFKC is the one piece that is not a property of single characters.  A
character is *kept* (:data:`NFKC_KEEP`) when NFKC leaves it alone and it can
never be the second half of a composition; a character is *mapped* when NFKC
maps it, alone, to kept characters only.  A text of kept and mapped characters,
each mapped one replaced, is then the NFKC of the text provided its combining
classes are in canonical order; the compiled pass checks that, and hands any
other text to Python's :func:`~boilerstrip.normalize.fold`.  (The replaced text is
compatibility-equivalent to the original, and it passes the quick check, so it
is the normal form.)

This module imports only the standard library, ``regex`` and ``numpy``: it is
what the Python pass is checked against, and depends on none of it.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass

import numpy as np
import regex

#: Each table bit and the single-character pattern (``regex``) that sets it.  They are the
#: character classes of :mod:`boilerstrip.features` and :mod:`boilerstrip.lexicon`'s patterns
#: (``tests/test_native.py`` pins those patterns, so that a change there fails until the
#: compiled pass follows).
REGEX_BITS: dict[str, tuple[int, str]] = {
    "EDGE": (1 << 2, r"[\W\d_]"),  # lexicon._EDGE: trimmed from a line's ends (core)
    "WORD_START": (1 << 3, r"[\p{L}\p{N}]"),  # features._WORD's first class
    "WORD_CONT": (1 << 4, r"[\p{L}\p{N}\p{M}'’_-]"),  # features._WORD's second class
    "RE_DIGIT": (1 << 5, r"\d"),  # \d in features' patterns
    "RE_SPACE": (1 << 6, r"\s"),  # \s in features' patterns
    "UNSPACED": (1 << 7, r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"),
    "RE_WORD": (1 << 11, r"\w"),  # \w (and the edges of \b) in cohesion's, evidence's and signs' patterns
    "HAN_KANA": (1 << 12, r"[\p{Han}\p{Hiragana}\p{Katakana}]"),  # cohesion._UNSPACED: words by pairs
}
#: Bits set from ``str`` methods.
PY_SPACE = 1 << 0  # str.isspace: what strip() and split() remove
PY_DIGIT = 1 << 1  # str.isdigit
PY_ALPHA = 1 << 13  # str.isalpha (signs' letters)
PY_UPPER = 1 << 14  # str.isupper (signs' capitals, names' initials)
PY_CASED = 1 << 15  # ch.lower() != ch.upper(): a letter of a script with case (names.name_shaped)
#: Bits of the NFKC and case tables (see the module's notes).
NFKC_KEEP = 1 << 8
NFKC_MAPPED = 1 << 9
CASEFOLDS = 1 << 10
#: The canonical combining class sits above the bits.
CCC_SHIFT = 16
#: Code points the tables cover: all of Unicode but the surrogates, which no Rust ``str`` holds.
MAX_CODE_POINT = 0x10FFFF
SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True)
class Tables:
    """Every code point's bits as runs, and the two mappings."""

    #: ``(first code point, value)``: the value holds from there to the next run's start.
    runs: list[tuple[int, int]]
    #: ``str.casefold`` of each character it changes.
    casefold: dict[int, str]
    #: NFKC of each mapped character (:data:`NFKC_MAPPED`).
    nfkc: dict[int, str]
    #: ``str.lower`` of each character beyond ASCII that it maps into ASCII (the Kelvin sign).
    lower_ascii: dict[int, str]
    unidata_version: str
    regex_version: str


def _code_points() -> list[int]:
    return [cp for cp in range(MAX_CODE_POINT + 1) if cp not in SURROGATES]


def _text(start: int, stop: int) -> str:
    """The characters from ``start`` to ``stop`` (no surrogate among them), in order."""
    return np.arange(start, stop, dtype="<u4").tobytes().decode("utf-32-le")


def _second_halves() -> set[int]:
    """Characters that can end a canonical composition (NFC's quick check says 'maybe' or 'no'):
    the second character of every two-character canonical decomposition, and Hangul's
    medial vowels and final consonants, which compose with the syllable before them."""
    out = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in _code_points():
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                out.add(int(parts[1], 16))
    return out


def _regex_values() -> np.ndarray:
    """Every code point's :data:`REGEX_BITS` (surrogates are 0)."""
    values = np.zeros(MAX_CODE_POINT + 1, dtype=np.uint32)
    low, high = _text(0, SURROGATES.start), _text(SURROGATES.stop, MAX_CODE_POINT + 1)
    for bit, pattern in REGEX_BITS.values():
        runs = regex.compile(pattern + "+")
        for text, base in ((low, 0), (high, SURROGATES.stop)):
            for m in runs.finditer(text):
                values[base + m.start() : base + m.end()] |= bit
    return values


def _runs(values: np.ndarray) -> list[tuple[int, int]]:
    """``(first code point, value)`` wherever the value changes, surrogates left out."""
    cps = np.concatenate([np.arange(SURROGATES.start), np.arange(SURROGATES.stop, MAX_CODE_POINT + 1)])
    seq = values[cps]
    starts = np.flatnonzero(np.concatenate([[True], seq[1:] != seq[:-1]]))
    return [(int(cps[i]), int(seq[i])) for i in starts]


def regex_runs() -> list[tuple[int, int]]:
    """The runs of the ``regex`` bits alone, from this Python's ``regex`` (about 0.4 s): what
    :mod:`boilerstrip.native` compares with the tables where the ``regex`` version differs."""
    return _runs(_regex_values())


def compute() -> Tables:
    """The tables, from this Python's ``str``, ``unicodedata`` and ``regex`` (a few seconds)."""
    values = _regex_values()
    second = _second_halves()
    casefold: dict[int, str] = {}
    nfkc: dict[int, str] = {}
    lower_ascii: dict[int, str] = {}
    candidates: list[int] = []
    for cp in _code_points():
        ch = chr(cp)
        bits = 0
        if ch.isspace():
            bits |= PY_SPACE
        if ch.isdigit():
            bits |= PY_DIGIT
        if ch.isalpha():
            bits |= PY_ALPHA
        if ch.isupper():
            bits |= PY_UPPER
        lower = ch.lower()
        if lower != ch.upper():
            bits |= PY_CASED
        if cp >= 0x80 and lower.isascii():
            lower_ascii[cp] = lower
        folded = ch.casefold()
        if folded != ch:
            casefold[cp] = folded
            bits |= CASEFOLDS
        normal = unicodedata.normalize("NFKC", ch)
        if normal == ch:
            if cp not in second:
                bits |= NFKC_KEEP
        else:
            candidates.append(cp)
            nfkc[cp] = normal
        bits |= unicodedata.combining(ch) << CCC_SHIFT
        values[cp] |= bits
    for cp in candidates:
        if all(values[ord(c)] & NFKC_KEEP for c in nfkc[cp]):
            values[cp] |= NFKC_MAPPED
        else:
            del nfkc[cp]
    return Tables(_runs(values), casefold, nfkc, lower_ascii, unicodedata.unidata_version, regex.__version__)


def _rust_str(text: str) -> str:
    return '"' + "".join(f"\\u{{{ord(c):x}}}" for c in text) + '"'


def rust_source(tables: Tables) -> str:
    """``native/src/tables.rs``: the tables as Rust constants."""
    out = [
        "// Generated by `python -m boilerstrip.native_tables native/src/tables.rs`: do not edit.",
        f"// Python {sys.version.split()[0]}.",
        "",
        f'pub const UNIDATA_VERSION: &str = "{tables.unidata_version}";',
        f'pub const REGEX_VERSION: &str = "{tables.regex_version}";',
        "",
        "/// (first code point, value) runs; see boilerstrip/native_tables.py for the bits.",
        "pub static RUNS: &[(u32, u32)] = &[",
    ]
    out += [f"    (0x{cp:x}, 0x{v:x})," for cp, v in tables.runs]
    out += ["];", "", "/// str.casefold of the characters it changes, by code point."]
    out += ["pub static CASEFOLD: &[(u32, &str)] = &["]
    out += [f"    (0x{cp:x}, {_rust_str(s)})," for cp, s in sorted(tables.casefold.items())]
    out += ["];", "", "/// NFKC of the mapped characters, by code point."]
    out += ["pub static NFKC: &[(u32, &str)] = &["]
    out += [f"    (0x{cp:x}, {_rust_str(s)})," for cp, s in sorted(tables.nfkc.items())]
    out += ["];", "", "/// str.lower of the characters beyond ASCII that it maps into ASCII, by code point."]
    out += ["pub static LOWER_ASCII: &[(u32, &str)] = &["]
    out += [f"    (0x{cp:x}, {_rust_str(s)})," for cp, s in sorted(tables.lower_ascii.items())]
    out += ["];", ""]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Write the Rust tables to the path given (``native/src/tables.rs``)."""
    if len(argv) != 1:
        print("usage: python -m boilerstrip.native_tables native/src/tables.rs", file=sys.stderr)
        return 2
    tables = compute()
    with open(argv[0], "w", encoding="utf-8") as f:
        f.write(rust_source(tables))
    print(f"{len(tables.runs)} runs, {len(tables.casefold)} case folds, {len(tables.nfkc)} NFKC mappings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
