"""The ``sign:…`` evidence: what a line's characters say of it in any language.

An address or handle (footers, bylines), a clock time (comments, tickers), separators (menu
rows, breadcrumbs, bylines with a date), letters mostly capitals (section names), an opening
quote (readers' comments, pull quotes), many digits (dates, scores, prices), a question.  No
word of any language is named here: these hold on every site, :mod:`boilerstrip.evidence`
adds them to each line's evidence.
"""

from __future__ import annotations

import regex

#: An address or a handle, and the clock time of ``sign:clock``.
_ADDRESS = regex.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w")
#: A line holds one of these where ``_ADDRESS`` can match it.
_ADDRESS_NEEDS = ("/", "www.", ".com", ".org", ".net", "@")
_CLOCK = regex.compile(r"\b\d{1,2}[:h]\d{2}\b")
#: Characters that separate entries (``sign:separators-…``), and quotes that open a line.
SEPARATOR_CHARS = "|•·»›/"
QUOTES = "\"'«“„「『"
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + _ASCII_UPPER.lower()
_ASCII_DIGITS = b"0123456789"
#: Share of a line's letters in capitals from which it counts as written in capitals.
CAPITALS_SHARE = 0.6
#: Share of a line's characters that are digits from which it counts as mostly figures.
DIGITS_SHARE = 0.2
#: Characters of a line read for its signs (half at its start, half at its end), as the
#: features read a bounded prefix (``Config.feature_prefix``): a 10 MB line costs no more.
SIGN_CHARS = 4000


def signs(text: str) -> list[str]:
    """The ``sign:…`` evidence of a line's characters.

    >>> signs("HOME | WORLD | SPORT")
    ['sign:capitals', 'sign:separators-2']
    >>> signs("“Great piece!” said reader_42 at 10:45?")
    ['sign:clock', 'sign:quote', 'sign:question']
    """
    t = text.strip()
    if len(t) > SIGN_CHARS:  # a long line is read at its two ends, so cost stays bounded
        t = t[: SIGN_CHARS // 2] + " " + t[-SIGN_CHARS // 2 :]
    out = []
    letters, upper, digits = _classes(t)
    if letters >= 3 and upper >= CAPITALS_SHARE * letters:
        out.append("sign:capitals")
    # each pattern is tried only where a string it needs is in the line, the separators are
    # counted with ``str.count``: signs 0.98 CPU ms/page against 1.10 (timed as ``_classes`` below)
    if any(map(t.__contains__, _ADDRESS_NEEDS)) and _ADDRESS.search(t):
        out.append("sign:address")
    if "©" in t:
        out.append("sign:copyright")
    if digits >= 3 and _CLOCK.search(t):  # isdigit holds for every \d: three of them at least
        out.append("sign:clock")
    k = sum(map(t.count, SEPARATOR_CHARS))
    if k:
        out.append(f"sign:separators-{min(k, 3)}")
    if t[:1] in QUOTES:
        out.append("sign:quote")
    if t and digits >= DIGITS_SHARE * len(t):
        out.append("sign:digits")
    if t.endswith(("?", "؟")):
        out.append("sign:question")
    return out


def _classes(t: str) -> tuple[int, int, int]:
    """How many of ``t``'s characters are letters, capitals and digits (``str.isalpha``,
    ``isupper``, ``isdigit``).

    Its ASCII characters are counted as bytes, each class deleted at once (those methods hold
    for exactly these bytes there), and only the others one by one: signs 0.89 CPU ms/page
    against 1.39 with ``sum(map(str.isalpha, t))`` and the others, first 50 AEB pages (scratch
    A/B of d2846ef's ``signs`` and this one in one process, best of 15; the whole stage: the
    ``evidence`` row of ``python -m benchmarks.stages --decoder fitted``).

    >>> _classes("Ça coûte 3 €, DIT-IL"), _classes("")
    ((12, 6, 1), (0, 0, 0))
    """
    b = t.encode("ascii", "ignore")
    n = len(b)
    letters = n - len(b.translate(None, _ASCII_LETTERS))
    upper = n - len(b.translate(None, _ASCII_UPPER))
    digits = n - len(b.translate(None, _ASCII_DIGITS))
    if n < len(t):
        rest = _ASCII_RUNS.sub("", t)
        letters += sum(map(str.isalpha, rest))
        upper += sum(map(str.isupper, rest))
        digits += sum(map(str.isdigit, rest))
    return letters, upper, digits


_ASCII_RUNS = regex.compile(r"[\x00-\x7f]+")
