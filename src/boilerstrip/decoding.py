"""The decoding pass: the best labelling of a page under the fitted weights.

Viterbi's algorithm over the lines of a page (a linear chain): the state scores from
:mod:`boilerstrip.scoring` plus the transition weight between consecutive labels.  Cost is
linear in the number of lines (times the square of the 13 states: each label but ``title``
before and after the page's headline, and ``title`` itself); a page whose best labelling holds
no body line is decoded once more over those states doubled by "a body line came before"
(:data:`MISSING_BODY_COST`).  The explanations of a page are made at once, in arrays
(:func:`explain_page`), and equal :func:`explain`'s line by line.  The compiled core, where it
runs, does all of this at once for a page (:func:`compiled_weigher`, called by
:func:`boilerstrip.engine.weigh`), over the tables made here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from types import ModuleType
from typing import Any

import numpy as np

from .model import Label
from .scoring import Weights

#: The score of a label a constraint rules out: no path through it can win.
EXCLUDED = float("-inf")


#: What a page's labelling pays for holding no ``title`` line at all.  Nearly every page has
#: one headline (when this was fitted, 118 of the corpus's then 123 pages had one run of title
#: lines, 3 had two, 2 none), so the decoder allows at most one run of title lines and charges a
#: page without one.
#: Leave-site-out (``python -m benchmarks.train``), body / macro F1 and title F1, before -> with
#: this prior at 2: text 0.930 / 0.613, 0.650 -> 0.930 / 0.619, 0.670; HTML 0.974 / 0.786,
#: 0.875 -> 0.974 / 0.794, 0.920; pages cut to their labelled span 0.937 / 0.604, 0.779 ->
#: 0.936 / 0.609, 0.819.  A larger charge (4) takes body lines of texts that hold no headline
#: for one (body 0.959 -> 0.956 on pages cut to their article), a smaller one (1) gains less.
#: On the corpus grown to 326 pages, 2 -> 3 (``python -m benchmarks.train``): text 0.930 / 0.629,
#: title 0.678 -> 0.930 / 0.633, 0.701; HTML 0.971 / 0.818 -> 0.971 / 0.819; span 0.936 / 0.608 ->
#: 0.936 / 0.613; article body 0.959 either way (4 scored as 3).  On a made-up page of five lines
#: (the package's doctest) 2 read the headline under a menu line as a caption.
MISSING_TITLE_COST = 3.0

#: What a page's labelling pays for holding no ``body`` line at all: every page of the corpus
#: has an article.  A short article among long menus (two lines under a menu printed twice)
#: then keeps its place when its lines' evidence says body, even where the transitions into
#: and out of a short run of body cost more than the run gains.  Leave-site-out (``python -m
#: benchmarks.train``, before -> with the prior at 3): text 0.940 / 0.630 -> 0.940 / 0.630 (no
#: text page changes), HTML 0.979 / 0.801 -> 0.980 / 0.802, HTML body on AEB's pages beside
#: the peers 0.965 -> 0.969; the HTML pages whose body F1 is below 0.5 while a peer's is
#: above 0.9: 1 -> 0 (the two-line article under a doubled menu).  Pages cut to their
#: labelled span lose 0.003 of macro F1 (one page's caption).  A cost of 6 labels the same.
MISSING_BODY_COST = 3.0


def viterbi(
    scores: Sequence[Sequence[float]] | np.ndarray,
    weights: Weights,
    allowed: Sequence[frozenset[int] | None] = (),
) -> list[int]:
    """Indices into ``weights.labels`` of the best labelling.

    ``allowed[i]``, where given and not ``None``, holds the only labels line ``i`` may take:
    the constraints the rules declare (:data:`boilerstrip.rules.ALLOWED`), kept by giving
    every other label a score of minus infinity.  Where the labels hold ``title``, the title
    lines form at most one run, and a labelling without any pays :data:`MISSING_TITLE_COST`:
    each state is a label and how far the page is from its headline (before it, in it, after
    it), so the cost stays linear in the lines.  A labelling without any body line pays
    :data:`MISSING_BODY_COST`.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {}, ((1.0, 0.0), (0.0, 1.0)), {})
    >>> viterbi([[2.0, 0.0], [0.0, 0.5], [1.0, 0.0]], w)   # staying in body beats a 0.5 switch
    [0, 0, 0]
    >>> viterbi([[2.0, 0.0], [0.0, 0.5], [1.0, 0.0]], w, [None, frozenset({1})])
    [0, 1, 0]
    >>> t = Weights((Label.BODY, Label.TITLE), {}, ((0.0, 0.0), (0.0, 0.0)), {})
    >>> viterbi([[0.0, 1.0], [1.0, 0.0], [0.0, 0.8]], t)   # one run of title lines at most
    [1, 0, 0]
    >>> viterbi([[1.0, 0.0], [1.5, 0.0], [1.2, 0.0]], t)   # a page without a headline pays for it
    [1, 0, 0]
    """
    if len(scores) == 0:
        return []
    k = len(weights.labels)
    rows = np.array(scores, dtype=float).reshape(len(scores), k)  # a copy: constraints write into it
    for i, a in enumerate(allowed[: len(scores)]):
        if a is not None:
            rows[i, [j for j in range(k) if j not in a]] = EXCLUDED
    states, moves, start, end = _chain(weights.labels, weights.transitions)
    path = _best(rows[:, states], moves, start, end)
    labels = [int(states[s]) for s in path]
    if MISSING_BODY_COST and Label.BODY in weights.labels and weights.labels.index(Label.BODY) not in labels:
        # The best path holds no body line, so it pays the prior: the best path that holds one
        # may now win.  Decoded again over the states doubled by "a body line came before",
        # on such pages only: elsewhere the first answer is the answer.
        states, moves, start, end = _body_chain(weights.labels, weights.transitions)
        labels = [int(states[s]) for s in _best(rows[:, states], moves, start, end)]
    return labels


def _best(emit: np.ndarray, moves: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """The best path through the states, ``emit`` holding one row per line, one column per state."""
    best = emit[0] + start
    back = np.empty(emit.shape, dtype=np.intp)
    cols = np.arange(emit.shape[1])
    for i in range(1, len(emit)):
        cand = best[:, None] + moves
        arg = cand.argmax(axis=0)
        back[i] = arg
        best = cand[arg, cols] + emit[i]
    y = int((best + end).argmax())
    path = [y]
    for i in range(len(emit) - 1, 0, -1):
        y = int(back[i, y])
        path.append(y)
    path.reverse()
    return path


@lru_cache(maxsize=8)
def _body_chain(
    labels: tuple[Label, ...], transitions: tuple[tuple[float, ...], ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_chain`'s states doubled by whether a body line came before (the second half),
    a path that ends without one paying :data:`MISSING_BODY_COST`.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {}, ((0.0, -1.0), (-1.0, 0.0)), {})
    >>> viterbi([[0.0, 1.0], [0.5, 0.0], [0.0, 3.0]], w)   # two switches cost more, the prior more still
    [1, 0, 1]
    >>> viterbi([[0.0, 3.0], [-3.0, 0.0], [0.0, 3.0]], w)   # lines that say "no body" stay so
    [1, 1, 1]
    """
    states, moves, start, end = _chain(labels, transitions)
    n = len(states)
    is_body = states == labels.index(Label.BODY)
    doubled = np.full((2 * n, 2 * n), EXCLUDED)
    doubled[:n, :n][:, ~is_body] = moves[:, ~is_body]  # no body line yet, and still none
    doubled[:n, n:][:, is_body] = moves[:, is_body]  # the first body line
    doubled[n:, n:] = moves  # after it, every move as before
    first = np.concatenate((np.where(is_body, EXCLUDED, start), np.where(is_body, start, EXCLUDED)))
    last = np.concatenate((end - MISSING_BODY_COST, end))
    return np.concatenate((states, states)), doubled, first, last


