"""The decoding pass: the best labelling of a page under the fitted weights.

Viterbi's algorithm over the lines of a page (a linear chain): the state scores from
:mod:`boilerstrip.scoring` plus the transition weight between consecutive labels.  Cost is
linear in the number of lines (times the square of the seven labels).
"""

from __future__ import annotations

from .scoring import Weights


def viterbi(scores: list[list[float]], weights: Weights) -> list[int]:
    """Indices into ``weights.labels`` of the best labelling.

    >>> from boilerstrip.model import Label
    >>> w = Weights((Label.BODY, Label.NAVIGATION), {}, ((1.0, 0.0), (0.0, 1.0)), {})
    >>> viterbi([[2.0, 0.0], [0.0, 0.5], [1.0, 0.0]], w)   # staying in body beats a 0.5 switch
    [0, 0, 0]
    """
    if not scores:
        return []
    k = len(weights.labels)
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
    state = weights.state
    weighed = [(n, state[n][label]) for n in names if n in state]
    head = weighed[:1] if names and weighed and weighed[0][0] == names[0] else []
    rest = sorted(weighed[len(head) :], key=lambda nw: -abs(nw[1]))
    out = head + rest
    if previous is not None:
        a, b = weights.labels[previous].value, weights.labels[label].value
        out.append((f"transition:{a}>{b}", weights.transitions[previous][label]))
    return tuple(out)
