"""The compiled weighing step (``Weigher``, ``native/src/weigh.rs``) against the numpy one.

With ``Config(decoder="fitted")``, :func:`boilerstrip.engine.weigh` weighs, decodes and
explains a page in one call to the compiled core where it runs.  Its answer must be the
Python path's bit for bit: the same path (ties broken as numpy's ``argmax`` breaks them,
the sums taken in the same order), the same explanations holding the *same* ``(name,
weight)`` objects, and the same strongest names.  Checked on the case pages, on evidence
made by hand for each corner (unknown names, lines without names, constraints, ties, pages
whose best path holds no body line, labels without a title, weights of infinity and NaN),
and on generated weights and evidence.  ``test_native_corpus.py`` runs both cores over
every dev page with the fitted decoder as well.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from native_paths import NATIVE_MISSING, both, core, page_differences
from strategies import article_with_boilerplate, property_settings

import boilerstrip
from boilerstrip import Config, Label, engine, native
from boilerstrip.decoding import compiled_weigher, explain_page, viterbi
from boilerstrip.readers import RawLine
from boilerstrip.readers.text import read_text
from boilerstrip.scoring import PRIOR, Weights, default_weights

pytestmark = pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or "")

FITTED = Config(decoder="fitted")
CASES = json.loads((Path(__file__).parent / "cases" / "pages.json").read_text(encoding="utf-8"))

Weighed = tuple[list[int], list[tuple[tuple[str, float], ...]], list[str | None]]
#: Each line's allowed labels: any container of label indices (``viterbi`` asks it with ``in``).
Allowed = list[Any] | None


def reference(evidence: list[list[str]], allowed: Allowed, w: Weights) -> Weighed:
    """What ``engine.weigh`` computes on the Python path (numpy)."""
    ids, lengths = w.encode(evidence)
    path = viterbi(w.line_scores(ids, lengths), w, allowed or ())
    explained, strongest = explain_page(ids, lengths, path, w)
    return path, explained, strongest


def compiled(evidence: Any, allowed: Allowed, w: Weights) -> Weighed | None:
    module = native.built()
    assert module is not None
    return compiled_weigher(module, w).weigh(evidence, allowed)


def assert_same(evidence: list[list[str]], w: Weights, allowed: Allowed = None) -> Weighed:
    """Both paths give the same path, explanations and strongest names, the explanations
    holding the very pair objects of the weights' tables; returns the Python path's answer."""
    want = reference(evidence, allowed, w)
    got = compiled(evidence, allowed, w)
    assert got is not None
    assert got == want
    path, explained, strongest = got
    assert all(type(y) is int for y in path)
    assert all(type(ev) is tuple for ev in explained)
    for a, b in zip(explained, want[1]):
        assert all(p is q for p, q in zip(a, b)), "the same (name, weight) objects"
    for top, expected in zip(strongest, want[2]):
        assert top is expected or top == expected
    return want


def weights(
    labels: tuple[Label, ...], state: dict[str, tuple[float, ...]], trans: list[list[float]] | None = None
) -> Weights:
    k = len(labels)
    table = trans if trans is not None else [[0.0] * k for _ in range(k)]
    return Weights(labels, state, tuple(tuple(r) for r in table), {})


THREE = (Label.BODY, Label.NAVIGATION, Label.TITLE)
SMALL = weights(
    THREE,
    {
        PRIOR: (0.5, 0.2, -1.0),
        "cue:menu": (-2.0, 3.0, -1.0),
        "shape:prose": (2.0, -1.0, -0.5),
        "shape:headline": (-0.5, 0.0, 2.5),
        "tie:a": (1.0, -1.0, 0.0),
        "tie:b": (-1.0, 1.0, 0.0),
        "transition:odd": (9.0, 9.0, 9.0),
    },
    [[0.5, -0.5, -0.2], [-0.5, 0.4, 0.0], [0.3, 0.0, -1.0]],
)


# --- the case pages and the engine ------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_pages_give_the_same_page_on_both_cores(case: dict) -> None:
    text = "\n".join(case["lines"])
    a, b = both(lambda: boilerstrip.strip(text, config=FITTED))
    assert page_differences(a, b) == []
    assert [ln.evidence for ln in a.lines] == [ln.evidence for ln in b.lines]
    for x, y in zip(a.lines, b.lines):
        assert all(p is q for p, q in zip(x.evidence, y.evidence))


def test_engine_weigh_runs_the_compiled_path_and_matches() -> None:
    w = default_weights()
    assert w is not None
    evidence, _ = engine.passes(read_text("\n".join(CASES[0]["lines"])))
    lines = [RawLine(i + 1, f"line {i}") for i in range(len(evidence))]
    a, b = both(lambda: engine.weigh(lines, evidence, w))
    assert a == b
    table = engine.constraints(w.labels)
    allowed = [table.get(names[0]) if names else None for names in evidence]
    assert_same(evidence, w, allowed)


@property_settings(max_examples=30)
@given(article_with_boilerplate())
def test_generated_pages_give_the_same_page_on_both_cores(case: tuple[str, list[int]]) -> None:
    text, _ = case
    a, b = both(lambda: boilerstrip.strip(text, config=FITTED))
    assert page_differences(a, b) == []
    assert [ln.evidence for ln in a.lines] == [ln.evidence for ln in b.lines]


# --- evidence made by hand ----------------------------------------------------------------------


def test_no_lines() -> None:
    assert assert_same([], SMALL) == ([], [], [])
    assert compiled([], None, SMALL) == ([], [], [])


def test_unknown_names_and_lines_without_names() -> None:
    evidence = [[], ["nothing"], ["unknown", PRIOR, "shape:prose"], [], [PRIOR], ["x", "y"], []]
    _, explained, strongest = assert_same(evidence, SMALL)
    assert explained[0] == () and strongest[0] is None
    # the first name has no weights, so no verdict leads: the two known names go by magnitude
    weighed = [abs(w) for _, w in explained[2][:2]]
    assert weighed == sorted(weighed, reverse=True)


def test_every_line_without_names() -> None:
    assert_same([[] for _ in range(5)], SMALL)
    assert_same([[]], SMALL)


def test_constraints_exclude_labels() -> None:
    evidence = [["cue:menu", PRIOR], ["shape:prose"], ["shape:headline"], ["cue:menu"], ["shape:prose"]]
    only_nav, not_body, none = frozenset({1}), frozenset({1, 2}), frozenset[int]()
    assert_same(evidence, SMALL, [None, only_nav, None, not_body, None])
    assert_same(evidence, SMALL, [only_nav, only_nav, only_nav, only_nav, only_nav])
    assert_same(evidence, SMALL, [none, None, none, none, None])  # a line with every label excluded
    assert_same(evidence, SMALL, [none] * 5)
    assert_same(evidence, SMALL, [frozenset({0, 7, -1}), None])  # out of range, and fewer than lines
    assert_same(evidence, SMALL, [None] * 9)  # more than lines
    assert_same(evidence, SMALL, [{1}, [2], (0, 1), None, range(2)])  # any container, asked with `in`


def test_ties_go_to_the_first_label() -> None:
    flat = weights(THREE, {"a": (1.0, 1.0, 1.0), "b": (0.0, 0.0, 0.0)})
    for evidence in ([["a"]], [["a"], ["b"], ["a", "b"]], [["b"]] * 6):
        assert_same(evidence, flat)
    # sums that differ in the last bit: the order of the additions decides.  (0.1 + 0.2) + 0.3
    # is 0.6000000000000001 and beats navigation's 0.6; (0.3 + 0.2) + 0.1 is 0.6 and ties, and a
    # tie goes to the first label
    bits = weights((Label.NAVIGATION, Label.CAPTION), {"p": (0.6, 0.1), "q": (0.0, 0.2), "r": (0.0, 0.3)})
    path, _, _ = assert_same([["p", "q", "r"]], bits)
    assert path == [1]
    path, _, _ = assert_same([["r", "q", "p"]], bits)
    assert path == [0]
    assert_same([["p", "q", "r"], ["r", "q", "p"], ["q", "p", "r"], ["p", "unknown", "q", "r"]], bits)


def test_equal_magnitudes_keep_the_lines_order_in_the_explanation() -> None:
    w = weights(
        THREE,
        {
            "v": (0.0, 0.0, 0.0),
            "a": (1.0, -1.0, 0.0),
            "b": (-1.0, 1.0, 0.0),
            "c": (1.0, 1.0, 0.0),
            PRIOR: (1.0,) * 3,
        },
    )
    path, explained, _ = assert_same([["v", "b", "a", "c", PRIOR], ["v", "c", "a", "b"], ["a", "a"]], w)
    if path[0] in (0, 1):  # every weight of that label is of magnitude 1 but the verdict's
        assert [n for n, _ in explained[0]] == ["v", "b", "a", "c", PRIOR]


def test_the_bias_and_transitions_are_never_the_strongest() -> None:
    evidence = [[PRIOR], ["transition:odd", PRIOR], ["transition:odd", "shape:prose"]]
    _, _, strongest = assert_same(evidence, SMALL)
    assert strongest[0] is None and strongest[1] is None
    assert strongest[2] == "shape:prose"


def test_a_page_whose_best_path_holds_no_body_line_is_decoded_again() -> None:
    """The body chain: a short article under heavy menus keeps its body line where the first
    decode drops it, and a page that says "no body" everywhere stays without one."""
    labels = (Label.BODY, Label.NAVIGATION, Label.TITLE)
    w = weights(labels, {"nav": (0.0, 4.0, -9.0), "prose": (1.5, 0.0, -9.0), "none": (-3.0, 0.0, -9.0)},
                [[0.0, -2.0, 0.0], [-2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    path, _, _ = assert_same([["nav"], ["prose"], ["prose"], ["nav"]], w)
    assert path == [1, 0, 0, 1]
    path, _, _ = assert_same([["nav"], ["none"], ["nav"]], w)
    assert 0 not in path
    # no body label at all: nothing to decode again
    assert_same([["a"], ["b"]], weights((Label.NAVIGATION, Label.TITLE), {"a": (1.0, 0.0), "b": (0.0, 1.0)}))


def test_labels_without_a_title() -> None:
    labels = (Label.BODY, Label.NAVIGATION, Label.CAPTION)
    trans = [[0.5, -1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
    w = weights(labels, {"a": (1.0, 0.5, 0.0), "b": (0.0, 2.0, 1.0)}, trans)
    assert_same([["a"], ["b"], ["a", "b"], ["b", "b"]], w)
    assert_same([["b"]], weights((Label.NAVIGATION,), {"b": (2.0,)}))  # one label, no body, no title


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_infinite_and_nan_weights_are_weighed_as_numpy_weighs_them() -> None:
    inf, nan = float("inf"), float("nan")
    state: dict[str, tuple[float, ...]] = {
        "up": (inf, 0.0, 0.0),
        "down": (-inf, 1.0, 0.0),
        "nan": (nan, 0.0, 1.0),
        "x": (0.5, 0.5, 0.5),
    }
    w = weights(THREE, state)
    pages = ([["up"], ["down"], ["up", "down"]], [["nan"], ["x"]], [["x", "nan"], ["up"]], [["down"]] * 3)
    for evidence in pages:
        ref = reference(evidence, None, w)
        got = compiled(evidence, None, w)
        assert got is not None
        assert repr(got) == repr(ref)  # NaN != NaN: compared as written


def test_pages_the_compiled_core_cannot_read_are_given_back() -> None:
    """A name holding a lone surrogate, a name that is not a str, a line that is not a list: the
    compiled core answers None and ``engine.weigh`` weighs the page with numpy."""
    unreadable: list[Any] = [[["shape:prose"], ["a\ud800"]], [["shape:prose", 3]], [("shape:prose",)]]
    for evidence in unreadable:
        assert compiled(evidence, None, SMALL) is None
        lines = [RawLine(i + 1, "x") for i in range(len(evidence))]
        a, b = both(partial(engine.weigh, lines, evidence, SMALL))
        assert a == b
    assert compiled((["shape:prose"],), None, SMALL) is None


def test_a_weigher_is_built_once_per_set_of_weights() -> None:
    module = native.built()
    assert module is not None
    first = compiled_weigher(module, SMALL)
    assert compiled_weigher(module, SMALL) is first
    other = weights(THREE, {"a": (1.0, 0.0, 0.0)})
    assert compiled_weigher(module, other) is not first
    assert_same([["a"], ["cue:menu"]], other)
    assert_same([["a"], ["cue:menu"]], SMALL)  # and back


def test_malformed_tables_are_refused_not_a_crash() -> None:
    module = native.built()
    assert module is not None
    chain = ([0], [[0.0]], [0.0], [0.0])
    ok = (["a"], [[1.0], [0.0]], [[0], [1]], [False, True], [("a", 1.0), None, ("t", 0.0)], chain, None)
    module.Weigher(*ok)
    bad = [
        (["a"], [[1.0]], [[0], [1]], [False, True], ok[4], chain, None),  # no row for unknown names
        (["a"], [[1.0], [0.0, 1.0]], [[0], [1]], [False, True], ok[4], chain, None),  # ragged
        (["a"], ok[1], ok[2], ok[3], ok[4][:2], chain, None),  # pair table too short
        (["a"], ok[1], ok[2], ok[3], ok[4], ([1], [[0.0]], [0.0], [0.0]), None),  # state past the labels
        (["a"], ok[1], ok[2], ok[3], ok[4], ([0], [[0.0, 1.0]], [0.0], [0.0]), None),  # moves not square
        (["a"], ok[1], ok[2], ok[3], ok[4], chain, (3, chain)),  # body past the labels
    ]
    for args in bad:
        with pytest.raises(ValueError):
            module.Weigher(*args)


def test_a_huge_page() -> None:
    """Fifty thousand lines: no recursion, the same answer."""
    w = default_weights()
    assert w is not None
    names = list(w.state)
    evidence = [[names[(i * 7 + j) % len(names)] for j in range(i % 5)] for i in range(50_000)]
    assert_same(evidence, w)


def test_the_shipped_weights_on_every_verdict_alone() -> None:
    """One line of each verdict the constraints know, with and without its constraint."""
    w = default_weights()
    assert w is not None
    table = engine.constraints(w.labels)
    evidence = [[name, PRIOR] for name in sorted(table)]
    assert_same(evidence, w, [table[name] for name in sorted(table)])
    assert_same(evidence, w)


# --- generated weights and evidence --------------------------------------------------------------

#: Few values, so that sums tie and magnitudes repeat; and any float beside them.
_WEIGHT = st.one_of(
    st.sampled_from([-2.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 2.0, 0.1, 0.2, 0.3]), st.floats(-5, 5)
)
_NAMES = [PRIOR, "a", "b", "c", "d", "transition:x", "unknown", "other"]


@st.composite
def weighed_pages(draw: st.DrawFn) -> tuple[Weights, list[list[str]], Allowed]:
    labels = tuple(draw(st.lists(st.sampled_from(list(Label)), min_size=1, max_size=7, unique=True)))
    k = len(labels)
    row = st.tuples(*[_WEIGHT] * k)
    state = draw(st.dictionaries(st.sampled_from(_NAMES[:6]), row, max_size=6))
    trans = draw(st.lists(st.lists(_WEIGHT, min_size=k, max_size=k), min_size=k, max_size=k))
    evidence = draw(st.lists(st.lists(st.sampled_from(_NAMES), max_size=6), max_size=12))
    sets = st.one_of(st.none(), st.frozensets(st.integers(-1, k), max_size=k + 1))
    allowed = draw(st.one_of(st.none(), st.lists(sets, min_size=len(evidence), max_size=len(evidence))))
    return weights(labels, state, trans), evidence, allowed


@property_settings()
@given(weighed_pages())
def test_generated_weights_and_evidence(case: tuple[Weights, list[list[str]], Allowed]) -> None:
    w, evidence, allowed = case
    assert_same(evidence, w, allowed)


def test_the_python_core_does_not_call_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Any:
        raise AssertionError("the compiled weigher ran on the Python core")

    monkeypatch.setattr(engine, "compiled_weigher", refuse)
    with core("python"):
        page = boilerstrip.strip("\n".join(CASES[0]["lines"]), config=FITTED)
    assert page.lines
