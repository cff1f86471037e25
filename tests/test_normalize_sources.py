"""Folding for matching, and sources read from attribution lines."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.features import _WORD, words_of
from boilerstrip.lexicon import _EDGE, core, load
from boilerstrip.normalize import _TABLE, _translate, fold, is_invisible, trim_run
from boilerstrip.sources import dedupe, from_attribution, from_dateline


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أخبار", "اخبار"),
        ("إقرأ أيضاً", "اقرا ايضا"),
        ("مكتبة", "مكتبه"),
        ("على", "علي"),
        ("العسکری", "العسكري"),
        ("الأخـــبار", "الاخبار"),
        ("\u200fRead\u200e More", "read more"),
        ("READ   more", "read more"),
        ("٢٠٢٤", "2024"),
        ("۱۴۰۲", "1402"),
        ("مَقالاتٌ", "مقالات"),
    ],
)
def test_fold_unifies_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


# Fast paths must give what the plain forms give: translating only the runs the table
# changes, and the standard library's engine on ASCII text for words, edges and tokens.
_FOLD_ALPHABET = st.sampled_from(
    [chr(cp) for cp in sorted(_TABLE)] + list("aZ9 _-'’.,;:!?()«»\t\u00a0\u3000مَéß")
)


@given(st.text(alphabet=st.one_of(_FOLD_ALPHABET, st.characters()), max_size=60))
@example("“Read” — more ١٢ ـــ")
def test_fold_fast_paths_match_the_plain_forms(text: str) -> None:
    assert _translate(text) == text.translate(_TABLE)
    folded = fold(text)
    assert words_of(folded) == _WORD.findall(folded)
    assert core(folded) == trim_run(folded, _EDGE)
    if folded.isascii():  # a mark no phrase holds sends the same line through the regex path
        assert load().scan(folded) == load().scan(folded + " ¤")


@pytest.mark.parametrize("line", ["All rights reserved. Share on Facebook", "Photo: AFP. Leave a comment"])
def test_scan_paths_agree_on_lines_with_hits(line: str) -> None:
    """The property above on lines that do hit the lexicons (random text seldom does)."""
    folded = fold(line)
    assert load().scan(folded) and load().scan(folded) == load().scan(folded + " ¤")


_LEXICON_WORDS = sorted(
    {w for entry in load().line_sets["menu_entries"] for w in entry.split()[:2]}
    | {"read", "more", "by", "photo", "اقرا", "ايضا", "كتب", "x", "1", "•", "-", "(", ">"}
)


@given(st.lists(st.sampled_from(_LEXICON_WORDS), max_size=6))
def test_prefix_and_menu_gates_change_no_answer(words_in: list[str]) -> None:
    """The first-character and first-word gates only skip look-ups that cannot match."""
    lex = load()
    folded = fold(" ".join(words_in))
    for key, pattern in lex.prefix_res.items():
        plain = pattern.match(regex.sub(r"^[\W_]+", "", folded)) if pattern else None
        got = lex.prefix(key, folded)
        assert (got and got.group(0)) == (plain and plain.group(0)), key
    words = core(folded).split()
    entries = lex.line_sets["menu_entries"]

    def splits(rest: list[str]) -> bool:  # by brute force: some entry opens the rest, and so on
        return not rest or any(
            " ".join(rest[:k]) in entries and splits(rest[k:]) for k in range(1, min(4, len(rest)) + 1)
        )

    assert lex.is_run_of_entries(core(folded)) == (len(words) >= 2 and splits(words))


def test_invisible() -> None:
    assert is_invisible("\ufeff") and is_invisible("\u200f \u200e")
    assert not is_invisible("a") and not is_invisible("")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("المصدر: AFP", [("AFP", "agency")]),
        ("المصدر | الخليج الجديد + متابعات", [("الخليج الجديد", "outlet"), ("متابعات", "generic")]),
        ("--(بترا)", [("Petra", "agency")]),
        ("By Jane Doe, Reuters", [("Jane Doe", "author"), ("Reuters", "agency")]),
        ("Source: Agence France-Presse", [("AFP", "agency")]),
        ("كتب: محمد علي", [("محمد علي", "author")]),
        ("المصدر: وكالات", [("وكالات", "generic")]),
        ("منبع: خبرگزاری ایرنا", [("IRNA", "agency")]),
        ("ذریعہ: اے ایف پی", [("AFP", "agency")]),
    ],
)
def test_from_attribution(line: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.canonical, s.kind) for s in from_attribution(line, load())] == expected


def test_byline_position_keeps_the_name_not_the_city() -> None:
    got = from_attribution("حسام أبو العلا - القاهرة", load())
    assert [(s.canonical, s.kind) for s in got] == [("حسام أبو العلا", "author")]


def test_dateline_credit() -> None:
    assert [s.canonical for s in from_dateline("LONDON (Reuters) - Shares fell on Monday", load())] == [
        "Reuters"
    ]
    assert from_dateline("Shares fell on Monday (a lot) in London", load()) == []


def test_dedupe_keeps_first() -> None:
    page = boilerstrip.strip(
        "A long enough sentence that stands as the body of this page for the test.\n"
        "المصدر: الخليج الجديد\nالمصدر: الخليج الجديد"
    )
    assert [s.canonical for s in page.sources] == ["الخليج الجديد"]
    assert dedupe(page.sources + page.sources) == page.sources
