"""Page generators and page checks shared by the property, robustness and fuzz tests (issues #6, #2).

Two flavours of the same shapes:

- hypothesis strategies (``pages()``, ``hostile_text()``, ``article_with_boilerplate()`` …),
  shrinkable, for ``tests/test_properties.py``;
- :func:`random_page`, driven by a :class:`random.Random`, for a fixed corpus that
  several processes must agree on (``tests/test_robustness.py``) and for the fuzz targets.

Boilerplate is never invented here: it is read from the bundled lexicons
(:func:`boilerstrip.lexicon.read_files`), so that a word added to a lexicon is
tested the day it is added.  Article prose is built from fixed word lists in
several scripts; those words are ordinary news vocabulary and not lexicon cues.

Importable as ``strategies`` because ``tests/conftest.py`` puts this folder on
``sys.path`` (pytest runs with ``--import-mode=importlib``).
"""

from __future__ import annotations

import json
import os
import random
from functools import cache

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from boilerstrip import Label, Page
from boilerstrip.lexicon import read_files

__all__ = [
    "BARE_BOILERPLATE_KEYS",
    "BOILERPLATE_KEYS",
    "SPECIAL_CHARS",
    "WORDS",
    "article_with_boilerplate",
    "boilerplate_lines",
    "check_page",
    "hostile_line",
    "hostile_text",
    "markupish_line",
    "pages",
    "paragraph",
    "property_settings",
    "random_page",
]

#: Examples per property test: small by default so that the suite stays fast;
#: ``BOILERSTRIP_HYPOTHESIS_EXAMPLES=5000`` for a longer (nightly) run.
MAX_EXAMPLES = int(os.environ.get("BOILERSTRIP_HYPOTHESIS_EXAMPLES", "100"))


def property_settings(max_examples: int = MAX_EXAMPLES) -> settings:
    """Settings for every property test: a fixed seed and a bounded budget, no timing.

    ``derandomize=True`` makes each run draw the same examples (CI is
    reproducible); ``deadline=None`` because a test must never fail on time;
    ``database=None`` so that runs do not depend on an example database.
    """
    return settings(
        derandomize=True,
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example
        ],
    )


# --------------------------------------------------------------------------- vocabulary

#: Ordinary news words per script (no lexicon cue among them), sentence mark last.
WORDS: dict[str, tuple[tuple[str, ...], str]] = {
    "en": (
        (
            "the", "minister", "said", "that", "council", "budget", "river", "village", "farmers", "water",
            "season", "officials", "would", "families", "increase", "during", "local", "market", "prices",
            "school", "children", "hospital", "doctors", "harvest", "bridge", "workers", "and", "of", "in",
            "was", "for", "with", "their", "after", "years", "plan", "city", "north", "railway", "grain",
        ),
        ".",
    ),
    "fr": (
        (
            "le", "ministre", "a", "déclaré", "que", "les", "agriculteurs", "du", "village", "récolte",
            "eau", "prix", "marché", "école", "enfants", "hôpital", "saison", "pont", "ouvriers", "et",
            "dans", "pour", "avec", "leurs", "après", "années", "ville", "nord", "blé", "rivière",
        ),
        ".",
    ),
    "ar": (
        (
            "قال", "الوزير", "إن", "الحكومة", "ستعمل", "على", "تحسين", "الخدمات", "في", "المدينة", "خلال",
            "العام", "المقبل", "المزارعين", "المياه", "الأسعار", "السوق", "المدارس", "الأطفال", "المستشفى",
            "الجسر", "العمال", "من", "إلى", "مع", "بعد", "سنوات", "الخطة", "الشمال", "القمح", "النهر",
        ),
        ".",
    ),
    "fa": (
        (
            "وزیر", "گفت", "که", "دولت", "برای", "بهبود", "خدمات", "در", "شهر", "سال", "آینده", "کشاورزان",
            "آب", "قیمت", "بازار", "مدرسه", "کودکان", "بیمارستان", "پل", "کارگران", "از", "با", "پس", "طرح",
            "شمال", "گندم", "رودخانه",
        ),
        ".",
    ),
    "ur": (
        (
            "وزیر", "نے", "کہا", "کہ", "حکومت", "شہر", "میں", "خدمات", "بہتر", "بنانے", "کے", "لیے", "اگلے",
            "سال", "کسانوں", "پانی", "قیمتیں", "بازار", "اسکول", "بچوں", "ہسپتال", "پل", "مزدور", "اور", "سے",
        ),
        "۔",
    ),
    "ru": (
        (
            "министр", "сказал", "что", "правительство", "будет", "улучшать", "услуги", "в", "городе",
            "следующем", "году", "фермеры", "вода", "цены", "рынок", "школа", "дети", "больница", "мост",
            "рабочие", "и", "после", "лет", "план", "север", "зерно", "река",
        ),
        ".",
    ),
}

