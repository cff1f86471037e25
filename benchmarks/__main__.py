"""``python -m benchmarks``: run boilerstrip and its peers over the suites and write the results.

See ``benchmarks/README.md`` for the suites, the gold and the measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from . import DEFAULT_DATA, REPO
from .data import DataMissing, load_arabic_gold, load_seeds
from .growth import growth
from .peers import VERSIONED, load_boilerstrip, quiet_logs, version
from .suites import SUITES, Options, boilerstrip_status, run_suites

MEMORY_NOTE = (
    "extra resident memory (VmHWM minus VmRSS at start) of a forked child running the system over the "
    "whole suite after one warm-up page, C allocations included (`rss-hwm`), each output being reduced "
    "to what is scored (body text, line labels) as soon as its page is done; where fork or /proc is "
    "unavailable, the Python-heap peak from tracemalloc (`tracemalloc`)."
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument(
        "--suite",
        action="append",
        choices=[*sorted(SUITES), "metadata"],
        metavar="NAME",
        help=f"suite to run (repeatable; default: all). One of: {', '.join(SUITES)}, metadata "
        "(title, authors, date and language, leave-site-out; written to metadata.json/.md)",
    )
    p.add_argument(
        "--limit",
        type=int,
        default=None,
        help="pages per suite (default: all, but trafilatura suites take the first 300)",
    )
    p.add_argument("--rounds", type=int, default=3, help="timed rounds per system (default 3)")
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results", help="output directory")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding eval/ (default ../shared)"
    )
    p.add_argument(
        "--speed-pages",
        type=int,
        default=50,
        help="timed rounds use the first N pages of each suite; accuracy uses all (default 50, 0 = all)",
    )
    p.add_argument(
        "--min-seconds",
        type=float,
        default=0.5,
        help="repeat a timed pass until it lasts this long (default 0.5)",
    )
    p.add_argument(
        "--timeout", type=float, default=120.0, help="per-page time limit in seconds (default 120)"
    )
    p.add_argument("--no-growth", action="store_true", help="skip the 1 MB / 10 MB cost-growth test")
    p.add_argument("--no-cv", action="store_true", help="skip the leave-site-out corpus scores")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.add_argument("--no-fork", action="store_true", help="measure memory in-process with tracemalloc")
    return p.parse_args(argv)


def machine_meta(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    """Date, versions, interpreter and machine: what a number needs to be compared later."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks", *(shlex.quote(a) for a in argv)]),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine() + (f", {platform.processor()}" if platform.processor() else ""),
        "cpu_count": os.cpu_count(),
        "versions": {name: version(name) for name in VERSIONED},
        "boilerstrip": boilerstrip_status(),
        "rounds": args.rounds,
        "speed_pages": args.speed_pages,
        "limit": args.limit,
        "data": str(args.data),
        "memory_note": MEMORY_NOTE,
    }


def corpus_cv(data: Path, out: Path) -> dict[str, Any] | None:
    """Leave-site-out scores on the line-labelled corpus (``benchmarks/results/cv.md``)."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        print("corpus cross-validation skipped: scikit-learn is not installed ([bench] extra)")
        return None
    from .corpus import load_corpus
    from .train import cross_validate, write_report

    pages, errors = load_corpus(data)
    if not pages:
        print(f"corpus cross-validation skipped: no page loaded ({errors[:2]})")
        return None
    print(f"line-labelled corpus, leave-site-out: {len(pages)} pages", flush=True)
    report, _ = cross_validate(pages, log=lambda m: print(f"  {m}", flush=True), data=data, peers=True)
    print(write_report(report, pages, errors, out))
    return {k: v for k, v in report.items() if k != "per_page"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    quiet_logs()
    names = args.suite or [*SUITES, "metadata"]
    line_suites = [n for n in names if n != "metadata"]
    opts = Options(
        repo=REPO,
        data=args.data,
        limit=args.limit,
        rounds=args.rounds,
        min_seconds=args.min_seconds,
        timeout=args.timeout,
        fork=not args.no_fork,
        speed_pages=args.speed_pages,
        log=lambda m: print(m, flush=True),
    )
    t0 = time.perf_counter()
    results: dict[str, Any] = {"meta": machine_meta(args, argv)}
    written: list[Path] = []
    if "metadata" in names:
        from .metadata import run_suite
        from .metadata import write as write_metadata

        results["metadata"] = run_suite(args.data, args.limit, opts.log)
        written += write_metadata(results["metadata"], args.out)
        if not line_suites:
            print(f"done in {round(time.perf_counter() - t0, 1)} s; wrote " + ", ".join(map(str, written)))
            return 0
    results["suites"] = run_suites(line_suites, opts)
    if not args.no_cv:
        results["corpus_cv"] = corpus_cv(args.data, args.out)
    if not args.no_growth:
        bs, _ = load_boilerstrip()
        try:
            source = load_arabic_gold(args.data)
        except DataMissing:
            source = load_seeds(REPO)
        if not source.pages:
            source = load_seeds(REPO)
        print("cost growth (1 MB vs 10 MB):", flush=True)
        results["growth"] = growth(source, bs, rounds=args.rounds, log=opts.log)
    results["meta"]["seconds"] = round(time.perf_counter() - t0, 1)
    from .report import write

    js, md = write(results, args.out)
    written += [js, md]
    if not args.no_plots:
        from .plots import draw_all

        try:
            written += draw_all(results, args.out)
        except Exception as err:  # a plot must never cost the tables
            print(f"warning: plots failed: {type(err).__name__}: {err}", file=sys.stderr)
    print(f"done in {results['meta']['seconds']} s; wrote " + ", ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
