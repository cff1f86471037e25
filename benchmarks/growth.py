"""Cost growth: does boilerstrip's time grow linearly with page size?

One synthetic page of ~1 MB and one of ~10 MB are built by repeating the
lines of real pages (the Arabic gold pages, else the seeds), and each is
stripped; the time ratio should be close to the size ratio (~10).  A ratio
well above it means some pass is superlinear (e.g. quadratic in the number
of lines), which a benchmark on ordinary pages would never show.  The
one-regex-per-line pass is measured beside it as a known-linear reference.
"""

from __future__ import annotations

import html as htmllib
import time
from collections.abc import Callable
from typing import Any

from .data import Corpus
from .peers import regex_per_line
from .timing import PageTimeout, _deadline

MB = 1_000_000


def synthetic_text(pages: list[str], target: int) -> str:
    """Whole pages joined by blank lines, repeated until the text has ``target`` UTF-8 bytes."""
    unit = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not unit:
        raise ValueError("no page text to repeat")
    unit_size = len(unit.encode("utf-8"))
    copies = max(1, -(-target // (unit_size + 2)))
    return "\n\n".join([unit] * copies)


def synthetic_pages(source: Corpus) -> tuple[str, str]:
    """The ~1 MB and ~10 MB texts made of ``source``'s pages (:func:`synthetic_text`)."""
    texts = [p.text for p in source.pages]
    return synthetic_text(texts, 1 * MB), synthetic_text(texts, 10 * MB)


def synthetic_html(text: str) -> str:
    """The same text as an HTML page, one ``<p>`` per line, for ``strip_html``."""
    paras = "".join(f"<p>{htmllib.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{paras}</body></html>"
    )


def _time(
    fn: Callable[[Any], Any], x: Any, repeat: int, timeout: float, budget: float
) -> tuple[float | None, str]:
    """Best of ``repeat`` runs (stopping once ``budget`` seconds are spent); None on error/timeout."""
    best: float | None = None
    spent = 0.0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        try:
            with _deadline(timeout):
                fn(x)
        except PageTimeout:
            return None, f"timeout after {timeout:g} s"
        except Exception as err:
            return None, f"{type(err).__name__}: {err}"
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
        spent += dt
        if spent > budget:
            break
    return best, ""


def growth(
    source: Corpus, bs: Any, rounds: int = 3, timeout: float = 600.0, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Time 1 MB and 10 MB synthetic pages; report each system's time ratio."""
    try:
        small, big = synthetic_pages(source)
    except ValueError as err:
        return {"error": str(err)}
    sizes = {"small_bytes": len(small.encode("utf-8")), "big_bytes": len(big.encode("utf-8"))}
    result: dict[str, Any] = {
        "source": source.name,
        **sizes,
        "size_ratio": sizes["big_bytes"] / sizes["small_bytes"],
        "systems": {},
    }
    systems: list[tuple[str, Callable[[Any], Any], Any, Any]] = [
        ("regex-per-line", regex_per_line().run, small, big),
    ]
    if bs is not None:
        systems.append(("boilerstrip", bs.strip, small, big))
        if hasattr(bs, "strip_html"):
            systems.append(("boilerstrip-html", bs.strip_html, synthetic_html(small), synthetic_html(big)))
    for name, fn, x1, x10 in systems:
        t1, err1 = _time(fn, x1, rounds, timeout, budget=20.0)
        # a shared machine can stall one 10 s run: allow up to a minute for best-of-rounds here
        t10, err10 = _time(fn, x10, rounds, timeout, budget=60.0) if t1 is not None else (None, "")
        entry: dict[str, Any] = {"small_s": t1, "big_s": t10, "error": err1 or err10 or None}
        if t1 and t10:
            entry["time_ratio"] = t10 / t1
            entry["mb_per_s_small"] = sizes["small_bytes"] / MB / t1
            entry["mb_per_s_big"] = sizes["big_bytes"] / MB / t10
        result["systems"][name] = entry
        log(
            f"  growth: {name}: 1 MB {t1 if t1 is None else round(t1, 3)} s, "
            f"10 MB {t10 if t10 is None else round(t10, 3)} s {entry['error'] or ''}"
        )
    return result


def collector_ab(
    source: Corpus, rounds: int = 2, heap: int = 2_000_000, log: Callable[[str], None] = print
) -> dict[str, dict[str, list[float]]]:
    """The 1 MB and 10 MB pages timed with the garbage collector paused for each page (as
    :func:`boilerstrip.engine.collector_paused` does) and left running, alternately, in a
    process that holds ``heap`` other objects, as a caller's pipeline does: the figures that
    ``collector_paused``'s docstring quotes.  Returns ``{mode: {system: [t1, t10]}}``.
    """
    import contextlib

    import boilerstrip
    import boilerstrip.engine as engine

    held = [{"i": [i]} for i in range(heap)]  # the caller's objects, walked by every full collection
    small, big = synthetic_pages(source)
    pages = {
        "boilerstrip": (boilerstrip.strip, small, big),
        "boilerstrip-html": (boilerstrip.strip_html, synthetic_html(small), synthetic_html(big)),
    }
    boilerstrip.strip(small)  # warm: the lexicons and the compiled core are loaded once
    paused = engine.collector_paused
    out: dict[str, dict[str, list[float]]] = {"running": {}, "paused": {}}
    try:
        for mode in ("running", "paused") * 2:
            engine.collector_paused = paused if mode == "paused" else contextlib.nullcontext  # type: ignore[assignment]
            for name, (fn, x1, x10) in pages.items():
                times = [_time(fn, x, rounds, 600.0, budget=120.0)[0] or float("nan") for x in (x1, x10)]
                best = out[mode].setdefault(name, times)
                out[mode][name] = [min(a, b) for a, b in zip(best, times)]
    finally:
        engine.collector_paused = paused
    del held
    for mode, by in out.items():
        for name, (t1, t10) in by.items():
            log(f"  collector {mode}: {name}: 1 MB {t1:.3f} s, 10 MB {t10:.3f} s, ratio {t10 / t1:.2f}")
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.growth --collector``: :func:`collector_ab` on the Arabic gold pages."""
    import argparse
    from pathlib import Path

    from . import DEFAULT_DATA
    from .data import load_arabic_gold

    p = argparse.ArgumentParser(prog="python -m benchmarks.growth", description=main.__doc__)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--collector", action="store_true", help="time with the collector paused and not")
    p.add_argument("--heap", type=int, default=2_000_000, help="other objects the process holds")
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    source = load_arabic_gold(args.data)
    if args.collector:
        collector_ab(source, args.rounds, args.heap)
    else:
        import boilerstrip

        growth(source, boilerstrip, rounds=args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
