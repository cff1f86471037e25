"""PNG plots of a results block: F1 against speed, and boilerstrip's per-label F1.

Plots are drawn from ``results.json`` alone (``python -m benchmarks.plots
results.json``) so they can be redrawn without re-running the benchmark.
matplotlib is optional: without it the run still writes the tables.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from .metrics import LABELS
from .report import _get


def _primary_f1(block: dict[str, Any], entry: dict[str, Any]) -> float | None:
    if block["primary"] == "lines":
        return _get(entry, "scores", "lines", "body_f1")
    return _get(entry, "scores", block["primary"], "f1")


def f1_vs_speed(results: dict[str, Any], path: Path) -> Path | None:
    """One panel per suite: each system's main F1 against its pages per second (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = []
    for name, block in results["suites"].items():
        if "systems" not in block:
            continue
        pts = []
        for sname, e in block["systems"].items():
            f1, pps = _primary_f1(block, e), _get(e, "speed", "pages_per_s")
            if f1 is not None and pps:
                pts.append((sname, pps, f1))
        if pts:
            panels.append((name, block["primary"], pts))
    if not panels:
        return None
    cols = min(3, len(panels))
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 4.2 * rows), squeeze=False)
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)
    for ax, (name, primary, pts) in zip(axes.flat, panels, strict=False):
        # alternate label offsets so that systems with close scores stay readable
        for k, (sname, pps, f1) in enumerate(sorted(pts, key=lambda t: (t[2], t[1]))):
            own = sname.startswith("boilerstrip")
            ax.scatter(pps, f1, s=60 if own else 30, c="tab:red" if own else "tab:blue", zorder=3)
            ax.annotate(
                sname, (pps, f1), fontsize=7, xytext=(4, 3 if k % 2 else -9), textcoords="offset points"
            )
        ax.set_xscale("log")
        ax.set_ylim(max(0.0, min(p[2] for p in pts) - 0.1), 1.02)
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("pages/s (log)")
        ax.set_ylabel(
            {
                "lines": "line body F1",
                "bow": "bag-of-words F1",
                "shingle": "AEB shingle F1",
                "snippets": "snippet F1",
            }[primary]
        )
        ax.grid(True, alpha=0.3)
    fig.suptitle("F1 against speed (red: boilerstrip)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def label_f1(results: dict[str, Any], path: Path) -> Path | None:
    """Grouped bars: boilerstrip's F1 for each label, one bar per suite (and renderer)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = []
    for name, block in results["suites"].items():
        for sname, e in (block.get("systems") or {}).items():
            labels = _get(e, "scores", "lines", "labels")
            if (
                sname.startswith("boilerstrip")
                and not sname.endswith("+render")
                and labels
                and len(labels) > 1
            ):
                tag = name if "@" not in sname else f"{name} ({sname.split('@')[1]})"
                series.append((tag, {lab: labels[lab]["f1"] for lab in labels if labels[lab]["support"] > 0}))
    if not series:
        return None
    fig, ax = plt.subplots(figsize=(11, 5))
    width = 0.8 / len(series)
    for i, (tag, vals) in enumerate(series):
        xs = [j + i * width for j, lab in enumerate(LABELS) if lab in vals]
        ys = [vals[lab] for lab in LABELS if lab in vals]
        ax.bar(xs, ys, width=width, label=tag)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(LABELS))])
    ax.set_xticklabels(LABELS)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("F1 (character-weighted)")
    ax.set_title("boilerstrip per-label F1 (caption and related-link gold is weak on rendered suites)")
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.1))
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def draw_all(results: dict[str, Any], out_dir: Path) -> list[Path]:
    """Both plots; returns the files written (none if matplotlib is missing)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return []
    written = [f1_vs_speed(results, out_dir / "f1_vs_speed.png"), label_f1(results, out_dir / "label_f1.png")]
    return [p for p in written if p is not None]


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/results.json")
    print(draw_all(json.loads(src.read_text(encoding="utf-8")), src.parent))
