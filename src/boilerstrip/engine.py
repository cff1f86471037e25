"""The classifier engine: features, then the context-free pass, then the context pass.

The engine never names a word, a language or a tag: words live in the
lexicons (:mod:`boilerstrip.lexicon`), markup cues in the readers and
:mod:`boilerstrip.markup_rules`, thresholds in :class:`boilerstrip.Config`.
"""

from __future__ import annotations

from functools import lru_cache

from .config import DEFAULT, Config
from .context import Decided, decide
from .decoding import explain, viterbi
from .evidence import gather
from .features import Features, measure
from .fields import read_fields
from .lexicon import Lexicons, load
from .markup_rules import ALLOWED as MARKUP_ALLOWED
from .markup_rules import judge_markup
from .model import Label, Line, Page
from .readers import PageMeta, RawLine
from .rules import ALLOWED as CUE_ALLOWED
from .rules import Verdict, judge
from .scoring import PRIOR, Weights, default_weights


def classify(lines: list[RawLine], meta: PageMeta | None = None, config: Config | None = None) -> Page:
    """Label every line and read the page's title and sources.

    ``lines`` come from a reader (:mod:`boilerstrip.readers`); ``meta`` is
    what the page's metadata says, where the reader can tell.
    """
    cfg = config or DEFAULT
    lex = load()
    if not lines:
        return Page(lines=[], title=meta.title if meta else None, sources=[], language=None)
    feats, verdicts, decided = _run_passes(lines, lex, cfg)
    weights = default_weights() if cfg.decoder == "fitted" else None
    if weights is None:
        out = [
            Line(raw.number, raw.text, label, rule) for raw, (label, rule) in zip(lines, decided.decisions())
        ]
    else:
        evidence = gather(feats, verdicts, decided, lex)
        del feats, verdicts, decided  # weighing reads the evidence only: free the passes' memory
        out = weigh(lines, evidence, weights)
        del evidence
    fields = read_fields(out, meta, lex)
    return Page(out, fields.title, fields.sources, fields.language, fields.date)


def passes(lines: list[RawLine], config: Config | None = None) -> tuple[list[list[str]], Decided]:
    """The evidence of every line and the hand-written passes' own verdicts (for training)."""
    cfg = config or DEFAULT
    lex = load()
    if not lines:
        return [], Decided([], [])
    feats, verdicts, decided = _run_passes(lines, lex, cfg)
    return gather(feats, verdicts, decided, lex), decided


def _run_passes(
    lines: list[RawLine], lex: Lexicons, cfg: Config
) -> tuple[list[Features], list[Verdict], Decided]:
    """Measurement, the context-free pass and the context pass, shared by labelling and training."""
    feats, _ = measure(lines, lex, cfg)
    verdicts = [judge(f, lex, cfg, judge_markup) for f in feats]
    return feats, verdicts, decide(feats, verdicts, cfg)


def weigh(lines: list[RawLine], evidence: list[list[str]], weights: Weights) -> list[Line]:
    """Label the lines by the fitted weights; each line keeps the evidence that was weighed.

    ``Line.rule`` is the evidence that weighed most for the chosen label (the context-free
    verdict when nothing weighed for it); the ``bias`` every line carries is the label's prior,
    not evidence about the line, and is never the rule.
    """
    table = constraints(weights.labels)
    allowed = [table.get(names[0]) if names else None for names in evidence]
    path = viterbi(weights.scores(evidence), weights, allowed)
    out = []
    for k, (raw, names, y) in enumerate(zip(lines, evidence, path)):
        ev = explain(names, y, path[k - 1] if k else None, weights)
        top = max(
            (nw for nw in ev if nw[0] != PRIOR and not nw[0].startswith("transition:")),
            key=lambda nw: nw[1],
            default=None,
        )
        rule = top[0] if top is not None and top[1] > 0 else names[0]
        out.append(Line(raw.number, raw.text, weights.labels[y], rule, ev))
    return out


@lru_cache(maxsize=4)
def constraints(labels: tuple[Label, ...]) -> dict[str, frozenset[int]]:
    """The rules' constraints (:data:`boilerstrip.rules.ALLOWED`, :data:`boilerstrip.markup_rules.ALLOWED`)
    by context-free verdict, as indices into ``labels``: what :func:`viterbi` keeps."""
    index = {x: j for j, x in enumerate(labels)}
    return {
        name: frozenset(index[x] for x in allowed if x in index)
        for name, allowed in {**CUE_ALLOWED, **MARKUP_ALLOWED}.items()
    }
