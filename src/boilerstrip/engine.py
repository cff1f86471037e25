"""The classifier engine: features, then the context-free pass, then the context pass.

The engine never names a word, a language or a tag: words live in the
lexicons (:mod:`boilerstrip.lexicon`), markup cues in the readers and
:mod:`boilerstrip.markup_rules`, thresholds in :class:`boilerstrip.Config`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from .config import DEFAULT, Config
from .context import Decided, decide
from .decoding import compiled_weigher, explain_page, viterbi
from .evidence import gather
from .features import Features, measure
from .fields import read_fields
from .layout import with_indentation
from .lexicon import Lexicons, load
from .markup_rules import ALLOWED as MARKUP_ALLOWED
from .markup_rules import judge_markup
from .model import Label, Line, Page
from .native import module as compiled_core
from .readers import PageMeta, RawLine
from .rules import ALLOWED as CUE_ALLOWED
from .rules import Verdict
from .scoring import Weights, default_weights
from .verdicts import judge_page


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for one page, as it was before afterwards.

    Labelling a page allocates a few objects per line and frees them all at the end, none in
    a cycle that outlives the page; meanwhile every few hundred allocations start a
    collection, and the full ones walk every object the caller's process holds. So a page's
    cost grew with the caller's heap and faster than its own length. Measured by
    ``python -m benchmarks.growth --collector`` (the Arabic gold pages repeated, in a process
    holding two million other objects, best of 2 rounds twice): text 10 MB in 7.16 s with the
    collector running, 6.61 s paused (time ratio to 1 MB 10.60 -> 9.41), HTML 13.87 s ->
    12.59 s (10.54 -> 10.20). The collector runs again, at its next threshold, once the page
    is done; a caller that had disabled it finds it disabled.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
            Line(raw.number, raw.text, *verdict, passes=verdict)
            for raw, verdict in zip(lines, decided.decisions())
        ]
    else:
        evidence = with_indentation(gather(feats, verdicts, decided, lex), [raw.text for raw in lines])
        by_passes = decided.decisions()
        del feats, verdicts, decided  # weighing reads the evidence only: free the passes' memory
        out = weigh(lines, evidence, weights, by_passes)
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
    return with_indentation(gather(feats, verdicts, decided, lex), [raw.text for raw in lines]), decided


def _run_passes(
    lines: list[RawLine], lex: Lexicons, cfg: Config
) -> tuple[list[Features], list[Verdict], Decided]:
    """Measurement, the context-free pass and the context pass, shared by labelling and training."""
    feats, _ = measure(lines, lex, cfg)
    verdicts = judge_page(feats, lex, cfg, judge_markup)
    return feats, verdicts, decide(feats, verdicts, cfg)


def weigh(
    lines: list[RawLine],
    evidence: list[list[str]],
    weights: Weights,
    by_passes: Sequence[tuple[Label, str]] | None = None,
) -> list[Line]:
    """Label the lines by the fitted weights; each line keeps the evidence that was weighed,
    and the hand-written passes' label and rule where ``by_passes`` gives them (``Line.passes``).

    ``Line.rule`` is the evidence that weighed most for the chosen label (the context-free
    verdict when nothing weighed for it); the ``bias`` every line carries is the label's prior,
    not evidence about the line, and is never the rule.

    The compiled core (:mod:`boilerstrip.native`), where it runs, weighs, decodes and explains
    the page in one call and returns what the arrays below return, the same pair objects
    included; it gives back the pages it cannot read exactly (a name holding a lone surrogate).
    """
    table = constraints(weights.labels)
    allowed = [table.get(names[0]) if names else None for names in evidence]
    # The compiled weigher: this function (the `weigh` row) 3.85 -> 0.91 ms a page (4.1x), medians
    # of `python -m benchmarks.cores --decoder fitted --alternations 8` on AEB's first 50 pages;
    # `python -m benchmarks.stages --decoder fitted`, 7 runs in turn with the commit before: median
    # 3.63 -> 0.99 ms, best 3.08 -> 0.85.  The Rust call is about 0.5 ms of it, the rest the Lines.
    compiled = compiled_core()
    done = compiled_weigher(compiled, weights).weigh(evidence, allowed) if compiled is not None else None
    if done is None:
        ids, lengths = weights.encode(evidence)
        path = viterbi(weights.line_scores(ids, lengths), weights, allowed)
        explained, strongest = explain_page(ids, lengths, path, weights)
    else:
        path, explained, strongest = done
    labels = weights.labels
    said: Sequence[tuple[Label, str] | None] = by_passes if by_passes is not None else [None] * len(lines)
    return [
        Line(raw.number, raw.text, labels[y], top or names[0], ev, own)
        for raw, names, y, ev, top, own in zip(lines, evidence, path, explained, strongest, said)
    ]


@lru_cache(maxsize=4)
def constraints(labels: tuple[Label, ...]) -> dict[str, frozenset[int]]:
    """The rules' constraints (:data:`boilerstrip.rules.ALLOWED`, :data:`boilerstrip.markup_rules.ALLOWED`)
    by context-free verdict, as indices into ``labels``: what :func:`viterbi` keeps."""
    index = {x: j for j, x in enumerate(labels)}
    return {
        name: frozenset(index[x] for x in allowed if x in index)
        for name, allowed in {**CUE_ALLOWED, **MARKUP_ALLOWED}.items()
    }
