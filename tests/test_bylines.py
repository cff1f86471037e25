"""Author candidates and their fitted evidence (issue 12), on made-up pages."""

from __future__ import annotations

import pytest

from boilerstrip.bylines import Candidate, fit, kept, score, weights
from boilerstrip.lexicon import load
from boilerstrip.model import Label, Line, Source
from boilerstrip.readers import PageMeta
from boilerstrip.sources import article_sources, author_candidates

LEX = load()
PROSE = (
    "The city council approved a new budget on Monday that doubles spending on parks for five years, "
    "officials said after a long public session in the old town hall."
)


def _lines(*rows: tuple[str, str, str]) -> list[Line]:
    return [Line(k, text, Label(label), rule) for k, (label, text, rule) in enumerate(rows, 1)]


def _authors(sources: list[Source]) -> list[str]:
    return [s.canonical for s in sources if s.kind == "author"]


def test_spellings_of_one_author_are_one_candidate_with_both_evidences() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("attribution", "By Maria Example", "cue:byline"),
        ("body", PROSE, "context:article-prose"),
    )
    meta = PageMeta(authors=["Maria Example"], authors_source="meta")
    _, cands = author_candidates(lines, meta, LEX, "en")
    assert [(c.source.canonical, sorted(c.evidence)) for c in cands] == [
        ("Maria Example", ["cue", "labelled", "meta", "passes"])
    ]
    assert cands[0].features["meta-seen"] == 1.0


def test_a_cued_byline_that_the_metadata_confirms_is_kept() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("attribution", "By Maria Example", "cue:byline"),
        ("body", PROSE, "context:article-prose"),
    )
    meta = PageMeta(authors=["Maria Example"], authors_source="meta")
    assert _authors(article_sources(lines, meta, LEX, "en")) == ["Maria Example"]


def test_the_sites_name_as_author_scores_below_a_persons_name() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    person = author_candidates(lines, PageMeta(authors=["Maria Example"], authors_source="byline"), LEX)[1]
    site = author_candidates(
        lines, PageMeta(authors=["Example"], sitename="Example Daily", authors_source="byline"), LEX
    )[1]
    assert site[0].features["site-name"] == 1.0
    assert score(site[0], weights()) < score(person[0], weights())


def test_many_names_around_the_article_weigh_against_each() -> None:
    rows = [("title", "Council doubles park spending", "context:headline")]
    rows += [("attribution", f"Teaser Writer{k} Example", "context:byline-position") for k in range(6)]
    rows += [("body", PROSE, "context:article-prose")]
    assert _authors(article_sources(_lines(*rows), None, LEX, "en")) == []


def test_fit_is_deterministic_and_its_cut_keeps_the_right_candidates() -> None:
    good = Candidate(Source("A B", "A B", "author"), {"cue"}, {"bias": 1.0, "ev:cue": 1.0})
    bad = Candidate(Source("C", "C", "author"), {"shaped"}, {"bias": 1.0, "ev:shaped": 1.0})
    examples = [(good, True), (bad, False), (good, True)]
    assert fit(examples) == fit(examples)
    assert kept([good, bad], fit(examples)) == [good]


def test_a_name_only_the_markup_holds_weighs_less_than_one_the_page_writes() -> None:
    meta = PageMeta(authors=["Maria Example"], authors_source="meta")
    written = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("body", PROSE, "context:article-prose"),
        *[("navigation", f"Section {k}", "markup:nav-class") for k in range(6)],
        ("navigation", "About Maria Example and her other stories", "markup:footer-class"),
    )
    hidden = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("body", PROSE, "context:article-prose"),
    )
    (shown,) = author_candidates(written, meta, LEX, "en")[1]
    (unshown,) = author_candidates(hidden, meta, LEX, "en")[1]
    # Written far from the article: only ``unwritten`` tells the two apart.
    assert (shown.features["meta-seen"], unshown.features["meta-seen"]) == (0.0, 0.0)
    assert (shown.features["unwritten"], unshown.features["unwritten"]) == (0.0, 1.0)
    assert score(unshown, weights()) < score(shown, weights())


def test_a_cms_account_in_the_markup_is_a_generic_credit_and_a_degree_a_role() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("body", PROSE, "context:article-prose"),
    )
    credits = author_candidates(lines, PageMeta(authors=["Admin", "Super User"], authors_source="meta"), LEX)
    assert [(s.canonical, s.kind) for s, _ in credits[0]] == [("Admin", "generic"), ("Super User", "generic")]
    assert credits[1] == []
    byline = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("attribution", "By Grant Example, PhD", "cue:byline"),
        ("body", PROSE, "context:article-prose"),
    )
    (cand,) = author_candidates(byline, None, LEX, "en")[1]
    assert (cand.source.canonical, cand.source.role) == ("Grant Example", "PhD")


def test_the_cut_is_the_mean_of_the_near_best_cuts_not_one_of_two_far_apart() -> None:
    import numpy as np

    from boilerstrip.bylines import _best_cut

    # Keeping the top two or the top five gives the same F1 (2 right of 4: 4/6; 3 of 4: 6/9):
    # the cut is halfway between the two, not at the first.
    scores = np.array([8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0])
    right = np.array([1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    assert _best_cut(scores, right) == 5.0


def _byline_candidates(label: str, text: str, rule: str, language: str) -> list[tuple[str, list[str]]]:
    """The candidates of a made-up page whose one line between its headline and body is ``text``."""
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        (label, text, rule),
        ("body", PROSE, "context:article-prose"),
    )
    _, cands = author_candidates(lines, None, LEX, language)
    return [(c.source.canonical, sorted(c.evidence)) for c in cands]


@pytest.mark.parametrize(
    ("label", "text", "rule", "language", "name"),
    [
        # "Posted in SECTION by NAME DATE", read as a menu line.
        (
            "navigation",
            "Posted in City | by Maria Example | March 3, 2024",
            "links:0.25+",
            "en",
            "Maria Example",
        ),
        # A credit line whose cue does not open it: "Veröffentlicht am DATE von NAME".
        (
            "attribution",
            "Veröffentlicht am 3. März 2024 von Jonas Muster",
            "cue=t:author",
            "de",
            "Jonas Muster",
        ),
    ],
)
def test_a_byline_cue_inside_a_dated_line_proposes_its_name(
    label: str, text: str, rule: str, language: str, name: str
) -> None:
    found = _byline_candidates(label, text, rule, language)
    assert [n for n, _ in found] == [name]
    assert "inline-cue" in found[0][1]


def test_a_cue_word_inside_an_undated_line_is_prose_not_a_byline() -> None:
    # "von" is also "of": without a date on the line, a cue word inside it proposes nobody.
    prose = "Die Pläne von Maria Example für den Park"
    assert _byline_candidates("navigation", prose, "links:0.25+", "de") == []
