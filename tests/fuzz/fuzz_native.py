"""Atheris (libFuzzer) target for the compiled core's binding (issue 15).

    python tests/fuzz/fuzz_native.py -max_total_time=30 -seed=1
    python tests/fuzz/fuzz_native.py -runs=2000 -seed=1      # what the test suite runs

Each input becomes a page of lines: raw code points (lone surrogates and NUL included),
date-, list- and separator-shaped debris, combining marks in any order, and very long
lines, all chosen by the fuzzer's bytes.  The lines are measured on the Python core and
on the compiled one (``boilerstrip.features.measure``), and the page labelled on both
(``boilerstrip.strip``, by the hand passes and by the fitted weights); the target fails on
any exception, on a crash of the interpreter (a panic that crossed the boundary) and on
any difference.  The coverage that guides libFuzzer is the Python code's: the Rust code
is exercised, not instrumented.

Importing this module does nothing; it exits at once (status 0, with a message) where
the compiled core is not built.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_TESTS = str(Path(__file__).resolve().parent.parent)

#: Pieces the fuzzer glues into lines, beside raw code points.
PIECES = (
    "12:30", "1/5/2024", "2024-05-01", " - ", " / ", "19", "20", "...", "…", "1.", "2)", "• ", "- ", "| ",
    " | ", "·", "»", "”", ".", "?", "؟", "。", ":", "：", "\u00a0", "\u3000", "\t", "\x00", "\x1c",
    "\u0301", "\u0316", "\u064b", "\u0640", "ﬁ", "Ａ", "ｶﾞ", "\u1100\u1161", "İ", "ß", "١٢", "३",
    "e\u0301", "日本", "ไทย", "Read more", "By Jane Doe", "AFP", "Comments (3)", "\ud800", "\udfff",
)


def build_lines(fdp: Any) -> list[str]:
    """The lines of a page from the fuzzer's bytes (``fdp`` is an ``atheris.FuzzedDataProvider``)."""
    lines: list[str] = []
    for _ in range(fdp.ConsumeIntInRange(0, 24)):
        kind = fdp.ConsumeIntInRange(0, 3)
        if kind == 0:
            lines.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 160)))
        elif kind == 1:
            n = fdp.ConsumeIntInRange(1, 12)
            lines.append("".join(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)] for _ in range(n)))
        elif kind == 2:
            lines.append(fdp.ConsumeUnicodeNoSurrogates(8) * fdp.ConsumeIntInRange(0, 1200))
        elif lines:
            lines.append(lines[fdp.ConsumeIntInRange(0, len(lines) - 1)])  # repeated lines
    return lines


def main(argv: list[str]) -> None:
    """Instrument boilerstrip and fuzz the compiled core until libFuzzer stops."""
    import atheris

    sys.path.insert(0, _TESTS)
    with atheris.instrument_imports(include=["boilerstrip"]):
        import boilerstrip
        from boilerstrip.features import measure
        from boilerstrip.lexicon import load
        from boilerstrip.readers import RawLine
    from native_paths import NATIVE_MISSING, both, feature_differences, page_differences

    if NATIVE_MISSING is not None:
        print(f"{NATIVE_MISSING}: nothing to fuzz", file=sys.stderr)
        return
    lex, cfg = load(), boilerstrip.Config()
    configs = (cfg, boilerstrip.Config(decoder="fitted"))

    def test_one_input(data: bytes) -> None:
        texts = build_lines(atheris.FuzzedDataProvider(data))
        raw = [RawLine(i + 1, t) for i, t in enumerate(texts) if t.strip()]
        (feats_a, stop_a), (feats_b, stop_b) = both(lambda: measure(raw, lex, cfg))
        assert stop_a == stop_b, (stop_a, stop_b)
        assert feature_differences(feats_a, feats_b) == [], texts
        text = "\n".join(texts)
        for config in configs:  # the hand passes' decoder, and the fitted one (its weighing step)
            page_a, page_b = both(lambda config=config: boilerstrip.strip(text, config=config))
            assert page_differences(page_a, page_b) == [], texts

    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
