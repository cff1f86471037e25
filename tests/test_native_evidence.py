"""The compiled evidence pass (``boilerstrip._native.Evidencer``, issue 15) against the Python one.

:func:`boilerstrip.evidence.gather` makes each line's names in Rust where the compiled core
runs (all but the credit signs, which stay in Python).  It must give the very lists the
Python pass gives, in the same order: on edge lines, on every character of Unicode, on the
case pages and on generated pages, with and without lexicons.  ``signs`` and ``words``, the
two pieces that read characters, are compared alone as well.  ``test_native_corpus.py``
compares the whole ``Page`` on every dev page.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from native_paths import NATIVE_MISSING, core
from strategies import hostile_text, pages, property_settings

from boilerstrip import cohesion, evidence, names, native, native_tables, signs
from boilerstrip.config import DEFAULT
from boilerstrip.engine import _run_passes
from boilerstrip.lexicon import load
from boilerstrip.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent
needs_native = pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or "")


def _compiled() -> object:
    """The compiled Evidencer, called directly: these tests compare it with Python's pass
    whatever ``BOILERSTRIP_NATIVE`` says (CI runs the suite again with it set to 0)."""
    compiled = native.built()
    assert compiled is not None
    return evidence._evidencer(compiled, load())


def gathered_on_both(text: str, with_lexicons: bool = True) -> tuple[list[list[str]], list[list[str]]]:
    """:func:`evidence.gather` of a text's lines on the Python core, then on the compiled one."""
    lex = load()
    feats, verdicts, decided = _run_passes(read_text(text), lex, DEFAULT)
    out = []
    for name in ("python", "native"):
        with core(name):
            out.append(evidence.gather(feats, verdicts, decided, lex if with_lexicons else None))
    return out[0], out[1]


def test_the_patterns_the_compiled_evidence_follows_are_unchanged() -> None:
    """``native/src/evidence.rs`` answers for these patterns without a regex engine: change one
    here and this test fails until the compiled pass follows."""
    assert signs._ADDRESS.pattern == r"https?://|www\.|\.(?:com|org|net)\b|@\w"
    assert signs._CLOCK.pattern == r"\b\d{1,2}[:h]\d{2}\b"
    assert cohesion._WORDS.pattern == r"[\p{Han}\p{Hiragana}\p{Katakana}]+|\w+"
    assert cohesion._UNSPACED.pattern == native_tables.REGEX_BITS["HAN_KANA"][1]
    assert evidence._WORD_RUN.pattern == r"\w+" and native_tables.REGEX_BITS["RE_WORD"][1] == r"\w"
    assert names.TIDY.pattern == r"[\W_]*" and all(p.isascii() for p in names.PARTICLES)
    # fixed names the compiled pass writes as the Python pass does (the buckets are handed in)
    assert (evidence.POSITION_PARTS, cohesion.MIN_WORD_CHARS, cohesion.COHESION_MIN_WORDS) == (10, 3, 20)


SIGN_LINES = [
    "", " ", "\x00", "HOME | WORLD | SPORT", "“Great piece!” said reader_42 at 10:45?", "ما هذا؟",
    "http://x", "https://", "see www.example", "mail me@home", "@ home", "a.com", "a.comb", "a.com_",
    "x.org.", "x.net!", ".NET", "12:30", "1:30", "123:45", "12:345", "12h30", "1h3", "x12:30", "12:30x",
    "٠٩:٣٠", "12:30-13:45", "© 2024", "«Quote»", "„Zitat“", "「引用」", "'a'", "\"", "ÇA COÛTE 3 €, DIT-IL",
    "ǅungla Ǆ", "a/b/c/d", "» › / |", "2024-05-01 12:00", "1234567", "x" * 5000, "X" * 3000 + "y" * 3000,
    "\U0001d400\U0001d7ce 12:30", "İSTANBUL", "ﬁ ﬂ", "Ⅻ ⅻ", "١٢:٣٠", "１２：３０",
]


@needs_native
@pytest.mark.parametrize("text", SIGN_LINES, ids=repr)
def test_signs_and_words_of_edge_lines(text: str) -> None:
    compiled = _compiled()
    assert compiled.signs(text) == signs.signs(text)  # type: ignore[attr-defined]
    assert compiled.words(text) == sorted(cohesion.words(text))  # type: ignore[attr-defined]