#: Characters that break naive text code: controls, NUL, bidi and zero-width marks,
#: BOM, lone surrogates, line and paragraph separators, odd spaces, combining marks.
SPECIAL_CHARS: tuple[str, ...] = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1c", "\x1f", "\x7f", "\x85", "\xa0",
    "\u00ad", "\u034f", "\u061c", "\u0640", "\u064b", "\u0670", "\u180e", "\u200b", "\u200c", "\u200d",
    "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u3000", "\ufeff", "\ufffd", "\ufffe", "\uffff",
    "\ud800", "\udbff", "\udc00", "\udfff", "\U0001f600", "\U000e0001", "\U0010ffff",
    "ﷺ", "ﻻ", "ﷲ", "①", "ｆ", "İ", "ß", "ǅ", "\u0301",
)

#: Whole lines that look like broken markup, templates or scraped debris.
MARKUPISH: tuple[str, ...] = (
    "<div class=\"nav\">", "</div>", "<p>", "</p></p></p>", "<a href=\"/news\">Read more</a>", "<!-- ad -->",
    "<!--", "-->", "<script>var x = 1 < 2 && y;</script>", "<style>.a{color:red}</style>", "&nbsp;&amp;&lt;",
    "&#x202e;&#0;", "{{ article.title }}", "[caption id=\"1\"]", "| Home | World | Sport |", "<<<<>>>>",
    "<br/><br/><br/>", "<![CDATA[ x ]]>", "<?xml version=\"1.0\"?>", "<html><body>", "</body></html>",
    "javascript:void(0)", "https://example.com/a/b?c=d&e=f#g", "@@@@ #### $$$$", "• • • •", "---", "***",
    "==========", "....", "…", "(3)", "[12]", "|", "·", "»", "»»", ">>", "<", ">", "\t\t\t", "\\", "\"\"",
)

#: Line-mode lexicon keys whose entries, alone on a line (bulleted or not), are boilerplate.
BOILERPLATE_KEYS: tuple[str, ...] = (
    "related_headers", "comment_headers", "menu_entries", "navigation_headers"
)
#: Line-mode keys whose entries are boilerplate when they stand bare (a bulleted
#: "• agencies" is a list item, which the rules leave to the context).
BARE_BOILERPLATE_KEYS: tuple[str, ...] = ("generic_sources",)

#: How boilerplate stands on a page: bare, bulleted, with a colon or a count.
DECORATIONS: tuple[tuple[str, str], ...] = (
    ("", ""), ("• ", ""), ("* ", ""), ("", ":"), ("", " (3)"), ("  ", "  "), ("\u200f", ""), ("", " »"),
)


@cache
def boilerplate_lines(keys: tuple[str, ...] = BOILERPLATE_KEYS) -> tuple[str, ...]:
    """Every entry of ``keys``, from every lexicon file, sorted."""
    out: set[str] = set()
    for data in read_files().values():
        for key in keys:
            out.update(str(p) for p in data[key])  # type: ignore[attr-defined]
    return tuple(sorted(out))


# --------------------------------------------------------------------------- hypothesis strategies


