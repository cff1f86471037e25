"""Atheris (libFuzzer) target for ``boilerstrip.strip`` (issue #6).

Run it for as long as you like::

    python tests/fuzz/fuzz_strip.py -max_total_time=30 -seed=1
    python tests/fuzz/fuzz_strip.py -runs=2000 -seed=1      # what the test suite runs

Each input becomes a page: either raw code points (lone surrogates included) or
lines assembled from lexicon boilerplate, article prose in several scripts,
markup debris and special characters, all chosen by the fuzzer's bytes.  The
target fails on any exception and on any broken structural promise (see
``strategies.check_page``).  Crashing inputs are written as ``crash-*`` files
(``-artifact_prefix=DIR/`` to put them elsewhere).

Importing this module does nothing (pytest imports it for doctests);
``atheris`` is needed only to run it (``pip install atheris``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_TESTS = str(Path(__file__).resolve().parent.parent)

#: Line kinds the fuzzer chooses between.
_KINDS = 7


def build_page(fdp: Any, strategies: Any) -> str:
    """A page from the fuzzer's bytes (``fdp`` is an ``atheris.FuzzedDataProvider``)."""
    if fdp.ConsumeIntInRange(0, 3) == 0:
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 4096))
    boiler = strategies.boilerplate_lines()
    scripts = sorted(strategies.WORDS)
    lines: list[str] = []
    for _ in range(fdp.ConsumeIntInRange(0, 40)):
        kind = fdp.ConsumeIntInRange(0, _KINDS - 1)
        if kind == 0:
            words, mark = strategies.WORDS[scripts[fdp.ConsumeIntInRange(0, len(scripts) - 1)]]
            n = fdp.ConsumeIntInRange(1, 60)
            line = " ".join(words[fdp.ConsumeIntInRange(0, len(words) - 1)] for _ in range(n))
            lines.append(line + (mark if fdp.ConsumeBool() else ""))
        elif kind == 1:
            before, after = strategies.DECORATIONS[fdp.ConsumeIntInRange(0, len(strategies.DECORATIONS) - 1)]
            lines.append(before + boiler[fdp.ConsumeIntInRange(0, len(boiler) - 1)] + after)
        elif kind == 2:
            lines.append(strategies.MARKUPISH[fdp.ConsumeIntInRange(0, len(strategies.MARKUPISH) - 1)])
        elif kind == 3:
            lines.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 200)).replace("\n", " "))
        elif kind == 4 and lines:
            at = fdp.ConsumeIntInRange(0, len(lines) - 1)
            special = strategies.SPECIAL_CHARS[fdp.ConsumeIntInRange(0, len(strategies.SPECIAL_CHARS) - 1)]
            cut = fdp.ConsumeIntInRange(0, len(lines[at]))
            lines[at] = lines[at][:cut] + special + lines[at][cut:]
        elif kind == 5:
            lines.append(("", " ", "\t", "\r", "\ufeff")[fdp.ConsumeIntInRange(0, 4)])
        elif kind == 6 and lines:
            lines.append(lines[fdp.ConsumeIntInRange(0, len(lines) - 1)])  # repeated lines
    return ("\r\n" if fdp.ConsumeBool() else "\n").join(lines)


def main(argv: list[str]) -> None:
    """Instrument boilerstrip and fuzz ``strip`` until libFuzzer stops."""
    import atheris

    sys.path.insert(0, _TESTS)
    with atheris.instrument_imports(include=["boilerstrip"]):
        import boilerstrip
    import strategies

    def test_one_input(data: bytes) -> None:
        text = build_page(atheris.FuzzedDataProvider(data), strategies)
        strategies.check_page(text, boilerstrip.strip(text))

    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