@needs_native
def test_signs_and_words_of_every_character_of_unicode() -> None:
    """Every code point but the surrogates, 32 to a line as they come and spaced out; then, one
    by one, those up to kana and a fixed sample of the rest, among capitals, around a clock
    time, as a word and after an address (a line's sign can hide one character's)."""
    compiled = _compiled()
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    chunks = ["".join(chars[i : i + 32]) for i in range(0, len(chars), 32)]
    texts = chunks + [" ".join(c) for c in chunks]
    alone = chars[:0x3100] + random.Random(15).sample(chars[0x3100:], 20_000)
    texts += [t for ch in alone for t in (f"AB{ch}", f"{ch}1:30{ch}", f"{ch}{ch}{ch}x", f"a.com{ch}@{ch}")]
    assert [compiled.signs(t) for t in texts] == [signs.signs(t) for t in texts]  # type: ignore[attr-defined]
    assert [compiled.words(t) for t in texts] == [sorted(cohesion.words(t)) for t in texts]  # type: ignore[attr-defined]


@needs_native
def test_a_lone_surrogate_is_left_to_python() -> None:
    compiled = _compiled()
    assert compiled.signs("a\ud800b") is None  # type: ignore[attr-defined]
    a, b = gathered_on_both("By Jane Doe\nA line with a lone \ud800 surrogate in it, and more words.")
    assert a == b


CASES = json.loads((ROOT / "tests" / "cases" / "pages.json").read_text(encoding="utf-8"))


@needs_native
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_pages(case: dict) -> None:
    text = "\n".join(case["lines"])
    a, b = gathered_on_both(text)
    assert a == b
    a, b = gathered_on_both(text, with_lexicons=False)
    assert a == b


@needs_native
def test_seed_pages_name_agencies_and_credits_alike() -> None:
    """The AFP seed's credit carries ``names:agency`` on both cores, and both seeds hold lines
    with credit signs (which Python adds after the compiled pass)."""
    agency = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        a, b = gathered_on_both(path.read_text(encoding="utf-8"))
        assert a == b
        agency[path.stem] = sum("names:agency" in names for names in b)
        assert any(n.startswith("credit:") for names in b for n in names)
    assert agency["000_5454df684d767278"] >= 1


@needs_native
def test_empty_and_one_line_pages() -> None:
    for text in ("", "x", "\n\n", "12:30\n12:31\n12:32"):
        a, b = gathered_on_both(text)
        assert a == b


_TRICKY = st.sampled_from(
    [
        *"|•·»›/.:h@©?؟\"'«“„「『 \t\u00a0０１٣",
        *("12:30", "1h05", "www.", "http://", ".com", "a@b", "新华社", "カタカナ"),
    ]
)
_LINE = st.lists(st.one_of(_TRICKY, st.characters(exclude_categories=["Cs"])), max_size=30).map("".join)


@needs_native
@property_settings()
@given(_LINE)
def test_generated_lines_signs_and_words(text: str) -> None:
    compiled = _compiled()
    assert compiled.signs(text) == signs.signs(text)  # type: ignore[attr-defined]
    assert compiled.words(text) == sorted(cohesion.words(text))  # type: ignore[attr-defined]


@needs_native
@property_settings()
@given(st.one_of(pages(), hostile_text(), st.lists(_LINE, max_size=25).map("\n".join)))
def test_generated_pages(text: str) -> None:
    a, b = gathered_on_both(text)
    assert a == b


CREDIT_LINES = [
    "", "Jane van Doe", "Home Page", "Jane Doe 3 March 2024", "Ann Roe, staff correspondent", "By Jane Doe",
    "Ana de la Vega", "Ana De Vega", "Ana Vega de 3 de marzo", "Luc Le Blanc", "Omar H. Sample 2024",
    "Ann H", "José de la Fuente", "de la Fuente", "\u212aelvin Doe", "Jane Do\u212a",
    "Mat\u00adthi\u00adas Doe",
    "__Jane Doe__", "Jane Doe05.04.2025", "Jane Doe | 05.04.2025", "نورهان نبيل", "نورهان نبيل 12 مايو 2024",
    "ＡＦＰ Ｎｅｗｓ", "İstanbul Muhabiri", "Ǆemal Ǆeko", "ǅemal Doe", "e\u0301mile Zola", "Émile Zola",
    "Jane  Doe\u00a0Smith", "1 2", "Read More", "Jane Doe, Reuters", "a b c d e f", "Jan 3 2024 Doe",
]


