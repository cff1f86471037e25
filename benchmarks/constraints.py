"""``python -m benchmarks.constraints``: the rules' constraints checked against the corpus gold.

A cue rule (:data:`boilerstrip.rules.CUE_RULES`) or a markup row
(:data:`boilerstrip.markup_rules.RULES`) may declare what its verdict promises a later pass:
``never_body`` (the line is never ``body``) or ``decides`` (the line is always the rule's
label).  The fitted decoder keeps them as constraints (:data:`boilerstrip.rules.ALLOWED`).  This
command counts, for every context-free verdict (the first evidence name of a line), the gold
labels of the corpus lines it claims, in text and HTML mode together, and says which
constraints the gold would allow and whether each declared one holds: a constraint is kept
only where the gold contradicts it on at most :data:`MAX_CONTRADICTED` of the lines
(:data:`MAX_DECIDES_CONTRADICTED` for ``decides``).

Writes ``benchmarks/results/constraints.md``.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from . import DEFAULT_DATA
from .corpus import load_corpus
from .train import RESULTS, page_views

#: The largest share of a verdict's gold lines that may contradict a ``never_body`` it keeps.
MAX_CONTRADICTED = 0.01
#: The largest share that may contradict a ``decides``: a header or prefix that decides also
#: claims the menu entries written with the same words, so its bound is looser, and each one
#: declared is kept only where the held-out scores do not drop with it (the note above
#: :data:`boilerstrip.rules.CUE_RULES` gives the figures).
MAX_DECIDES_CONTRADICTED = 0.25


def gold_by_verdict(data: Path = DEFAULT_DATA) -> dict[str, Counter[str]]:
    """Gold label counts of the corpus lines, by their context-free verdict (both modes)."""
    pages, _ = load_corpus(data)
    text_views, html_views, _ = page_views(pages, data)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for views in (text_views, html_views):
        for _, evidence, gold, _ in views.values():
            for names, g in zip(evidence, gold):
                if g is not None and names:
                    counts[names[0]][g] += 1
    return counts


def declared() -> dict[str, tuple[str, bool, bool]]:
    """Each verdict name with its rule's label and its declared ``never_body`` and ``decides``."""
    from boilerstrip.markup_rules import HEADLINE_LINK, RULES
    from boilerstrip.rules import CUE_RULES

    out = {r.rule: (r.label.value, r.never_body, r.decides) for r in CUE_RULES}
    for m in (*RULES, HEADLINE_LINK):
        out[f"markup:{m.name}"] = (m.label.value, m.never_body, False)
    return out


def table(counts: dict[str, Counter[str]]) -> tuple[str, list[str]]:
    """The Markdown table, and the declared constraints the gold contradicts too often."""
    rows = [
        "| verdict | label | lines | gold body | gold not its label | never_body | decides |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    broken = []
    for name, (label, never_body, decides) in sorted(declared().items()):
        c = counts.get(name, Counter())
        n = sum(c.values())
        body = c["body"]
        other = n - c[label]
        marks = []
        for flag, wrong, what, bound in (
            (never_body, body, "never_body", MAX_CONTRADICTED),
            (decides, other, "decides", MAX_DECIDES_CONTRADICTED),
        ):
            ok = n > 0 and wrong <= bound * n
            if flag and not ok:
                broken.append(f"{name} {what}: {wrong} of {n} gold lines contradict it")
            marks.append(("**kept**" if flag else "allowed") if ok else ("**BROKEN**" if flag else "no"))
        share = f"{body} ({body / n:.0%})" if n else "0"
        rows.append(f"| {name} | {label} | {n} | {share} | {other} | {marks[0]} | {marks[1]} |")
    return "\n".join(rows), broken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.constraints", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where constraints.md goes")
    args = ap.parse_args(argv)
    text, broken = table(gold_by_verdict(args.data))
    head = (
        "# The rules' constraints against the corpus gold\n\n"
        "Gold labels of the corpus lines (text and HTML mode) by context-free verdict. "
        f"A constraint is kept where the gold contradicts it on at most {MAX_CONTRADICTED:.0%} "
        f"of the lines ({MAX_DECIDES_CONTRADICTED:.0%} for `decides`, kept only where held-out scores "
        "do not drop with it): `allowed` means the gold would allow it, `no` that it would not.\n\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "constraints.md").write_text(head + text + "\n", encoding="utf-8")
    print(text)
    for b in broken:
        print("contradicted:", b)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
