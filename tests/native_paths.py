"""Running boilerstrip on one core or the other, and comparing what the two give (issue 15).

Shared by ``test_native.py``, ``test_native_corpus.py`` and the fuzz target
``fuzz/fuzz_native.py``.  The compiled core must be a pure speed-up: the same
``Features`` (every field, with the same types) and the same ``Page`` (lines
with their labels, rules and evidence, title, sources, language and date).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import fields
from typing import Any, TypeVar

from boilerstrip import native
from boilerstrip.features import Features
from boilerstrip.model import Page

T = TypeVar("T")

#: Why a test of the compiled core does not run, or ``None`` when it can.
NATIVE_MISSING: str | None = None
if native.built() is None:
    NATIVE_MISSING = "boilerstrip._native is not built (no Rust toolchain at install time): only Python runs"
elif native.problem() is not None:
    NATIVE_MISSING = f"the compiled core's tables do not fit this Python: {native.problem()}"

_COMPARED = [f.name for f in fields(Features) if f.compare]


def core(name: str) -> AbstractContextManager[None]:
    """Run the block on one core: ``python`` (``BOILERSTRIP_NATIVE=0``) or ``native``."""
    return native.forced(name)


def both(run: Callable[[], T]) -> tuple[T, T]:
    """``run()`` on the Python core, then on the compiled one."""
    with core("python"):
        reference = run()
    with core("native"):
        compiled = run()
    return reference, compiled


def feature_rows(feats: list[Features]) -> list[list[tuple[str, Any]]]:
    """Every compared field of every line with its type (``True == 1``, but a bool is no count)."""
    return [[(type(getattr(f, n)).__name__, getattr(f, n)) for n in _COMPARED] for f in feats]


def feature_differences(a: list[Features], b: list[Features]) -> list[str]:
    """What differs between two measurements, line by line (empty when they are the same)."""
    if len(a) != len(b):
        return [f"{len(a)} lines against {len(b)}"]
    out = []
    for i, (x, y) in enumerate(zip(feature_rows(a), feature_rows(b))):
        diffs = [(n, u, v) for n, u, v in zip(_COMPARED, x, y) if u != v]
        if diffs:
            out.append(f"line {i} {a[i].text[:60]!r}: {diffs[:3]}")
    return out


def page_record(page: Page) -> tuple[Any, ...]:
    """What a page says: every line (number, text, label, rule, evidence), title, sources,
    language and date."""
    return (page.lines, page.title, page.sources, page.language, page.date)


def page_differences(a: Page, b: Page) -> list[str]:
    """What differs between two pages (empty when they are the same)."""
    out = []
    for x, y in zip(a.lines, b.lines):
        if x != y:
            out.append(f"line {x.number}: {x.label.value}/{x.rule} against {y.label.value}/{y.rule}")
    for name in ("title", "sources", "language", "date"):
        if getattr(a, name) != getattr(b, name):
            out.append(f"{name}: {getattr(a, name)!r} against {getattr(b, name)!r}")
    if len(a.lines) != len(b.lines):
        out.append(f"{len(a.lines)} lines against {len(b.lines)}")
    return out
