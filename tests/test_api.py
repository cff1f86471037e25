"""The public contract: names and shapes other code and the benchmarks rely on."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import InputError, Label, Line, Page, Source

REPO = Path(__file__).resolve().parent.parent


def test_label_values() -> None:
    assert {label.name: label.value for label in Label} == {
        "BODY": "body",
        "TITLE": "title",
        "ATTRIBUTION": "attribution",
        "NAVIGATION": "navigation",
        "CAPTION": "caption",
        "RELATED_LINK": "related-link",
        "POLL_COMMENT": "poll-comment",
    }
    assert isinstance(Label.BODY, str)


def test_field_names() -> None:
    assert [f.name for f in dataclasses.fields(Line)] == [
        "number",
        "text",
        "label",
        "rule",
        "evidence",
        "passes",
    ]
    assert [f.name for f in dataclasses.fields(Source)] == ["name", "canonical", "kind", "role"]
    assert {"lines", "title", "sources", "date", "language"} <= {f.name for f in dataclasses.fields(Page)}
    assert issubclass(InputError, ValueError)


def test_strip_returns_page_with_body_title_sources() -> None:
    text = "\n".join(
        [
            "Home",
            "Council approves new budget for city parks",
            "The city council approved a new budget on Monday that doubles spending on parks for five years.",
            "",
            "The plan includes new playgrounds and more trees along the main avenues of the old town.",
            "Source: AFP",
        ]
    )
    page = boilerstrip.strip(text)
    assert page.title == "Council approves new budget for city parks"
    assert page.body.split("\n") == [text.split("\n")[2], text.split("\n")[4]]
    assert [s.canonical for s in page.sources] == ["AFP"]
    assert [ln.number for ln in page.lines] == [1, 2, 3, 5, 6]
    json.dumps(page.to_dict(), ensure_ascii=False)
    line = page.to_dict()["lines"][2]
    assert (line["number"], line["text"], line["label"]) == (3, text.split("\n")[2], "body")
    # the fitted decoder (the default): the evidence weighed, the context-free verdict first, and
    # the rule is the evidence that weighed most (the label's prior, ``bias``, is never the rule)
    names = [name for name, _ in line["evidence"]]
    assert names[0] == "shape:prose" and "passes:body" in names
    top = max((w for name, w in line["evidence"] if name != "bias" and not name.startswith("transition:")))
    assert line["rule"] in names and dict(line["evidence"])[line["rule"]] == top
    # beside the fitted label, the hand passes' own verdict (jusText keeps both too)
    assert line["passes"] == ["body", "context:article-prose"]
    # the hand passes alone: their rule, no evidence, and their verdict is the label
    ruled = boilerstrip.strip(text, config=boilerstrip.Config(decoder="rules")).to_dict()["lines"][2]
    assert ruled == {
        "number": 3,
        "text": text.split("\n")[2],
        "label": "body",
        "rule": "context:article-prose",
        "evidence": [],
        "passes": ["body", "context:article-prose"],
    }


def test_explain_table_names_each_rule() -> None:
    rules = boilerstrip.Config(decoder="rules")
    table = boilerstrip.explain("Home\nRead also", config=rules)
    assert table.splitlines()[0].split()[:3] == ["1", "navigation", "cue:navigation-line"]
    assert "cue:related-header" in table.splitlines()[1]
    # the fitted decoder (the default) names the evidence that weighed most: here the cue again
    fitted = boilerstrip.explain("Home\nRead also").splitlines()
    assert len(fitted) == 2 and fitted[1].split()[1:3] == ["related-link", "cue:related-header"]


@pytest.mark.parametrize("bad", [b"bytes", None, 3, ["a"]])
def test_non_str_is_a_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        boilerstrip.strip(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_input_is_an_empty_page(text: str) -> None:
    page = boilerstrip.strip(text)
    assert (page.lines, page.body, page.title, page.sources) == ([], "", None, [])


def test_explain_finds_html_by_content() -> None:
    """Issue 14, item 8: explain(html) explains the page, not a table of its markup."""
    from pathlib import Path

    html = (Path(__file__).parent / "data" / "cli" / "article.html").read_text(encoding="utf-8")
    table = boilerstrip.explain(html)
    assert table == boilerstrip.strip_html(html).explain()
    assert "<" not in table.split("\n")[0] and boilerstrip.explain(html.encode("utf-8")) == table
    assert boilerstrip.explain("Home\nRead also") == boilerstrip.strip("Home\nRead also").explain()


def test_each_line_keeps_the_hand_passes_verdict() -> None:
    """``Line.passes`` under the fitted decoder is what ``Config(decoder="rules")`` labels the line,
    on text and on HTML: both verdicts are kept, as jusText keeps its context-free class."""
    text = (REPO / "seeds" / "004_fafaee94eaad3581.txt").read_text(encoding="utf-8")
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><h1>Council approves budget</h1>"
        + ("<p>The city council approved a new budget on Monday that doubles spending on parks.</p>" * 3)
        + "<p>By Jane Example</p></body></html>"
    )
    rules = boilerstrip.Config(decoder="rules")
    for fitted, ruled in (
        (boilerstrip.strip(text), boilerstrip.strip(text, config=rules)),
        (boilerstrip.strip_html(html), boilerstrip.strip_html(html, config=rules)),
    ):
        assert [ln.passes for ln in fitted.lines] == [(ln.label, ln.rule) for ln in ruled.lines]
        assert all(ln.passes == (ln.label, ln.rule) for ln in ruled.lines)
