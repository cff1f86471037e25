"""The labelled pages waiting to join the corpus (``benchmarks/corpus/pending``) stay usable:
every label file aligns with its page as rendered today, and every page is from a site the
corpus does not hold, so folding them in adds held-out sites rather than more of the same.
``benchmarks.fold_in`` moves them in without moving any site of the corpus to another fold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from benchmarks import DEFAULT_DATA
from benchmarks.corpus import (
    CorpusDrift,
    align,
    line_hash,
    load_manifest,
    parse_label_rows,
    read_page_text,
)
from benchmarks.data import GOLD_LABELS
from benchmarks.fold_in import PENDING, fold_in

HAVE_DATA = (DEFAULT_DATA / "eval").is_dir() and importlib.util.find_spec("inscriptis") is not None


def _entries() -> list[dict]:
    return load_manifest(PENDING / "manifest.json")


def test_pending_pages_are_new_sites_with_known_labels() -> None:
    corpus = load_manifest()
    sites, ids, paths = ({p[k] for p in corpus} for k in ("site", "id", "path"))
    for e in _entries():  # none while nothing waits: the staging area is then empty
        assert e["site"] not in sites
        assert e["id"] not in ids
        assert e["path"] not in paths, f"{e['id']}: the corpus holds this page already"
        rows = parse_label_rows(PENDING / e["labels"])  # raises on a label outside LABELS.md's seven
        assert rows and {label for label, _ in rows.values()} <= set(GOLD_LABELS)
        assert e["labellers"] and e["lang"] and e["added"] == "pending"
    files = {p.name for p in (PENDING / "labels").glob("*.tsv")} if (PENDING / "labels").is_dir() else set()
    assert files == {Path(e["labels"]).name for e in _entries()}, (
        "a label file without an entry, or the reverse"
    )


@pytest.mark.skipif(not HAVE_DATA, reason="needs ../shared and inscriptis")
def test_pending_labels_align_with_their_rendered_pages() -> None:
    for e in _entries():
        text = read_page_text(e, DEFAULT_DATA)
        gold = align(text, parse_label_rows(PENDING / e["labels"]), e["id"])  # CorpusDrift if not
        assert "body" in gold, f"{e['id']}: no body line"


def _seed_entry(name: str, site: str, lang: str, fold: int | None = None) -> dict:
    """A page of the seeds: the corpus's (with a fold) on one seed, the waiting ones on the other."""
    e = {
        "id": f"seed-{name}",
        "suite": "seeds",
        "path": "seeds/000_5454df684d767278.txt" if fold is None else "seeds/004_fafaee94eaad3581.txt",
        "site": site,
        "lang": lang,
        "labels": f"labels/{name}.tsv",
        "labellers": ["T"],
    }
    return e if fold is None else {**e, "fold": fold}


def _labels(text: str, label: str = "body") -> str:
    return "".join(f"{n}\t{label}\t{line_hash(t)}\n" for n, t in enumerate(text.split("\n"), 1) if t.strip())


def _corpus(tmp: Path, held: list[dict], waiting: list[dict], text: str) -> Path:
    (tmp / "labels").mkdir(parents=True)
    (tmp / "pending" / "labels").mkdir(parents=True)
    for e in held:
        (tmp / e["labels"]).write_text(_labels(text), "utf-8")
    for e in waiting:
        (tmp / "pending" / e["labels"]).write_text(_labels(text), "utf-8")
    (tmp / "manifest.json").write_text(json.dumps({"pages": held}), "utf-8")
    (tmp / "pending" / "manifest.json").write_text(json.dumps({"pages": waiting}), "utf-8")
    return tmp


def test_fold_in_moves_pages_and_files_and_keeps_every_corpus_site_in_its_fold(tmp_path: Path) -> None:
    text = read_page_text(_seed_entry("x", "s", "ar"), DEFAULT_DATA)
    held = [
        _seed_entry("a1", "a.com", "en", 0),
        _seed_entry("a2", "a.com", "en", 0),
        _seed_entry("b", "b.com", "en", 1),
    ]
    waiting = [
        {**_seed_entry(n, s, "de"), "added": "pending"}
        for n, s in (("c", "c.de"), ("d1", "d.de"), ("d2", "d.de"))
    ]
    root = _corpus(tmp_path, held, waiting, text)
    moved = fold_in("2026-12-02", DEFAULT_DATA, root)
    # c.de (1 page) to fold 1, the smaller (1 page against 2); then d.de (2 pages) to fold 0 on the tie
    assert {e["id"]: e["fold"] for e in moved} == {"seed-c": 1, "seed-d1": 0, "seed-d2": 0}
    pages = load_manifest(root / "manifest.json")
    assert [p["fold"] for p in pages[:3]] == [0, 0, 1]  # the corpus's sites stay put
    folds = {p["site"]: p["fold"] for p in pages}
    assert all(p["fold"] == folds[p["site"]] for p in pages)  # a site in one fold
    assert {p["added"] for p in pages[3:]} == {"2026-12-02"}
    assert load_manifest(root / "pending" / "manifest.json") == []
    assert not list((root / "pending" / "labels").iterdir())
    assert all((root / p["labels"]).is_file() for p in pages)


def test_fold_in_refuses_drifted_labels_and_moves_nothing(tmp_path: Path) -> None:
    text = read_page_text(_seed_entry("x", "s", "ar"), DEFAULT_DATA)
    waiting = [{**_seed_entry("c", "c.de", "de"), "added": "pending"}]
    root = _corpus(tmp_path, [_seed_entry("a", "a.com", "en", 0)], waiting, text)
    bad = root / "pending" / waiting[0]["labels"]
    bad.write_text(bad.read_text("utf-8").replace("\tbody\t", "\tbody\t0", 1), "utf-8")
    with pytest.raises(CorpusDrift):
        fold_in("2026-12-02", DEFAULT_DATA, root)
    assert len(load_manifest(root / "manifest.json")) == 1 and bad.is_file()
