"""Running systems over pages: one measured pass for outputs and memory, then timed rounds.

Memory.  ``tracemalloc`` only sees the Python heap, so it reports ~2 MB for
lxml- or C++-based peers whatever they really use; comparing that with a
pure-Python system would be unfair.  So, where the OS allows it (Linux), the
first pass of each system runs in a forked child that resets its peak
resident set size (``/proc/self/clear_refs``), runs the system over the whole
suite and reports ``VmHWM - VmRSS at start``: the real extra memory the
system needed, C allocations included.  The child sends the outputs back to
be scored, and a system that crashes the interpreter (a segfault in a C
extension) only loses its own results.  Elsewhere the pass runs in-process
under tracemalloc, and the method is recorded with the number.

What is kept.  Each output is reduced, as soon as the page is done, to what
is scored (``keep``: the body text, and the line labels of a labeller), so
the peak is the memory a system needs per page and not the cost of holding a
suite's worth of rich result objects (a boilerstrip ``Page`` keeps every line
with its label and rule; trafilatura returns a string).  Every system is
treated alike, and the reduction is never timed.

Speed.  Each round times every system over the whole suite, one after the
other, so a ratio between two systems is taken between passes seconds
apart; the median of the per-round figures is reported.  A pass shorter than
``min_seconds`` is repeated (the tiny text suites) so that timer resolution
does not dominate.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import statistics
import time
import tracemalloc
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PassResult:
    """Outputs of one system over one suite, with its failures and memory peak."""

    outputs: list[Any]
    errors: list[str] = field(default_factory=list)
    #: Indexes of pages that hit the per-page timeout (skipped in timed rounds).
    timeouts: set[int] = field(default_factory=set)
    peak_bytes: int | None = None
    memory_method: str = "none"
    #: Set when the whole pass failed (e.g. the forked child died).
    fatal: str | None = None


class PageTimeout(Exception):
    """A system spent longer than the per-page limit on one page."""


@contextmanager
def _deadline(seconds: float | None):
    """Raise ``PageTimeout`` in the block after ``seconds`` (main thread, Unix only)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise PageTimeout(f"no result after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


Keep = Callable[[Any, Any], Any]


def _run_all(
    run: Callable[[Any], Any],
    inputs: list[Any],
    ids: list[str],
    timeout: float | None,
    keep: Keep | None = None,
) -> PassResult:
    res = PassResult(outputs=[])
    for i, (x, pid) in enumerate(zip(inputs, ids, strict=True)):
        try:
            with _deadline(timeout):
                out = run(x)
        except PageTimeout as err:
            out = None
            res.timeouts.add(i)
            res.errors.append(f"{pid}: timeout: {err}")
        except Exception as err:  # a peer failing on a page is a result: empty output
            out = None
            res.errors.append(f"{pid}: {type(err).__name__}: {str(err)[:200]}")
        if keep is not None and out is not None:
            try:
                out = keep(out, x)
            except Exception as err:  # an output that cannot be read is an empty one
                out = None
                res.errors.append(f"{pid}: output not readable: {type(err).__name__}: {str(err)[:200]}")
        res.outputs.append(out)
    return res


def _status_kb(field_name: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _can_fork_measure() -> bool:
    if not hasattr(os, "fork") or _status_kb("VmHWM") is None:
        return False
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _dumps(res: PassResult) -> bytes:
    try:
        return pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        outs = []
        for i, out in enumerate(res.outputs):
            try:
                pickle.dumps(out)
                outs.append(out)
            except Exception:
                outs.append(None)
                res.errors.append(f"#{i}: output could not be sent back from the measuring child")
        res.outputs = outs
        return pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL)


def _forked_pass(work: Callable[[], PassResult], pages: int) -> PassResult:
    """Run ``work`` (a pass over ``pages`` pages) in a forked child that measures its peak RSS."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: measure, send, leave without running the parent's exit handlers
        code = 0
        try:
            os.close(rfd)
            gc.collect()
            # The parent's objects (every loaded page, earlier results) go to the permanent
            # generation, so the child's collections walk only what the system made.
            gc.freeze()
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")
            start_kb = _status_kb("VmRSS") or 0
            res = work()
            peak_kb = _status_kb("VmHWM") or 0
            res.peak_bytes = max(0, peak_kb - start_kb) * 1024
            res.memory_method = "rss-hwm"
            data = _dumps(res)
            with os.fdopen(wfd, "wb") as w:
                w.write(data)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as r:
        data = r.read()
    _, status = os.waitpid(pid, 0)
    if data:
        with suppress(Exception):
            return pickle.loads(data)
    why = f"measuring child ended with status {status} and no result"
    return PassResult(outputs=[None] * pages, errors=[f"*: {why}"], fatal=why)


def measured_pass(
    run: Callable[[Any], Any],
    inputs: list[Any],
    ids: list[str],
    timeout: float | None = 120.0,
    fork: bool = True,
    memory: bool = True,
    keep: Keep | None = None,
) -> PassResult:
    """Run a system once over all inputs; keep outputs, errors and (if ``memory``) the memory peak.

    ``keep(output, input)``, when given, replaces each output at once by what
    is scored of it (see the module's docstring); one it cannot read becomes
    ``None`` with an error.
    """
    gc.collect()

    def work() -> PassResult:
        return _run_all(run, inputs, ids, timeout, keep)

    if not memory:
        return work()
    if fork and _can_fork_measure():
        return _forked_pass(work, len(inputs))
    tracemalloc.start()
    try:
        res = work()
        res.peak_bytes = tracemalloc.get_traced_memory()[1]
        res.memory_method = "tracemalloc"
    finally:
        tracemalloc.stop()
    return res


def timed_pass(
    run: Callable[[Any], Any], inputs: list[Any], skip: set[int], min_seconds: float = 0.5
) -> float:
    """Seconds for one pass over ``inputs`` (repeated until ``min_seconds``, averaged).

    Exceptions are swallowed (they were counted in the measured pass); pages
    that timed out there are skipped so that a hang cannot stall the run.
    """
    todo = [x for i, x in enumerate(inputs) if i not in skip]
    gc.collect()
    reps = 0
    t0 = time.perf_counter()
    while True:
        for x in todo:
            try:  # noqa: SIM105 - a bare try costs nothing here; suppress() would be timed
                run(x)
            except Exception:
                pass
        reps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds or not todo:
            return elapsed / reps


@dataclass
class Speed:
    """Median speed over rounds and the median per-round ratio to a reference system."""

    pages_per_s: float
    mb_per_s: float
    ratio: float | None
    reference: str | None
    rounds_s: list[float]

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages_per_s": self.pages_per_s,
            "mb_per_s": self.mb_per_s,
            "ratio_to_reference": self.ratio,
            "reference": self.reference,
            "seconds_per_round": self.rounds_s,
        }


def speeds(
    seconds: dict[str, list[float]],
    pages: dict[str, int],
    nbytes: dict[str, int],
    reference: str | None,
) -> dict[str, Speed]:
    """Turn per-round pass times into medians; ratio = reference time / system time, per round.

    A ratio above 1 means the system is that many times faster than the reference.
    """
    out: dict[str, Speed] = {}
    ref = seconds.get(reference) if reference else None
    for name, secs in seconds.items():
        pps = [pages[name] / s if s > 0 else 0.0 for s in secs]
        mbs = [nbytes[name] / 1e6 / s if s > 0 else 0.0 for s in secs]
        ratio = None
        if ref and len(ref) == len(secs):
            ratio = statistics.median(r / s if s > 0 else 0.0 for r, s in zip(ref, secs, strict=True))
        out[name] = Speed(statistics.median(pps), statistics.median(mbs), ratio, reference, secs)
    return out
