"""The decoding pass: the best labelling of a page under the fitted weights.

Viterbi's algorithm over the lines of a page (a linear chain): the state scores from
:mod:`boilerstrip.scoring` plus the transition weight between consecutive labels.  Cost is
linear in the number of lines (times the square of the seven labels).
"""

from __future__ import annotations

from collections.abc import Sequence

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
        scores = [
            row if a is None else [s if j in a else EXCLUDED for j, s in enumerate(row)]
            for row, a in zip(scores, [*allowed, *[None] * (len(scores) - len(allowed))])
        ]
    trans = weights.transitions
    best = list(scores[0])
    back: list[list[int]] = []
    for row in scores[1:]:
        prev = best
        best = [0.0] * k
        ptr = [0] * k
        for b in range(k):
            arg, top = 0, prev[0] + trans[0][b]
            for a in range(1, k):
                s = prev[a] + trans[a][b]
                if s > top:
                    arg, top = a, s
            best[b] = top + row[b]
            ptr[b] = arg
        back.append(ptr)
    y = max(range(k), key=best.__getitem__)
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
    weighed = [pairs[n] for n in names if n in pairs]
    head = weighed[:1] if names and weighed and weighed[0][0] == names[0] else []
    rest = sorted(weighed[len(head) :], key=lambda nw: -abs(nw[1]))
    out = head + rest
    if previous is not None:
        out.append(weights.moves[previous][label])
    return tuple(out)
