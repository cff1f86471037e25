"""The compiled core (``boilerstrip._native``, issue 15) against the Python reference.

The compiled measurement pass must return exactly what :func:`boilerstrip.features.measure`
returns, on any input: empty pages, NUL, lone surrogates (which no Rust string holds: the
page is measured by Python), very long lines, every character of Unicode.  The tests of
the compiled core skip, saying why, where it is not built; the tests of the path selection
run on both.  ``test_native_corpus.py`` compares the two cores on every dev page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from native_paths import NATIVE_MISSING, both, core, feature_differences, page_differences
from strategies import hostile_text, pages, property_settings

import boilerstrip
from boilerstrip import features, lexicon, native, native_tables, normalize
from boilerstrip.config import DEFAULT, Config
from boilerstrip.features import measure
from boilerstrip.lexicon import load
from boilerstrip.readers import RawLine
from boilerstrip.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent
needs_native = pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or "")


def lines_of(*texts: str) -> list[RawLine]:
    return [RawLine(i + 1, t) for i, t in enumerate(texts)]


def assert_same_measure(
    lines: list[RawLine], cfg: Config = DEFAULT, lex: lexicon.Lexicons | None = None
) -> None:
    lex = lex or load()
    (a, stop_a), (b, stop_b) = both(lambda: measure(lines, lex, cfg))
    assert stop_a == stop_b
    assert feature_differences(a, b) == []


def assert_same_page(text: str, cfg: Config | None = None) -> None:
    a, b = both(lambda: boilerstrip.strip(text, config=cfg))
    assert page_differences(a, b) == []


# --- which core runs ------------------------------------------------------------------------


def _version(env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "--version"],
        capture_output=True, text=True, timeout=120, env={**os.environ, **env}, check=True,
    )
    return out.stdout.strip()


def test_version_says_which_core_runs() -> None:
    """Promise: ``boilerstrip --version`` names the core, and BOILERSTRIP_NATIVE=0 forces Python."""
    forced = _version({native.ENV: "0"})
    assert re.fullmatch(r"boilerstrip \S+ \(core: python; BOILERSTRIP_NATIVE=0\)", forced)
    default = _version({native.ENV: "1"})
    if NATIVE_MISSING is None:
        assert default == f"boilerstrip {boilerstrip.__version__} (core: native)"
    else:
        assert re.fullmatch(r"boilerstrip \S+ \(core: python; .+\)", default), default


def test_environment_variable_switches_the_core_in_a_running_process() -> None:
    with core("python"):
        assert native.core() == "python" and native.module() is None
        assert native.describe() == "core: python; BOILERSTRIP_NATIVE=0"
    with core("native"):
        assert native.core() == ("native" if NATIVE_MISSING is None else "python")


@pytest.mark.skipif(native.built() is not None, reason="the compiled core is built here")
def test_without_the_extension_the_python_core_runs() -> None:
    assert native.core() == "python" and "not built" in native.describe()
    assert boilerstrip.strip("Hello there, world.\nBy Jane Doe").lines


# --- the tables and the patterns they stand for ------------------------------------------------


@needs_native
def test_tables_are_this_pythons() -> None:
    """The built tables are what ``native_tables.compute`` makes from this Python, and so is the
    committed source (``native/src/tables.rs``) the extension is built from."""
    tables = native_tables.compute()
    compiled = native.built()
    assert compiled is not None
    assert [tuple(r) for r in compiled.table_runs(0xFFFFFFFF)] == tables.runs
    source = ROOT / "native" / "src" / "tables.rs"
    if source.exists():
        committed, made = source.read_text(encoding="utf-8"), native_tables.rust_source(tables)
        assert _without_versions(committed) == _without_versions(made)


def _without_versions(source: str) -> list[str]:
    """The source less the versions it was made with: Python's, and the ``regex`` module's, whose
    releases need not change its classes (``native.problem`` compares the classes, not the version;
    regex 2026.12.2 came out with the same classes as the 2026.11.19 the tables name)."""
    return [
        ln
        for ln in source.splitlines()
        if not ln.startswith(("// Python ", "pub const REGEX_VERSION: &str = "))
    ]


def test_the_patterns_the_compiled_pass_follows_are_unchanged() -> None:
    """``native/src/line.rs`` answers for these patterns without a regex engine: change one here
    and change it there (and regenerate the tables if a character class changed)."""
    assert features._WORD.pattern == r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*"
    assert native_tables.REGEX_BITS["WORD_START"][1] + native_tables.REGEX_BITS["WORD_CONT"][1] + "*" == (
        features._WORD.pattern
    )
    assert features._ASCII_WORD.pattern == r"[A-Za-z0-9][A-Za-z0-9'_-]*"
    assert features._UNSPACED.pattern == native_tables.REGEX_BITS["UNSPACED"][1]
    assert features._DIGIT.pattern == r"\d" and features._YEAR.pattern == r"(?:19|20)\d\d"
    assert lexicon._EDGE.pattern == native_tables.REGEX_BITS["EDGE"][1] + "*"
    assert features._BULLET.pattern == r"^\s*(?:[•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>]|[*+\-–—](?=\s)|\d{1,3}[.)](?=\s))"
    assert features._NUMBERED.pattern == r"^\s*\d{1,3}[.)]\s"
    assert features._TERMINAL.pattern == r"(?<![.…])[.!?؟。！？۔](?:[\"'”’»)\]]*)$"
    assert features._FULL_STOP.pattern == r"(?<![.…])[.。۔](?:[\"'”’»)\]]*)$"
    assert features._ELLIPSIS.pattern == r"(?:\.\.\.|…)[\"'”’»)\]]*$"
    assert features._SEPARATORS.pattern == r"\s[|•·]\s|\s\|$|^\|\s"
    assert features._TIME_OR_DATE.pattern == (
        r"\d{1,2}:\d{2}|(?<!\d)(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})"
        r"|\d{4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2})(?!\d)"
    )
    assert frozenset("•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>*+-–—") == features._LIST_STARTS
    assert frozenset(".!?؟。！？۔…\"'”’»)]") == features._END_CHARS
    assert (features._TAIL_CHARS, features._CHARS_PER_WORD, features._UNSPACED_CHARS_PER_WORD) == (8, 6, 2)


# --- edge inputs ---------------------------------------------------------------------------------

EDGE_LINES = [
    "", " ", "\x00", "a\x00b", "\x00\x00 12:30 \x00", "\ufeff", "\u200b\u200e", "\x1c\x1d\x1e\x1f a",
    "\u00a0Read\u00a0more\u2026", "…", "Wait...", "Ends.\u201d)", "Two.. dots", "Really?!", "؟", "ما هذا؟",
    "• item", "- dash", "-dash", "— em", "1. first", "12) twelve", "1234. no", "²3. superscript", "١. Arabic",
    "| a | b |", "a | b", "a |", "| a", "a • b · c", "|", " | ",
    "12:30", "1:2", "1/5/2024", "2024-05-01", "1 . 5 . 24", "12/12/12345", "2024-5-1x", "v3.6.0",
    "May 1, 2024", "ＡＦＰ　ｶﾞ", "ﬁnance ﬂow", "e\u0301te\u0301", "e\u0316\u0301", "e\u0301\u0316",
    "\u1100\u1161\u11a8 한국", "İstanbul ß ẞ ŉ ǰ", "العسکری إقرأ أيضاً", "ﻻ ﷺ", "٢٠٢٠ ۱۲ ߁ ३",
    "日本語のテキスト。", "ภาษาไทย", "ខ្មែរ", "မြန်မာ",
    "\U0001d400\U0001d7ce \U0001f600", "x" * 5000, "  padded  ", "\t tabbed\t", "Home | News | Sport",
    "Comments (3)", "By Jane Doe, AFP", "© 2024 Example News. All rights reserved.",
]


@needs_native
def test_empty_page() -> None:
    assert_same_measure([])
    assert both(lambda: measure([], load(), DEFAULT)) == (([], None), ([], None))


@needs_native
@pytest.mark.parametrize("text", EDGE_LINES, ids=repr)
def test_edge_line(text: str) -> None:
    assert_same_measure(lines_of(text, text, "The council met on Tuesday and approved the budget."))


@needs_native
def test_edge_lines_as_a_page() -> None:
    assert_same_measure(lines_of(*EDGE_LINES))
    assert_same_page("\n".join(EDGE_LINES))


@needs_native
@pytest.mark.parametrize("text", ["a\ud800b", "\udfff", "\ud83d\ude00 pair as two", "ok", "x\udc80" * 3])
def test_lone_surrogates_are_measured_by_python(text: str) -> None:
    """No Rust string holds a lone surrogate: the compiled pass gives the page back, whole."""
    lines = lines_of("Plain line.", text)
    compiled = native.built()
    assert compiled is not None
    measurer = features._measurer(compiled, load())
    given_back = measurer.measure(lines, 4000, 14, 0.5, 0.34) is None
    assert given_back == (text != "ok")
    assert (measurer.fold(text) is None) == (text != "ok")
    assert_same_measure(lines)
    assert_same_page(f"Title\n{text}\nMore text here.")


@needs_native
@pytest.mark.parametrize(
    "text",
    [
        " word" * 50_000 + " ",
        "\u00a0" + "١٢" * 30_000 + ".",
        "x" * 1_000_000,
        "Lorem ipsum. " * 400 + "the end...",
        " " * 3990 + "1. after the prefix",
        "日本" * 10_000 + "。",
    ],
    ids=["words", "arabic-digits", "1-MB", "prose", "prefix-of-spaces", "unspaced"],
)
def test_very_long_lines(text: str) -> None:
    """Past ``Config.feature_prefix`` the features are read from a prefix, the text kept whole."""
    assert_same_measure(lines_of(text, text[:100]))
    assert_same_measure(lines_of(text), Config(feature_prefix=7))


@needs_native
def test_every_character_of_unicode() -> None:
    """Every code point but the surrogates, 48 to a line, once as they come and once spaced out."""
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    chunks = ["".join(chars[i : i + 48]) for i in range(0, len(chars), 48)]
    assert_same_measure(lines_of(*chunks))
    assert_same_measure(lines_of(*(" ".join(c) for c in chunks[:800])))


@needs_native
def test_fold_where_the_compiled_pass_is_sure() -> None:
    """``Measurer.fold`` is ``normalize.fold`` wherever it answers, and it answers for one
    character in every case but the few NFKC cannot map one by one."""
    compiled = native.built()
    assert compiled is not None
    measurer = features._measurer(compiled, load())
    unsure = 0
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        got = measurer.fold(f"A{ch}b {ch}")
        if got is None:
            unsure += 1
        else:
            assert got == normalize.fold(f"A{ch}b {ch}"), hex(cp)
    assert unsure < 1000, unsure  # 312 with Python 3.11 (Unicode 14)
    assert measurer.fold("e\u0301") is None  # a combining mark that composes: Python folds it
    assert measurer.fold("ＡＦＰ — «News»") == normalize.fold("ＡＦＰ — «News»") == 'afp - "news"'


@needs_native
def test_other_settings_and_other_lexicons() -> None:
    lines = lines_of(*EDGE_LINES)
    assert_same_measure(lines, Config(feature_prefix=5, date_max_words=3, date_token_share=0.2))
    assert_same_measure(lines, Config(feature_prefix=-3, date_max_words=-1))  # measured by Python
    assert_same_measure(lines, Config(feature_prefix=0, date_max_words=0))
    other = lexicon.build({k: v for k, v in lexicon.read_files().items() if k.startswith(("ar", "en"))})
    assert_same_measure(lines, lex=other)
    assert_same_measure(lines)  # and back to the bundled lexicons


@needs_native
def test_fitted_decoder_gives_the_same_page() -> None:
    text = (ROOT / "seeds" / "000_5454df684d767278.txt").read_text(encoding="utf-8")
    assert_same_page(text, Config(decoder="fitted"))


# --- generated pages ----------------------------------------------------------------------------

_TRICKY = st.sampled_from(
    [
        *"|•·.…!?؟。:：-/–—*+»›>'\"”’)] \t\u00a0\u3000\u0301\u0316\u064b\u0640ﬁＡｶﾞ\u1161\x00١२0123456789",
        *("12:30", "2024", "19", "20", " / ", " - ", "Mai", "janvier", "...", "1.", "2)"),
    ]
)
_LINE = st.lists(st.one_of(_TRICKY, st.characters(exclude_categories=["Cs"])), max_size=30).map("".join)


@needs_native
@property_settings()
@given(st.lists(_LINE, max_size=20))
def test_generated_lines(texts: list[str]) -> None:
    assert_same_measure(lines_of(*texts))


@needs_native
@property_settings()
@given(st.one_of(pages(), hostile_text()))
def test_generated_pages(text: str) -> None:
    assert_same_measure(read_text(text))
    assert_same_page(text)
