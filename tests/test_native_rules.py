"""The compiled context-free pass (``boilerstrip._native.Judge``, issue 15) against ``rules.judge``.

:func:`boilerstrip.verdicts.judge_page` judges a page's lines in one call to the compiled core
where it runs; it must give, line by line, the very verdict objects (rule name and shape)
that :func:`boilerstrip.rules.judge` gives: on every dev page in text and HTML mode, on
made-up lines that hit each cue rule (bullets, brackets, agencies in capitals and in lower
case, Arabic, Persian, CJK, bidi marks, empty and invisible lines, lone surrogates, a page
of 50,000 lines), on generated pages and under other thresholds.  The patterns and the
character facts the compiled pass answers for without a regex engine are pinned here.
"""

from __future__ import annotations

import inspect
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from native_paths import NATIVE_MISSING, core
from strategies import hostile_text, pages, property_settings
from test_native_corpus import HTML_CORPORA, read_pages, text_pages

from boilerstrip import lexicon, native, normalize, rules, verdicts
from boilerstrip.config import DEFAULT, Config
from boilerstrip.features import Features, measure
from boilerstrip.lexicon import load, read_files
from boilerstrip.markup_rules import judge_markup
from boilerstrip.readers import RawLine
from boilerstrip.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent
needs_native = pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or "")


def describe(v: rules.Verdict) -> str:
    return f"{v.rule}/{v.shape}"


def differences(feats: list[Features], cfg: Config = DEFAULT) -> list[str]:
    """Where the compiled pass and ``rules.judge`` differ on these features (empty: nowhere)."""
    lex = load()
    expected = [rules.judge(f, lex, cfg, judge_markup) for f in feats]
    with core("native"):
        got = verdicts.judge_page(feats, lex, cfg, judge_markup)
    assert len(got) == len(expected)
    return [
        f"line {i} {f.text[:60]!r}: python {describe(a)}, native {describe(b)}"
        for i, (f, a, b) in enumerate(zip(feats, expected, got))
        if a is not b
    ]


def codes(feats: list[Features], cfg: Config = DEFAULT) -> bytes:
    compiled = native.built()
    assert compiled is not None
    out = verdicts._codes(compiled, feats, load(), cfg)
    assert out is not None
    return out


def features(
    texts: list[str], cues: frozenset[str] = frozenset(), link: float | None = None
) -> list[Features]:
    lines = [RawLine(i + 1, t, cues, link) for i, t in enumerate(texts)]
    with core("native"):
        return measure(lines, load(), DEFAULT)[0]


# --- what the compiled pass answers for ----------------------------------------------------


def test_the_rules_and_patterns_the_compiled_pass_follows_are_unchanged() -> None:
    """``native/src/rules.rs`` answers for these: change one and this test fails until it follows."""
    assert rules.SHAPES == ("prose", "near", "heading", "list", "short")
    assert rules._CREDIT_SEPARATOR.pattern == r",|،|\s[-–—|]\s"
    assert rules._PATH.pattern == r"\s(?:»|›|>|::|→)\s"
    assert rules._ADDRESS.pattern == r"(?:https?://|www\.)\S{1,2000}"
    assert rules._MARKUP.pattern == r"<(?:[!/]|[a-zA-Z][a-zA-Z0-9:-]*(?=\s*/?>|\s[^<>]*=))[^<>]{0,2000}>$"
    assert rules._COUNT.pattern == r"^\W*\d+\s*"
    assert rules.SHARE_FILTER.flags & re.IGNORECASE and rules.SHARE_FILTER.pattern == (
        r"\W*(Drucken|E-?Mail|Facebook|Flipboard|Google|Instagram|Linkedin|Mail|PDF|Pinterest|Pocket|Print|QQ"
        r"|Reddit|Twitter|WeChat|WeiBo|Whatsapp|Xing|Mehr zum Thema:?|More on this.{,8}$)$"
    )
    assert lexicon._LEAD.pattern == r"^[\W_]+" and lexicon._TOKEN.pattern == r"\w+|[^\w\s]"
    assert lexicon._EDGE.pattern == r"[\W\d_]*" and lexicon._MAX_CLITIC == 3
    assert inspect.signature(lexicon.Lexicons.is_run_of_entries).parameters["longest"].default == 4
    keys = {k for k, mode in lexicon.KEY_MODES.items() if mode == "contains"}
    assert keys == {"comment_cues", "comment_policy", "navigation_phrases", "photo_credits"}


@needs_native
def test_the_compiled_rule_names_are_python_s() -> None:
    compiled = native.built()
    assert compiled is not None
    assert list(compiled.RULE_NAMES) == [r.name for r in rules.CUE_RULES]
    assert list(compiled.SHAPE_NAMES) == list(rules.SHAPES)
    assert verdicts._judge(compiled, load()) is not None  # the loaded lexicons are usable


