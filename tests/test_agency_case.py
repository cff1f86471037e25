"""Agency acronyms match only as the lexicons write them (``lexicon.py``'s notes), on made-up text:
"Mac App Store" names no APP, while "(AFP)", "AP —", "dpa" and the Arabic spellings still credit."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip.engine import passes
from boilerstrip.lexicon import build, is_acronym, load, read_files
from boilerstrip.normalize import fold, fold_cased
from boilerstrip.readers.text import read_text
from boilerstrip.sources import from_attribution, from_dateline

LEX = load()
PROSE = (
    "The city council approved a new budget on Monday that doubles spending on parks for five years, "
    "officials said after a long public session in the old town hall."
)
MORE = "The plan includes new playgrounds and more trees along the main avenues of the old town, they said."


def _evidence(*lines: str) -> dict[str, list[str]]:
    """Each line of a made-up page and its evidence (the first of its names is its verdict)."""
    raw = read_text("\n".join(lines))
    evidence, _ = passes(raw)
    return {r.text.strip(): ev for r, ev in zip(raw, evidence)}


def _canonical(text: str) -> str | None:
    m = LEX.find_agency(text)
    return None if m is None else LEX.agencies[m.group(0)]


def test_the_fold_keeps_the_case_apart_and_nothing_else() -> None:
    for text in ("Ｍａｃ ＡＰＰ\u200f  Store", "İHA — Straße", "ΑΠΕ-ΜΠΕ", "وكالة  الأناضول"):
        assert fold_cased(text).casefold() == fold(text)


@pytest.mark.parametrize(
    "line",
    [
        "Get it on the Mac App Store",
        "Download the free app",
        "Aa / Small / Medium / Large",
        "aA / Small / Medium / Large",
        "Relax at the hotel spa",
        "Site map",
        "Tap to read",
        "Prome pais pa suspende programa",
        "Ona powiedziała, że nie wie",
    ],
)
def test_an_acronym_written_as_a_word_names_no_agency(line: str) -> None:
    assert _canonical(line) is None
    assert LEX.agency(line.split()[-1]) is None
    ev = _evidence("Council doubles park spending", line, PROSE, MORE)
    assert "names:agency" not in ev[line]
    assert ev[line][0] != "cue:agency-line"


@pytest.mark.parametrize("word", ["app", "App", "spa", "Spa", "map", "Tap", "pa", "ona", "Aa", "aA", "Afp"])
def test_a_lone_word_spelled_like_an_acronym_is_no_agency_line(word: str) -> None:
    assert LEX.agency(word) is None
    assert _canonical(word) is None
    assert all(s.kind != "agency" for s in from_attribution(word, LEX))


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("(AFP)", "AFP"),
        ("AP —", "AP"),
        ("(ＡＦＰ)", "AFP"),
        ("İstanbul (İHA) —", "IHA"),
        ("(ТАСС)", "TASS"),
        ("--(بترا)", "Petra"),
        ("المصدر: أ ف ب", "AFP"),
    ],
)
def test_capitals_and_a_caseless_spelling_still_credit(line: str, canonical: str) -> None:
    assert _canonical(line) == canonical
    ev = _evidence("Council doubles park spending", line, PROSE, MORE)
    assert "names:agency" in ev[line]
    if line.startswith(("(", "--", "AP")):
        # a line that is the agency's name alone
        assert LEX.agency(line) == canonical
        assert ev[line][0] == "cue:agency-line"


@pytest.mark.parametrize(
    ("credit", "canonical"),
    [
        ("(AFP)", "AFP"),
        ("Von Jana Beispiel, dpa", "DPA"),
        ("Text: dpa", "DPA"),
        ("Jane Example, DPA", "DPA"),
        ("Source: AP", "AP"),
        ("المصدر: أ ف ب", "AFP"),
        ("المصدر: وكالة الأناضول", "Anadolu"),
    ],
)
def test_credits_still_name_their_agency(credit: str, canonical: str) -> None:
    agencies = [s.canonical for s in from_attribution(credit, LEX) if s.kind == "agency"]
    assert agencies == [canonical]


def test_a_dateline_credit_in_capitals_names_the_agency_and_a_word_does_not() -> None:
    assert [s.canonical for s in from_dateline("LONDON (AP) — Officials said on Monday", LEX)] == ["AP"]
    (credit,) = from_dateline("LONDON (App) — Officials said on Monday", LEX)
    assert credit.kind == "outlet"


def test_a_page_crediting_dpa_and_afp_reports_both_and_a_store_badge_none() -> None:
    page = boilerstrip.strip(
        "\n".join(["Home", "Council doubles park spending", "By Jane Example, dpa", PROSE, MORE, "(AFP)"])
    )
    assert sorted(s.canonical for s in page.sources if s.kind == "agency") == ["AFP", "DPA"]
    badge = boilerstrip.strip(
        "\n".join(["Home", "Council doubles park spending", PROSE, MORE, "Download on the Mac App Store"])
    )
    assert [s for s in badge.sources if s.kind == "agency"] == []


def test_the_rule_comes_from_the_lexicons_spellings() -> None:
    assert [is_acronym(s) for s in ("AP", "A.F.P.", "A. F. P.", "ИТАР-ТАСС")] == [True] * 4
    assert [is_acronym(s) for s in ("A", "dpa", "ABr", "REGNUM", "AFP時事", "أ ف ب")] == [False] * 6
    # "dpa" in one file and "DPA" (a canonical name) in another: the spelling in lower case wins
    assert "dpa" not in LEX.acronyms and "afp" in LEX.acronyms
    files = read_files()
    files["xx.json"] = {**files["en.json"], "code": "xx", "agencies": {"Example Agency": ["EXA", "A.B.C."]}}
    lex = build(files)
    assert lex.find_agency("Photo: A.B.C.") is not None and lex.find_agency("Photo: a.b.c.") is None
    assert lex.agency("EXA") == "Example Agency" and lex.agency("Exa") is None


@pytest.mark.parametrize(
    "line", ["Mehr zum Thema", "Es gibt nichts mehr", "The Prime Minister said", "prime time"]
)
def test_a_canonical_name_that_is_a_common_word_is_no_spelling(line: str) -> None:
    """A canonical name is a spelling too: it is the agency's own name ("Mehr News Agency",
    "PRIME"), not a word of another language ("mehr", "prime")."""
    assert _canonical(line) is None
    assert "names:agency" not in _evidence("Council doubles park spending", line, PROSE, MORE)[line]


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("Source: Mehr News Agency", "Mehr News Agency"),
        ("منبع: خبرگزاری مهر", "Mehr News Agency"),
        ("(PRIME)", "PRIME"),
        ("(ПРАЙМ)", "PRIME"),
        ("Прайм", "PRIME"),
    ],
)
def test_mehr_and_prime_are_still_named(line: str, canonical: str) -> None:
    assert _canonical(line) == canonical
