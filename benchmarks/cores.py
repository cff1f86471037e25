"""``python -m benchmarks.cores``: the compiled core against the Python one, stage by stage.

The compiled core (``boilerstrip._native``, issue 15) must be a pure speed-up, and each
trick of it stays only with its measured gain.  This times ``strip_html``'s stages
(:mod:`benchmarks.stages`) over the first AEB pages, and ``strip`` over the same pages
as text (rendered by :func:`benchmarks.html_text.html_to_text`, once, before any timing),
on the Python core (``BOILERSTRIP_NATIVE=0``) and on the compiled one, one after the
other in the same process: ``--alternations`` times each, the first core to run switching
every time, so that both see the same machine load.  The figures are the medians over the
alternations, and the ratios are taken within each alternation (Python's time over the
compiled core's).  The stages the compiled core does not touch (the reader's, the rules)
show the run's noise: their ratios should be 1, and on a shared machine they move by up to
a fifth from run to run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import DEFAULT_DATA
from .data import HtmlPage, load_aeb
from .html_text import html_to_text
from .peers import quiet_logs
from .stages import StageTimes, measure_stages, stages_of

#: The two cores, in the order each alternation runs them.
CORES = ("python", "native")


@dataclass
class CoreTimes:
    """Stage times (ms per page) of each core, one entry per alternation."""

    decoder: str
    html: dict[str, list[StageTimes]] = field(default_factory=lambda: {c: [] for c in CORES})
    #: ms per page of ``strip`` on the pages' text
    text: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CORES})


def compare_cores(
    pages: list[HtmlPage], rounds: int = 3, alternations: int = 3, decoder: str = "fitted"
) -> CoreTimes:
    """Time both cores, alternating; the environment variable is restored after."""
    import boilerstrip
    from boilerstrip import native

    texts = [html_to_text(p.html) for p in pages]
    out = CoreTimes(decoder)
    for turn in range(alternations):
        for core in CORES if turn % 2 == 0 else CORES[::-1]:
            with native.forced(core):
                out.html[core].append(measure_stages(pages, rounds, decoder))
                for text in texts[:3]:  # warm
                    boilerstrip.strip(text)
                t0 = time.perf_counter()
                for _ in range(rounds):
                    for text in texts:
                        boilerstrip.strip(text)
                out.text[core].append(1000 * (time.perf_counter() - t0) / max(1, rounds * len(texts)))
    return out


def _ms(times: StageTimes, label: str | None) -> float:
    seconds = times.total if label is None else times.seconds.get(label, 0.0)
    return 1000 * seconds / max(1, times.pages)


def report(times: CoreTimes) -> str:
    """A plain-text table: each stage's median ms/page on either core and the median ratio."""
    rows = [f"{'stage':<20} {'python':>8} {'native':>8} {'python/native':>14}"]
    labels: list[tuple[str, str | None]] = [(label, label) for label, _, _ in stages_of(times.decoder)]
    labels.append(("strip_html", None))
    columns = [
        (name, [_ms(t, label) for t in times.html["python"]], [_ms(t, label) for t in times.html["native"]])
        for name, label in labels
    ]
    columns.append(("strip (text mode)", times.text["python"], times.text["native"]))
    for name, py, nat in columns:
        ratios = [a / b for a, b in zip(py, nat) if b > 0]
        ratio = f"{statistics.median(ratios):13.2f}x" if ratios else f"{'-':>14}"
        rows.append(f"{name:<20} {statistics.median(py):8.2f} {statistics.median(nat):8.2f} {ratio}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cores", description=__doc__)
    p.add_argument("--data", default=str(DEFAULT_DATA), help="directory holding eval/ (default ../shared)")
    p.add_argument("--pages", type=int, default=50, help="first N AEB pages (default 50, as the speed suite)")
    p.add_argument("--rounds", type=int, default=3, help="timed passes per core and alternation")
    p.add_argument("--alternations", type=int, default=3, help="times each core runs, in turn (default 3)")
    p.add_argument(
        "--decoder", choices=("rules", "fitted"), default="fitted", help="the decoder (the package's: fitted)"
    )
    args = p.parse_args(argv)
    from boilerstrip import native

    if native.built() is None or native.problem() is not None:
        print(f"the compiled core cannot run here ({native.describe()}): nothing to compare")
        return 1
    quiet_logs()
    pages = load_aeb(Path(args.data), args.pages or None).pages
    times = compare_cores(pages, args.rounds, args.alternations, args.decoder)
    print(
        f"AEB, first {len(pages)} pages, {args.alternations} alternations of {args.rounds} rounds, warm, "
        f"{args.decoder} decoder, ms/page (medians):"
    )
    print(report(times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
