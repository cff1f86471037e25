"""Write ``tests/cases/evidence.json``: what the fitted decoder decides on every case page.

Run ``python tests/cases/pin_evidence.py`` after refitting the weights (``python -m
benchmarks.train``) or changing the evidence, read the diff of ``evidence.json`` (every line
whose label, rule or leading evidence moved is named there), and commit it with the change.
"""

from __future__ import annotations

import json
from pathlib import Path

import boilerstrip

HERE = Path(__file__).resolve().parent
#: How many of a line's evidence names are pinned: the context-free verdict first, then the
#: heaviest for the label chosen.
PINNED = 3


def decide(lines: list[str]) -> list[list[object]]:
    """``[label, rule, [first evidence names]]`` for every line of a case page."""
    page = boilerstrip.strip("\n".join(lines), config=boilerstrip.Config(decoder="fitted"))
    return [[ln.label.value, ln.rule, [name for name, _ in ln.evidence[:PINNED]]] for ln in page.lines]


def main() -> None:
    cases = json.loads((HERE / "pages.json").read_text(encoding="utf-8"))
    blocks = []
    for c in cases:
        rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in decide(c["lines"]))
        blocks.append(f"{json.dumps(c['name'])}: [\n{rows}\n ]")
    text = "{\n " + ",\n ".join(blocks) + "\n}\n"  # one row per line, so a diff names the line
    (HERE / "evidence.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
