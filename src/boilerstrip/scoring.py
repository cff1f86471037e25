"""The fitted scoring pass: each line's evidence, weighed per label.

The weights are a linear-chain CRF's (Lafferty et al. 2001; for web pages, Spousta et al.
2008): one weight per evidence name and label (state weights) and one per pair of labels on
consecutive lines (transition weights), fitted on the line-labelled corpus by
``python -m benchmarks.train`` and shipped as ``boilerstrip/data/weights.json``.  A line's
score for a label is the sum of the state weights of its evidence; :mod:`boilerstrip.decoding`
adds the transitions and finds the best labelling of the page.

A page is weighed as arrays (:meth:`Weights.encode`, :meth:`Weights.line_scores`): each name
is looked up once, and the tables the arrays index (:attr:`Weights.matrix`, ranks, pairs) are
made once per set of weights and cached on it, as :attr:`Weights.weighed` is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from .model import Label

#: The package's fitted weights.
WEIGHTS = "weights.json"
#: The evidence every line carries: its weights are the labels' priors.
PRIOR = "bias"


@dataclass(frozen=True)
class Weights:
    """Fitted weights: ``state[name]`` is a tuple with one weight per label of ``labels``."""

    labels: tuple[Label, ...]
    state: dict[str, tuple[float, ...]]
    #: ``transitions[a][b]``: the weight of label ``b`` on the line after a line labelled ``a``
    transitions: tuple[tuple[float, ...], ...]
    #: how the weights were fitted (corpus, regularisation, date), for the record
    meta: dict

    @classmethod
    def from_dict(cls, data: dict) -> Weights:
        labels = tuple(Label(x) for x in data["labels"])
        k = len(labels)
        state = {}
        for name, row in data["state"].items():
            if len(row) != k:
                raise ValueError(f"weights for {name!r} have {len(row)} values, not {k}")
            state[name] = tuple(float(w) for w in row)
        trans = tuple(tuple(float(w) for w in row) for row in data["transitions"])
        if len(trans) != k or any(len(r) != k for r in trans):
            raise ValueError("transition weights must be a square table over the labels")
        return cls(labels, state, trans, dict(data.get("meta", {})))

    @cached_property
    def weighed(self) -> tuple[dict[str, tuple[str, float]], ...]:
        """Per label, each evidence name's ``(name, weight)`` pair, made once: every line's
        ``Line.evidence`` shares them, so a page costs a tuple of references a line."""
        return tuple({n: (n, row[j]) for n, row in self.state.items()} for j in range(len(self.labels)))

    @cached_property
    def moves(self) -> tuple[tuple[tuple[str, float], ...], ...]:
        """``moves[a][b]``: the ``("transition:a>b", weight)`` pair, made once."""
        names = [x.value for x in self.labels]
        return tuple(
            tuple((f"transition:{a}>{b}", w) for b, w in zip(names, row))
            for a, row in zip(names, self.transitions)
        )

    @cached_property
    def index(self) -> dict[str, int]:
        """Each evidence name's row of :attr:`matrix`; a name without weights takes the last row."""
        return {n: i for i, n in enumerate(self.state)}

    @cached_property
    def matrix(self) -> np.ndarray:
        """The state weights as an array, one row per name of :attr:`index` and a last row of
        zeros for the names the weights do not know (they weigh nothing for any label)."""
        k = len(self.labels)
        rows = [*self.state.values(), (0.0,) * k]
        return _frozen(np.array(rows, dtype=np.float64).reshape(len(rows), k))

    @cached_property
    def ranks(self) -> np.ndarray:
        """``ranks[i, j]``: where name ``i``'s weight for label ``j`` stands by magnitude among
        that label's weights, 0 for the greatest; equal magnitudes share a rank, so that a
        stable sort by rank keeps a line's order among them (as :func:`decoding.explain` does)."""
        m = self.matrix
        out = np.empty(m.shape, np.intp)
        for j in range(m.shape[1]):
            out[:, j] = np.unique(-np.abs(m[:, j]), return_inverse=True)[1].reshape(-1)
        return _frozen(out)

    @cached_property
    def ranks_top(self) -> int:
        """The greatest of :attr:`ranks`."""
        return int(self.ranks.max())

    @cached_property
    def pair_table(self) -> np.ndarray:
        """Every ``(name, weight)`` pair of :attr:`weighed`, at ``row * k + label``, then every
        pair of :attr:`moves` from :attr:`moves_offset`, at ``a * k + b``: the objects each line's
        ``Line.evidence`` refers to, gathered for a whole page at once."""
        k = len(self.labels)
        table = np.empty(self.moves_offset + k * k, dtype=object)
        for i, name in enumerate(self.state):
            for j in range(k):
                table[i * k + j] = self.weighed[j][name]
        for a, row in enumerate(self.moves):
            for b, pair in enumerate(row):
                table[self.moves_offset + a * k + b] = pair
        return _frozen(table)

    @cached_property
    def unruled(self) -> np.ndarray:
        """Per row of :attr:`matrix`, whether that evidence is never a line's rule: the bias is
        the label's prior, not evidence about the line (see :func:`boilerstrip.engine.weigh`)."""
        return _frozen(np.array([n == PRIOR or n.startswith("transition:") for n in self.state] + [True]))

    @property
    def moves_offset(self) -> int:
        """Where the transitions' pairs start in :attr:`pair_table`, after the state weights'."""
        return (len(self.state) + 1) * len(self.labels)

    def encode(self, evidence: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The page's evidence as rows of :attr:`matrix`, all lines end to end, and each line's
        number of names: looked up once, then shared by :meth:`line_scores` and the decoder's
        explanations."""
        unknown = len(self.state)
        lengths = np.fromiter(map(len, evidence), np.intp, len(evidence))
        flat = chain.from_iterable(evidence)
        ids = np.fromiter(map(self.index.get, flat, repeat(unknown)), np.intp, int(lengths.sum()))
        return ids, lengths

    def line_scores(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """:meth:`scores` of a page as :meth:`encode` gives it: an array, one row per line.

        The names are added one position at a time over all lines at once (the lines padded
        with the zero row), so that each line's sum is taken in the order of its names, as
        :meth:`scores` does: a pairwise or blocked sum (``np.add.reduceat``) may differ in the
        last bit and move a tie in the decoder.
        """
        # scores 0.83 CPU ms/page (encode included) against 3.46 with the loop over
        # each line's names and labels of d2846ef, first 50 AEB pages (scratch A/B in one
        # process, best of 15; the `weigh` row of `python -m benchmarks.stages --decoder fitted`)
        n, k = len(lengths), len(self.labels)
        total = np.zeros((n, k))
        if not n:
            return total
        width = int(lengths.max())
        padded = np.full((n, width), len(self.state), np.intp)
        padded[np.arange(width) < lengths[:, None]] = ids
        m = self.matrix
        for column in padded.T:
            total += m[column]
        return total

    def to_dict(self) -> dict:
        return {
            "labels": [x.value for x in self.labels],
            "state": {n: [round(w, 5) for w in row] for n, row in sorted(self.state.items())},
            "transitions": [[round(w, 5) for w in row] for row in self.transitions],
            "meta": self.meta,
        }

    def scores(self, evidence: list[list[str]]) -> list[list[float]]:
        """One score per label for each line: the sum of its evidence's state weights, taken
        name after name in the line's order (the decoder's ties depend on the last bit).

        >>> w = Weights((Label.BODY, Label.NAVIGATION), {"a": (0.5, 0.0), "b": (-2.0, 1.0)},
        ...             ((0.0, 0.0), (0.0, 0.0)), {})
        >>> w.scores([["a", "b", "unknown"], ["a"]])
        [[-1.5, 1.0], [0.5, 0.0]]
        """
        return self.line_scores(*self.encode(evidence)).tolist()


def _frozen(a: np.ndarray) -> np.ndarray:
    """``a``, read-only: the tables are cached on the weights and shared by every page."""
    a.setflags(write=False)
    return a


def load_path(path: Path) -> Weights:
    return Weights.from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_weights() -> Weights | None:
    """The package's fitted weights, or ``None`` when the package ships none."""
    res = resources.files("boilerstrip") / "data" / WEIGHTS
    if not res.is_file():
        return None
    return Weights.from_dict(json.loads(res.read_text(encoding="utf-8")))
