"""Robustness promises of ``strip`` (issue #6): any input, linear cost, bounded memory, determinism.

No test here measures seconds.  Cost is counted in bytecode instructions
executed inside boilerstrip (:func:`work`), memory with :mod:`tracemalloc`,
and growth is a ratio between a page and the same page ten times larger.
Tests marked ``slow`` run only with ``BOILERSTRIP_SLOW=1``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from strategies import (
    SPECIAL_CHARS,
    WORDS,
    boilerplate_lines,
    check_page,
    random_line,
    random_page,
    random_paragraph,
)

import boilerstrip
from boilerstrip import Label

SLOW = os.environ.get("BOILERSTRIP_SLOW") == "1"
slow = pytest.mark.skipif(not SLOW, reason="slow: set BOILERSTRIP_SLOW=1")

#: Growth allowed when the input grows tenfold: linear, with 50 % slack.
MAX_GROWTH = 15.0
#: Peak memory allowed, in multiples of the input's UTF-8 size ...
MAX_MEMORY_FACTOR = 10.0
#: ... plus this much per line on pages of very short lines (each line is a few objects: ~0.9 KB today).
MAX_BYTES_PER_LINE = 2048

PROSE = (
    "The minister said on Tuesday that the new policy would take effect next year, "
    "and that it would help families across the north of the country."
)
PROSE_AR = (
    "قال الوزير يوم الثلاثاء إن السياسة الجديدة ستدخل حيز التنفيذ العام المقبل "
    "وستساعد الأسر في الشمال."
)


# --------------------------------------------------------------------------- any str returns


BLANK_PAGES = [
    "", " ", "\n", "\n\n\n", " \t \n\r\n", "\r", "\x0b\x0c\x1c\x1d\x1e\x1f\x85", "\u2028\u2029\u3000\xa0"
]


@pytest.mark.parametrize("text", BLANK_PAGES, ids=repr)
def test_empty_and_whitespace_only_give_an_empty_page(text: str) -> None:
    """Promise: an empty or whitespace-only page returns an empty page (no lines, no body, no title)."""
    page = boilerstrip.strip(text)
    assert page.lines == [] and page.body == "" and page.title is None and page.sources == []


HOSTILE = {
    "nul-and-controls": "\x00\n\x00\x00\x00\nHome\x00\n" + "".join(map(chr, range(32))) + "\n\x7f\x1b[2J",
    "nul-inside-prose": PROSE.replace(" ", "\x00", 5) + "\n" + PROSE,
    "lone-surrogates": "\ud800\n\udfff\nabc\ud83d\nRead also\udc00\n" + PROSE + "\ud800",
    "surrogate-only-line": "\ud800\udbff\udc00",
    "bidi-marks": (
        "\u202eRead also\u202c\n\u200f" + PROSE_AR + "\u200f\n"
        "\u2066\u2067\u2068\u2069\u061c\n\u202a\u202b\u202d"
    ),
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff\n\u200bHome\u200b\n" + PROSE.replace(" ", " \u200b"),
    "bom-only": "\ufeff",
    "bom-lines": "\ufeff\n\ufeff\ufeff\n" + PROSE + "\n\ufeff",
    "crlf": "Home\r\nRead also\r\n" + PROSE + "\r\n\r\n" + PROSE + "\r\n",
    "lone-cr": "Home\rWorld\r" + PROSE + "\r",
    "mixed-scripts": "\n".join([
        PROSE,
        PROSE_AR,
        "Министр сказал, что правительство улучшит услуги в городе.",
        "部长周二表示，新政策将于明年生效。",
        "मंत्री ने कहा कि नई नीति अगले साल लागू होगी।",
        PROSE + " " + PROSE_AR,
    ]),
    "all-specials": "\n".join(SPECIAL_CHARS) + "\n" + "".join(SPECIAL_CHARS),
    "non-characters": "\ufffe\uffff\U0001fffe\U0010ffff\n" + PROSE,
    "combining-pileup": "a" + "\u0301" * 5000 + "\n" + "ا" + "\u064b" * 5000,
    "private-use": "\ue000\uf8ff\U000f0000\n" + PROSE,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_returns_a_well_formed_page(name: str) -> None:
    """Promise: NUL and control characters, lone surrogates, bidi and zero-width marks, BOMs, CRLF
    and mixed scripts return a well-formed page (one label per non-blank line, body a subsequence
    of the input)."""
    text = HOSTILE[name]
    page = boilerstrip.strip(text)
    check_page(text, page)
    assert page.explain().count("\n") == max(len(page.lines) - 1, 0)


def test_invisible_only_lines_are_labelled_not_dropped() -> None:
    """Promise (LABELS.md): a line holding only an invisible mark is not blank and gets a label."""
    page = boilerstrip.strip("\ufeff\n\u200f\n\u200b")
    assert [ln.number for ln in page.lines] == [1, 2, 3]


@pytest.mark.parametrize(
    "bad", [b"bytes", bytearray(b"x"), memoryview(b"x"), None, 3, 3.5, ["a"], ("a",), {"a": 1}, object()],
    ids=lambda v: type(v).__name__,
)
def test_other_types_raise_type_error_naming_the_type(bad: object) -> None:
    """Promise: anything but a ``str`` raises ``TypeError`` whose message names the type given."""
    with pytest.raises(TypeError, match=type(bad).__name__):
        boilerstrip.strip(bad)  # type: ignore[arg-type]


def test_str_subclass_is_a_str() -> None:
    """Promise: any ``str`` is accepted, subclasses included."""

    class Text(str):
        pass

    text = Text("Home\n" + PROSE)
    check_page(text, boilerstrip.strip(text))


def test_module_function_explain_survives_page_explain() -> None:
    """Promise: ``boilerstrip.explain`` stays the documented function after ``Page.explain()`` ran.

    ``Page.explain`` imports the submodule ``boilerstrip.explain``, and importing a
    submodule binds it as an attribute of the package: the function is replaced by
    the module and ``boilerstrip.explain(text)`` raises ``TypeError: 'module' object
    is not callable``.
    """
    boilerstrip.strip("Home").explain()
    assert callable(boilerstrip.explain)
    assert boilerstrip.explain("Home\nRead also").splitlines()[1].split()[1] == "related-link"


# --------------------------------------------------------------------------- size


def test_ten_megabyte_line_is_kept_whole() -> None:
    """Promise: one line of 10 MB returns, and its ``Line.text`` is the input line, whole."""
    line = (PROSE + " ") * (10_000_000 // (len(PROSE) + 1))
    page = boilerstrip.strip(line)
    assert len(page.lines) == 1
    assert page.lines[0].text == line
    assert page.body in ("", line.strip())


def test_ten_megabyte_line_without_spaces_is_kept_whole() -> None:
    """Promise: a 10 MB line with no word boundary at all (a base64 blob) returns whole."""
    line = "QUJD" * 2_500_000
    page = boilerstrip.strip("Home\n" + line + "\n" + PROSE)
    assert page.lines[1].text == line


def test_twenty_thousand_short_lines() -> None:
    """Promise: a page of many short lines returns one labelled line each (default-run size)."""
    text = "\n".join(f"Item {i % 97}" for i in range(20_000))
    page = boilerstrip.strip(text)
    assert len(page.lines) == 20_000


@slow
def test_a_million_short_lines() -> None:
    """Promise: a page of a million short lines returns one labelled line each."""
    text = "\n".join(("Home", "World", "Sport", "12:30", PROSE)[i % 5] for i in range(1_000_000))
    page = boilerstrip.strip(text)
    assert len(page.lines) == 1_000_000


# --------------------------------------------------------------------------- linear work


def work(function: Callable[[], object]) -> int:
    """Bytecode instructions executed inside boilerstrip while ``function`` runs.

    A count of operations, not of seconds: it does not depend on the machine or
    its load, and a loop hidden in a generator expression counts as much as any
    other.  Work done in C (regex matching, ``str`` methods) is not counted; the
    regex-safety tests bound that.
    """
    root = str(Path(boilerstrip.__file__).resolve().parent) + os.sep
    count = 0

    def local(frame: object, event: str, arg: object) -> object:
        nonlocal count
        count += 1
        return local

    def calls(frame: object, event: str, arg: object) -> object:
        nonlocal count
        if frame.f_code.co_filename.startswith(root):  # type: ignore[attr-defined]
            frame.f_trace_opcodes = True  # type: ignore[attr-defined]
            frame.f_trace_lines = False  # type: ignore[attr-defined]
            count += 1
            return local
        return None

    previous = sys.gettrace()
    sys.settrace(calls)  # type: ignore[arg-type]
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


def _shape_news(n: int) -> str:
    unit = ["Home", "World", PROSE, PROSE_AR, "Read also", "Another headline about the harvest season",
            "12 comments", PROSE, "Source: AFP", "", "• Sport", "12:30 — 23/11/2026"]
    return "\n".join(unit * n)


def _shape_random(n: int) -> str:
    return "\n".join(random_page(random.Random(i), blocks=12) for i in range(n))


#: Page shapes, each a function of a size ``n``: the page of size ``10 n`` holds ten
#: times the lines (or characters) of the page of size ``n``.
SHAPES: dict[str, Callable[[int], str]] = {
    "news-page": lambda n: _shape_news(n // 10),
    "one-long-article": lambda n: "\n\n".join([PROSE] * n),
    "distinct-short-lines": lambda n: "\n".join(f"Menu entry {i}" for i in range(n)),
    "repeated-line": lambda n: "\n".join([PROSE + " " + PROSE] * n),
    "invisible-block": lambda n: PROSE + "\n" + "\ufeff\n" * n + PROSE,
    "related-section": lambda n: "\n".join(
        [PROSE] * 3 + ["Read also"] + [f"Headline {i} about the river" for i in range(n)]
    ),
    "comments-section": lambda n: "\n".join(
        [PROSE] * 3 + ["Comments"] + [f"I agree with point {i}." for i in range(n)]
    ),
    "navigation-section": lambda n: "\n".join(
        ["Main menu"] + [f"• Section {i}" for i in range(n)] + [PROSE] * 3
    ),
    "prose-heading-alternation": lambda n: "\n".join([PROSE, "A heading of a few words"] * (n // 2)),
    "bullets-and-dates": lambda n: "\n".join(["• " + PROSE[:40], "23/11/2026 12:30"] * (n // 2)),
    "attribution-lines": lambda n: "\n".join([PROSE, PROSE] + ["Source: " + "Reuters / AFP / " * 12] * n),
    "boilerplate-lines": lambda n: "\n".join((boilerplate_lines() * (n // len(boilerplate_lines()) + 1))[:n]),
    "hostile-lines": lambda n: "\n".join(random_line(random.Random(i)) for i in range(n)),
    "random-pages": lambda n: _shape_random(n // 10),
    "long-line": lambda n: "word " * (20 * n),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly(shape: str) -> None:
    """Promise: ``strip`` costs time linear in the page: ten times the page, at most ~10x the work.

    Work is counted in bytecode instructions (:func:`work`); the bound is
    ``MAX_GROWTH`` (15x for a 10x input, linear with slack).  A quadratic loop
    gives ~100x.
    """
    build = SHAPES[shape]
    boilerstrip.strip(build(10))  # load lexicons and stoplists outside the count
    small, large = build(200), build(2000)
    base, grown = work(lambda: boilerstrip.strip(small)), work(lambda: boilerstrip.strip(large))
    assert grown <= MAX_GROWTH * base, f"{shape}: work grew {grown / base:.1f}x for a 10x page"


def test_work_counter_sees_a_quadratic_loop() -> None:
    """Guards the guard: :func:`work` counts iterations inside generator expressions of boilerstrip code."""
    import boilerstrip.context as context

    source = (
        "def quadratic(n):\n"
        "    return sum(next((j for j in range(i, n) if j < 0), 0) for i in range(n))\n"
    )
    namespace: dict[str, object] = {}
    exec(compile(source, context.__file__, "exec"), namespace)
    quadratic = namespace["quadratic"]
    assert work(lambda: quadratic(2000)) > 50 * work(lambda: quadratic(200))  # type: ignore[operator]


# --------------------------------------------------------------------------- memory


def peak_memory(text: str) -> int:
    """Peak bytes allocated by ``strip(text)`` beyond the input (tracemalloc)."""
    boilerstrip.strip("warm up\n" + PROSE)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        boilerstrip.strip(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _article_page(size: int) -> str:
    """A page of about ``size`` UTF-8 bytes: articles in several scripts with boilerplate between them."""
    rng = random.Random(5)
    boiler = boilerplate_lines()
    parts: list[str] = []
    total = 0
    while total < size:
        block = [rng.choice(boiler) for _ in range(6)] + [random_paragraph(rng) for _ in range(8)]
        block += [rng.choice(boiler) for _ in range(4)]
        chunk = "\n".join(block) + "\n\n"
        parts.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(parts)


def test_peak_memory_of_a_5mb_article_page() -> None:
    """Promise: peak memory for a ~5 MB news page stays under 10x its UTF-8 size."""
    text = _article_page(5_000_000)
    size = len(text.encode("utf-8"))
    peak = peak_memory(text)
    assert peak <= MAX_MEMORY_FACTOR * size, f"peak {peak / size:.1f}x the input"


@pytest.mark.parametrize("script", ["en", "ar"])
def test_peak_memory_of_a_5mb_single_line(script: str) -> None:
    """Promise: a ~5 MB single line costs under 10x its size (features read a bounded prefix)."""
    words, _ = WORDS[script]
    line = " ".join(words) + " "
    text = line * (5_000_000 // len(line.encode("utf-8")))
    size = len(text.encode("utf-8"))
    assert peak_memory(text) <= MAX_MEMORY_FACTOR * size


def test_memory_grows_linearly_with_short_lines() -> None:
    """Promise: memory is linear in the number of lines: ten times the lines, at most ~10x the peak,
    and a page of short lines costs under 10x its size plus 2 KB a line."""
    def page(n: int) -> str:
        return "\n".join(f"Menu entry {i}" for i in range(n))

    small, large = peak_memory(page(1_000)), peak_memory(page(10_000))
    assert large <= MAX_GROWTH * small, f"memory grew {large / small:.1f}x for 10x the lines"
    size = len(page(10_000).encode("utf-8"))
    assert large <= MAX_MEMORY_FACTOR * size + MAX_BYTES_PER_LINE * 10_000, f"{large / 10_000:.0f} B a line"


_RSS_SCRIPT = textwrap.dedent(
    """
    import gc, json, os, resource, sys
    sys.path.insert(0, sys.argv[1])
    import boilerstrip
    from test_robustness import _article_page
    text = _article_page(int(sys.argv[2]))
    boilerstrip.strip("warm up")
    gc.collect()
    with open("/proc/self/statm") as statm:
        resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    page = boilerstrip.strip(text)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    size = len(text.encode("utf-8"))
    print(json.dumps({"bytes": size, "grown": peak - resident, "lines": len(page.lines)}))
    """
)


@slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_fifty_megabyte_page_in_bounded_memory() -> None:
    """Promise: a 50 MB page returns, and the process grows by under 10x the input.

    Growth is the peak RSS during ``strip`` minus the resident size just before it
    (an upper bound: the high-water mark may predate the call).
    """
    out = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, str(Path(__file__).parent), "50000000"],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(out.stdout)
    assert result["lines"] > 0
    assert result["grown"] <= MAX_MEMORY_FACTOR * result["bytes"], result


# --------------------------------------------------------------------------- determinism


def _corpus() -> list[str]:
    pages = [random_page(random.Random(seed)) for seed in range(40)]
    pages += list(HOSTILE.values())
    pages += [_shape_news(3), "\n".join(boilerplate_lines())]
    return pages


_DETERMINISM_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import boilerstrip
    pages = json.load(open(sys.argv[1], encoding="ascii"))
    print(json.dumps([boilerstrip.strip(p).to_dict() for p in pages], sort_keys=True))
    """
)


