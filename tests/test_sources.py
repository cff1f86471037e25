"""Who a page credits (issue 12, authors): each failure kind on a made-up page, with the exact sources."""

from __future__ import annotations

from boilerstrip.lexicon import load
from boilerstrip.model import Label, Line, Source
from boilerstrip.readers import PageMeta
from boilerstrip.sources import (
    article_sources,
    author_candidates,
    from_attribution,
    from_metadata,
    split_role,
)

LEX = load()
PROSE = (
    "The city council approved a new budget on Monday that doubles spending on parks for five years, "
    "officials said after a long public session in the old town hall."
)
PROSA = (
    "Der Stadtrat hat am Montag einen neuen Haushalt beschlossen, der die Ausgaben für Parks in den "
    "kommenden fünf Jahren verdoppelt, wie die Verwaltung nach einer langen Sitzung mitteilte."
)


def _lines(*rows: tuple[str, str, str]) -> list[Line]:
    return [Line(k, text, Label(label), rule) for k, (label, text, rule) in enumerate(rows, 1)]


def _cands(
    lines: list[Line], meta: PageMeta | None = None, language: str | None = "en"
) -> list[tuple[str, list[str]]]:
    cands = author_candidates(lines, meta, LEX, language)[1]
    return [(c.source.canonical, sorted(c.evidence)) for c in cands]


# Bylines lost as dates.


def test_a_byline_cue_inside_a_date_line_gives_its_author() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Posted on May 3, 2020 by Jane Example", "cue:date"),
        ("body", PROSE, "context:article-prose"),
    )
    assert _cands(lines) == [("Jane Example", ["dated"])]


def test_a_german_date_line_opened_by_its_cue_gives_the_name_before_the_date() -> None:
    lines = _lines(
        ("title", "Stadtrat verdoppelt Ausgaben", "context:headline"),
        ("navigation", "Geschrieben von Jan Muster am 3. Mai 2020 um 10:00 Uhr", "cue:date"),
        ("body", PROSA, "context:article-prose"),
    )
    assert _cands(lines, language="de") == [("Jan Muster", ["dated"])]


def test_a_name_then_a_date_after_a_bar_is_a_byline() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Jane Example | 05.04.2025", "cue:date"),
        ("body", PROSE, "context:article-prose"),
    )
    assert _cands(lines) == [("Jane Example", ["dated"])]


def test_a_date_glued_to_the_name_is_cut_off_and_the_name_stays_whole() -> None:
    lines = _lines(
        ("title", "Stadtrat verdoppelt Ausgaben", "context:headline"),
        ("navigation", "von Lena Muster13.12.2022 - 08:13 Uhr", "markup:nav-class"),
        ("body", PROSA, "context:article-prose"),
    )
    meta = PageMeta(authors=["Lena Muster"], authors_source="meta")
    assert _cands(lines, meta, language="de") == [("Lena Muster", ["cue-elsewhere", "meta"])]
    (cand,) = author_candidates(lines, meta, LEX, "de")[1]
    assert (cand.features["meta-seen"], cand.features["unwritten"]) == (1.0, 0.0)


def test_a_first_name_that_is_also_a_month_is_no_date() -> None:
    credits = from_attribution("Von Jan Muster 13.12.2022", LEX, "de")
    assert [(s.canonical, s.kind) for s in credits] == [("Jan Muster", "author")]
    credits = from_attribution("Von Lena Muster, Jan. 13, 2022", LEX, "de")
    assert [(s.canonical, s.kind) for s in credits] == [("Lena Muster", "author")]


def test_the_categories_after_a_dated_byline_are_no_authors() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Posted by Jane Example in News, Sport on May 3, 2020", "cue:date"),
        ("body", PROSE, "context:article-prose"),
    )
    assert _cands(lines) == [("Jane Example", ["dated"])]


def test_a_date_part_of_a_credit_line_is_no_author() -> None:
    credits = from_attribution("By Jane Example | April 13, 2020", LEX, "en")
    assert credits == [Source("Jane Example", "Jane Example", "author")]


def test_date_words_that_are_name_particles_stay_in_the_name() -> None:
    """"de", "le" and "h" are date words in some lexicons ("3 de mayo", "le 3 mai", "10 h")."""
    names = ["Ana De Vega", "Luc Le Blanc", "José de la Fuente", "Omar H. Sample", "Ann H"]
    assert [s.canonical for s in from_metadata(names, [], LEX)] == names
    assert [s.canonical for s in from_attribution("Por Ana de la Vega, 3 de mayo de 2020", LEX, "es")] == [
        "Ana de la Vega"
    ]


# Role text left in the name.


def test_a_role_before_the_name_is_split_off() -> None:
    assert split_role("Rechtsanwalt Jan Muster", "de") == ("Jan Muster", "Rechtsanwalt")
    assert split_role("Senior correspondent Jane Example", "en") == ("Jane Example", "Senior correspondent")
    assert from_metadata(["Interview: Jane Example"], [], LEX, "en") == [
        Source("Jane Example", "Jane Example", "author", "Interview")
    ]


