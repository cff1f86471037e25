"""``python -m benchmarks.gate``: fail CI when boilerstrip's accuracy drops below pinned floors.

In the spirit of trafilatura's ``tests/eval_gate.py``: a fixed, small subset
(the seeds, the Arabic line gold, the first 40 AEB pages by id rendered with
both renderers, and in HTML mode the same AEB pages, the Arabic pages and the
first 40 Readability and trafilatura pages), the leave-site-out scores of the
line-labelled corpus, and the article fields (title, authors, date, language,
Arabic credits) on every metadata page, boilerstrip only, so it runs in about
two minutes on a 2-core machine and gives the same accuracy on every run.

One speed figure is gated too: ``aeb-html.speed_ratio``, boilerstrip's
pages/s over trafilatura's on the same 40 AEB pages, timed in alternating
rounds in one process (the median of the per-round ratios).  A ratio moves
with the machine's load far more than an F1, so its floor is pinned
``SPEED_TOLERANCE`` below the measured value, relatively: it catches a
lost cache or a pass gone quadratic, not noise.

Exit codes: 0 all metrics at or above their floors; 1 a metric below its
floor, a metric missing, page errors above the pinned maximum, or
boilerstrip failing to import; 2 the evaluation data, ``floors.json`` or the
renderers (inscriptis, html2text: the ``[bench]`` extra) are missing (a setup
problem, not a regression).

``--pin`` rewrites ``floors.json`` from the current measurement, each floor
being the measured value minus ``TOLERANCE``, rounded down to 3 decimals,
so that raising the floors after an improvement is one command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from . import DEFAULT_DATA, REPO
from .data import DataMissing, require_data
from .peers import load_boilerstrip, quiet_logs, version
from .suites import HTML_REFERENCE, Options, run_suites

FLOORS = REPO / "benchmarks" / "floors.json"
#: Pages per suite: all seeds and Arabic pages, the first 40 of the others.
GATE_LIMIT = 40
#: How far below the measured value a floor is pinned.
TOLERANCE = 0.01
#: How far below the measured speed ratio its floor is pinned, as a share of the ratio.
SPEED_TOLERANCE = 0.5
#: Timed rounds of the speed ratio (each times both systems over the pages): nine, so that the
#: median of the per-round ratios moves less with the machine's load than over five (on this
#: 2-core machine a round's ratio moves by a tenth or more from one round to the next: ``-v`` prints
#: each round's and their standard deviation; nine rounds cost the gate about ten seconds more).
SPEED_ROUNDS = 9
SPEED_METRIC = "aeb-html.speed_ratio"
#: The leave-site-out scores on the line-labelled corpus that are gated: the report's group
#: and the gate's prefix for it (text mode, HTML mode on the reader's lines, and the body laid
#: onto the gold lines as the HTML peers are scored).
CV_GROUPS = {"all": "corpus-cv", "html:all": "corpus-cv-html", "html-body:all": "corpus-cv-html-body"}
CV_SYSTEMS = {"fitted (leave-site-out)": "fitted", "rules (hand-tuned)": "rules"}


def gate_suites(strip_html: bool) -> list[str]:
    """The suites the gate runs; HTML ones only when boilerstrip has ``strip_html``."""
    names = ["seeds", "arabic-gold", "aeb-rendered"]
    if strip_html:
        names += ["aeb-html", "arabic-html", "readability-html", "trafilatura-html"]
    return names


def flatten(suites: dict[str, Any]) -> tuple[dict[str, float], int, list[str]]:
    """Pick the gated metrics out of a suites block; also total page errors and examples."""
    metrics: dict[str, float] = {}
    errors = 0
    examples: list[str] = []
    for sname, block in suites.items():
        for sysname, e in (block.get("systems") or {}).items():
            if not sysname.startswith("boilerstrip") or sysname.endswith("+render"):
                continue
            errors += e.get("errors", 0)
            examples += e.get("error_examples", [])[:2]
            sc = e.get("scores", {})
            lines = sc.get("lines", {})
            where = sysname.split("@")[1] if "@" in sysname else None
            prefix = f"{sname}.{where}" if where else sname
            if block["kind"] == "text":
                metrics[f"{prefix}.body_f1"] = lines.get("body_f1", 0.0)
                metrics[f"{prefix}.macro_f1"] = lines.get("macro_f1", 0.0)
            elif block["kind"] == "rendered":
                # macro F1 is left out here: its caption and related-link gold is weak
                metrics[f"{prefix}.line_body_f1"] = lines.get("body_f1", 0.0)
                metrics[f"{prefix}.bow_f1"] = sc.get("bow", {}).get("f1", 0.0)
            elif "snippets" in sc:  # pages judged by must-have / must-not-have snippets
                metrics[f"{prefix}.snippet_f1"] = sc["snippets"].get("f1", 0.0)
            else:
                metrics[f"{prefix}.shingle_f1"] = sc.get("shingle", {}).get("f1", 0.0)
    return metrics, errors, examples


def floor_of(value: float, tolerance: float = TOLERANCE) -> float:
    """Measured value minus the tolerance, rounded down to 3 decimals, never below 0.

    >>> floor_of(0.8)
    0.79
    >>> floor_of(0.0)
    0.0
    """
    return max(0.0, math.floor(round((value - tolerance) * 1000, 6)) / 1000)


def pin(name: str, value: float) -> float:
    """The floor pinned for a measured value: absolute tolerance for scores, relative for speed.

    >>> pin("seeds.body_f1", 0.8), pin(SPEED_METRIC, 2.2)
    (0.79, 1.1)
    """
    if name == SPEED_METRIC:
        return max(0.0, math.floor(round(value * (1 - SPEED_TOLERANCE) * 100, 6)) / 100)
    return floor_of(value)


def speed_ratio(
    data: Path, pages: int = GATE_LIMIT, rounds: int = SPEED_ROUNDS, log: Any = lambda m: None
) -> float:
    """Median over rounds of trafilatura's time over boilerstrip's (``strip_html``) on AEB pages;
    ``log`` gets each round's ratio (``-v`` prints them)."""
    import statistics

    import boilerstrip

    from .data import load_aeb
    from .peers import PEER_FACTORIES, boilerstrip_html_system
    from .timing import timed_pass

    html_pages = load_aeb(data, pages).pages
    system = boilerstrip_html_system(boilerstrip)
    assert system is not None, "speed_ratio needs boilerstrip.strip_html"
    ours, theirs = system.run, PEER_FACTORIES[HTML_REFERENCE]().run
    for run in (ours, theirs):  # warm up imports and caches, as the benchmark does
        timed_pass(run, html_pages, set(), min_seconds=0)
    ratios = []
    for _ in range(rounds):
        mine = timed_pass(ours, html_pages, set())
        ratios.append(timed_pass(theirs, html_pages, set()) / mine if mine else 0.0)
    spread = statistics.stdev(ratios) if len(ratios) > 1 else 0.0
    log(f"  speed ratio by round: {' '.join(f'{r:.3f}' for r in ratios)} (standard deviation {spread:.3f})")
    return statistics.median(ratios)