def test_same_output_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Promise: the same input gives the same ``to_dict()`` in every process, whatever ``PYTHONHASHSEED``.

    Set and dict iteration order depends on the hash seed for ``str``; a decision
    that depends on it would differ between these processes.
    """
    corpus = _corpus()
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(corpus, ensure_ascii=True), encoding="ascii")  # lone surrogates as \\ud800
    here = json.dumps([boilerstrip.strip(p).to_dict() for p in corpus], sort_keys=True)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _DETERMINISM_SCRIPT, str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("0", "1", "987654321")
    ]
    for seed, proc in zip(("0", "1", "987654321"), procs):
        stdout, stderr = proc.communicate()
        assert proc.returncode == 0, stderr
        if stdout.strip() != here:
            theirs, ours = json.loads(stdout), json.loads(here)
            page = next(i for i, (a, b) in enumerate(zip(theirs, ours)) if a != b)
            pairs = zip(theirs[page]["lines"] + [theirs[page]], ours[page]["lines"] + [ours[page]])
            diff = next((a, b) for a, b in pairs if a != b)
            pytest.fail(f"PYTHONHASHSEED={seed} labels page {page} of the corpus otherwise: {diff}")


def test_body_labels_are_stable_under_repetition() -> None:
    """Promise: strip keeps no state between calls: a page labels the same before and after others."""
    text = _shape_news(2)
    first = boilerstrip.strip(text).to_dict()
    for other in _corpus()[:10]:
        boilerstrip.strip(other)
    assert boilerstrip.strip(text).to_dict() == first
    assert any(ln["label"] == Label.BODY.value for ln in first["lines"])