@needs_native
@pytest.mark.parametrize("text", CREDIT_LINES, ids=repr)
def test_credit_signs_of_edge_lines(text: str) -> None:
    """The compiled credit signs are Python's, or the line is left to Python (``None``)."""
    got = _compiled().credit_signs(text)  # type: ignore[attr-defined]
    assert got is None or got == names.credit_signs(text, load())


@needs_native
def test_credit_signs_of_every_character() -> None:
    """Every code point up to kana and a fixed sample of the rest, as a name's initial, inside
    a name, before a date and as a particle's letter."""
    compiled, lex = _compiled(), load()
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    sample = chars[:0x3100] + random.Random(16).sample(chars[0x3100:], 5_000)
    left = 0
    for ch in sample:
        for text in (f"{ch}ane Doe", f"Jane {ch}oe", f"Jane Doe {ch} 3 May 2024", f"Ana d{ch} la Vega"):
            got = compiled.credit_signs(text)  # type: ignore[attr-defined]
            left += got is None
            assert got is None or got == names.credit_signs(text, lex), (hex(ord(ch)), text)
    assert left < 2_000, left  # a few hundred characters that NFKC composes are left to Python


_NAMEISH = st.sampled_from(
    ["Jane", "Doe", "van", "de", "la", "Le", "H.", "3", "2024", "March", "mai", "correspondent", "By", "|",
     ",", "Home", "Page", "\u212a", "\u00ad", "_", "نورهان", "Ｎ", "e\u0301", " ", "\u00a0"]
)


@needs_native
@property_settings()
@given(st.lists(st.one_of(_NAMEISH, st.characters(exclude_categories=["Cs"])), max_size=12).map(" ".join))
def test_generated_credit_lines(text: str) -> None:
    got = _compiled().credit_signs(text)  # type: ignore[attr-defined]
    assert got is None or got == names.credit_signs(text, load())


@needs_native
def test_a_credit_line_the_compiled_pass_cannot_fold_is_read_by_python() -> None:
    """A combining mark that NFKC composes ("E" + U+0301) is folded by Python alone: the line's
    credit signs come from ``names.credit_signs``, and the page's evidence is the same."""
    line = "E\u0301mile Zola"
    assert _compiled().credit_signs(line) is None  # type: ignore[attr-defined]
    a, b = gathered_on_both(f"{line}\n{PROSE}\n{PROSE}")
    assert a == b and "credit:name" in b[0]


PROSE = (
    "The committee met on Monday to review the proposal, and its members agreed that the plan "
    "should go ahead after a short public consultation."
)


def _settings(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The dict :func:`evidence._evidencer` hands the compiled pass, caught on its way in (the
    made pass is kept aside, so that the other tests' stays as it was)."""
    monkeypatch.setattr(evidence, "_EVIDENCER", [])
    catch = SimpleNamespace(Evidencer=lambda settings: settings)
    caught = evidence._evidencer(catch, load())  # type: ignore[arg-type]
    assert isinstance(caught, dict)
    return caught


@needs_native
def test_the_evidencer_is_made_from_one_dict_of_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key is read: each one left out is a ``KeyError`` naming it, a value of another type
    a ``TypeError`` naming the field, and no dict at all a ``TypeError``; none of them crashes."""
    settings = _settings(monkeypatch)
    compiled = native.built()
    assert compiled is not None
    compiled.Evidencer(settings)
    for key in settings:
        with pytest.raises(KeyError, match=key):
            compiled.Evidencer({k: v for k, v in settings.items() if k != key})
    for key, wrong in (("word_top", 3), ("separators", ["|"]), ("sign_chars", -1), ("agency_keys", "x")):
        with pytest.raises(TypeError, match=key):
            compiled.Evidencer({**settings, key: wrong})
    with pytest.raises(TypeError, match="credit_words"):
        compiled.Evidencer({**settings, "credit_words": {"table": {}}})  # a word list left out
    with pytest.raises(TypeError):
        compiled.Evidencer(None)