def cv_metrics(data: Path, log: Any) -> dict[str, float]:
    """Cross-validated (leave-site-out) body and macro F1 on the line-labelled corpus.

    Empty when the training extra (scikit-learn) is not installed.
    """
    if importlib.util.find_spec("sklearn") is None:
        log("  corpus cross-validation skipped: scikit-learn is not installed")
        return {}
    from .corpus import load_corpus
    from .train import cross_validate

    pages, errors = load_corpus(data)
    if errors:
        raise DataMissing(f"corpus pages could not be loaded: {errors[:3]}")
    report, _ = cross_validate(pages, log=log)
    out = {}
    for group, prefix in CV_GROUPS.items():
        for system, short in CV_SYSTEMS.items():
            scores = report["groups"][group][system]
            out[f"{prefix}.{short}.body_f1"] = scores["body_f1"]
            if group != "html-body:all":  # only body is laid onto the gold lines
                out[f"{prefix}.{short}.macro_f1"] = scores["macro_f1"]
    return out


def metadata_metrics(data: Path, log: Any) -> dict[str, float]:
    """The article fields of issue 12 on every metadata page, boilerstrip alone: titles and authors
    with their weights refitted leaving each page's site out (as ``--suite metadata`` does), the
    date and the language, and the Arabic pages' credited sources as text and as HTML."""
    from . import metadata

    pages = metadata.load(data)
    log(f"  metadata: {len(pages)} pages")
    metadata.run(pages, log=lambda m: None, peers=False)
    metadata.leave_site_out_titles(pages)
    metadata.leave_site_out_authors(pages)
    scores = metadata.score(pages)["all"]
    authors = scores["authors"]["boilerstrip"]
    out = {
        "metadata.title_lso": scores["title"]["boilerstrip"]["accuracy"],
        "metadata.date": scores["date"]["boilerstrip"]["accuracy"],
        "metadata.language": scores["language"]["boilerstrip"]["accuracy"],
        **{f"metadata.authors_lso.{m}": authors[m] for m in ("precision", "recall", "f1")},
    }
    credits = metadata.arabic_credits(data)
    for mode in ("text", "html"):
        for m in ("precision", "recall"):
            out[f"metadata.arabic-credits.{mode}.{m}"] = credits[mode][m]
    # A floor holds scores from above; an agency reported from a page that credits none is
    # gated as its absence (1.0 while there is none).
    strays = sum(credits[mode]["agency on a page that credits none"] for mode in ("text", "html"))
    out["metadata.arabic-credits.no-stray-agency"] = float(strays == 0)
    return {k: float(v) if v is not None else 0.0 for k, v in out.items()}


