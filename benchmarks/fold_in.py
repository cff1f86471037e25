"""Fold the labelled pages waiting in ``benchmarks/corpus/pending`` into the corpus.

``python -m benchmarks.fold_in --added 2026-12-02`` moves every pending entry into
``benchmarks/corpus/manifest.json`` (its ``added`` set to that day, each new site given the fold
that holds fewest pages by :func:`benchmarks.corpus.folds_for_new_sites`, so no site of the corpus
changes fold) and its label file into ``benchmarks/corpus/labels``, leaving the pending manifest
empty.  Every page is checked against its rendered text first, so drifted labels are refused
before anything moves.  What follows is in ``benchmarks/corpus/pending/README.md``: retrain,
re-pin, rerun the suites.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from . import DEFAULT_DATA
from .corpus import CORPUS_DIR, MANIFEST, align, folds_for_new_sites, parse_label_rows, read_page_text

PENDING = CORPUS_DIR / "pending"


def _write(path: Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def fold_in(added: str, data: Path = DEFAULT_DATA, corpus_dir: Path = CORPUS_DIR) -> list[dict]:
    """Move the pending pages into the corpus; returns the entries moved, with their folds."""
    manifest, pending = corpus_dir / MANIFEST.name, corpus_dir / PENDING.name / "manifest.json"
    doc, waiting = json.loads(manifest.read_text("utf-8")), json.loads(pending.read_text("utf-8"))
    entries, new = doc["pages"], waiting["pages"]
    held = {e["id"] for e in entries} | {e["path"] for e in entries}
    clash = [e["id"] for e in new if e["id"] in held or e["path"] in held]
    if clash:
        raise ValueError(f"already in the corpus: {', '.join(clash)}")
    for e in new:  # CorpusDrift (a ValueError) if a file no longer fits its page
        align(read_page_text(e, data), parse_label_rows(pending.parent / e["labels"]), e["id"])
    k = 1 + max(int(e["fold"]) for e in entries)
    site_fold = {e["site"]: int(e["fold"]) for e in entries} | folds_for_new_sites(entries, new, k)
    moved = []
    for e in new:
        shutil.move(pending.parent / e["labels"], corpus_dir / e["labels"])
        moved.append({**e, "added": added, "fold": site_fold[e["site"]]})
    doc["pages"] = entries + moved
    _write(manifest, doc)
    waiting["pages"] = []
    _write(pending, waiting)
    return moved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--added", required=True, help="the day the pages join the corpus (YYYY-MM-DD)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ../shared folder")
    args = ap.parse_args(argv)
    moved = fold_in(args.added, args.data)
    sites = {e["site"] for e in moved}
    print(f"folded in {len(moved)} pages of {len(sites)} sites")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
