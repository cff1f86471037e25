"""The labelled pages waiting to join the corpus (``benchmarks/corpus/pending``) stay usable:
every label file aligns with its page as rendered today, and every page is from a site the
corpus does not hold, so folding them in adds held-out sites rather than more of the same."""

from __future__ import annotations

import importlib.util

import pytest

from benchmarks import DEFAULT_DATA
from benchmarks.corpus import CORPUS_DIR, align, load_manifest, parse_label_rows, read_page_text
from benchmarks.data import GOLD_LABELS

PENDING = CORPUS_DIR / "pending"
HAVE_DATA = (DEFAULT_DATA / "eval").is_dir() and importlib.util.find_spec("inscriptis") is not None


def _entries() -> list[dict]:
    return load_manifest(PENDING / "manifest.json")


def test_pending_pages_are_new_sites_with_known_labels() -> None:
    entries = _entries()
    assert entries, "the pending manifest lists no page"
    corpus = load_manifest()
    assert not {e["site"] for e in entries} & {p["site"] for p in corpus}
    assert not {e["id"] for e in entries} & {p["id"] for p in corpus}
    for e in entries:
        rows = parse_label_rows(PENDING / e["labels"])  # raises on a label outside LABELS.md's seven
        assert rows and {label for label, _ in rows.values()} <= set(GOLD_LABELS)
        assert e["labellers"] and e["lang"]


@pytest.mark.skipif(not HAVE_DATA, reason="needs ../shared and inscriptis")
def test_pending_labels_align_with_their_rendered_pages() -> None:
    for e in _entries():
        text = read_page_text(e, DEFAULT_DATA)
        gold = align(text, parse_label_rows(PENDING / e["labels"]), e["id"])  # CorpusDrift if not
        assert "body" in gold, f"{e['id']}: no body line"
