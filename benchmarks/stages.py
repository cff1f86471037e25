"""``python -m benchmarks.stages``: where ``strip_html``'s time goes, stage by stage, beside trafilatura.

The speed suites say how fast boilerstrip is; this says which stage to work
on.  Each stage is one function of boilerstrip's HTML pipeline, named by its
module and attribute below.  The stages are wrapped with a timer for the run
(the pipeline's own code is what runs, so the figures cannot drift from it)
and restored after.  A stage that is renamed makes this command fail, not
lie.  trafilatura's ``extract`` is timed over the same pages in the same
process, and ``budget`` is the time per page that a target ratio leaves
(``--target``, 3 by default: the speed that issue 4 asks for).

The figures are for the warm path (the class/id cache is filled by a first
pass, as in the speed suites) and include the timer's own cost, under a
microsecond a call.

``--focus`` times the HTML reader's hot spots alone instead (CPU time, best
pass; see :func:`focused_timings`): the figures that the speed comments in the
reader and the XPath subset quote, each taken with and without the trick.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import DEFAULT_DATA
from .data import HtmlPage, load_aeb
from .peers import PEER_FACTORIES, boilerstrip_html_system, quiet_logs
from .timing import timed_pass

#: (label, module, attribute): the stages of ``strip_html``, in the order they run.  Stages
#: nested in another (``features`` in ``classify``) are listed after it and indented.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("parse (lxml)", "boilerstrip.readers.html.reader", "parse_html"),
    ("metadata", "boilerstrip.readers.html.reader", "page_meta"),
    ("hidden blocks", "boilerstrip.readers.html.reader", "drop_hidden"),
    ("markup marks", "boilerstrip.readers.html.reader", "mark_elements"),
    ("render lines", "boilerstrip.readers.html.reader", "render"),
    ("classify", "boilerstrip.engine", "classify"),
    ("  features", "boilerstrip.engine", "measure"),
    ("  rules", "boilerstrip.engine", "judge_page"),
    ("  context", "boilerstrip.engine", "decide"),
    ("  fields", "boilerstrip.engine", "read_fields"),
    ("    language", "boilerstrip.fields", "page_language"),
)
#: The fitted decoder's stages (``--decoder fitted``), nested in ``classify`` as well.  ``viterbi``
#: and ``explain`` are the Python core's: on the compiled core ``weigh`` does both in one call to
#: the extension, and their rows stay at zero.
FITTED_STAGES: tuple[tuple[str, str, str], ...] = (
    ("  evidence", "boilerstrip.engine", "gather"),
    ("  weigh", "boilerstrip.engine", "weigh"),
    ("    viterbi", "boilerstrip.engine", "viterbi"),
    ("    explain", "boilerstrip.engine", "explain_page"),
)


@dataclass
class StageTimes:
    """Seconds and calls per stage over a run, and the whole ``strip_html`` time."""

    pages: int = 0
    total: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    #: the decoder the run labelled with (``Config.decoder``)
    decoder: str = "fitted"


def stages_of(decoder: str) -> tuple[tuple[str, str, str], ...]:
    """The stages timed for a decoder: :data:`STAGES`, and :data:`FITTED_STAGES` for ``fitted``."""
    return STAGES + FITTED_STAGES if decoder == "fitted" else STAGES


@contextmanager
def timed_stages(times: StageTimes, stages: tuple[tuple[str, str, str], ...] = STAGES) -> Iterator[None]:
    """Wrap every stage of ``stages`` with a timer for the duration of the block."""
    saved: list[tuple[Any, str, Any]] = []
    try:
        for label, module_name, attr in stages:
            module = importlib.import_module(module_name)
            original = getattr(module, attr)  # AttributeError: the stage list is out of date
            saved.append((module, attr, original))
            setattr(module, attr, _timer(original, label, times))
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def _timer(fn: Callable[..., Any], label: str, times: StageTimes) -> Callable[..., Any]:
    clock = time.perf_counter
    seconds, calls = times.seconds, times.calls
    seconds.setdefault(label, 0.0)
    calls.setdefault(label, 0)

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[label] += clock() - t0
            calls[label] += 1

    return timed


def measure_stages(pages: list[HtmlPage], rounds: int = 3, decoder: str = "fitted") -> StageTimes:
    """Stage times of ``strip_html`` over ``pages`` (after one untimed warm-up pass), with the
    default decoder switched to ``decoder`` for the run."""
    import boilerstrip
    import boilerstrip.engine as engine

    system = boilerstrip_html_system(boilerstrip)
    assert system is not None, "the stages are those of boilerstrip.strip_html"
    default = engine.DEFAULT
    engine.DEFAULT = boilerstrip.Config(decoder=decoder)  # type: ignore[arg-type]
    try:
        timed_pass(system.run, pages, set(), min_seconds=0)  # warm, before the timers go in
        times = StageTimes(pages=rounds * len(pages))
        with timed_stages(times, stages_of(decoder)):
            times.total = sum(timed_pass(system.run, pages, set(), min_seconds=0) for _ in range(rounds))
    finally:
        engine.DEFAULT = default
    times.decoder = decoder
    return times


#: The reader's hot spots that :func:`focused_timings` times, by name.
FOCUSED = ("parse", "xpaths cold", "xpaths warm", "render")


def focused_timings(pages: list[HtmlPage], rounds: int = 5) -> dict[str, float]:
    """CPU milliseconds per page of the HTML reader's hot spots, each the best of ``rounds`` passes.

    The figures the speed comments in :mod:`boilerstrip.readers.html` and
    :mod:`boilerstrip.readers.xpath_subset` quote (``--focus``): a trick stays
    where these numbers, taken with and without it, show it worth its
    obscurity.  CPU time and the best pass, not wall time and the mean: the
    machine is shared and the figures are compared across runs.  ``xpaths
    cold`` clears the compiled expressions' cache before each page (a page of
    a site not seen before); ``xpaths warm`` keeps it.
    """
    from boilerstrip.readers.html import mark_elements, parse_html, render
    from boilerstrip.readers.html.marking import compiled_xpaths, text_holders
    from boilerstrip.readers.html.visibility import drop_hidden, drop_never_shown

    compiled = compiled_xpaths()
    trees = []
    for page in pages:
        root = parse_html(page.html)
        if root is not None:
            drop_never_shown(root)
            drop_hidden(root)
            trees.append((root, text_holders(root), mark_elements(root).cues))

    def parse() -> None:
        for page in pages:
            parse_html(page.html)

    def xpaths_cold() -> None:
        for root, holders, _ in trees:
            compiled.cache.clear()
            compiled.shared.clear()
            compiled.evaluate(root, holders)

    def xpaths_warm() -> None:
        for root, holders, _ in trees:
            compiled.evaluate(root, holders)

    def render_all() -> None:
        for root, _, marks in trees:
            render(root, marks)

    best = {}
    for name, run in zip(FOCUSED, (parse, xpaths_cold, xpaths_warm, render_all), strict=True):
        times = []
        for _ in range(rounds):
            t0 = time.process_time()
            run()
            times.append(time.process_time() - t0)
        best[name] = 1000 * min(times) / max(1, len(pages))
    return best


def trafilatura_seconds(pages: list[HtmlPage], rounds: int = 3) -> float:
    """Seconds trafilatura's ``extract`` (defaults) spends on ``rounds`` passes over ``pages``."""
    run = PEER_FACTORIES["trafilatura"]().run
    timed_pass(run, pages, set(), min_seconds=0)
    return sum(timed_pass(run, pages, set(), min_seconds=0) for _ in range(rounds))


