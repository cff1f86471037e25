"""The context-free pass over a page: :func:`boilerstrip.rules.judge` for every line.

The compiled core (:mod:`boilerstrip.native`, ``native/src/rules.rs``), where it runs, tries
the cue rules of :data:`~boilerstrip.rules.CUE_RULES` and ``shape_of`` on the whole page in
one call and gives one small number a line: the rule that fires and the shape, the shape
alone, the invisible line, or "ask Python".  Those numbers are mapped here to the shared
verdicts of :mod:`boilerstrip.rules` (so the compiled pass returns the very objects
``judge`` returns); the markup hints of a line with ``cues`` (HTML mode) are merged here as
``judge`` merges them, and the lines the compiled pass gives back go through ``judge``.
``rules.py`` stays the reference: ``tests/test_native_rules.py`` compares the two line by
line on every dev page and on made-up lines.

The compiled matchers are built once from the loaded :class:`~boilerstrip.lexicon.Lexicons`
(their sets, phrases and index), and only where those are what the lexicons match with (a
``prefix`` key's phrases must make its pattern); the thresholds are read from the
:class:`~boilerstrip.config.Config`, which must hold plain numbers the compiled pass reads
exactly (integers within 2**53, floats), else the page is judged by Python.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .config import Config
from .features import Features
from .lexicon import KEY_MODES, Lexicons, alternation_source
from .native import module as compiled_core
from .normalize import translation_table
from .rules import _CUE_VERDICTS, _INVISIBLE, _SHAPE_VERDICTS, CUE_RULES, SHAPES, Markup, Verdict, judge

#: The thresholds of :class:`Config` the compiled pass reads: integers ...
INT_LIMITS = (
    "cue_max_chars",
    "cue_sentence_max_words",
    "navigation_phrase_hits",
    "related_prefix_max_words",
    "photo_credit_max_words",
    "entry_run_max_words",
    "menu_row_separators",
    "byline_min_words",
    "byline_max_words",
    "byline_max_chars",
    "role_credit_min_words",
    "role_credit_max_words",
    "agency_line_max_words",
    "breadcrumb_min_words",
    "breadcrumb_max_words",
    "menu_opened_max_words",
    "code_min_braces",
    "code_words_per_mark",
    "min_duplicate_chars",
    "max_repetitions",
    "comment_cue_min",
    "comment_cue_words",
    "comment_cue_max_words",
    "prose_min_words",
    "question_prose_words",
    "long_prose_words",
    "near_min_words",
    "short_words",
    "length_high",
)
#: ... and numbers compared with a fraction (read as floats).
NUMBER_LIMITS = ("max_word_chars", "max_link_density", "stopwords_low", "stopwords_high")
#: Integers a float holds exactly.
_EXACT = 2**53

#: The verdict of each code of the compiled pass: a cue rule and a shape, a shape, invisible.
BY_CODE: tuple[Verdict, ...] = (
    *(by_shape[s] for _, by_shape in _CUE_VERDICTS for s in SHAPES),
    *(_SHAPE_VERDICTS[s] for s in SHAPES),
    _INVISIBLE,
)
#: Codes below this are a cue rule's verdicts.
NO_CUE = len(CUE_RULES) * len(SHAPES)
INVISIBLE = len(BY_CODE) - 1
#: The compiled pass gives the line back.
ASK = 255


def judge_page(feats: list[Features], lex: Lexicons, cfg: Config, markup: Markup) -> list[Verdict]:
    """``[judge(f, lex, cfg, markup) for f in feats]``, by the compiled core where it runs."""
    # The compiled pass, measured with ``python -m benchmarks.stages --pages 40 --rounds 3`` (AEB's
    # first 40 pages, fitted decoder), five runs each in turn with the commit before: the ``rules``
    # row (156 calls of ``judge`` a page before, one call now) median 1.24 -> 0.49 ms a page (best
    # 1.11 -> 0.46), ``strip_html`` median 12.30 -> 11.83 ms (best 11.35 -> 11.09).  Of the 0.49 ms,
    # the Rust call is about 0.25 (reading each line's Features fields is a fifth of it) and
    # merging the markup hints of the HTML lines in Python about 0.1.  In text mode (the seeds and
    # the Arabic text pages, 123 lines a page) this function takes 2.1 -> 0.22 ms a page.
    compiled = compiled_core()
    codes = None if compiled is None else _codes(compiled, feats, lex, cfg)
    if codes is None:
        return [judge(f, lex, cfg, markup) for f in feats]
    out = []
    for f, code in zip(feats, codes):
        if code == ASK:
            out.append(judge(f, lex, cfg, markup))
        elif f.cues and code != INVISIBLE:
            out.append(_with_markup(BY_CODE[code], code < NO_CUE, f, markup))
        else:
            out.append(BY_CODE[code])
    return out


def _with_markup(verdict: Verdict, cue: bool, f: Features, markup: Markup) -> Verdict:
    """``judge``'s order for a line with markup cues: strong markup, then the cue rule that
    fired (``cue``), then weak markup, then the shape."""
    hint = markup(f, verdict.shape)
    if hint is not None and (hint.strong or not cue):
        return hint
    return verdict


def _codes(compiled: ModuleType, feats: list[Features], lex: Lexicons, cfg: Config) -> bytes | None:
    """The compiled pass's code of every line, or ``None`` where it cannot run exactly."""
    judge_ = _judge(compiled, lex)
    limits = _limits(cfg)
    if judge_ is None or limits is None:
        return None
    codes: bytes = judge_.judge(feats, limits)
    return codes


