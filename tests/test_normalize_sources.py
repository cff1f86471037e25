"""Folding for matching, and sources read from attribution lines."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip.lexicon import load
from boilerstrip.normalize import fold, is_invisible
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
    assert [(s.canonical, s.kind) for s in from_attribution(line, "cue:byline", load())] == expected


def test_byline_position_keeps_the_name_not_the_city() -> None:
    got = from_attribution("حسام أبو العلا - القاهرة", "context:byline-position", load())
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