@st.composite
def paragraph(draw: st.DrawFn, script: str | None = None) -> str:
    """A long prose paragraph in one script: 2 to 5 sentences of 8 to 22 words."""
    lang = script or draw(st.sampled_from(sorted(WORDS)))
    words, mark = WORDS[lang]
    sentences = []
    for _ in range(draw(st.integers(2, 5))):
        n = draw(st.integers(8, 22))
        sentence = " ".join(draw(st.lists(st.sampled_from(words), min_size=n, max_size=n)))
        sentences.append(sentence + mark)
    return " ".join(sentences)


def hostile_line() -> st.SearchStrategy[str]:
    """One line (no ``\\n``) of any characters, special ones over-represented."""
    alphabet = st.one_of(
        st.characters(exclude_characters="\n"),  # any code point, surrogates included
        st.sampled_from(SPECIAL_CHARS),
        st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Mn"], exclude_characters="\n"),
        st.sampled_from(" \t.,:|•-()"),
    )
    return st.text(alphabet, max_size=120)


def hostile_text() -> st.SearchStrategy[str]:
    """Any ``str``: arbitrary code points and lines, CRLF and lone CR, specials over-represented."""
    joined = st.lists(hostile_line(), max_size=30).flatmap(
        lambda lines: st.sampled_from(["\n", "\r\n", "\r", "\n\n"]).map(lambda sep: sep.join(lines))
    )
    return st.one_of(joined, st.text(st.characters()), joined)


def markupish_line() -> st.SearchStrategy[str]:
    """A line of broken markup-ish debris, sometimes glued to words."""
    return st.one_of(
        st.sampled_from(MARKUPISH),
        st.tuples(
            st.sampled_from(MARKUPISH), st.sampled_from(WORDS["en"][0]), st.sampled_from(MARKUPISH)
        ).map(" ".join),
    )


@st.composite
def decorated_boilerplate(draw: st.DrawFn) -> str:
    """A lexicon boilerplate entry as pages print it (bullet, colon, count …), or a bare credit."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(boilerplate_lines(BARE_BOILERPLATE_KEYS)))
    entry = draw(st.sampled_from(boilerplate_lines()))
    before, after = draw(st.sampled_from(DECORATIONS))
    return f"{before}{entry}{after}"


@st.composite
def _sprinkle(draw: st.DrawFn, line: str) -> str:
    """``line`` with a few special characters inserted at drawn positions."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from(SPECIAL_CHARS)) + line[at:]
    return line


@st.composite
def pages(draw: st.DrawFn, max_blocks: int = 25) -> str:
    """A page: article paragraphs, lexicon boilerplate, markup debris, hostile lines and blanks.

    Lines are sometimes sprinkled with special characters; the page may open with
    a BOM and use CRLF line ends.
    """
    block = st.one_of(
        paragraph(),
        decorated_boilerplate(),
        markupish_line(),
        hostile_line(),
        st.just(""),
        st.sampled_from(["   ", "\t", "\u3000", "\r", "\x0b\x0c"]),
    )
    lines = draw(st.lists(block, max_size=max_blocks))
    if draw(st.booleans()):
        lines = [draw(_sprinkle(ln)) for ln in lines]
    sep = draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n"]))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return bom + sep.join(lines)


@st.composite
def article_with_boilerplate(draw: st.DrawFn) -> tuple[str, list[int]]:
    """An article of several long paragraphs with lexicon boilerplate lines among them.

    Returns the page and the 1-based line numbers (in ``text.split("\\n")``) of
    the boilerplate lines; they stand before, inside and after the article.
    """
    script = draw(st.sampled_from(sorted(WORDS)))
    paragraphs = draw(st.lists(paragraph(script), min_size=3, max_size=7))
    mixed = draw(st.lists(paragraph(), max_size=2))  # a paragraph or two in another script
    body = paragraphs + mixed
    boiler = draw(st.lists(decorated_boilerplate(), min_size=1, max_size=8))
    slots = [draw(st.integers(0, len(body))) for _ in boiler]
    items: list[tuple[str, bool]] = [(p, False) for p in body]
    for slot, line in sorted(zip(slots, boiler), key=lambda t: t[0], reverse=True):
        items.insert(slot, (line, True))
    blank_between = draw(st.booleans())
    lines: list[str] = []
    marked: list[int] = []
    for text, is_boiler in items:
        if blank_between and lines:
            lines.append("")
        lines.append(text)
        if is_boiler:
            marked.append(len(lines))
    return "\n".join(lines), marked