#: The compiled judge of the last lexicons judged with, beside them (``None``: those lexicons
#: are not what the compiled matchers can be built from).
_JUDGE: list[tuple[Lexicons, Any]] = []
#: The thresholds of the last configuration judged with, beside it.
_LIMITS: list[tuple[Config, dict[str, int | float] | None]] = []


def _judge(compiled: ModuleType, lex: Lexicons) -> Any:
    if not _JUDGE or _JUDGE[0][0] is not lex:
        _JUDGE[:] = [(lex, _build(compiled, lex))]
    return _JUDGE[0][1]


def _build(compiled: ModuleType, lex: Lexicons) -> Any:
    """The extension's ``Judge`` for these lexicons, or ``None`` where its rules are not
    Python's or a ``prefix`` key's phrases are not what its pattern matches."""
    if list(compiled.RULE_NAMES) != [r.name for r in CUE_RULES] or list(compiled.SHAPE_NAMES) != list(SHAPES):
        return None
    prefix_keys = [k for k, mode in KEY_MODES.items() if mode == "prefix"]
    for key in prefix_keys:
        phrases = lex.prefixes.get(key, frozenset())
        pattern = lex.prefix_res.get(key)
        if alternation_source(phrases, anchored=True) != (None if pattern is None else pattern.pattern):
            return None
        if lex.prefix_starts.get(key, frozenset()) != frozenset(p[0] for p in phrases if p):
            return None
    return compiled.Judge(
        {
            "line_sets": {k: sorted(v) for k, v in lex.line_sets.items()},
            "prefixes": {k: sorted(lex.prefixes[k]) for k in prefix_keys},
            "contains_index": [
                (first, [(key, list(phrase)) for key, phrase in entries])
                for first, entries in lex.contains_index.items()
            ],
            "triggers": None if lex.triggers is None else sorted(lex.triggers),
            "proclitics": sorted(lex.proclitics),
            "clitic_starts": sorted(lex.clitic_starts),
            "agencies": sorted(lex.agencies),
            "acronyms": {k: sorted(v) for k, v in lex.acronyms.items()},
            "menu_starts": sorted(lex.menu_starts),
            "table": translation_table(),
        }
    )


def _limits(cfg: Config) -> dict[str, int | float] | None:
    if not _LIMITS or _LIMITS[0][0] is not cfg:
        _LIMITS[:] = [(cfg, limits_of(cfg))]
    return _LIMITS[0][1]


def limits_of(cfg: Config) -> dict[str, int | float] | None:
    """The thresholds the compiled pass reads, or ``None`` where it cannot read them exactly
    (a threshold of another type or beyond 2**53, a ``comment_cue_words`` of zero, which
    Python divides by): such a configuration is judged by Python."""
    out: dict[str, int | float] = {}
    for name in INT_LIMITS:
        value = getattr(cfg, name)
        if type(value) is not int or not -_EXACT <= value <= _EXACT:
            return None
        out[name] = value
    for name in NUMBER_LIMITS:
        value = getattr(cfg, name)
        if type(value) is int and -_EXACT <= value <= _EXACT:
            out[name] = float(value)
        elif type(value) is float:
            out[name] = value
        else:
            return None
    return None if out["comment_cue_words"] == 0 else out
