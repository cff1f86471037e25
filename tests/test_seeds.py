"""The seed pages: every line's label as in the gold file, and the expected sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import boilerstrip

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGES = sorted(p.name.removesuffix(".gold.tsv") for p in SEEDS.glob("*.gold.tsv"))


def read_gold(name: str) -> list[tuple[str, str]]:
    rows = (SEEDS / f"{name}.gold.tsv").read_text(encoding="utf-8").split("\n")
    return [tuple(row.split("\t", 1)) if "\t" in row else (row, "") for row in rows]  # type: ignore[misc]


def test_both_seeds_are_there() -> None:
    assert PAGES == ["000_5454df684d767278", "004_fafaee94eaad3581"]


@pytest.mark.parametrize("name", PAGES)
def test_gold_rows_match_the_page(name: str) -> None:
    """The gold's text column is the page itself, line for line."""
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    gold = read_gold(name)
    lines = text.split("\n")
    assert len(lines) == len(gold)
    for line, (label, gold_text) in zip(lines, gold):
        assert line == gold_text
        assert (label == "blank") == (not line.strip())


@pytest.mark.parametrize("name", PAGES)
def test_every_line_as_gold(name: str) -> None:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    page = boilerstrip.strip(text)
    got = {ln.number: ln for ln in page.lines}
    wrong = []
    for number, (label, line_text) in enumerate(read_gold(name), 1):
        if label == "blank":
            assert number not in got
            continue
        if got[number].label.value != label:
            wrong.append((number, label, got[number].label.value, got[number].rule, line_text.strip()[:60]))
    assert wrong == []


@pytest.mark.parametrize("name", PAGES)
def test_sources(name: str) -> None:
    expected = json.loads((SEEDS / "sources.json").read_text(encoding="utf-8"))[name]
    page = boilerstrip.strip((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    assert [s.canonical for s in page.sources if s.kind != "generic"] == expected


def test_seed_000_title_and_body() -> None:
    page = boilerstrip.strip((SEEDS / "000_5454df684d767278.txt").read_text(encoding="utf-8"))
    assert page.title == "مالي تشيد بالتقدم الأمني الذي حققته بمساعدة روسيا"
    assert page.body.startswith("أشاد وزير خارجية مالي")
    assert page.body.endswith("من بينها مالي.")
    assert "Legion-Media" not in page.body


def test_seed_004_generic_credit_is_kept_as_generic() -> None:
    page = boilerstrip.strip((SEEDS / "004_fafaee94eaad3581.txt").read_text(encoding="utf-8"))
    kinds = {s.canonical: s.kind for s in page.sources}
    assert kinds == {"الخليج الجديد": "outlet", "متابعات": "generic"}
