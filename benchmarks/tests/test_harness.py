"""Tests of the benchmark harness itself: measures, gold derivation, loaders, gate logic.

No test asserts anything about time or speed: the machine is shared and
timings are not reproducible.  Tests that need ``../shared`` skip without it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from benchmarks import DEFAULT_DATA, REPO
from benchmarks.data import load_seeds, parse_gold_tsv
from benchmarks.gate import SPEED_METRIC, compare, flatten, floor_of, pin
from benchmarks.gate import main as gate_main
from benchmarks.metrics import (
    LabelCounts,
    aeb_aggregate,
    shingle_tp_fp_fn,
    snippet_aggregate,
    snippet_counts,
)
from benchmarks.peers import c4_line_rule, page_labels, regex_per_line
from benchmarks.render import body_flags, label_rendered, render_marked, snippet_gold
from benchmarks.timing import measured_pass

HAVE_DATA = (DEFAULT_DATA / "eval").is_dir()
HAVE_RENDERERS = all(importlib.util.find_spec(m) is not None for m in ("inscriptis", "html2text"))
needs_renderers = pytest.mark.skipif(
    not HAVE_RENDERERS, reason="inscriptis/html2text ([bench] extra) missing"
)


# --- metrics ---------------------------------------------------------------------------


def test_label_counts_are_character_weighted() -> None:
    lc = LabelCounts()
    lines = ["a long body paragraph here", "Home", ""]
    lc.add(lines, ["body", "navigation", None], ["body", "body", None])
    s = lc.scores()
    assert s["body"]["recall"] == 1.0
    assert s["body"]["precision"] == pytest.approx(26 / 30)
    assert s["navigation"]["recall"] == 0.0
    _macro, n = lc.macro_f1()
    assert n == 2  # only labels present in the gold count


def test_unjudged_lines_are_skipped() -> None:
    lc = LabelCounts()
    lc.add(["x", "y"], [None, "body"], ["navigation", "body"])
    assert lc.scores()["navigation"]["precision"] == 0.0
    assert lc.fp["navigation"] == 0


def test_shingles_match_aeb() -> None:
    # identical texts: all true positives; nothing predicted: all false negatives
    assert shingle_tp_fp_fn("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)
    assert shingle_tp_fp_fn("one two three four five", "") == (0.0, 0.0, 1.0)
    agg = aeb_aggregate([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    # a page without output lowers recall, not precision (AEB's rule)
    assert agg["precision"] == 1.0 and agg["recall"] == 0.5


def test_snippets_like_trafilatura() -> None:
    counts = [
        snippet_counts("Body  text\nhere", ["Body text here"], ["Menu"]),
        snippet_counts(None, ["a"], []),
    ]
    assert counts == [(1, 0, 0, 1), (0, 0, 1, 0)]
    agg = snippet_aggregate(counts)
    assert agg["f1"] == pytest.approx(2 / 3)


# --- rendering and derived gold --------------------------------------------------------

PAGE = """<html><body class="comments-open">
<nav><ul><li>Home</li><li>Politics</li></ul></nav>
<article><h1>Big news today</h1>
<p>The minister said on Tuesday that the plan would go ahead next year.</p>
<h2>Politics</h2>
<p>Critics of the plan said it would cost far more than the government admits.</p>
<figure><img src="x.jpg"><figcaption>A photo of the minister</figcaption></figure>
</article>
<div class="related-posts"><p>Another story about something else entirely</p></div>
<div id="comments"><p>Great article, thanks for writing it!</p></div>
<footer>Copyright 2024</footer>
</body></html>"""

GOLD = (
    "The minister said on Tuesday that the plan would go ahead next year.\n\nPolitics\n\n"
    "Critics of the plan said it would cost far more than the government admits."
)


@needs_renderers
@pytest.mark.parametrize("renderer", ["inscriptis", "html2text"])
def test_rendered_gold_labels(renderer: str) -> None:
    from benchmarks.data import HtmlPage

    page = label_rendered(HtmlPage("t", PAGE, gold_body=GOLD), renderer)
    assert "\U000f0000" not in page.text and "\U000f0001" not in page.text
    got = {
        line.strip().lstrip("#* ").strip(): g
        for line, g in zip(page.text.split("\n"), page.gold, strict=True)
        if g
    }
    assert got["The minister said on Tuesday that the plan would go ahead next year."] == "body"
    assert got["Politics"] in ("body", "navigation")  # menu item and sub-heading share the text
    assert got["Home"] == "navigation"
    assert got["Big news today"] == "title"
    assert got["A photo of the minister"] == "caption"
    assert got["Another story about something else entirely"] == "related-link"
    assert got["Great article, thanks for writing it!"] == "poll-comment"  # body's comments-open ignored
    assert got["Copyright 2024"] == "navigation"


def test_short_lines_only_match_between_anchors() -> None:
    lines = [
        "Politics",
        "The minister said on Tuesday that the plan would go ahead next year.",
        "Politics",
        "Critics of the plan said it would cost far more than the government admits.",
        "Sport",
    ]
    assert body_flags(lines, GOLD) == [False, True, True, True, False]


@needs_renderers
def test_marked_render_matches_plain_render() -> None:
    from benchmarks.render import render_inscriptis

    lines, labels, h1 = render_marked(PAGE, "inscriptis")
    plain = [ln.strip() for ln in render_inscriptis(PAGE).split("\n") if ln.strip()]
    assert [ln.strip() for ln in lines if ln.strip()] == plain
    assert h1 == "Big news today"
    assert len(labels) == len(lines)


def test_snippet_gold() -> None:
    gold = snippet_gold(["Menu", "The cat sat on the mat.", "Other"], ["cat sat"], ["Menu"])
    assert gold == ["not-body", "body", None]


# --- systems, loaders, passes ----------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("datatrove") is None, reason="datatrove missing: builtin constants"
)
def test_c4_rule_with_datatrove_constants() -> None:
    assert "datatrove" in c4_line_rule().note


def test_c4_rule() -> None:
    c4 = c4_line_rule()
    text = "Home\nThis is a proper sentence.\nWe use cookies to do things.\nToo short.\n"
    assert c4.run(text) == [False, True, False, False, False]
    assert c4.line_labels is not None
    assert c4.line_labels(c4.run(text), text)[1] == "body"


def test_failures_are_counted_not_raised() -> None:
    def flaky(x: int) -> int:
        if x == 2:
            raise ValueError("boom")
        return x

    res = measured_pass(flaky, [1, 2, 3], ["a", "b", "c"], fork=False)
    assert res.outputs == [1, None, 3]
    assert len(res.errors) == 1 and res.errors[0].startswith("b: ValueError")


def test_forked_pass_returns_outputs() -> None:
    res = measured_pass(regex_per_line().run, ["a b\nc", ""], ["x", "y"])
    assert res.outputs == [3, 0]
    assert res.memory_method in ("rss-hwm", "tracemalloc")


def test_measured_pass_keeps_only_what_is_scored() -> None:
    """Outputs are reduced page by page (memory is per page, not a suite of rich results);
    an output the reduction cannot read becomes an empty one with an error, not a crash."""

    def keep(out: str, inp: str) -> int:
        if out == "bad":
            raise KeyError(inp)
        return len(out)

    for fork in (False, True):
        res = measured_pass(
            str.upper, ["ab", "bad", "c"], ["x", "y", "z"], fork=fork, keep=lambda o, i: keep(o.lower(), i)
        )
        assert res.outputs == [2, None, 1]
        assert len(res.errors) == 1 and res.errors[0].startswith("y: output not readable: KeyError")


def test_page_labels_align_with_lines() -> None:
    from types import SimpleNamespace

    page = SimpleNamespace(lines=[SimpleNamespace(number=2, label=SimpleNamespace(value="body"))])
    assert page_labels(page, "\nx\n") == [None, "body", None]


def test_gold_tsv_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "x.gold.tsv"
    p.write_text("navigation\tHome\nblank\t\nbody\tText\there\n", encoding="utf-8")
    text, gold = parse_gold_tsv(p)
    assert text == "Home\n\nText\there"
    assert gold == ["navigation", None, "body"]


def test_seeds_load() -> None:
    corpus = load_seeds(REPO)
    assert corpus.pages and not corpus.errors
    for page in corpus.pages:
        assert len(page.gold) == len(page.text.split("\n"))


# --- gate ------------------------------------------------------------------------------


def test_floor_rounding() -> None:
    assert floor_of(0.8) == 0.79
    assert floor_of(0.9999) == 0.989
    assert floor_of(0.005) == 0.0


def test_speed_floor_is_relative_and_gated_like_a_score() -> None:
    """The speed ratio's floor is pinned at half the measured ratio (scores: 0.01 under);
    a ratio under its floor fails the gate as a score does."""
    assert pin(SPEED_METRIC, 2.0) == 1.0 and pin(SPEED_METRIC, 1.5) == 0.75
    assert pin("aeb-html.shingle_f1", 2.0) == 1.99
    fails = compare({SPEED_METRIC: 1.1}, 0, {"floors": {SPEED_METRIC: 1.2}})
    assert [row[0] for row in fails] == [SPEED_METRIC]
    assert compare({SPEED_METRIC: 1.3}, 0, {"floors": {SPEED_METRIC: 1.2}}) == []


def test_compare_reports_value_floor_and_difference() -> None:
    fails = compare({"a": 0.5, "b": 0.9}, 0, {"floors": {"a": 0.6, "b": 0.8, "c": 0.1}, "max_errors": 0})
    assert fails[0] == ["a", "0.5000", "0.600", "-0.1000"]
    assert fails[1][0] == "c" and fails[1][1] == "missing"
    assert compare({"a": 0.7}, 3, {"floors": {"a": 0.6}, "max_errors": 1})[0][0] == "page errors"


def test_flatten_names() -> None:
    suites = {
        "seeds": {
            "kind": "text",
            "systems": {"boilerstrip": {"errors": 0, "scores": {"lines": {"body_f1": 0.9, "macro_f1": 0.8}}}},
        },
        "aeb-rendered": {
            "kind": "rendered",
            "systems": {
                "boilerstrip@inscriptis": {
                    "errors": 1,
                    "scores": {"lines": {"body_f1": 0.7}, "bow": {"f1": 0.6}},
                },
                "trafilatura": {"errors": 5, "scores": {}},
            },
        },
        "trafilatura-html": {
            "kind": "html",
            "systems": {"boilerstrip-html": {"errors": 0, "scores": {"snippets": {"f1": 0.85}}}},
        },
    }
    metrics, errors, _ = flatten(suites)
    assert metrics == {
        "seeds.body_f1": 0.9,
        "seeds.macro_f1": 0.8,
        "aeb-rendered.inscriptis.line_body_f1": 0.7,
        "aeb-rendered.inscriptis.bow_f1": 0.6,
        "trafilatura-html.snippet_f1": 0.85,
    }
    assert errors == 1  # peers' errors do not count


def test_gate_without_data_exits_2(tmp_path: Path) -> None:
    assert gate_main(["--data", str(tmp_path / "nowhere")]) == 2


def test_floors_file_is_valid() -> None:
    path = REPO / "benchmarks" / "floors.json"
    if not path.exists():
        pytest.skip("floors.json not pinned yet")
    doc = json.loads(path.read_text(encoding="utf-8"))
    floors = doc["floors"]
    assert floors and all(0.0 <= v <= 1.0 for k, v in floors.items() if k != SPEED_METRIC)
    if SPEED_METRIC in floors:  # a ratio, pinned from its measurement (or an earlier one, kept on purpose)
        source = doc.get("speed_pinned_from", {}).get("value", doc["measured"][SPEED_METRIC])
        assert 0.0 < floors[SPEED_METRIC] == pin(SPEED_METRIC, source)


@pytest.mark.skipif(not HAVE_DATA, reason="../shared/eval not available")
def test_arabic_gold_loads() -> None:
    from benchmarks.data import load_arabic_gold

    corpus = load_arabic_gold(DEFAULT_DATA)
    assert len(corpus.pages) == 5 and not corpus.errors


def test_stage_timer_sees_every_stage_and_restores_the_pipeline() -> None:
    """``python -m benchmarks.stages`` wraps the pipeline's own functions: each stage must be
    called (a renamed stage would fail here), per-line stages once a line, and the originals
    must be back afterwards."""
    import importlib

    import boilerstrip
    from benchmarks.data import HtmlPage
    from benchmarks.stages import STAGES, measure_stages, report

    originals = {(m, a): getattr(importlib.import_module(m), a) for _, m, a in STAGES}
    html = (
        "<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>A headline of a story</h1><p>The first paragraph of the story, long enough"
        " to read as prose.</p><p>A second paragraph follows it here.</p></article></body></html>"
    )
    times = measure_stages([HtmlPage("p", html)], rounds=2, decoder="rules")  # the fitted one's: below
    lines = len(boilerstrip.strip_html(html).lines)
    assert times.pages == 2
    assert {label for label, _, _ in STAGES} == set(times.calls)
    assert lines > 0
    for label, _, _ in STAGES:
        assert times.calls[label] == 2, label
    assert all(getattr(importlib.import_module(m), a) is fn for (m, a), fn in originals.items())
    table = report(times, reference=None, target=3)
    assert all(label in table for label, _, _ in STAGES) and "strip_html" in table


def test_stage_timer_of_the_fitted_decoder_times_its_stages_and_restores_the_default() -> None:
    import boilerstrip.engine as engine
    from benchmarks.data import HtmlPage
    from benchmarks.stages import FITTED_STAGES, measure_stages, report, stages_of
    from boilerstrip import native

    default = engine.DEFAULT
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>A headline of a story</h1>"
        "<p>The first paragraph of the story, long enough to read as prose.</p></article></body></html>"
    )
    for core in ("python", "native"):
        with native.forced(core):
            times = measure_stages([HtmlPage("p", html)], rounds=2, decoder="fitted")
            compiled = native.module() is not None
        assert engine.DEFAULT is default
        assert {label for label, _, _ in stages_of("fitted")} == set(times.calls)
        for label, _, _ in FITTED_STAGES:
            # the compiled core decodes and explains inside weigh: the Python stages are not called
            nested = label.strip() in ("viterbi", "explain")
            assert times.calls[label] == (0 if compiled and nested else 2), (core, label)
    assert "explain" in report(times, reference=None, target=3)


def test_metadata_scores_without_the_peers() -> None:
    """The gate runs the metadata pages with boilerstrip alone: the scores hold boilerstrip's
    measures and no peer's, and a wrong title or a missing author counts against it."""
    from benchmarks.metadata import MetaPage, score

    def page(title: str, got: str, authors: list[str]) -> MetaPage:
        bs = {"title": got, "title_lso": got, "authors": authors, "authors_lso": authors}
        return MetaPage(
            "p",
            "trafilatura",
            "example.org",
            "",
            title=title,
            authors=["jane doe"],
            out={"bs": {**bs, "date": None, "lang": None, "cands": []}},
        )

    pages = [page("A title", "A title", ["jane doe"]), page("B title", "Menu", [])]
    block = score(pages)["all"]
    assert block["title"]["boilerstrip"] == {"accuracy": 0.5, "pages": 2}
    assert "trafilatura" not in block["title"] and "htmldate" not in block["date"]
    authors = block["authors"]["boilerstrip"]
    assert (authors["precision"], authors["recall"]) == (1.0, 0.5)


def test_the_article_fields_are_gated() -> None:
    """Issue 12's fields have floors, so a change that loses titles, authors or Arabic credits fails CI."""
    floors = json.loads((REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))["floors"]
    for name in ("title_lso", "authors_lso.precision", "authors_lso.recall", "date", "language"):
        assert f"metadata.{name}" in floors
    assert {f"metadata.arabic-credits.{m}.recall" for m in ("text", "html")} <= set(floors)
