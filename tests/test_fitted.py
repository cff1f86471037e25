"""The fitted passes: evidence, scoring and decoding (``Config(decoder="fitted")``)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import article_with_boilerplate, property_settings

import boilerstrip
from boilerstrip import Config, Label
from boilerstrip.decoding import MISSING_BODY_COST, MISSING_TITLE_COST, viterbi
from boilerstrip.engine import passes
from boilerstrip.readers.text import read_text
from boilerstrip.scoring import PRIOR, Weights, default_weights

PAGE = "\n".join(
    [
        "Home",
        "World",
        "Storm closes ports across the northern coast",
        "By Jane Doe, Reuters",
        "The storm reached the coast on Tuesday night, forcing the authorities to close three ports.",
        "Officials said the closures would last at least two days while crews inspect the piers.",
        "Read more",
        "Rail strike ends after two weeks",
        "Comments",
        "Great article, thanks for the update.",
    ]
)
FITTED = Config(decoder="fitted")


def test_the_package_ships_weights_over_the_seven_labels() -> None:
    w = default_weights()
    assert w is not None
    assert {x.value for x in w.labels} == {x.value for x in Label}
    assert w.meta.get("command") == "python -m benchmarks.train"
    assert "bias" in w.state


def test_every_line_carries_its_evidence_with_the_context_free_verdict_first() -> None:
    page = boilerstrip.strip(PAGE, config=FITTED)
    evidence, _ = passes(read_text(PAGE))
    assert len(page.lines) == len(evidence)
    for line, names in zip(page.lines, evidence):
        assert line.evidence, line
        assert line.evidence[0][0] == names[0]
        assert names[0].startswith(("cue:", "markup:", "shape:"))


def test_rule_is_the_evidence_that_weighed_most_for_the_label() -> None:
    page = boilerstrip.strip(PAGE, config=FITTED)
    for line in page.lines:
        state = [(n, w) for n, w in line.evidence if n != PRIOR and not n.startswith("transition:")]
        top = max(state, key=lambda nw: nw[1])
        assert line.rule == (top[0] if top[1] > 0 else state[0][0])


def test_evidence_replays_to_the_decoded_labels() -> None:
    """The weights a line reports, summed, are its score; the decoder's path maximises the sum
    of those scores and the transitions (checked against every other label of each line)."""
    w = default_weights()
    assert w is not None
    page = boilerstrip.strip(PAGE, config=FITTED)
    evidence, _ = passes(read_text(PAGE))
    scores = w.scores(evidence)
    for line, names, row in zip(page.lines, evidence, scores):
        k = w.labels.index(line.label)
        reported = sum(wt for n, wt in line.evidence if not n.startswith("transition:"))
        assert abs(reported - row[k]) < 1e-9
        assert len([n for n in names if n in w.state]) == len(line.evidence) - (line is not page.lines[0])


def test_the_rules_decoder_keeps_the_hand_passes_and_no_evidence() -> None:
    page = boilerstrip.strip(PAGE, config=Config(decoder="rules"))
    assert all(line.evidence == () for line in page.lines)
    assert page.lines[0].rule.startswith("cue:")


def _brute_force(scores: list[list[float]], w: Weights) -> float:
    """The best total over every path the decoder may take: at most one run of title lines,
    :data:`MISSING_TITLE_COST` off a path without any, :data:`MISSING_BODY_COST` off a path
    without a body line."""
    k = len(w.labels)
    title = w.labels.index(Label.TITLE)
    best = float("-inf")
    for path in itertools.product(range(k), repeat=len(scores)):
        runs = sum(1 for i, y in enumerate(path) if y == title and (i == 0 or path[i - 1] != title))
        if runs > 1:
            continue
        total = _total(scores, w, path)
        best = max(best, total)
    return best


def _total(scores: list[list[float]], w: Weights, path: Sequence[int]) -> float:
    total = sum(scores[i][y] for i, y in enumerate(path))
    total += sum(w.transitions[a][b] for a, b in itertools.pairwise(path))
    if w.labels.index(Label.TITLE) not in path:
        total -= MISSING_TITLE_COST
    if w.labels.index(Label.BODY) not in path:
        total -= MISSING_BODY_COST
    return total


def chains(*per_line: st.SearchStrategy) -> st.SearchStrategy:
    """Pages of 1 to 5 lines over three labels: state scores, a transition table, and one draw of
    each of ``per_line`` for every line."""

    def page(n: int) -> st.SearchStrategy:
        return st.tuples(
            st.lists(st.lists(st.floats(-3, 3), min_size=3, max_size=3), min_size=n, max_size=n),
            st.lists(st.lists(st.floats(-2, 2), min_size=3, max_size=3), min_size=3, max_size=3),
            *(st.lists(s, min_size=n, max_size=n) for s in per_line),
        )

    return st.integers(1, 5).flatmap(page)


@settings(max_examples=60, deadline=None)
@given(chains())
def test_viterbi_finds_the_best_path(case: tuple[list[list[float]], list[list[float]]]) -> None:
    scores, trans = case
    w = Weights((Label.BODY, Label.NAVIGATION, Label.TITLE), {}, tuple(map(tuple, trans)), {})
    path = viterbi(scores, w)
    assert abs(_total(scores, w, path) - _brute_force(scores, w)) < 1e-9


def test_a_page_keeps_a_short_article_that_its_switches_would_cost() -> None:
    """Two body-scored lines among menu lines: the two switches into and out of body cost more
    than the lines gain, the missing-body prior more still."""
    labels = (Label.BODY, Label.NAVIGATION, Label.TITLE)
    w = Weights(labels, {}, ((0.0, -2.0, 0.0), (-2.0, 0.0, 0.0), (0.0, 0.0, 0.0)), {})
    scores = [[0.0, 4.0, -9.0], [1.5, 0.0, -9.0], [1.5, 0.0, -9.0], [0.0, 4.0, -9.0]]
    assert _total(scores, w, [1, 1, 1, 1]) + MISSING_BODY_COST > _total(scores, w, [1, 0, 0, 1])
    assert viterbi(scores, w) == [1, 0, 0, 1]


def test_weights_refuse_a_malformed_table() -> None:
    import pytest

    with pytest.raises(ValueError, match="square"):
        Weights.from_dict({"labels": ["body", "title"], "state": {}, "transitions": [[0.0]]})
    with pytest.raises(ValueError, match="values"):
        Weights.from_dict({"labels": ["body"], "state": {"x": [1.0, 2.0]}, "transitions": [[0.0]]})


@settings(max_examples=60, deadline=None)
@given(chains(st.sampled_from([None, frozenset({1, 2}), frozenset({2})])))
def test_viterbi_finds_the_best_path_among_the_allowed_labels(case: tuple) -> None:
    """The constrained decoder's path keeps every line's allowed labels and is the best such path."""
    scores, trans, allowed = case
    w = Weights((Label.BODY, Label.NAVIGATION, Label.TITLE), {}, tuple(map(tuple, trans)), {})
    path = viterbi(scores, w, allowed)
    assert all(a is None or y in a for y, a in zip(path, allowed))
    masked = [
        [s if a is None or j in a else -1e9 for j, s in enumerate(row)] for row, a in zip(scores, allowed)
    ]
    assert abs(_total(masked, w, path) - _brute_force(masked, w)) < 1e-6


def test_the_constraints_are_fields_of_the_rules() -> None:
    """``ALLOWED`` is read off the cue rules' ``never_body`` and ``decides`` fields, nothing else."""
    from boilerstrip.rules import ALLOWED, CUE_RULES

    for rule in CUE_RULES:
        labels = ALLOWED.get(f"cue:{rule.name}")
        if rule.decides:
            assert labels == {rule.label}
        elif rule.never_body:
            assert labels == set(Label) - {Label.BODY}
        else:
            assert labels is None


