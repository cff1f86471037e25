"""Write the results: ``results.json`` (everything) and ``results.md`` (the tables people read).

The Markdown is generated from the JSON block alone, so a results file can be
re-rendered later (``python -m benchmarks.report results.json``) without
re-running anything.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .metrics import LABELS

WEAK_LABELS = ("caption", "related-link")


def _f(x: Any, digits: int = 3) -> str:
    """A cell: fixed decimals, but two significant digits for small non-zero numbers."""
    if x is None:
        return "–"
    if isinstance(x, float):
        if 0 < abs(x) < 10**-digits * 10:
            return f"{x:.2g}" if abs(x) >= 1e-4 else f"{x:.1e}"
        return f"{x:.{digits}f}"
    return str(x)


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def table(rows: list[list[str]], header: list[str]) -> str:
    """A Markdown table (numbers right-aligned where every cell of a column looks numeric)."""

    def numeric(col: int) -> bool:
        cells = [r[col] for r in rows if r[col] not in ("–", "")]
        return bool(cells) and all(
            c.replace(".", "", 1).replace("-", "", 1).replace("×", "").isdigit() for c in cells
        )

    align = ["---:" if numeric(i) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


Column = tuple[str, Callable[[dict[str, Any]], Any], int]


def _speed_cols(ref: str | None) -> list[Column]:
    ref_name = {"trafilatura": "× trafilatura", "regex-per-line": "× regex"}.get(ref or "", "× ref")
    return [
        ("pages/s", lambda e: _get(e, "speed", "pages_per_s"), 1),
        ("MB/s", lambda e: _get(e, "speed", "mb_per_s"), 2),
        (ref_name, lambda e: _get(e, "speed", "ratio_to_reference"), 2),
        ("peak MB", lambda e: _get(e, "memory", "peak_mb"), 1),
        ("errors", lambda e: e.get("errors"), 0),
    ]


def _score_cols(block: dict[str, Any]) -> list[Column]:
    kind, primary = block["kind"], block["primary"]
    cols: list[Column] = []
    if kind == "text":
        cols += [
            ("body P", lambda e: _get(e, "scores", "lines", "labels", "body", "precision"), 3),
            ("body R", lambda e: _get(e, "scores", "lines", "labels", "body", "recall"), 3),
            ("body F1", lambda e: _get(e, "scores", "lines", "body_f1"), 3),
            ("macro F1", lambda e: _get(e, "scores", "lines", "macro_f1"), 3),
        ]
        return cols
    if primary == "snippets":
        cols += [
            ("snippet P", lambda e: _get(e, "scores", "snippets", "precision"), 3),
            ("snippet R", lambda e: _get(e, "scores", "snippets", "recall"), 3),
            ("snippet F1", lambda e: _get(e, "scores", "snippets", "f1"), 3),
        ]
    else:
        first, second = ("bow", "shingle") if primary == "bow" else ("shingle", "bow")
        names = {"bow": "bag-of-words", "shingle": "AEB shingle"}
        cols += [
            (f"{names[first]} P", lambda e, k=first: _get(e, "scores", k, "precision"), 3),
            (f"{names[first]} R", lambda e, k=first: _get(e, "scores", k, "recall"), 3),
            (f"{names[first]} F1", lambda e, k=first: _get(e, "scores", k, "f1"), 3),
            (f"{names[second]} F1", lambda e, k=second: _get(e, "scores", k, "f1"), 3),
        ]
        extra = sorted(
            {k for e in block["systems"].values() for k in e.get("scores", {}) if k.startswith("bow:")}
        )
        for k in extra:
            cols.append((f"bow F1 vs {k[4:]}", lambda e, k=k: _get(e, "scores", k, "f1"), 3))
    if kind == "rendered":
        cols.append(("line body F1", lambda e: _get(e, "scores", "lines", "body_f1"), 3))
    return cols


def suite_table(block: dict[str, Any]) -> str:
    """One row per system: its scores, then speed, memory and errors."""
    cols = _score_cols(block) + _speed_cols(block.get("reference"))
    rows = []
    for name, e in block["systems"].items():
        rows.append([f"`{name}`"] + [_f(get(e), d) for _h, get, d in cols])
    return table(rows, ["system"] + [h for h, _g, _d in cols])


def label_table(block: dict[str, Any]) -> str:
    """Per-label scores of each boilerstrip row (weak-gold labels marked)."""
    rows = []
    for name, e in block["systems"].items():
        labels = _get(e, "scores", "lines", "labels")
        if not name.startswith("boilerstrip") or name.endswith("+render") or not labels or len(labels) < 2:
            continue
        for lab in LABELS:
            if lab not in labels:
                continue
            s = labels[lab]
            weak = " (weak gold)" if block["kind"] == "rendered" and lab in WEAK_LABELS else ""
            rows.append(
                [
                    f"`{name}`",
                    f"{lab}{weak}",
                    _f(s["precision"]),
                    _f(s["recall"]),
                    _f(s["f1"]),
                    str(s["support"]),
                ]
            )
        macro = _get(e, "scores", "lines", "macro_f1")
        if macro is not None:
            n = _get(e, "scores", "lines", "macro_labels")
            rows.append([f"`{name}`", f"**macro F1** ({n} labels in gold)", "", "", _f(macro), ""])
    if not rows:
        return ""
    return table(rows, ["system", "label", "P", "R", "F1", "gold chars"])


def headline(results: dict[str, Any]) -> str:
    """One row per suite: boilerstrip's main figure next to trafilatura's and the best peer's."""
    rows = []
    for name, block in results["suites"].items():
        if "skipped" in block:
            rows.append([name, "–", "skipped: " + block["skipped"], "–", "–", "–"])
            continue
        primary = block["primary"]

        def val(e: dict[str, Any], primary: str = primary) -> float | None:
            if primary == "lines":
                return _get(e, "scores", "lines", "body_f1")
            return _get(e, "scores", primary, "f1")

        systems = block["systems"]
        own = {n: val(e) for n, e in systems.items() if n.startswith("boilerstrip") and val(e) is not None}
        peers = {
            n: val(e)
            for n, e in systems.items()
            if not n.startswith(("boilerstrip", "render:", "regex")) and val(e) is not None
        }
        best_own = max(own.items(), key=lambda kv: kv[1]) if own else None
        best_peer = max(peers.items(), key=lambda kv: kv[1]) if peers else None
        measure = {
            "lines": "line body F1 (chars)",
            "bow": "bag-of-words F1",
            "shingle": "AEB shingle F1",
            "snippets": "snippet F1",
        }[primary]
        rows.append(
            [
                name,
                str(block["pages"]),
                measure,
                f"{best_own[1]:.3f} (`{best_own[0]}`)" if best_own else "–",
                _f(peers.get("trafilatura")),
                f"{best_peer[1]:.3f} (`{best_peer[0]}`)" if best_peer else "–",
            ]
        )
    return table(rows, ["suite", "pages", "measure", "boilerstrip", "trafilatura", "best peer"])


