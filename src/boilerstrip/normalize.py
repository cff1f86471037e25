"""Fold text so that one lexicon spelling matches every way a page writes it.

Pages write the same word in many ways: hamza and alef forms (أ إ آ ٱ ا),
alef maqsura and yeh (ى ي), teh marbuta and heh (ة ه), Persian kaf and yeh
(ک ی, as in "العسکری" on an Arabic page), tatweel (ـ), diacritics, bidi and
zero-width marks, Eastern digits and Latin case.  Lexicon entries and page
lines both go through :func:`fold` before they are compared, so a lexicon
holds each phrase once.

>>> fold("إقرأ أيضاً:")
'اقرا ايضا:'
>>> fold("العسکری") == fold("العسكري")
True
>>> fold("\u200fRead   MORE\u200e")
'read more'
>>> fold("٢٠٢٠ ۱۲")
'2020 12'
"""

from __future__ import annotations

import re
import unicodedata

import regex

# Characters that carry no letter: bidi controls, zero-width marks, BOM, soft
# hyphen, tatweel and the Arabic diacritics (harakat, shadda, sukun, dagger alef,
# Quranic marks).  They are deleted.
_DROP = (
    "\u00ad\u061c\u0640\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_DROP_RANGES = [(0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x08D3, 0x08FF)]

# Letters folded to one form.
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ۍ": "ي",
    "ے": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ھ": "ه",
    "ہ": "ه",
    "ۂ": "ه",
    "ک": "ك",
    "ڪ": "ك",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "ـ": "",
}


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROP}
    for lo, hi in _DROP_RANGES:
        table.update({cp: None for cp in range(lo, hi + 1)})
    table.update({ord(k): v for k, v in _FOLD.items()})
    for zero in (0x0660, 0x06F0, 0x07C0, 0x0966):  # Arabic-Indic, Persian, NKo, Devanagari digits
        table.update({zero + d: str(d) for d in range(10)})
    return table


_TABLE = _build_table()


def translation_table() -> dict[int, str | None]:
    """A copy of the table :func:`fold` translates with (code point -> replacement, ``None`` to
    delete): the compiled measurement pass (:mod:`boilerstrip.native`) applies the same one."""
    return dict(_TABLE)


def _char_class(codepoints: list[int]) -> str:
    """A regex character class holding ``codepoints``, consecutive ones written as ranges."""
    runs: list[list[int]] = []
    for cp in sorted(codepoints):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)
    return "[" + "".join(parts) + "]"


# Runs of characters that the table changes.  Translating only these runs gives the same
# text as translating the whole line, several times faster on the common line that holds
# a few curly quotes or diacritics: ``str.translate`` looks every character up in a dict.
_FOLDABLE = re.compile(_char_class(list(_TABLE)) + "+")


def _translate(text: str) -> str:
    return _FOLDABLE.sub(lambda m: m.group().translate(_TABLE), text)


def fold(text: str) -> str:
    """Return ``text`` folded for matching: letters unified, marks dropped, case folded.

    The result is only for comparison; boilerstrip never returns folded text.
    Runs of white space become one space: :func:`fold_cased`, then the case folded.
    """
    return fold_cased(text).casefold()


def fold_cased(text: str) -> str:
    """:func:`fold` but for the case: what tells an acronym ("AP") from a word ("ap").

    ``str.casefold`` maps each character on its own, so character ``k`` of this text
    becomes ``fold_cased(t)[k].casefold()`` in :func:`fold`'s, of the same length but
    for a few letters ("ß", "İ").

    >>> fold_cased("\u200fＡＦＰ  — News"), fold("\u200fＡＦＰ  — News")
    ('AFP - News', 'afp - news')
    """
    if not text.isascii():
        text = _translate(text)
        if not unicodedata.is_normalized("NFKC", text):
            text = _translate(unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def trim_run(text: str, run: regex.Pattern[str] | re.Pattern[str]) -> str:
    """``text`` without the runs that ``run`` matches at its start and at its end.

    ``run`` must match the empty string (a ``[...]*`` class); matching it from
    the start of the text and of its reverse keeps the cost linear, where a
    ``[...]+$`` search would restart at every character of a long run.

    >>> trim_run("** news! 3", regex.compile(r"[\\W\\d_]*"))
    'news'
    """
    head, tail = run.match(text), run.match(text[::-1])
    if head is None or tail is None:
        raise ValueError(f"trim_run needs a pattern that matches the empty string, not {run.pattern!r}")
    start, end = head.end(), len(text) - tail.end()
    return text[start:end] if start < end else ""


def is_invisible(text: str) -> bool:
    """True for a non-blank line made only of invisible marks (such as U+FEFF).

    >>> is_invisible("\\ufeff "), is_invisible("a\\ufeff")
    (True, False)
    """
    return bool(text.strip()) and not fold(text)