def test_a_line_opened_by_a_letter_or_a_decimal_skips_nothing_in_prefix() -> None:
    """``Lexicons.prefix`` skips ``^[\\W_]+`` unless a letter or a decimal opens the line: the
    compiled pass always skips it, which is the same where those are ``\\w`` and not ``_``."""
    lead = regex.compile(r"[\W_]")
    bad = [cp for cp in range(0x110000) if (chr(cp).isalpha() or chr(cp).isdecimal()) and lead.match(chr(cp))]
    assert bad == []


def test_only_four_other_characters_match_the_share_filter_s_letters() -> None:
    """The compiled share filter reads "İ", "ı", "ſ" and the Kelvin sign as the ASCII letters that ``re``'s
    ``IGNORECASE`` matches them with, and no other character as a letter of the pattern."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = {
        (chr(cp), a)
        for cp in range(128, 0x110000)
        for a in ("i", "s", "k")
        if re.fullmatch(a, chr(cp), re.IGNORECASE)
    }
    assert found == {("İ", "i"), ("ı", "i"), ("ſ", "s"), ("\u212a", "k")}
    others = [cp for cp in range(128, 0x110000) if re.fullmatch(f"[{letters}]", chr(cp), re.IGNORECASE)]
    assert sorted(others) == [0x130, 0x131, 0x17F, 0x212A]


# --- made-up lines ---------------------------------------------------------------------------

EDGE_LINES = [
    "",
    " ",
    "\x00",
    "\ufeff",
    "\u200f\u200e",
    "•",
    "* * *",
    "()",
    "(AFP)",
    "(afp)",
    "(Afp)",
    "--(بترا)",
    "AFP",
    "afp",
    "• dpa",
    "DPA",
    "(A.F.P.)",
    "ИТАР-ТАСС",
    "итар-тасс",
    "ＡＦＰ",
    "AP",
    "ap",
    "(AP) —",
    "وكالة الصحافة الفرنسية",
    "وكالات",
    "Reuters",
    "REUTERS",
    "Agencies",
    "By Jane Doe",
    "By",
    "• By Jane Doe",
    "By Jane Doe and John Roe, with reporting from the field and more words here",
    "كتب: محمد علي",
    "Jane Doe, diplomatic correspondent",
    "Jane Doe - staff",
    "Jane Doe – Reuters – London",
    "Photo: Getty",
    "Photo: AFP/Getty Images",
    "Foto: dpa",
    "Getty Images",
    "صورة: أرشيفية",
    "Read also: a headline here",
    "اقرأ أيضاً: عنوان الخبر",
    "اقرأ أيضا",
    "Read more",
    "READ MORE",
    "Comments",
    "Comments (3)",
    "12 comments",
    "6 thoughts on “A headline”",
    "4 Gedanken zu „Überschrift“",
    "3 yorum",
    "Reply",
    "Tags: a, b, c",
    "Keywords: x",
    "Share this",
    "Share this article",
    "Home",
    "Home World",
    "Home | World | Sport",
    "News » World",
    "اقتصاد :: بورس",
    "الرئيسية القارات السبع",
    "Print Email Share",
    "print the report",
    "© 2024 Example News. All rights reserved.",
    "All rights reserved",
    "Privacy policy",
    "Facebook",
    "• Facebook",
    "» Twitter",
    "FACEBOOK",
    "facebook",
    "E-Mail",
    "email",
    "Mehr zum Thema:",
    "Mehr zum Thema",
    "More on this story",
    "More on this topic here and",
    "ſhare",
    "Print",
    "PrInT",
    "İnstagram",
    "Lınkedin",
    "PDF",
    "pdf",
    "QQ",
    "«Facebook»",
    "فيسبوك Facebook",
    "<img src='x' />",
    "<br>",
    "<>",
    "< a>",
    "<!-- x -->",
    "<a>b</a>",
    "<Show Title>",
    "<Show>",
    "<hr />",
    "<hr/ >",
    "<input disabled>",
    "<img\tsrc=x>",
    "<img src=x>\n",
    "<img src=x> ",
    "</div >",
    "<x-widget data-id=1>",
    "<ns:tag a=b>",
    "<é a=b>",
    "<a" + "b" * 2001 + ">",
    "<img " + "x" * 1998 + "=>",
    "<img " + "x" * 2000 + "=>",
    "<!" + "-" * 2000 + ">",
    "function f() { return x; }",
    "{title}",
    "{{ var }} = 1;",
    "a { b } c",
    "https://example.com/x",
    "www.example.com",
    "http://",
    "https://x y",
    "www.",
    "12 May 2024",
    "2024-05-12",
    "10:45",
    "Monday",
    "Votez pour votre candidat préféré",
    "Comments are moderated",
    "reply reply reply",
    "vote vote",
    "1. First item of a list",
    "2) second",
    "- dash item",
    "— em dash item",
    "· middle dot",
    "► Play",
    "This is an ordinary sentence of the article, long enough to be prose.",
    "Is it a question?",
    "Is this question long enough to count as a full prose sentence for the pass?",
    "Ending with dots...",
    "a" * 400,
    "word " * 40,
    "x" * 5000,
    "العنوان الرئيسي للخبر",
    "این یک خبر فارسی است.",
    "بیشتر بخوانید",
    "اخبار » سیاست",
    "頭條新聞",
    "本文へ移動",
    "続きを読む",
    "关注我们",
    "코멘트",
    "\u202bخبر عاجل\u202c",
    "Home\u200f",
    "\u200eRead also: x",
    "İSTANBUL (AA)",
    "(AA)",
    "aa",
    "ANKA",
    "(KUNA)",
    "kuna",
    "(بنا)",
    "وام",
    "(وام)",
    "(SPA)",
    "spa",
    "a spa hotel",
    "GET THE APP",
    "ɑ",
    "ß",
    "ﬁ",
    "Ⅻ",
    "½",
    "१२ मई",
    "Poc\u212aet",
    "Alpha | Beta | Gamma",
    "| Alpha · Beta •",
    *[
        "A line of the site's footer that every page repeats, "
        "long enough to count as a duplicate of the page's own lines."
    ]
    * 3,
    "• Poc\u212aet",
    "Lınkedin",
    "«Print»",
    "Print\u200f",
    "...Mehr zum Thema:",
    "More on this\u00e9\u00e9",
]


def decorated(phrase: str) -> Iterator[str]:
    """A lexicon phrase as pages write it: alone, in a list, with a count, after a headline."""
    yield phrase
    yield f"• {phrase}"
    yield f"({phrase})"
    yield f"{phrase}: a headline of another story"
    yield f"3 {phrase} the headline"
    yield f"{phrase} (12)"
    yield phrase.upper()
    yield f"Jane Doe, {phrase}"
    yield f"A sentence that holds {phrase} in its middle, as prose does."


def lexicon_lines() -> list[str]:
    """Every phrase of every lexicon file, decorated, and every agency spelling."""
    out: list[str] = []
    for data in read_files().values():
        for key, mode in lexicon.KEY_MODES.items():
            if mode == "aliases":
                for canonical, aliases in dict(data[key]).items():
                    for alias in [canonical, *aliases]:
                        out += [alias, f"({alias})", alias.lower(), alias.upper(), f"-- {alias}"]
            elif mode != "proclitics":
                for phrase in data[key]:
                    out += decorated(str(phrase))
    return out


@needs_native
@pytest.mark.parametrize(
    "cues", [frozenset(), frozenset({"nav"}), frozenset({"pre", "p"}), frozenset({"figure"})]
)
def test_edge_lines(cues: frozenset[str]) -> None:
    for link in (None, 0.0, 0.9):
        assert differences(features(EDGE_LINES, cues, link)) == []


@needs_native
def test_every_lexicon_phrase_and_every_rule() -> None:
    """Each phrase of the lexicons, as pages write it: every cue rule must fire on some line,
    and the compiled pass must agree with Python on each."""
    feats = features(lexicon_lines() + EDGE_LINES)
    assert differences(feats) == []
    fired = Counter(v.rule for v in (rules.judge(f, load(), DEFAULT, judge_markup) for f in feats))
    assert {r.rule for r in rules.CUE_RULES} <= set(fired), set(r.rule for r in rules.CUE_RULES) - set(fired)
    # the compiled pass decides nearly all of them itself
    asked = sum(c == verdicts.ASK for c in codes(feats))
    assert asked < len(feats) // 50


@needs_native
def test_lone_surrogates_and_hostile_lines_do_not_cross_the_boundary() -> None:
    texts = ["\ud800", "a\udfffb", "By \ud800 Doe", "(AFP\udc00)", "Photo: \ud83d", *EDGE_LINES[:20]]
    lines = [RawLine(i + 1, t) for i, t in enumerate(texts)]
    with core("native"):
        feats = measure(lines, load(), DEFAULT)[0]  # measured by Python: no Rust string holds them
    assert differences(feats) == []
    assert codes(feats)[0] == verdicts.ASK


@needs_native
def test_a_page_of_fifty_thousand_lines() -> None:
    texts = [EDGE_LINES[i % len(EDGE_LINES)] or "x" for i in range(50_000)]
    feats = features(texts)
    assert len(codes(feats)) == 50_000
    assert differences(feats) == []


CONFIGS = [
    Config(),
    Config(cue_max_chars=20, cue_sentence_max_words=2, byline_max_words=3, agency_line_max_words=1),
    Config(comment_cue_min=1, comment_cue_words=1, navigation_phrase_hits=1, code_min_braces=1),
    Config(comment_cue_words=-3, code_words_per_mark=-1, max_repetitions=-1, min_duplicate_chars=0),
    Config(max_word_chars=3, max_link_density=0.0, stopwords_low=0.0, stopwords_high=1.5, short_words=0),
    Config(max_word_chars=4.5, length_high=0, prose_min_words=0, question_prose_words=0, near_min_words=0),
    Config(entry_run_max_words=2**53, breadcrumb_min_words=-(2**53), menu_row_separators=0),
]


@needs_native
@pytest.mark.parametrize("cfg", CONFIGS, ids=range(len(CONFIGS)))
def test_other_thresholds(cfg: Config) -> None:
    feats = features(EDGE_LINES + lexicon_lines()[::7])
    assert verdicts.limits_of(cfg) is not None
    assert differences(feats, cfg) == []


@needs_native
@pytest.mark.parametrize(
    "cfg",
    [
        Config(comment_cue_words=0),
        Config(cue_max_chars=2**60),
        Config(max_word_chars=2**60),
        Config(short_words=3.0),
    ],
    ids=["zero-divisor", "huge-int", "huge-number", "float-for-int"],
)
def test_thresholds_the_compiled_pass_cannot_read_go_to_python(cfg: Config) -> None:
    assert verdicts.limits_of(cfg) is None
    feats = features(EDGE_LINES[:40])
    lex = load()
    with core("native"):
        try:
            got = [describe(v) for v in verdicts.judge_page(feats, lex, cfg, judge_markup)]
        except ZeroDivisionError:
            got = None
    try:
        expected = [describe(rules.judge(f, lex, cfg, judge_markup)) for f in feats]
    except ZeroDivisionError:
        expected = None
    assert got == expected


@needs_native
def test_scan_and_prefix_match_the_lexicons() -> None:
    compiled = native.built()
    assert compiled is not None
    judge = verdicts._judge(compiled, load())
    lex = load()
    prefix_keys = [k for k, mode in lexicon.KEY_MODES.items() if mode == "prefix"]
    for text in lexicon_lines()[::3] + EDGE_LINES:
        folded = normalize.fold(text)
        assert dict(judge.scan(folded)) == lex.scan(folded), text
        for key in prefix_keys:
            m = lex.prefix(key, folded)
            assert judge.prefix(key, folded) == (None if m is None else m.group(0)), (key, text)


@needs_native
@property_settings()
@given(st.lists(hostile_text(), min_size=1, max_size=8), st.sampled_from([None, 0.1, 0.95]))
def test_hostile_lines(texts: list[str], link: float | None) -> None:
    lines = [
        RawLine(i + 1, t, frozenset({"li"}) if i % 2 else frozenset(), link) for i, t in enumerate(texts)
    ]
    with core("native"):
        feats = measure(lines, load(), DEFAULT)[0]
    assert differences(feats) == []


@needs_native
@property_settings()
@given(pages())
def test_generated_pages(text: str) -> None:
    with core("native"):
        feats = measure(read_text(text), load(), DEFAULT)[0]
    assert differences(feats) == []


@needs_native
def test_case_pages() -> None:
    for case in json.loads((ROOT / "tests" / "cases" / "pages.json").read_text(encoding="utf-8")):
        assert differences(features(case["lines"])) == [], case["name"]


# --- every dev page --------------------------------------------------------------------------


@pytest.mark.slow
@needs_native
@pytest.mark.parametrize("corpus", sorted(HTML_CORPORA))
def test_html_dev_pages(corpus: str) -> None:
    lex = load()
    problems: list[str] = []
    seen = 0
    for name, lines, _ in read_pages(corpus):
        seen += 1
        with core("native"):
            feats = measure(lines, lex, DEFAULT)[0]
        problems += [f"{name}: {p}" for p in differences(feats)[:3]]
    assert seen > 0
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.slow
@needs_native
def test_text_dev_pages() -> None:
    lex = load()
    problems: list[str] = []
    for name, text in text_pages():
        with core("native"):
            feats = measure(read_text(text), lex, DEFAULT)[0]
        problems += [f"{name}: {p}" for p in differences(feats)[:3]]
    assert problems == [], "\n".join(problems[:20])