def test_a_cue_in_the_markups_author_text_is_no_part_of_the_name() -> None:
    assert [s.canonical for s in from_metadata(["View all posts by Jane Example"], [], LEX, "en")] == [
        "Jane Example"
    ]
    # A particle that is also a cue in another language ("di") stays.
    assert [s.canonical for s in from_metadata(["Maria di Example"], [], LEX, "en")] == ["Maria di Example"]


def test_a_cue_glued_to_initials_and_soft_hyphens_are_no_part_of_the_name() -> None:
    assert [s.canonical for s in from_attribution("ByJ.R. Example", LEX, "en")] == ["J.R. Example"]
    assert [s.canonical for s in from_attribution("Von Mat\u00adthi\u00adas Muster", LEX, "de")] == [
        "Matthias Muster"
    ]


# Credit lines split on more than "and", "et" and "و".


def test_credit_lines_split_on_the_lexicons_conjunctions() -> None:
    credits = from_attribution("By Jane Example with Ann Sample", LEX, "en")
    assert [(s.canonical, s.kind) for s in credits] == [
        ("Jane Example", "author"),
        ("Ann Sample", "author"),
    ]
    assert [(s.canonical, s.kind) for s in from_attribution("Von Jan Muster mit dpa", LEX, "de")] == [
        ("Jan Muster", "author"),
        ("DPA", "agency"),
    ]
    assert [s.canonical for s in from_attribution("Jan Muster im Gespräch mit Eva Beispiel", LEX, "de")] == [
        "Jan Muster",
        "Eva Beispiel",
    ]


# Evidence the scorer weighs.


def test_an_organisations_name_carries_the_organisation_feature() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    meta = PageMeta(authors=["Example Widgets GmbH", "Jane Example"], authors_source="meta")
    cands = author_candidates(lines, meta, LEX, "en")[1]
    assert [(c.source.canonical, c.features["organisation"]) for c in cands] == [
        ("Example Widgets GmbH", 1.0),
        ("Jane Example", 0.0),
    ]


def test_a_metadata_name_with_initials_is_seen_where_the_page_writes_it() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Ann B. Example", "markup:nav-class"),
        ("body", PROSE, "context:article-prose"),
        ("caption", "Photo: Carl D. Sample", "cue:caption"),
    )
    meta = PageMeta(authors=["Ann B. Example", "Carl D. Sample"], authors_source="meta")
    cands = author_candidates(lines, meta, LEX, "en")[1]
    assert [(c.features["meta-seen"], c.features["seen-caption"]) for c in cands] == [(1.0, 0.0), (1.0, 1.0)]


def test_a_dated_byline_and_the_metadata_agree_on_the_author() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Posted on May 3, 2020 by Jane Example", "cue:date"),
        ("body", PROSE, "context:article-prose"),
    )
    meta = PageMeta(authors=["Jane Example"], authors_source="meta")
    assert article_sources(lines, meta, LEX, "en") == [Source("Jane Example", "Jane Example", "author")]


# Authors read from any short line: furniture words, picture credits, a first name alone.


def test_furniture_words_and_picture_credits_from_the_markup_are_no_authors() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("attribution", "By Jane Example", "cue:byline"),
        ("body", PROSE, "context:article-prose"),
    )
    names = ["Posted", "Follow", "Photo: Carl Sample", "Jane Example"]
    meta = PageMeta(authors=names, authors_source="byline")
    cands = author_candidates(lines, meta, LEX, "en")[1]
    assert [(c.source.canonical, c.boilerplate, c.photo_credit) for c in cands] == [
        ("Jane Example", False, False),
        ("Posted", True, False),
        ("Follow", True, False),
        ("Photo: Carl Sample", False, True),
    ]
    assert article_sources(lines, meta, LEX, "en") == [Source("Jane Example", "Jane Example", "author")]


def test_a_first_name_from_the_markup_takes_the_surname_the_page_writes() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("navigation", "Jane Example", "markup:nav-class"),
        ("body", PROSE, "context:article-prose"),
    )
    meta = PageMeta(authors=["Jane"], authors_source="meta")
    credits, cands = author_candidates(lines, meta, LEX, "en")
    assert [c.source.canonical for c in cands] == ["Jane Example"]
    assert [s.canonical for s, _ in credits] == ["Jane Example"]


def test_a_pictures_author_in_the_json_ld_is_no_credit_of_the_article() -> None:
    from lxml import html as lxml_html

    from boilerstrip.readers.html.credits import markup_credits

    ld = (
        '{"@graph": [{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Example"},'
        ' "image": {"@type": "ImageObject", "author": {"@type": "Person", "name": "Carl Sample"}}},'
        ' {"@type": "ImageObject", "author": "Example Pictures", "url": "/a.jpg"}]}'
    )
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body></body></html>'
    assert markup_credits(lxml_html.fromstring(page)) == [("Jane Example", "json-ld", "person")]


def test_a_cued_byline_labelled_otherwise_where_a_byline_stands_is_read() -> None:
    lines = _lines(
        ("title", "Stadtrat verdoppelt Ausgaben", "context:headline"),
        ("related-link", "von Jan Muster", "markup:teaser-class"),
        *[("body", PROSA, "context:article-prose")] * 3,
        ("related-link", "von Eva Beispiel", "markup:teaser-class"),
        *[("body", PROSA, "context:article-prose")] * 6,
    )
    assert _cands(lines, language="de") == [("Jan Muster", ["cue-elsewhere"])]