def report(times: StageTimes, reference: float | None, target: float) -> str:
    """A plain-text table: ms per page for each stage, the total, trafilatura and the budget."""
    ms = 1000 / max(1, times.pages)
    rows = [f"{'stage':<18} {'ms/page':>8} {'share':>6} {'calls/page':>10}"]
    for label, _, _ in stages_of(times.decoder):
        sec = times.seconds.get(label, 0.0)
        share = sec / times.total if times.total else 0.0
        calls = times.calls.get(label, 0) / max(1, times.pages)
        rows.append(f"{label:<18} {sec * ms:8.2f} {share:6.1%} {calls:10.1f}")
    rows.append(f"{'strip_html':<18} {times.total * ms:8.2f}")
    if reference is not None:
        rows.append(f"{'trafilatura':<18} {reference * ms:8.2f}")
        rows.append(f"{'budget at ' + format(target, 'g') + 'x':<18} {reference * ms / target:8.2f}")
        rows.append(f"ratio: {reference / times.total:.2f}x trafilatura's pages/s" if times.total else "")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__)
    p.add_argument("--data", default=str(DEFAULT_DATA), help="directory holding eval/ (default ../shared)")
    p.add_argument("--pages", type=int, default=50, help="first N AEB pages (default 50, as the speed suite)")
    p.add_argument("--rounds", type=int, default=3, help="timed passes over the pages (default 3)")
    p.add_argument("--target", type=float, default=3.0, help="speed ratio the budget is for (default 3)")
    p.add_argument("--no-reference", action="store_true", help="do not time trafilatura")
    p.add_argument(
        "--decoder",
        choices=("rules", "fitted"),
        default="fitted",
        help="the decoder that labels the lines (default: fitted, the package's, whose stages are timed too)",
    )
    p.add_argument(
        "--focus",
        action="store_true",
        help="time the HTML reader's hot spots instead (CPU ms/page, best pass)",
    )
    args = p.parse_args(argv)
    from pathlib import Path

    quiet_logs()
    pages = load_aeb(Path(args.data), args.pages or None).pages
    if args.focus:
        print(f"AEB, first {len(pages)} pages, best of {max(args.rounds, 5)} rounds, CPU ms/page:")
        for name, ms in focused_timings(pages, max(args.rounds, 5)).items():
            print(f"{name:<18} {ms:8.2f}")
        return 0
    times = measure_stages(pages, args.rounds, args.decoder)
    reference = None if args.no_reference else trafilatura_seconds(pages, args.rounds)
    print(f"AEB, first {len(pages)} pages, {args.rounds} rounds, warm, {args.decoder} decoder:")
    print(report(times, reference, args.target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
