"""The measures: character-weighted line labels, bag-of-words / shingle F1, snippets.

Three kinds of ground truth need three measures:

* line gold (seeds, Arabic, rendered pages): per-label precision/recall/F1
  where each line weighs its stripped length, so that a 300-character
  paragraph counts more than a one-word menu item;
* a gold body text (AEB, Readability, Arabic): AEB's own measure, shingles
  of 4 ``\\w+`` tokens, and the same with single tokens (a bag of words);
  these apply to any system's output text, line labeller or not;
* must-have / must-not-have snippets (trafilatura): trafilatura's
  whitespace-normalised substring match, summed over pages.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

#: The seven labels of LABELS.md, in the order tables show them.
LABELS = ("body", "title", "attribution", "navigation", "caption", "related-link", "poll-comment")


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty denominator gives 0.

    >>> prf(1, 1, 0)
    (0.5, 1.0, 0.6666666666666666)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class LabelCounts:
    """Character-weighted confusion counts per label, summed over the pages of a suite."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    support: Counter[str] = field(default_factory=Counter)
    #: Characters by (gold label, predicted label): where each label's text goes (``None``: no label).
    confusion: Counter[tuple[str, str | None]] = field(default_factory=Counter)

    def add(self, lines: list[str], gold: list[str | None], pred: list[str | None]) -> None:
        """Count one page; ``None`` in ``gold`` means "not judged" and the line is skipped.

        A judged line with no prediction (``None`` in ``pred``) is a miss for its gold label.
        """
        for text, g, p in zip(lines, gold, pred, strict=True):
            if g is None:
                continue
            w = len(text.strip())
            self.support[g] += w
            self.confusion[g, p] += w
            if p == g:
                self.tp[g] += w
            else:
                self.fn[g] += w
                if p is not None:
                    self.fp[p] += w

    def scores(self, labels: tuple[str, ...] = LABELS) -> dict[str, dict[str, float]]:
        """``{label: {precision, recall, f1, support}}`` for ``labels`` (support in characters)."""
        out = {}
        for lab in labels:
            p, r, f = prf(self.tp[lab], self.fp[lab], self.fn[lab])
            out[lab] = {"precision": p, "recall": r, "f1": f, "support": int(self.support[lab])}
        return out

    def shares(self, labels: tuple[str, ...] = LABELS) -> dict[str, dict[str, float]]:
        """``{gold: {predicted: share of the gold label's characters}}``, rows summing to 1.

        >>> c = LabelCounts()
        >>> c.add(["By Jane Doe", "Photo: Ann Roe"], ["attribution", "caption"], ["attribution", "body"])
        >>> c.shares(("attribution", "caption"))["caption"]
        {'body': 1.0}
        """
        out: dict[str, dict[str, float]] = {}
        for g in labels:
            if self.support[g]:
                row = {str(p): w / self.support[g] for (gg, p), w in self.confusion.items() if gg == g}
                out[g] = dict(sorted(row.items(), key=lambda kv: -kv[1]))
        return out

    def macro_f1(self, labels: tuple[str, ...] = LABELS) -> tuple[float, int]:
        """Mean F1 over the labels of ``labels`` that occur in the gold, and how many there were.

        Labels absent from a suite's gold are left out: an F1 for them is
        undefined, and wrong predictions of them already cost the true label recall.
        """
        present = [lab for lab in labels if self.support[lab] > 0]
        if not present:
            return 0.0, 0
        return statistics.fmean(prf(self.tp[lab], self.fp[lab], self.fn[lab])[2] for lab in present), len(
            present
        )


# --- AEB's measure (scrapinghub/article-extraction-benchmark, evaluate.py) -------------

_AEB_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _AEB_TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_tp_fp_fn(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """One page's (tp, fp, fn) over n-token shingles, normalised to sum to 1.

    This is AEB's ``string_shingle_matching``; with ``n=1`` it is a plain bag
    of words.  Normalising per page keeps long pages from outweighing short ones.
    """
    t, p = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _aeb_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _aeb_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aeb_aggregate(per_page: list[tuple[float, float, float]]) -> dict[str, float]:
    """AEB's ``metrics_from_tp_fp_fns``: mean page precision (pages with output), mean page recall.

    A page with no output lowers recall but not precision, exactly as in AEB.
    """
    ps = [_aeb_precision(*x) for x in per_page if x[0] + x[1] > 0]
    rs = [_aeb_recall(*x) for x in per_page if x[0] + x[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages": len(per_page)}


# --- trafilatura's snippet measure (tests/evaluate.py, tests/eval_gate.py) ---------------

_WS = re.compile(r"\s+")


def _ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def snippet_counts(output: str | None, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page: must-have snippets found, must-not-have snippets found.

    >>> snippet_counts("The  cat sat.\\nHome", ["cat sat"], ["Home", "Imprint"])
    (1, 1, 0, 1)
    """
    if output:
        out = _ws(output)
        tp = sum(1 for s in with_ if _ws(s) in out)
        fp = sum(1 for s in without if _ws(s) in out)
    else:
        tp = fp = 0
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_aggregate(per_page: list[tuple[int, int, int, int]]) -> dict[str, float]:
    """Sum the counts over pages, then precision/recall/F1 and accuracy, as trafilatura reports them."""
    tp = sum(x[0] for x in per_page)
    fp = sum(x[1] for x in per_page)
    fn = sum(x[2] for x in per_page)
    tn = sum(x[3] for x in per_page)
    p, r, f = prf(tp, fp, fn)
    total = tp + fp + fn + tn
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "accuracy": (tp + tn) / total if total else 0.0,
        "pages": len(per_page),
    }
