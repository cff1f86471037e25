"""Kinds of evidence of :mod:`boilerstrip.evidence`: ``credit:…`` (a short line shaped like a
byline, outside readers' comments) and ``article-share:…`` (how much of the page's prose the
passes' article holds).

Made-up pages only.  These are evidence for the fitted model, not verdicts: the tests assert
which names a line carries and which it does not, not the label it ends with.
"""

from __future__ import annotations

import pytest

from boilerstrip.engine import passes
from boilerstrip.evidence import CREDIT_MAX_CLOCKS, CREDIT_SCAN_CHARS
from boilerstrip.lexicon import load
from boilerstrip.names import credit_signs
from boilerstrip.readers.text import read_text

LEX = load()
PROSE = (
    "The council voted on Tuesday to double the money spent on the city's parks over the next "
    "five years, after residents filled the town hall for a third meeting in a row."
)
MORE = (
    "Officials said the first projects would start in the spring, with new paths, lighting and "
    "benches planned for the three largest parks, and a review of the smaller ones next year."
)


def _evidence(*lines: str) -> dict[str, list[str]]:
    evidence, _ = passes(read_text("\n".join(lines)))
    return {ln: ev for ln, ev in zip(lines, evidence)}


@pytest.mark.parametrize(
    ("line", "signs"),
    [
        ("Maria Rossi", ["name"]),
        ("Jean-Luc de la Roche", ["name"]),
        ("نورهان نبيل", ["name"]),
        ("Maria Rossi 12. März 2024", ["dated"]),
        ("Maria Rossi, staff correspondent", ["role"]),
        ("journaliste", ["role"]),
    ],
)
def test_a_credit_shows_its_signs(line: str, signs: list[str]) -> None:
    assert credit_signs(line, LEX) == signs


@pytest.mark.parametrize("line", ["Home Page", "Read More", "the council voted", "Top 10 Stories", ""])
def test_furniture_and_prose_show_no_credit_sign(line: str) -> None:
    assert credit_signs(line, LEX) == []


def test_a_byline_between_headline_and_article_carries_the_sign() -> None:
    ev = _evidence("Council doubles park spending", "Maria Rossi", PROSE, MORE)
    assert "credit:name" in ev["Maria Rossi"]
    assert not any(n.startswith("credit:") for n in ev[PROSE])  # longer than CREDIT_SCAN_CHARS
    assert len(PROSE) > CREDIT_SCAN_CHARS


def test_a_user_name_among_time_stamped_posts_carries_no_credit_sign() -> None:
    """Readers' posts are stamped with times; their user names are name-shaped too."""
    posts = []
    for k, name in enumerate(("Anna Berg", "Tom Field", "Lena Ortiz")):
        posts += [name, f"March 3, 2024 at 10:{k}5 pm", "I agree with every word of this, thank you."]
    ev = _evidence("Council doubles park spending", PROSE, MORE, *posts)
    assert CREDIT_MAX_CLOCKS <= 3
    for name in ("Anna Berg", "Tom Field", "Lena Ortiz"):
        assert credit_signs(name, LEX) == ["name"]  # the line alone reads as a credit
        assert "credit:name" not in ev[name], ev[name]


def test_every_line_says_how_much_of_the_page_s_prose_the_passes_article_holds() -> None:
    """``article-share:…``: one bucket per page, on every line, alone and with the passes' label."""
    whole = _evidence("Council doubles park spending", PROSE, MORE)
    assert all("article-share:0.6+" in ev for ev in whole.values())
    assert "passes:body&article-share:0.6+" in whole[PROSE]
    teasers = [
        f"Read also: {k} the long story of another town whose council spent years arguing over its "
        "roads, its bridges, its schools and its libraries before voting on anything at all"
        for k in ("First,", "Second,", "Third,", "Fourth,")
    ]
    cut_short = _evidence("Council doubles park spending", PROSE, MORE, "Related stories", *teasers)
    shares = {n for ev in cut_short.values() for n in ev if n.startswith("article-share:")}
    assert len(shares) == 1 and shares != {"article-share:0.6+"}, shares


def test_the_comments_end_where_the_context_pass_ends_them() -> None:
    """A poll under the comments header, then two headlines in a row: the context pass reads a
    list of other stories there, so the headlines are not in the comments (and a later
    comments header opens them again)."""
    first = "Council backs the new cycle lanes on the ring road after a long debate"
    second = "Three schools to close for repairs over the summer holidays this year"
    page = _evidence(
        "Headline of the story about the parks budget",
        PROSE,
        MORE,
        "Comments",
        "Which park should be renovated first?",
        first,
        second,
        "Comments",
        "I hope they start with the one near the station, it needs it most of all.",
    )
    assert "in-comments" in page["Which park should be renovated first?"]
    assert "in-comments" not in page[first]
    assert "in-comments" not in page[second]
    assert "in-comments" in page["I hope they start with the one near the station, it needs it most of all."]


def _indent(evidence: list[str]) -> list[str]:
    return [name for name in evidence if name.startswith("indent:")]


def test_a_rendered_pages_columns_are_evidence_beside_its_prose() -> None:
    # A renderer's layout: the headline flush left, the prose two columns in, a caption and a box deeper.
    lines = [
        "Council doubles park spending",
        f"  {PROSE}",
        "    The old town hall",
        f"  {MORE}",
        "        Share",
    ]
    got = {ln.strip(): _indent(ev) for ln, ev in _evidence(*lines).items()}
    assert got == {
        "Council doubles park spending": ["indent:less"],
        PROSE: ["indent:same"],
        "The old town hall": ["indent:inset"],
        MORE: ["indent:same"],
        "Share": ["indent:deep"],
    }


def test_flush_left_text_and_a_page_without_prose_carry_no_indentation() -> None:
    # Text typed or extracted flush left (the seeds) has no layout to read; nor has a page of short lines.
    flush = _evidence("Council doubles park spending", PROSE, "The old town hall", MORE)
    assert all(_indent(ev) == [] for ev in flush.values())
    menu = _evidence("Home", "  News", "    Sport")
    assert all(_indent(ev) == [] for ev in menu.values())
    # Markdown-like text (html2text) sets prose and menus at the margin alike, a list item deeper.
    markdown = _evidence("Home", PROSE, "  * Share", MORE)
    assert all(_indent(ev) == [] for ev in markdown.values())