# --------------------------------------------------------------------------- seeded, without hypothesis


def random_paragraph(rng: random.Random, script: str | None = None) -> str:
    """As :func:`paragraph`, from a seeded :class:`random.Random`."""
    words, mark = WORDS[script or rng.choice(sorted(WORDS))]
    sentences = []
    for _ in range(rng.randint(2, 5)):
        sentences.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 22))) + mark)
    return " ".join(sentences)


def random_line(rng: random.Random) -> str:
    """A hostile line from a seeded generator: code points from every plane and the specials."""
    out = []
    for _ in range(rng.randint(0, 60)):
        roll = rng.random()
        if roll < 0.3:
            out.append(rng.choice(SPECIAL_CHARS))
        elif roll < 0.6:
            out.append(chr(rng.randint(0, 0x2FFF)))
        else:
            out.append(chr(rng.randint(0, 0x10FFFF)))
    return "".join(out).replace("\n", " ")


def random_page(rng: random.Random, blocks: int = 30) -> str:
    """A page from a seeded generator: the same mix of shapes as :func:`pages`."""
    lines = []
    for _ in range(rng.randint(0, blocks)):
        kind = rng.random()
        if kind < 0.35:
            lines.append(random_paragraph(rng))
        elif kind < 0.6:
            before, after = rng.choice(DECORATIONS)
            lines.append(before + rng.choice(boilerplate_lines()) + after)
        elif kind < 0.7:
            lines.append(rng.choice(MARKUPISH))
        elif kind < 0.85:
            lines.append(random_line(rng))
        else:
            lines.append(rng.choice(["", "", "  ", "\r"]))
    return rng.choice(["", "\ufeff"]) + rng.choice(["\n", "\r\n"]).join(lines)


# --------------------------------------------------------------------------- checks


def check_page(text: str, page: Page) -> None:
    """The structural promises every page keeps, whatever its text.

    - every non-blank line (``line.strip()`` non-empty) of ``text.split("\\n")``
      gets exactly one ``Line``, in order, numbered by its 1-based index;
      blank lines get none;
    - ``Line.text`` is the input line as it was (not stripped, not folded);
    - every label is a ``boilerstrip.Label`` and every rule a non-empty ``str``;
    - the body is an ordered subsequence of the stripped input lines: exactly the
      stripped texts of the ``body`` lines, in input order;
    - the page serialises to JSON.
    """
    raw = text.split("\n")
    expected = [i for i, line in enumerate(raw, 1) if line.strip()]
    assert [ln.number for ln in page.lines] == expected
    for ln in page.lines:
        assert ln.text == raw[ln.number - 1]
        assert isinstance(ln.label, Label)
        assert isinstance(ln.rule, str) and ln.rule.strip(), ln
    body = page.body
    body_lines = body.split("\n") if body else []
    assert body_lines == [ln.text.strip() for ln in page.lines if ln.label is Label.BODY]
    assert_subsequence(body_lines, [line.strip() for line in raw])
    assert page.title is None or isinstance(page.title, str)
    json.dumps(page.to_dict(), ensure_ascii=False)  # lone surrogates included: json escapes them


def assert_subsequence(part: list[str], whole: list[str]) -> None:
    """``part`` occurs in ``whole`` in order (not necessarily contiguously)."""
    it = iter(whole)
    for item in part:
        assert any(item == candidate for candidate in it), f"{item!r} is not in order in the input"
