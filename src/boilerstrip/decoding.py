"""The decoding pass: the best labelling of a page under the fitted weights.

Viterbi's algorithm over the lines of a page (a linear chain): the state scores from
:mod:`boilerstrip.scoring` plus the transition weight between consecutive labels.  Cost is
linear in the number of lines (times the square of the seven labels).  The explanations of a
page are made at once, in arrays (:func:`explain_page`), and equal :func:`explain`'s line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

import numpy as np

from .scoring import Weights

#: The score of a label a constraint rules out: no path through it can win.
EXCLUDED = float("-inf")


def viterbi(
    scores: list[list[float]], weights: Weights, allowed: Sequence[frozenset[int] | None] = ()
) -> list[int]:
    """Indices into ``weights.labels`` of the best labelling.

    ``allowed[i]``, where given and not ``None``, holds the only labels line ``i`` may take:
    the constraints the rules declare (:data:`boilerstrip.rules.ALLOWED`), kept by giving
    every other label a score of minus infinity.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {}, ((1.0, 0.0), (0.0, 1.0)), {})
    >>> viterbi([[2.0, 0.0], [0.0, 0.5], [1.0, 0.0]], w)   # staying in body beats a 0.5 switch
    [0, 0, 0]
    >>> viterbi([[2.0, 0.0], [0.0, 0.5], [1.0, 0.0]], w, [None, frozenset({1})])
    [0, 1, 0]
    """
    if not scores:
        return []
    k = len(weights.labels)
    if any(a is not None for a in allowed):
        scores = list(scores)  # the caller's rows stay as they were
        for i, keep in enumerate(allowed[: len(scores)]):
            if keep is not None:
                scores[i] = [s if j in keep else EXCLUDED for j, s in enumerate(scores[i])]
    # the transitions into each label as one tuple, appended to lists rather than stored by
    # index: viterbi 0.76 CPU ms/page against 1.01 on the first 50 AEB pages (scratch A/B of
    # d2846ef's decoding.py and this one in one process, best of 15: /tmp/speed/ab.py).  numpy
    # on each line (a 7 x 7 sum, argmax) took 1.5, slower than these Python floats.
    columns = weights.columns
    rest = range(1, k)
    best = list(scores[0])
    back: list[list[int]] = []
    for row in islice(scores, 1, None):
        prev = best
        best = []
        ptr = []
        for col, here in zip(columns, row):
            arg, top = 0, prev[0] + col[0]
            for a in rest:
                s = prev[a] + col[a]
                if s > top:
                    arg, top = a, s
            best.append(top + here)
            ptr.append(arg)
        back.append(ptr)
    y = best.index(max(best))  # the first best label, as max(range(k), key=...) gives
    path = [y]
    for ptr in reversed(back):
        y = ptr[y]
        path.append(y)
    path.reverse()
    return path


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
    # explain() and max() on every line, first 50 AEB pages (/tmp/speed/ab.py, as viterbi's)
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
