"""Names in credits: their shape, the role and the date written beside them, the cues and
conjunctions around them.  Word lists come from the lexicons (``conjunctions``, ``role_words``,
``date_words``, the furniture keys); :mod:`boilerstrip.sources` reads credits with these.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .lexicon import Lexicons, read_files
from .normalize import fold, translation_table, trim_run

#: A name has this many words at most (a credit longer than that is a phrase, not a name).
MAX_NAME_WORDS = 5
# Separators between several credits on one line; the conjunctions come from the lexicons.
MARKS = r"[+/|،,;&]|\s[-–—]\s"


# Particles that stand lower-case inside a name ("Ludwig van Beethoven", "Abd al Aziz").
PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "das", "di", "del", "della", "du", "des",
                        "la", "le", "al", "el", "bin", "ibn", "ben", "y", "e", "zu", "ter", "ten", "dos"})


TIDY = regex.compile(r"[\W_]*")


def tidy(name: str) -> str:
    """A credit without edge punctuation and without soft hyphens ("Mat\u00adthi\u00adas")."""
    return " ".join(trim_run(name.replace("\u00ad", ""), TIDY).split())


def before_date(name: str, lex: Lexicons) -> str:
    """A credit cut where a date starts: "Jane Doe on March 3, 2024" gives "Jane Doe".

    A date word that is also part of a name ("de", "le", "h" in "Ana De Vega", "Luc Le
    Blanc", "Omar H. Sample") starts a date only when a number follows it: a particle, or a
    capitalised word before another capitalised word, is read as part of the name.

    >>> from boilerstrip.lexicon import load
    >>> [before_date(n, load()) for n in ("Jane Doe on March 3, 2024", "Ana de la Vega", "Ana De Vega")]
    ['Jane Doe', 'Ana de la Vega', 'Ana De Vega']
    >>> before_date("Ana Vega de 3 de marzo", load())
    'Ana Vega'
    """
    words = name.split()
    dates = lex.tokens["date_words"]
    for k, word in enumerate(words[1:], 1):
        w = fold(word).strip(",.:;|")
        if any(ch.isdigit() for ch in w):
            return " ".join(words[:k])
        if w not in dates:
            continue
        if any(ch.isdigit() for ch in "".join(words[k + 1 : k + 4])):
            return " ".join(words[:k])
        if len(w) == 1 and word[:1].isupper():
            continue  # an initial: "Ann H", "Omar H. Sample"
        follows = words[k + 1] if k + 1 < len(words) else ""
        if (w in PARTICLES or word[:1].isupper()) and follows[:1].isupper():
            continue  # "Le" in "Luc Le Blanc", "de" in "José de la Fuente"
        if w in PARTICLES and follows.casefold() in PARTICLES:
            continue
        return " ".join(words[:k])
    return name


# A date glued to the word before it: "Jane Doe05.04.2025", "Doe13.12.2022 - 08:13".
GLUED_DATE = regex.compile(r"(?<=\p{L})(?=\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d))")


def unglue_date(text: str) -> str:
    """``text`` with a space before a date glued to a word: the name stays whole.

    >>> unglue_date("von Jane Doe13.12.2022 - 08:13 Uhr"), unglue_date("freeman1984")
    ('von Jane Doe 13.12.2022 - 08:13 Uhr', 'freeman1984')
    """
    return GLUED_DATE.sub(" ", text)


@lru_cache(maxsize=32)
def lexicon_words(key: str, language: str | None) -> frozenset[str]:
    """The folded ``key`` tokens of the lexicon for ``language``; of every lexicon when it has none."""
    files = list(read_files().values())
    chosen = [d for d in files if d["code"] == language] or files
    return frozenset(fold(w) for d in chosen for w in d[key])


@lru_cache(maxsize=32)
def splitter(language: str | None) -> regex.Pattern[str]:
    """Credit separators: marks, and the conjunctions of the page's language (all when unknown)."""
    conj = sorted(lexicon_words("conjunctions", language), key=len, reverse=True)
    words = "|".join(regex.escape(w) for w in conj)
    return regex.compile(rf"{MARKS}|\s(?:{words})\s" if words else MARKS, regex.IGNORECASE)


def name_shaped(name: str) -> bool:
    """Two to five words without digits, each capitalised where the script has case.

    >>> name_shaped("Jane van Doe"), name_shaped("Small"), name_shaped("community standards")
    (True, False, False)
    >>> name_shaped("نورهان نبيل")
    True
    """
    words = name.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS or any(ch.isdigit() for ch in name):
        return False
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if not letters:
            return False
        first = letters[0]
        if first.lower() != first.upper() and not first.isupper() and word.lower() not in PARTICLES:
            return False
    return True


def split_role(name: str, language: str | None = None) -> tuple[str, str | None]:
    """A credit cut into name and newsroom role at the first role word ("Parliamentary editor").

    >>> split_role("Thabo Mokone Parliamentary editor")
    ('Thabo Mokone', 'Parliamentary editor')
    >>> split_role("diplomatic correspondent")
    ('', 'diplomatic correspondent')
    >>> split_role("Senior correspondent Jane Doe")
    ('Jane Doe', 'Senior correspondent')
    """
    roles = lexicon_words("role_words", language)
    words = name.split()
    lead = 0
    while lead < len(words) and fold(words[lead]).strip(",.:;()") in roles:
        lead += 1
    if 0 < lead < len(words) and name_shaped(" ".join(words[lead:])):
        # The role before the name: "Rechtsanwalt Jane Doe", "Interview: Jane Doe".
        return " ".join(words[lead:]), " ".join(words[:lead]).strip(",.:;")
    for k, word in enumerate(words):
        if fold(word).strip(",.:;()") in roles:
            return " ".join(words[:k]), " ".join(words[k:])
    return name, None


def is_date(part: str, lex: Lexicons) -> bool:
    """Whether a credit part is a date: it opens with a date word and holds a number ("April 13, 2020")."""
    words = part.split()
    dates = lex.tokens["date_words"]
    # The words before the first number must all be date words: "Jan Muster 13.12.2022" is a
    # name before a date ("Jan" is also January's).  A part without a number is no date.
    lead = next((k for k, w in enumerate(words) if any(ch.isdigit() for ch in w)), None)
    return lead is not None and all(fold(w).strip(",.:;|") in dates for w in words[: max(lead, 1)])


def cut_after(text: str, folded_end: int) -> str:
    """The part of ``text`` after the first ``folded_end`` folded characters.

    Folding drops marks, so the cut is found by folding growing prefixes.
    """
    for cut in range(len(text) + 1):
        if len(fold(text[:cut]).rstrip()) >= folded_end:
            return text[cut:]
    return ""


# A byline cue glued to the name it introduces: "ByJane Doe".
GLUED = regex.compile(r"^(\p{Lu}\p{Ll}{1,3})(?=\p{Lu}[\p{Ll}.])")


def unglue(name: str, lex: Lexicons) -> str:
    """``name`` without a byline cue glued to it ("ByJane Doe" gives "Jane Doe")."""
    m = GLUED.match(name)
    if m and lex.prefix("byline_prefixes", fold(m.group(1)) + " "):
        return name[m.end() :]
    return name


def name_run(text: str, language: str | None) -> str:
    """The names that open ``text``, up to the first lower-case word that is neither a particle
    nor a conjunction: "Jane Doe in News" gives "Jane Doe", "Ann Roe and Jo Poe" stays.

    >>> name_run("Jane Doe in News, Sport", "en"), name_run("Ludwig van Beethoven und Ann Roe", "de")
    ('Jane Doe', 'Ludwig van Beethoven und Ann Roe')
    """
    words = text.split()
    joins = lexicon_words("conjunctions", language)
    for k, word in enumerate(words[1:], 1):
        w = fold(word).strip(",.:;()")
        if word[:1].islower() and w not in PARTICLES and w not in joins:
            return " ".join(words[:k])
    return text


WORD_START = regex.compile(r"(?<!\w)\w")


def without_cue(name: str, lex: Lexicons) -> str:
    """A credit from the markup less a byline cue that opens it, or that ends a phrase before
    it: "By Jane Doe", "View all posts by Jane Doe" give "Jane Doe"; "Maria di Stefano" stays.

    >>> from boilerstrip.lexicon import load
    >>> without_cue("View all posts by Jane Doe", load())
    'Jane Doe'
    >>> without_cue("Maria di Stefano", load())
    'Maria di Stefano'
    """
    after = after_cue(name, lex)
    if after is None or not after.strip():
        return name
    before = name[: len(name) - len(after)].split()[:-1]
    # The cue opens the credit, or follows words that are no name (a lower-case word in them).
    if len(before) <= 1 and lex.prefix("byline_prefixes", fold(name)) is not None:
        return after.strip()
    if any(w[:1].islower() for w in before):
        return after.strip()
    return name


def after_cue(text: str, lex: Lexicons) -> str | None:
    """What follows the first byline cue that opens a word of ``text``, or ``None``."""
    folded = fold(text)
    for m in WORD_START.finditer(folded):
        cue = lex.prefix("byline_prefixes", folded[m.start() :])
        if cue is not None:
            return cut_after(text, m.start() + cue.end())
    return None


#: Lexicon keys whose phrases are the words of page furniture, not of names.
FURNITURE_KEYS = (
    "related_headers", "related_prefixes", "comment_headers", "comment_cues", "navigation_headers",
    "menu_entries", "navigation_prefixes", "navigation_phrases", "caption_prefixes", "byline_prefixes",
    "source_prefixes", "date_words", "generic_sources",
)


@lru_cache(maxsize=1)
def furniture_words() -> frozenset[str]:
    """The folded words of every lexicon's furniture phrases ("read", "more", "posted", "follow")."""
    return frozenset(
        w
        for d in read_files().values()
        for key in FURNITURE_KEYS
        for p in d[key]
        for w in TOKENS.findall(fold(p))
    )


TOKENS = regex.compile(r"\w+")


def credit_signs(text: str, lex: Lexicons) -> list[str]:
    """What makes a short line read as a credit, in any language: it is a name
    (``name``: :func:`name_shaped`, not only furniture words such as "Home Page"), a name
    before a date (``dated``: "Jane Doe 12. März 2024", :func:`before_date`), or it holds a
    newsroom role (``role``: the lexicons' ``role_words``, "correspondent", "journaliste").

    The evidence pass (:mod:`boilerstrip.evidence`) weighs these as ``credit:…``; they are
    evidence, not verdicts: a menu of capitalised entries is name-shaped too.

    >>> from boilerstrip.lexicon import load
    >>> [credit_signs(t, load()) for t in ("Jane van Doe", "Home Page", "Jane Doe 3 March 2024")]
    [['name'], [], ['dated']]
    >>> credit_signs("Ann Roe, staff correspondent", load())
    ['role']
    """
    t = tidy(text)
    if not t:
        return []
    words = [fold(w).strip(",.:;()") for w in t.split()]
    out = []
    if name_shaped(t) and not furniture_words().issuperset(words):
        out.append("name")
    cut = before_date(t, lex)
    if cut != t and name_shaped(tidy(cut)):
        out.append("dated")
    if not lex.tokens["role_words"].isdisjoint(words):
        out.append("role")
    return out


def credit_words(lex: Lexicons) -> dict[str, object]:
    """What the compiled :func:`credit_signs` reads besides the line (``native/src/credits.rs``):
    the fold's table, the lexicons' date and role words, :func:`furniture_words`, the
    :data:`PARTICLES` and :data:`MAX_NAME_WORDS`."""
    return {
        "table": translation_table(),
        "date_words": sorted(lex.tokens["date_words"]),
        "role_words": sorted(lex.tokens["role_words"]),
        "furniture": sorted(furniture_words()),
        "particles": sorted(PARTICLES),
        "max_name_words": MAX_NAME_WORDS,
    }