def measure(data: Path, log: Any) -> tuple[dict[str, float], int, list[str]]:
    """Run the gate's suites with boilerstrip only and return its metrics (and the speed ratio)."""
    bs, _ = load_boilerstrip()
    html = bs is not None and hasattr(bs, "strip_html")
    names = gate_suites(html)
    opts = Options(
        repo=REPO,
        data=data,
        limit=GATE_LIMIT,
        rounds=0,
        peers=False,
        timing=False,
        memory=False,
        fork=False,
        log=log,
    )
    metrics, errors, examples = flatten(run_suites(names, opts))
    log("  line-labelled corpus, leave-site-out")
    metrics.update(cv_metrics(data, log))
    log("  article fields (title, authors, date, language, Arabic credits)")
    metrics.update(metadata_metrics(data, log))
    if html:
        log("  speed ratio against trafilatura")
        metrics[SPEED_METRIC] = speed_ratio(data, log=log)
    return metrics, errors, examples


def compare(metrics: dict[str, float], errors: int, pinned: dict[str, Any]) -> list[list[str]]:
    """Failures as rows ``[metric, value, floor, difference]``; empty when the gate passes."""
    fails = []
    for name, floor in sorted(pinned.get("floors", {}).items()):
        if name not in metrics:
            fails.append([name, "missing", f"{floor:.3f}", "–"])
        elif metrics[name] < floor:
            fails.append([name, f"{metrics[name]:.4f}", f"{floor:.3f}", f"{metrics[name] - floor:+.4f}"])
    max_errors = int(pinned.get("max_errors", 0))
    if errors > max_errors:
        fails.append(["page errors", str(errors), f"max {max_errors}", f"+{errors - max_errors}"])
    return fails


