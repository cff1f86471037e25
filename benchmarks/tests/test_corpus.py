"""The line-labelled corpus: manifest, hashes, folds, agreement, and the training command.

Tests that read pages need ``../shared`` and skip without it; the training tests need the
``[bench]`` extra (scikit-learn) and skip without it.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from benchmarks import DEFAULT_DATA
from benchmarks.corpus import (
    CORPUS_DIR,
    CorpusDrift,
    GoldPage,
    agreement,
    align,
    assign_folds,
    line_hash,
    load_corpus,
    load_manifest,
    parse_label_rows,
    render,
)
from benchmarks.data import decode_html, parse_gold_tsv

HAVE_DATA = (DEFAULT_DATA / "eval").is_dir()
HAVE_RENDERER = importlib.util.find_spec("inscriptis") is not None
HAVE_SKLEARN = importlib.util.find_spec("sklearn") is not None
needs_data = pytest.mark.skipif(not (HAVE_DATA and HAVE_RENDERER), reason="needs ../shared and inscriptis")


def test_manifest_spans_enough_sites_languages_and_keeps_sites_in_one_fold() -> None:
    pages = load_manifest()
    assert len(pages) >= 80
    assert len({p["site"] for p in pages}) >= 60
    assert len({p["lang"] for p in pages}) >= 10
    folds = defaultdict(set)
    for p in pages:
        folds[p["site"]].add(p["fold"])
    assert all(len(f) == 1 for f in folds.values()), "a site stands in two folds"
    assert sum(1 for p in pages if p.get("second_labels")) >= 15


def test_every_arabic_persian_and_urdu_page_of_shared_is_in_the_corpus() -> None:
    if not HAVE_DATA:
        pytest.skip("needs ../shared")
    pages = {p["path"] for p in load_manifest()}
    shared = {f"arabic/pages/{p.name}" for p in (DEFAULT_DATA / "eval" / "arabic" / "pages").glob("*.html")}
    assert shared <= pages


def test_label_files_hold_labels_and_hashes_never_text() -> None:
    for path in sorted((CORPUS_DIR / "labels").glob("*.tsv")):
        for row in path.read_text(encoding="utf-8").splitlines():
            number, _label, digest = row.split("\t")
            assert number.isdigit() and re.fullmatch(r"[0-9a-f]{10}", digest), (path.name, row)


def test_align_refuses_a_drifted_line() -> None:
    text = "Home\n\nStory line\n"
    rows = {1: ("navigation", line_hash("Home")), 3: ("body", line_hash("Story line"))}
    assert align(text, rows, "x") == ["navigation", None, "body", None]
    with pytest.raises(CorpusDrift, match="line 3 hash"):
        align(text.replace("Story", "Stroy"), rows, "x")
    with pytest.raises(CorpusDrift, match="no label"):
        align("Home\nExtra\n\nStory line\n", rows, "x")


def test_parse_label_rows_rejects_unknown_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tboilerplate\tabcdef0123\n", encoding="utf-8")
    with pytest.raises(ValueError, match="known label"):
        parse_label_rows(bad)


def test_folds_spread_languages_and_keep_each_site_whole() -> None:
    sites = [(f"s{i}.com", "en") for i in range(6)] + [(f"t{i}.de", "de") for i in range(4)]
    folds = assign_folds([*sites, ("s0.com", "en")], 3)
    assert set(folds) == {s for s, _ in sites}
    per_fold_de = defaultdict(int)
    for site, fold in folds.items():
        if site.endswith(".de"):
            per_fold_de[fold] += 1
    assert max(per_fold_de.values()) - min(per_fold_de.values()) <= 1


def test_agreement_counts_characters_and_kinds() -> None:
    page = GoldPage(
        "x",
        "s",
        "en",
        0,
        "aeb",
        "p",
        "Home\nA long body line\nMore\n",
        ["navigation", "body", "related-link", None],
        second=["navigation", "body", "navigation", None],
    )
    report = agreement([page])
    assert report["chars"] == 4 + 16 + 4
    assert report["agreement"] == round(20 / 24, 3)
    assert report["disagreements"] == {"related-link->navigation": 4}


@needs_data
def test_renderer_reproduces_the_shared_arabic_gold_text() -> None:
    gold_dir = DEFAULT_DATA / "eval" / "arabic" / "gold"
    for path in sorted(gold_dir.glob("*.gold.tsv")):
        name = path.name.removesuffix(".gold.tsv")
        html = decode_html((DEFAULT_DATA / "eval" / "arabic" / "pages" / f"{name}.html").read_bytes())
        text, _ = parse_gold_tsv(path)
        assert render(html) == text, name


@needs_data
def test_every_corpus_page_loads_with_its_hashes() -> None:
    pages, errors = load_corpus(DEFAULT_DATA)
    assert errors == []
    assert len(pages) == len(load_manifest())
    for p in pages:
        assert len(p.gold) == len(p.lines)
        assert all((g is None) == (not line.strip()) for g, line in zip(p.gold, p.lines)), p.id


@needs_data
@pytest.mark.skipif(not HAVE_SKLEARN, reason="needs the [bench] extra (scikit-learn)")
def test_training_is_deterministic_and_cross_validation_holds_each_site_out() -> None:
    from benchmarks.train import _sequence, cross_validate, fit, sequences

    pages, _ = load_corpus(DEFAULT_DATA)
    small = [p for p in pages if p.fold in (0, 1)][:12]
    data = [_sequence(sequences(p)) for p in small]
    a = fit(data, {"c": 1}).to_dict()
    b = fit(data, {"c": 1}).to_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    seen: list[int] = []
    report, held = cross_validate(small, log=seen.append)  # type: ignore[arg-type]
    assert set(held) == {p.id for p in small}
    assert report["folds"] == len({p.fold for p in small})
    assert 0.0 <= report["groups"]["all"]["fitted (leave-site-out)"]["macro_f1"] <= 1.0


@needs_data
def test_html_mode_views_carry_the_gold_onto_the_readers_lines() -> None:
    """Every page that came as HTML gets an HTML-mode view; nearly all gold body text finds its
    reader line, and no reader line is given a label its text does not hold."""
    from benchmarks.train import html_sequences, page_html

    pages, _ = load_corpus(DEFAULT_DATA)
    gold_body = carried = 0
    for p in pages:
        html = page_html(p, DEFAULT_DATA)
        if p.suite == "seeds":
            assert html is None
            continue
        assert html is not None, p.id
        raw, evidence, gold, rules = html_sequences(p, html)
        assert len(raw) == len(evidence) == len(gold) == len(rules)
        gold_body += sum(len(t.strip()) for t, g in zip(p.lines, p.gold) if g == "body")
        carried += sum(len(r.text.strip()) for r, g in zip(raw, gold) if g == "body")
    assert 0.95 * gold_body <= carried <= 1.02 * gold_body


def test_carry_labels_takes_the_label_most_of_a_line_holds() -> None:
    from benchmarks.align import body_onto_gold, carry_labels

    gold_lines = ["Home News Sport", "The storm reached the coast on Tuesday.", "Read more"]
    labels: list[str | None] = ["navigation", "body", "related-link"]
    # a reader line that joins two gold lines takes the label of most of its characters
    assert carry_labels(
        gold_lines, labels, ["Home News", "Sport The storm reached the coast on Tuesday."]
    ) == [
        "navigation",
        "body",
    ]
    # text the gold never saw gets no label
    assert carry_labels(gold_lines, labels, ["Accept cookies"]) == [None]
    assert body_onto_gold(gold_lines, labels, "") == ["not-body", "not-body", "not-body"]
    assert body_onto_gold(gold_lines, labels, "the storm reached the coast on tuesday") == [
        "not-body",
        "body",
        "not-body",
    ]


@needs_data
def test_every_declared_constraint_holds_on_the_corpus_gold() -> None:
    """A ``never_body`` or ``decides`` field of a rule is a promise the fitted decoder enforces;
    the corpus gold may contradict it on at most ``MAX_CONTRADICTED`` of the lines it claims."""
    from benchmarks.constraints import gold_by_verdict, table

    _, broken = table(gold_by_verdict(DEFAULT_DATA))
    assert broken == []


def test_crop_views_cut_a_page_to_its_labelled_span_and_to_its_article() -> None:
    from benchmarks.train import crop_views

    lines = [
        "Home",
        "World",
        "Storm closes northern ports",
        "The storm reached the coast on Tuesday, forcing the authorities to close three ports.",
        "Ferries stayed in harbour and the coast guard asked boats to return before nightfall.",
        "Comments",
        "Privacy policy",
    ]
    gold = ["navigation", "navigation", "title", "body", "body", "poll-comment", "navigation"]
    page = GoldPage("p", "example.org", "en", 0, "test", "p.html", "\n".join(lines), list(gold))
    views = crop_views([page])["p"]
    span, article = views["span"], views["article"]
    assert [r.text for r in span[0]] == lines[2:6]
    assert span[2] == gold[2:6]
    assert [r.text for r in article[0]] == lines[3:5]
    assert article[2] == ["body", "body"]
    # the cut text goes through the passes again: its evidence is its own, not the page's
    assert "prev:page-edge" in span[1][0]
