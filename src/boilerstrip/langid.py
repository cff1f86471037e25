"""The page's language as an ISO 639-1 code, from py3langid (trafilatura's choice).

The body is what is identified (the article's language, not the menus'); a
page whose body is too short to tell is identified on all its lines.  The
answer is ``None`` when py3langid's normalised probability is below
:data:`MIN_PROBABILITY` or its best guess has no two-letter code.

The compiled core (:mod:`boilerstrip.native`), where it runs, classifies with py3langid's
own model and py3langid's steps (``native/src/langid.rs``): the same code, and the same
probability to within :data:`PROBABILITY_TOLERANCE`.  Not bit for bit: numpy sums the
float32 product ``log1p(counts) @ nb_ptc[features]`` in the order its BLAS chooses, which
the extension cannot follow, so it sums in float64 and rounds once.  Where the best class
is unsure (a probability near 0.5) numpy's own float32 rounding can move the probability
further than the tolerance from the exact sum's: one text in 3,384 of the line-gold pages,
the AEB bodies and the seeds, their windows included, by 1.7e-5 (``tests/test_native_langid.py``
checks that the extension gives the exact sum's there).  The extension is fed the arrays of a
loaded py3langid identifier at first use; py3langid classifies as before where they are not
in the form of py3langid 0.4.0, or where the extension answers one of :data:`_PROBES`
otherwise than py3langid.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import Any

from .native import module as compiled_core

#: Below this normalised probability the identifier is unsure and no language is returned.
MIN_PROBABILITY = 0.5
#: Characters of text identified (the first ones: the identifier's cost grows with the text).
#: A paragraph or two tells the language: the metadata suite's language figure (``python -m
#: benchmarks --suite metadata``) is the same with 1,000 as with 3,000, which cost 1.3 ms more
#: a page (``python -m benchmarks.stages``, the ``language`` row).
MAX_CHARS = 1000
#: A body shorter than this is identified together with the rest of the page.
MIN_BODY_CHARS = 200


#: Texts the compiled identifier must classify as py3langid does before it is used: no
#: feature at all (every class equal, the alias pairs folded), upper case (lowered), a lone
#: surrogate, and texts of a few scripts.
_PROBES = (
    "",
    "The minister said on Wednesday that the talks would resume next week.",
    "DER MINISTER SAGTE AM MITTWOCH, DIE GESPRÄCHE WÜRDEN NÄCHSTE WOCHE FORTGESETZT.",
    "وقال الوزير يوم الأربعاء إن المحادثات ستستأنف الأسبوع المقبل",
    "部长周三表示，会谈将于下周恢复。",
    "Министр заявил в среду, что переговоры возобновятся на следующей неделе. \ud800",
)
#: How far the compiled identifier's probability may be from py3langid's (see the module's notes).
PROBABILITY_TOLERANCE = 1e-5


def _load() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    return _load()


def _model_arrays(ident: Any) -> tuple[Any, ...]:
    """The arguments of the extension's ``LanguageIdentifier``: py3langid 0.4.0's arrays as
    little-endian bytes, its classes and alias pairs.  ``TypeError`` or ``ValueError`` where
    the identifier is not in that form (another py3langid)."""
    import numpy as np

    if ident._norm_probs is not True or ident.min_confidence is not None:
        raise ValueError("not an identifier of normalised probabilities without a floor")
    ptc, pc = ident.nb_ptc, ident.nb_pc
    if not (isinstance(ptc, np.ndarray) and ptc.dtype == np.float16 and ptc.ndim == 2):
        raise TypeError("nb_ptc is not a two-dimensional float16 array")
    if not (isinstance(pc, np.ndarray) and pc.dtype == np.float32 and pc.shape == ptc.shape[1:]):
        raise TypeError("nb_pc is not one float32 per class")
    classes = list(ident.nb_classes)
    if not all(isinstance(c, str) for c in classes):
        raise TypeError("nb_classes are not strings")
    nextmove = np.asarray(ident.tk_nextmove)
    if nextmove.ndim != 1 or nextmove.dtype.kind != "u":
        raise TypeError("tk_nextmove is not one run of unsigned integers")
    rowbase = np.asarray(ident._rowbase, dtype=np.int64)
    output = np.asarray(ident.tk_output, dtype=np.int64)
    if rowbase.ndim != 1 or output.ndim != 1:
        raise TypeError("_rowbase or tk_output is not a run of integers")
    unsigned, signed = np.iinfo(np.uint32), np.iinfo(np.int32)
    for values, box in ((nextmove, unsigned), (rowbase, unsigned), (output, signed)):
        if values.size and (values.min() < box.min or values.max() > box.max):
            raise ValueError("a DFA value out of 32 bits")
    aliases = [(int(i), int(j)) for i, j in ident._alias_pairs]
    return (
        nextmove.astype("<u4").tobytes(),
        rowbase.astype("<u4").tobytes(),
        output.astype("<i4").tobytes(),
        np.ascontiguousarray(ptc, dtype="<f2").tobytes(),
        pc.astype("<f4").tobytes(),
        classes,
        aliases,
    )


@lru_cache(maxsize=1)
def _compiled_identifier(compiled: ModuleType) -> Any | None:
    """The extension's identifier on py3langid's model, or ``None`` where py3langid is not in
    the form it reads, or where it answers a probe otherwise than py3langid does."""
    # the Python identifier is kept only where it was loaded already: the extension holds a
    # copy of the model, which is tens of megabytes
    reference = _identifier() if _identifier.cache_info().currsize else _load()
    try:
        made = compiled.LanguageIdentifier(*_model_arrays(reference))
    except (AttributeError, TypeError, ValueError):
        return None
    for probe in _PROBES:
        code, prob = made.classify(probe)
        want, want_prob = reference.classify(probe)
        if code != want or abs(prob - float(want_prob)) > PROBABILITY_TOLERANCE:
            return None
    return made


def _classifier() -> Callable[[str], tuple[str, float]]:
    """py3langid's ``classify``, compiled where the compiled core runs."""
    # The compiled identifier, measured with `python -m benchmarks.stages --pages 40 --rounds 3` in
    # turn with the commit before (the shared 2-core machine, loaded): the `language` row (this
    # function's caller, `page_language`) median 0.98 -> 0.27 ms a page over five runs each, and
    # 1.34 -> 0.31 ms over seven (4.3x; its share of `strip_html` 7.2% -> 1.7%).  `strip_html`
    # itself moves by more than that from run to run (medians 18.8 and 18.2 ms in the seven);
    # in one process, the two classifiers in turn over the same 40 pages, eight rounds: 16.4 ->
    # 15.8 ms.  The classifier alone on 1,000 characters with the caches emptied between calls,
    # as the pipeline leaves them for its 67 MB model: py3langid about 600 us, the extension
    # about 170 us, mostly waiting on the memory (`hits` and `raw_scores` in native/src/langid.rs).
    compiled = compiled_core()
    made = _compiled_identifier(compiled) if compiled is not None else None
    classify: Callable[[str], tuple[str, float]] = (made if made is not None else _identifier()).classify
    return classify


def identify(text: str) -> tuple[str | None, float]:
    """``(code, probability)`` for ``text``; ``code`` is ``None`` when unsure.

    >>> identify("The minister said on Wednesday that the talks would resume next week.")[0]
    'en'
    >>> identify("")
    (None, 0.0)
    """
    text = text[:MAX_CHARS]
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    code, prob = _classifier()(text)
    prob = float(prob)
    if prob < MIN_PROBABILITY or len(code) != 2:
        return None, prob
    return str(code), prob


def page_language(body: str, everything: str) -> str | None:
    """The language of a page: of its body, or of all its text when the body is short."""
    text = body if len(body) >= MIN_BODY_CHARS else f"{body}\n{everything}"
    return identify(text)[0]