@lru_cache(maxsize=8)
def _chain(
    labels: tuple[Label, ...], transitions: tuple[tuple[float, ...], ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The decoder's states (label indices), their transition weights, and what a path pays
    to start and to end in each, made once per set of weights.  Without a ``title`` label
    the states are the labels."""
    k = len(labels)
    trans = np.array(transitions, dtype=float)
    if Label.TITLE not in labels:
        return np.arange(k), trans, np.zeros(k), np.zeros(k)
    t = labels.index(Label.TITLE)
    others = [j for j in range(k) if j != t]
    # phase 0: before the headline, 1: in it (the title label alone), 2: after it
    phases = [0] * len(others) + [1] + [2] * len(others)
    states = np.array([*others, t, *others])
    step = {(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)}
    n = len(states)
    moves = np.full((n, n), EXCLUDED)
    for x in range(n):
        for y in range(n):
            if (phases[x], phases[y]) in step:
                moves[x, y] = trans[states[x], states[y]]
    start = np.array([EXCLUDED if p == 2 else 0.0 for p in phases])
    end = np.array([-MISSING_TITLE_COST if p == 0 else 0.0 for p in phases])
    return states, moves, start, end


def explain(
    names: list[str], label: int, previous: int | None, weights: Weights
) -> tuple[tuple[str, float], ...]:
    """The evidence weighed for a line's label: its context-free verdict first, then the rest
    by weight, strongest first, and the transition from the previous line's label.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {"a": (0.5, 0.0), "b": (-2.0, 1.0)},
    ...             ((0.3, 0.0), (0.0, 0.0)), {})
    >>> explain(["b", "a"], 0, 0, w)
    (('b', -2.0), ('a', 0.5), ('transition:body>body', 0.3))
    """
    pairs = weights.weighed[label]
    weighed = list(filter(None, map(pairs.get, names)))  # the names with weights, in order
    head = weighed[:1] if names and names[0] in pairs else []
    rest = sorted(weighed[len(head) :], key=lambda nw: -abs(nw[1]))
    out = head + rest
    if previous is not None:
        out.append(weights.moves[previous][label])
    return tuple(out)


#: Lines explained at once by :func:`explain_page`: its arrays stay a few hundred kilobytes
#: on a page of any length.
BLOCK_LINES = 1024


def explain_page(
    ids: np.ndarray, lengths: np.ndarray, path: list[int], weights: Weights
) -> tuple[list[tuple[tuple[str, float], ...]], list[str | None]]:
    """:func:`explain` for every line of a page, and each line's strongest evidence: the
    first of its explanation with the greatest weight, the bias and transitions left out, or
    ``None`` where no such evidence weighs more than zero.

    ``ids`` and ``lengths`` are the page's evidence as :meth:`Weights.encode` gives them.  The
    explanations are one stable sort of the page's (line, rank) keys, where the rank orders
    the weights by magnitude (:attr:`Weights.ranks`), the line's verdict ranks first and its
    transition last: the order that :func:`explain`'s sort of each line gives.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {"a": (0.5, 0.0), "b": (-2.0, 1.0)},
    ...             ((0.3, 0.0), (0.0, 0.0)), {})
    >>> evidence = [["b", "a"], ["x", "a", "b"]]
    >>> explain_page(*w.encode(evidence), [0, 1], w)
    ([(('b', -2.0), ('a', 0.5)), (('b', 1.0), ('a', 0.0), ('transition:body>navigation', 0.0))], ['a', 'b'])
    >>> [explain(evidence[0], 0, None, w), explain(evidence[1], 1, 0, w)] == _[0]
    True
    """
    explained: list[tuple[tuple[str, float], ...]] = []
    strongest: list[str | None] = []
    starts = np.zeros(len(lengths) + 1, np.intp)
    np.cumsum(lengths, out=starts[1:])
    for first in range(0, len(lengths), BLOCK_LINES):
        last = min(first + BLOCK_LINES, len(lengths))
        block = slice(int(starts[first]), int(starts[last]))
        ev, top = _explain_block(ids[block], lengths[first:last], path, first, weights)
        explained += ev
        strongest += top
    return explained, strongest


def _explain_block(
    ids: np.ndarray, lengths: np.ndarray, path: list[int], first: int, weights: Weights
) -> tuple[list[tuple[tuple[str, float], ...]], list[str | None]]:
    """:func:`explain_page` of the lines ``first`` … ``first + len(lengths) - 1``."""
    n, k = len(lengths), len(weights.labels)
    unknown = len(weights.state)
    y = np.asarray(path[first : first + n], np.intp)
    line = np.repeat(np.arange(n), lengths)
    opens = np.zeros(len(ids), bool)  # the line's first name: its context-free verdict
    opens[(np.cumsum(lengths) - lengths)[lengths > 0]] = True
    if (ids == unknown).any():  # names without weights are not weighed
        known = ids != unknown
        ids, line, opens = ids[known], line[known], opens[known]
    code = ids * k + y[line]  # flat indices into the (name, label) tables
    rank = weights.ranks.ravel()[code] + 1
    rank[opens] = 0
    weight = weights.matrix.ravel()[code]
    weight[weights.unruled[ids]] = EXCLUDED  # the bias is never the rule
    # the transition from the line before, ranked after every state weight
    moved = np.arange(1 if first == 0 else 0, n)
    before = np.asarray(path[first - 1 : first + n - 1] if first else path[: n - 1], np.intp)
    last = weights.ranks_top + 2
    line = np.concatenate((line, moved))
    rank = np.concatenate((rank, np.full(len(moved), last)))
    weight = np.concatenate((weight, np.full(len(moved), EXCLUDED)))
    code = np.concatenate((code, weights.moves_offset + before * k + y[moved]))
    # explanations and rules 1.27 CPU ms/page (Weights.encode included) against 3.72 with
    # explain() and max() on every line, first 50 AEB pages (the `explain` row of
    # `python -m benchmarks.stages --decoder fitted`, here and at d2846ef)
    order = np.argsort(line * (last + 1) + rank, kind="stable")
    pairs = weights.pair_table[code[order]].tolist()
    weight = weight[order]
    counts = np.bincount(line, minlength=n)
    ends = np.cumsum(counts)
    explained = [tuple(pairs[e - c : e]) for e, c in zip(ends.tolist(), counts.tolist())]
    strongest: list[str | None] = [None] * n
    full = np.flatnonzero(counts)
    if len(full):
        at = (ends - counts)[full]
        top = np.maximum.reduceat(weight, at)
        # the first position of each line's greatest weight, as max() picks the first
        where = np.where(weight == np.repeat(top, counts[full]), np.arange(len(weight)), len(weight))
        pick = np.minimum.reduceat(where, at)
        for i, t, p in zip(full.tolist(), top.tolist(), pick.tolist()):
            if t > 0:
                strongest[i] = pairs[p][0]
    return explained, strongest


#: The compiled weigher of the last weights weighed with, beside them (their tables are handed
#: to the extension once; a page weighed with other weights builds another in their place).
_WEIGHER: list[tuple[Weights, Any]] = []


def compiled_weigher(compiled: ModuleType, weights: Weights) -> Any:
    """The extension's ``Weigher`` for these weights, built on first use: :func:`viterbi` and
    :func:`explain_page` in one call (``Weigher.weigh``), over the tables of the weights and of
    :func:`_chain` and :func:`_body_chain`, so that the chains keep one definition, here."""
    if not _WEIGHER or _WEIGHER[0][0] is not weights:
        labels, transitions = weights.labels, weights.transitions
        tables = tuple(a.tolist() for a in _chain(labels, transitions))
        body = None
        if MISSING_BODY_COST and Label.BODY in labels:  # as viterbi decides to decode again
            body = (labels.index(Label.BODY), tuple(a.tolist() for a in _body_chain(labels, transitions)))
        weigher = compiled.Weigher(
            list(weights.state),
            weights.matrix.tolist(),
            weights.ranks.tolist(),
            weights.unruled.tolist(),
            weights.pair_table.tolist(),  # the pair objects themselves: every line's evidence shares them
            tables,
            body,
        )
        _WEIGHER[:] = [(weights, weigher)]
    return _WEIGHER[0][1]
