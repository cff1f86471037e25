"""Which core runs: the compiled extension (``boilerstrip._native``) or the pure-Python one.

``pip install .`` builds the extension where a Rust toolchain is found and
installs the pure-Python library without it otherwise; the Python code is the
reference, and the fallback wherever the extension cannot answer.  The
extension runs where it is built, the environment variable
``BOILERSTRIP_NATIVE`` is not ``0``, and its character tables agree with this
Python (:mod:`boilerstrip.native_tables`: the same ``unicodedata`` version, and
the same ``regex`` classes, compared once a process where the ``regex`` version
differs from the tables').  ``boilerstrip --version`` says which core runs, and why.

What is compiled today: the measurement pass (:func:`boilerstrip.features.measure`), the
evidence pass (:func:`boilerstrip.evidence.gather`), the fitted
decoder's weighing step (:func:`boilerstrip.engine.weigh`: the scores, the Viterbi decoding
and the explanations, through :func:`boilerstrip.decoding.compiled_weigher`), the cue rules
and shapes of the context-free pass (:func:`boilerstrip.verdicts.judge_page`), and py3langid's
classifier (:func:`boilerstrip.langid.identify`, on py3langid's own model).
"""

from __future__ import annotations

import importlib
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from types import ModuleType

import regex

_built: ModuleType | None
try:  # by name: ``from . import _native`` would import the package, which imports the engine
    _built = importlib.import_module(f"{__package__}._native")
except ImportError:  # not built: no Rust toolchain at install time
    _built = None

#: The environment variable that turns the compiled core off (``0``).
ENV = "BOILERSTRIP_NATIVE"


def built() -> ModuleType | None:
    """The extension module if it was built, whatever the environment says."""
    return _built


@lru_cache(maxsize=1)
def problem() -> str | None:
    """Why the extension's tables cannot be trusted in this Python, or ``None``."""
    if _built is None:
        return "not built"
    if unicodedata.unidata_version != _built.UNIDATA_VERSION:
        return f"tables for Unicode {_built.UNIDATA_VERSION}, this Python has {unicodedata.unidata_version}"
    if regex.__version__ != _built.REGEX_VERSION:
        from .native_tables import regex_runs

        mask = regex_mask()
        if regex_runs() != [tuple(run) for run in _built.table_runs(mask)]:
            return f"regex {regex.__version__}'s classes differ from the tables' ({_built.REGEX_VERSION})"
    return None


def regex_mask() -> int:
    """The table bits that come from the ``regex`` module."""
    from .native_tables import REGEX_BITS

    mask = 0
    for bit, _ in REGEX_BITS.values():
        mask |= bit
    return mask


def module() -> ModuleType | None:
    """The extension to call, or ``None`` for the Python path (read at every call, so that
    ``BOILERSTRIP_NATIVE=0`` set in a running process takes effect)."""
    if _built is None or os.environ.get(ENV) == "0":
        return None
    return _built if problem() is None else None


def core() -> str:
    """``native`` or ``python``: the path that runs."""
    return "native" if module() is not None else "python"


def describe() -> str:
    """The path that runs and, for the Python path, why (for ``boilerstrip --version``)."""
    if module() is not None:
        return "core: native"
    if _built is None:
        return "core: python; the compiled core is not built"
    if os.environ.get(ENV) == "0":
        return f"core: python; {ENV}=0"
    return f"core: python; {problem()}"


@contextmanager
def forced(name: str) -> Iterator[None]:
    """Run the block on one core, ``python`` (``BOILERSTRIP_NATIVE=0``) or ``native``, and put
    the environment back after (the tests and ``python -m benchmarks.cores`` compare the two)."""
    saved = os.environ.get(ENV)
    os.environ[ENV] = "0" if name == "python" else "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = saved