def growth_table(growth: dict[str, Any]) -> str:
    if not growth or "error" in growth:
        return f"(not measured: {growth.get('error') if growth else 'skipped'})"
    rows = []
    for name, e in growth["systems"].items():
        rows.append(
            [
                f"`{name}`",
                _f(e.get("small_s"), 3),
                _f(e.get("big_s"), 3),
                _f(e.get("time_ratio"), 2),
                _f(e.get("mb_per_s_small"), 2),
                e.get("error") or "",
            ]
        )
    head = (
        f"Synthetic pages from `{growth['source']}`: {growth['small_bytes'] / 1e6:.2f} MB and "
        f"{growth['big_bytes'] / 1e6:.2f} MB (size ratio {growth['size_ratio']:.2f}); "
        "a linear system has a time ratio near the size ratio.\n\n"
    )
    return head + table(rows, ["system", "~1 MB (s)", "~10 MB (s)", "time ratio", "MB/s (1 MB)", "error"])


def markdown(results: dict[str, Any]) -> str:
    """The whole ``results.md``."""
    meta = results["meta"]
    bs = meta["boilerstrip"]
    out = [
        "# boilerstrip benchmark results",
        "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- python {meta['python']} on {meta['platform']}, {meta['cpu_count']} CPUs ({meta['machine']})",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if v),
        f"- boilerstrip: {'importable' if bs['importable'] else 'NOT importable: '}{bs['error'] or ''}; "
        f"strip_html: {'yes' if bs['strip_html'] else 'no'}",
        f"- speed: median of {meta['rounds']} rounds over the first {meta.get('speed_pages') or 'all'} pages "
        "of each suite (accuracy: all pages); ratios are taken within each round "
        "(above 1 = faster than the reference); peak MB: " + meta.get("memory_note", ""),
        "",
        "## Summary",
        "",
        headline(results),
        "",
    ]
    for name, block in results["suites"].items():
        out += [f"## `{name}`", ""]
        if "skipped" in block:
            out += [f"Skipped: {block['skipped']}.", ""]
            continue
        out += [f"{block['about']}. {block['pages']} pages."]
        for note in block.get("notes", []):
            out.append(f"Note: {note}.")
        if block.get("load_errors"):
            out.append(
                f"Pages that failed to load: {len(block['load_errors'])} (first: {block['load_errors'][0]})."
            )
        for r, errs in (block.get("render_errors") or {}).items():
            out.append(f"Render errors ({r}): {len(errs)} (first: {errs[0]}).")
        if block.get("boilerstrip_error"):
            out.append(f"boilerstrip could not be imported: `{block['boilerstrip_error']}`.")
        if block.get("unavailable_peers"):
            out.append(
                "Unavailable peers: " + ", ".join(f"{k} ({v})" for k, v in block["unavailable_peers"].items())
            )
        out += ["", suite_table(block), ""]
        labels = label_table(block)
        if labels:
            out += [labels, ""]
    out += ["## Cost growth", "", growth_table(results.get("growth") or {}), ""]
    return "\n".join(out)


def write(results: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``results.json`` and ``results.md`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    js = out_dir / "results.json"
    md = out_dir / "results.md"
    js.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    md.write_text(markdown(results), encoding="utf-8")
    return js, md


if __name__ == "__main__":  # re-render results.md from a results.json
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/results.json")
    res = json.loads(path.read_text(encoding="utf-8"))
    path.with_suffix(".md").write_text(markdown(res), encoding="utf-8")