@property_settings()
@given(article_with_boilerplate())
def test_lexicon_boilerplate_never_lands_in_the_body_under_the_fitted_decoder(case) -> None:
    """The README's promise (``tests/test_properties.py``) holds for the fitted decoder too: the
    cue rules that claim lexicon boilerplate declare ``never_body`` and the decoder keeps it."""
    text, boilerplate = case
    page = boilerstrip.strip(text, config=FITTED)
    labels = {ln.number: ln for ln in page.lines}
    assert not [labels[n] for n in boilerplate if labels[n].label is Label.BODY]


def test_fitted_memory_stays_linear_and_small() -> None:
    """The memory promise (``tests/test_robustness.py``) holds for the fitted decoder: evidence
    names are interned and ``Line.evidence`` shares one ``(name, weight)`` pair per name."""
    import tracemalloc

    text = "\n".join(f"Menu entry {i}" for i in range(10_000))
    boilerstrip.strip("warm up\n" + PAGE, config=FITTED)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        page = boilerstrip.strip(text, config=FITTED)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(page.lines) == 10_000
    assert peak <= 10 * len(text.encode("utf-8")) + 2048 * 10_000


#: The share of the lexicons' whole-line header and menu entries that the fitted decoder, like
#: the hand passes (``tests/test_lexicons.py``), labels as their key says when each stands alone
#: after two paragraphs: last measured 2,786 of 2,786 (2,784 with the weights before; 2,675 while the
#: navigation-phrase cue came before the whole-line rules and took their entries that hold a
#: phrase, without their never_body).  Two paragraphs and a line say little of position and
#: neighbours, so a few entries go otherwise; the test prints which.
FITTED_LEXICON_FLOOR = 0.99


def test_the_fitted_decoder_labels_most_lexicon_entries_as_their_key_says() -> None:
    from test_lexicons import FILES

    prose = (
        "The committee met on Monday to review the proposal, and its members agreed that the plan "
        "should go ahead after a short public consultation."
    )
    keys = {
        "related_headers": Label.RELATED_LINK,
        "comment_headers": Label.POLL_COMMENT,
        "navigation_headers": Label.NAVIGATION,
        "menu_entries": Label.NAVIGATION,
    }
    wrong, total = [], 0
    for name, data in FILES.items():
        for key, label in keys.items():
            for phrase in data[key]:
                total += 1
                last = boilerstrip.strip(f"{prose}\n{prose}\n{phrase}", config=FITTED).lines[-1]
                if last.label is not label:
                    wrong.append((name, phrase, last.label.value))
    share = 1 - len(wrong) / total
    print(f"{total - len(wrong)} of {total} ({share:.3f}); otherwise: {wrong}")
    assert share >= FITTED_LEXICON_FLOOR, f"{total - len(wrong)} of {total}"
