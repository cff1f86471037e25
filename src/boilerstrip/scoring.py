"""The fitted scoring pass: each line's evidence, weighed per label.

The weights are a linear-chain CRF's (Lafferty et al. 2001; for web pages, Spousta et al.
2008): one weight per evidence name and label (state weights) and one per pair of labels on
consecutive lines (transition weights), fitted on the line-labelled corpus by
``python -m benchmarks.train`` and shipped as ``boilerstrip/data/weights.json``.  A line's
score for a label is the sum of the state weights of its evidence; :mod:`boilerstrip.decoding`
adds the transitions and finds the best labelling of the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

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

    def to_dict(self) -> dict:
        return {
            "labels": [x.value for x in self.labels],
            "state": {n: [round(w, 5) for w in row] for n, row in sorted(self.state.items())},
            "transitions": [[round(w, 5) for w in row] for row in self.transitions],
            "meta": self.meta,
        }

    def scores(self, evidence: list[list[str]]) -> list[list[float]]:
        """One score per label for each line: the sum of its evidence's state weights."""
        k = len(self.labels)
        zero = (0.0,) * k
        state = self.state
        out = []
        for names in evidence:
            total = [0.0] * k
            for name in names:
                row = state.get(name, zero)
                for j in range(k):
                    total[j] += row[j]
            out.append(total)
        return out


def load_path(path: Path) -> Weights:
    return Weights.from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_weights() -> Weights | None:
    """The package's fitted weights, or ``None`` when the package ships none."""
    res = resources.files("boilerstrip") / "data" / WEIGHTS
    if not res.is_file():
        return None
    return Weights.from_dict(json.loads(res.read_text(encoding="utf-8")))