def _print_rows(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print(
            "  ".join(
                str(c).ljust(w) if i == 0 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )


def kept_floors(
    new: dict[str, float], measured: dict[str, float], old: dict[str, float]
) -> tuple[dict[str, float], list[str], list[str]]:
    """The floors of a re-pin that keeps every old floor the new pin would lower while the new
    measure still holds it (``--pin --keep``), with the names kept and the names lowered.

    A floor is pinned 0.01 below its measure, so a re-pin after a change that moved a figure by
    less than that would lower the floor for nothing; kept, the floor still catches a real drop.
    A floor whose new measure is below the old floor is lowered to the new pin, and named, so
    that it is said where it is written.

    >>> kept_floors({"a": 0.80, "b": 0.70, "c": 0.90}, {"a": 0.81, "b": 0.71, "c": 0.91},
    ...             {"a": 0.805, "b": 0.75, "c": 0.85})
    ({'a': 0.805, 'b': 0.7, 'c': 0.9}, ['a'], ['b'])
    """
    floors, kept, lowered = dict(new), [], []
    for name, floor in new.items():
        before = old.get(name)
        if before is None or floor >= before:
            continue
        if measured.get(name, floor) >= before:
            floors[name] = before
            kept.append(name)
        else:
            lowered.append(name)
    return floors, kept, lowered


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.gate", description=__doc__.split("\n\n")[0])
    p.add_argument("--pin", action="store_true", help="rewrite floors.json from this measurement")
    p.add_argument(
        "--keep",
        action="store_true",
        help="with --pin: keep each floor the pin would lower while the new measure still holds it",
    )
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/ (default ../shared)"
    )
    p.add_argument("--floors", type=Path, default=FLOORS, help="floors file (default benchmarks/floors.json)")
    p.add_argument("-v", "--verbose", action="store_true", help="show progress")
    args = p.parse_args(argv)
    quiet_logs()
    try:
        require_data(args.data)
    except DataMissing as err:
        print(f"gate: cannot run: {err}", file=sys.stderr)
        return 2
    missing = [m for m in ("inscriptis", "html2text") if importlib.util.find_spec(m) is None]
    if missing:
        print(
            f"gate: cannot run: the renderers {', '.join(missing)} are not installed "
            "(pip install -e '.[bench]')",
            file=sys.stderr,
        )
        return 2
    bs, bs_error = load_boilerstrip()
    if bs is None:
        print(f"gate: FAIL: boilerstrip does not import: {bs_error}", file=sys.stderr)
        return 1
    pinned: dict[str, Any] = {}
    if not args.pin:
        if not args.floors.exists():
            print(
                f"gate: cannot run: {args.floors} not found; create it with "
                "`python -m benchmarks.gate --pin`",
                file=sys.stderr,
            )
            return 2
        pinned = json.loads(args.floors.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    try:
        metrics, errors, examples = measure(args.data, print if args.verbose else (lambda m: None))
    except DataMissing as err:
        print(f"gate: cannot run: {err}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - t0
    if args.pin:
        floors = {k: pin(k, v) for k, v in sorted(metrics.items())}
        previous: dict[str, Any] = {}
        provenance: dict[str, Any] = {}  # where a kept speed floor was pinned from, written by hand
        if args.keep and args.floors.exists():
            previous = json.loads(args.floors.read_text(encoding="utf-8"))
            floors, kept, lowered = kept_floors(floors, metrics, previous.get("floors", {}))
            print(f"gate: kept {len(kept)} floors the pin would lower: {', '.join(kept) or 'none'}")
            print(f"gate: lowered {len(lowered)} below their kept floor: {', '.join(lowered) or 'none'}")
            if SPEED_METRIC in kept and "speed_pinned_from" in previous:
                provenance = {"speed_pinned_from": previous["speed_pinned_from"]}
        doc = {
            "about": "Floors for python -m benchmarks.gate: measured value minus "
            f"{TOLERANCE} ({SPEED_METRIC}: minus {SPEED_TOLERANCE:.0%}), rounded down. "
            "Re-pin with `python -m benchmarks.gate --pin`.",
            "pinned": dt.date.today().isoformat(),
            "boilerstrip": version("boilerstrip"),
            "max_errors": errors,
            **provenance,
            "floors": floors,
            "measured": {k: round(v, 4) for k, v in sorted(metrics.items())},
        }
        args.floors.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        _print_rows(
            [[k, f"{metrics[k]:.4f}", f"{floors[k]:.3f}"] for k in floors], ["metric", "value", "floor"]
        )
        print(f"gate: pinned {len(floors)} floors to {args.floors} ({seconds:.0f} s)")
        return 0
    fails = compare(metrics, errors, pinned)
    if fails:
        print(f"gate: FAIL: {len(fails)} metric(s) below floor ({seconds:.0f} s)")
        _print_rows(fails, ["metric", "value", "floor", "difference"])
        for ex in examples[:5]:
            print(f"  error: {ex}")
        return 1
    floors = pinned.get("floors", {})
    rows = [
        [
            k,
            f"{v:.4f}",
            f"{floors[k]:.3f}" if k in floors else "(none)",
            f"{v - floors[k]:+.4f}" if k in floors else "",
        ]
        for k, v in sorted(metrics.items())
    ]
    _print_rows(rows, ["metric", "value", "floor", "margin"])
    print(f"gate: ok, {len(floors)} floors held, {errors} page errors ({seconds:.0f} s)")
    if any(k not in floors for k in metrics):
        print("gate: metrics marked (none) have no floor yet; `python -m benchmarks.gate --pin` adds them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
