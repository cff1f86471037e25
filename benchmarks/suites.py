"""Suites: which pages, which systems, which measure; and the run that ties them together.

A *corpus* is a set of pages (seeds, AEB, ...); a *suite* is a corpus seen
one way (as text with line gold, as rendered text, as HTML).  Suites over the
same corpus share one run of the peers, so asking for ``aeb-rendered`` and
``aeb-html`` together costs the peers once.  Everything is loaded (and
rendered) before the first system runs, and all systems of a corpus are
timed in the same rounds, so that a ratio to trafilatura compares passes
taken seconds apart on the same machine state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import data as D
from .metrics import LABELS, LabelCounts, aeb_aggregate, shingle_tp_fp_fn, snippet_aggregate, snippet_counts
from .peers import (
    System,
    boilerstrip_html_system,
    boilerstrip_text_system,
    c4_line_rule,
    html_peers,
    load_boilerstrip,
    regex_per_line,
)
from .render import RENDERERS, label_rendered
from .timing import Keep, PassResult, measured_pass, speeds, timed_pass


@dataclass(frozen=True)
class SuiteSpec:
    """What a suite is: its corpus, how boilerstrip is fed, and its default page limit."""

    name: str
    kind: str  # "text" | "rendered" | "html"
    corpus: str
    default_limit: int | None
    about: str


#: trafilatura's 989 pages times 6 peers times (1 + rounds) passes would take
#: about half an hour on a 2-core machine; the first 300 (sorted by file name)
#: keep a default run near 10 minutes.  ``--limit`` overrides every default.
TRAFILATURA_DEFAULT_LIMIT = 300

SUITES: dict[str, SuiteSpec] = {
    s.name: s
    for s in (
        SuiteSpec("seeds", "text", "seeds", None, "the repo's seed pages (seeds/*.txt) with line gold"),
        SuiteSpec(
            "arabic-gold",
            "text",
            "arabic-gold",
            None,
            "Arabic pages as inscriptis text with human line gold (eval/arabic/gold)",
        ),
        SuiteSpec(
            "aeb-rendered",
            "rendered",
            "aeb",
            None,
            "AEB pages rendered to text (inscriptis, html2text); gold from the hand-written body",
        ),
        SuiteSpec(
            "readability-rendered",
            "rendered",
            "readability",
            None,
            "Mozilla Readability pages rendered to text; gold from expected.html",
        ),
        SuiteSpec(
            "trafilatura-rendered",
            "rendered",
            "trafilatura",
            TRAFILATURA_DEFAULT_LIMIT,
            "trafilatura's pages rendered to text; only lines holding a snippet are judged",
        ),
        SuiteSpec("aeb-html", "html", "aeb", None, "AEB pages as HTML, scored with AEB's own shingle F1"),
        SuiteSpec("readability-html", "html", "readability", None, "Readability pages as HTML"),
        SuiteSpec(
            "trafilatura-html",
            "html",
            "trafilatura",
            TRAFILATURA_DEFAULT_LIMIT,
            "trafilatura's pages as HTML, scored with its must/must-not snippets",
        ),
        SuiteSpec(
            "arabic-html",
            "html",
            "arabic-html",
            None,
            "Arabic pages as HTML, gold body = body lines of eval/arabic/gold",
        ),
    )
}

#: Loaders by corpus name: (repo, data, limit) -> Corpus.
LOADERS: dict[str, Callable[[Path, Path, int | None], D.Corpus]] = {
    "seeds": lambda repo, data, n: D.load_seeds(repo, n),
    "arabic-gold": lambda repo, data, n: D.load_arabic_gold(data, n),
    "aeb": lambda repo, data, n: D.load_aeb(data, n),
    "readability": lambda repo, data, n: D.load_readability(data, n),
    "trafilatura": lambda repo, data, n: D.load_trafilatura(data, n),
    "arabic-html": lambda repo, data, n: D.load_arabic_pages(data, n),
}

#: The system every ratio is taken against: trafilatura for HTML, one regex per line for text.
HTML_REFERENCE = "trafilatura"
TEXT_REFERENCE = "regex-per-line"


@dataclass
class Options:
    """Run settings shared by the benchmark and the gate."""

    repo: Path
    data: Path
    limit: int | None = None
    rounds: int = 3
    min_seconds: float = 0.5
    timeout: float = 120.0
    fork: bool = True
    peers: bool = True
    timing: bool = True
    memory: bool = True
    #: Timed rounds use the first N pages of each corpus (accuracy always uses all); 0 = all.
    speed_pages: int = 50
    log: Callable[[str], None] = print


@dataclass
class Bound:
    """A system bound to the inputs it reads in one corpus run."""

    system: System
    inputs: list[Any]
    ids: list[str]
    nbytes: int
    #: The line-gold pages its outputs are scored against (text systems only).
    gold_pages: list[D.TextPage] | None = None
    result: PassResult | None = None


@dataclass
class CorpusRun:
    """Everything a corpus's suites need: pages, renders, bound systems and their results."""

    corpus: D.Corpus
    rendered: dict[str, list[D.TextPage]] = field(default_factory=dict)
    render_errors: dict[str, list[str]] = field(default_factory=dict)
    bound: dict[str, Bound] = field(default_factory=dict)
    speed: dict[str, Any] = field(default_factory=dict)
    reference: str | None = None
    speed_pages: int = 0


def _size(x: Any) -> int:
    if isinstance(x, str):
        return len(x.encode("utf-8", "surrogatepass"))
    return getattr(x, "size", 0)


@dataclass(frozen=True)
class Scored:
    """What is scored of one output: its body text and, for a line labeller, a label per line."""

    body: str
    labels: list[str | None] | None = None


def _keeper(system: System) -> Keep:
    """Reduce a raw output to its :class:`Scored` form (the measured pass keeps only that)."""

    def keep(out: Any, inp: Any) -> Scored:
        labels = None
        if system.line_labels is not None and isinstance(inp, str):
            labels = system.line_labels(out, inp)
        return Scored(system.body_text(out, inp), labels)

    return keep


def _bind(system: System, inputs: list[Any], ids: list[str], gold: list[D.TextPage] | None = None) -> Bound:
    return Bound(system, inputs, ids, sum(_size(x) for x in inputs), gold)


def _rename(system: System, name: str, note: str) -> System:
    return System(
        name,
        system.input,
        system.run,
        system.body_text,
        system.line_labels,
        system.version,
        note,
        system.labeller,
    )


def render_corpus(corpus: D.Corpus, log: Callable[[str], None]) -> tuple[dict, dict]:
    """Render every page with both renderers and derive its line gold; failures give empty pages."""
    rendered: dict[str, list[D.TextPage]] = {}
    errors: dict[str, list[str]] = {}
    for r in RENDERERS:
        t0 = time.perf_counter()
        pages, errs = [], []
        for p in corpus.pages:
            try:
                pages.append(label_rendered(p, r))
            except Exception as err:
                errs.append(f"{p.id}: {type(err).__name__}: {err}")
                pages.append(D.TextPage(p.id, "", [None], scored_labels=()))
        rendered[r], errors[r] = pages, errs
        log(f"  rendered {len(pages)} {corpus.name} pages with {r} in {time.perf_counter() - t0:.1f} s")
    return rendered, errors


def plan(names: list[str], bs: Any, strip_html: bool) -> tuple[dict[str, list[SuiteSpec]], dict[str, str]]:
    """Group the requested suites by corpus; HTML suites are skipped without ``strip_html``."""
    by_corpus: dict[str, list[SuiteSpec]] = {}
    skipped: dict[str, str] = {}
    for name in names:
        spec = SUITES[name]
        if spec.kind == "html" and not strip_html:
            skipped[name] = (
                "boilerstrip.strip_html is not available"
                if bs is not None
                else "boilerstrip could not be imported"
            )
            continue
        by_corpus.setdefault(spec.corpus, []).append(spec)
    return by_corpus, skipped


def build_systems(run: CorpusRun, specs: list[SuiteSpec], bs: Any, opts: Options) -> dict[str, str]:
    """Bind the systems the corpus's suites need; return peers that could not be imported."""
    pages = run.corpus.pages
    ids = [p.id for p in pages]
    kinds = {s.kind for s in specs}
    missing: dict[str, str] = {}
    if "text" in kinds:
        texts = [p.text for p in pages]
        if bs is not None:
            run.bound["boilerstrip"] = _bind(boilerstrip_text_system(bs), texts, ids, pages)
        if opts.peers:
            run.bound["c4-line-rule"] = _bind(c4_line_rule(), texts, ids, pages)
        run.bound[TEXT_REFERENCE] = _bind(regex_per_line(), texts, ids, pages)
        run.reference = TEXT_REFERENCE
        return missing
    if opts.peers:
        peers, missing = html_peers()
        for s in peers:
            run.bound[s.name] = _bind(s, pages, ids)
        run.reference = HTML_REFERENCE if HTML_REFERENCE in run.bound else None
    if "html" in kinds and bs is not None:
        sys_html = boilerstrip_html_system(bs)
        if sys_html is not None:
            run.bound[sys_html.name] = _bind(sys_html, pages, ids)
    if "rendered" in kinds:
        for r, (plain, _tree) in RENDERERS.items():
            texts = [tp.text for tp in run.rendered[r]]
            if opts.timing:
                render_sys = System(
                    f"render:{r}",
                    "html",
                    lambda p, f=plain: f(p.html),
                    lambda o, i: "",
                    None,
                    None,
                    f"{r} alone, for the cost of getting text from HTML",
                )
                run.bound[render_sys.name] = _bind(render_sys, pages, ids)
            if bs is not None:
                s = _rename(boilerstrip_text_system(bs), f"boilerstrip@{r}", f"strip() on {r} text")
                run.bound[s.name] = _bind(s, texts, ids, run.rendered[r])
            if opts.peers:
                c4 = c4_line_rule()
                s = _rename(c4, f"c4-line-rule@{r}", f"{c4.note}, on {r} text")
                run.bound[s.name] = _bind(s, texts, ids, run.rendered[r])
    return missing


def execute(run: CorpusRun, opts: Options) -> None:
    """Measured pass of every system (outputs, errors, memory), then the timed rounds."""
    for name, b in run.bound.items():
        t0 = time.perf_counter()
        if b.inputs:  # warm up lazy imports and caches so memory and round 1 measure the work
            with suppress(Exception):
                b.system.run(b.inputs[0])
        b.result = measured_pass(
            b.system.run, b.inputs, b.ids, opts.timeout, opts.fork, opts.memory, keep=_keeper(b.system)
        )
        opts.log(
            f"  {run.corpus.name}: {name}: {len(b.inputs)} pages, {len(b.result.errors)} errors, "
            f"{time.perf_counter() - t0:.1f} s"
        )
    if not opts.timing or opts.rounds < 1:
        return
    n = opts.speed_pages if opts.speed_pages else None
    seconds: dict[str, list[float]] = {k: [] for k, b in run.bound.items() if b.result and not b.result.fatal}
    pages: dict[str, int] = {}
    nbytes: dict[str, int] = {}
    for name in seconds:
        b = run.bound[name]
        assert b.result is not None
        skip = {i for i in b.result.timeouts if n is None or i < n}
        kept = [x for i, x in enumerate(b.inputs[:n]) if i not in skip]
        pages[name], nbytes[name] = len(kept), sum(_size(x) for x in kept)
    for r in range(opts.rounds):
        t0 = time.perf_counter()
        for name in seconds:
            b = run.bound[name]
            assert b.result is not None
            seconds[name].append(timed_pass(b.system.run, b.inputs[:n], b.result.timeouts, opts.min_seconds))
        opts.log(f"  {run.corpus.name}: round {r + 1}/{opts.rounds} in {time.perf_counter() - t0:.1f} s")
    for r in RENDERERS:  # what boilerstrip costs from HTML: render and strip, same round
        render, strip = f"render:{r}", f"boilerstrip@{r}"
        if render in seconds and strip in seconds:
            name = pipeline_name(r)
            seconds[name] = [a + b for a, b in zip(seconds[render], seconds[strip], strict=True)]
            pages[name], nbytes[name] = pages[strip], nbytes[render]
    run.speed = speeds(seconds, pages, nbytes, run.reference if run.reference in seconds else None)
    run.speed_pages = min(n, len(run.corpus.pages)) if n else len(run.corpus.pages)


# --- scoring --------------------------------------------------------------------------


def score_lines(b: Bound) -> dict[str, Any]:
    """Character-weighted per-label scores of a line labeller against line gold."""
    assert b.gold_pages is not None and b.result is not None and b.system.line_labels is not None
    lc = LabelCounts()
    scored = {lab for page in b.gold_pages for lab in page.scored_labels}
    for page, out in zip(b.gold_pages, b.result.outputs, strict=True):
        lines = page.text.split("\n")
        pred = out.labels if out is not None and out.labels is not None else [None] * len(lines)
        if len(pred) != len(lines):
            pred = (list(pred) + [None] * len(lines))[: len(lines)]
        if len(page.gold) != len(lines):  # a failed render: nothing to judge
            continue
        lc.add(lines, page.gold, pred)
    labels = tuple(lab for lab in LABELS if lab in scored) if b.system.labeller else ("body",)
    scores = lc.scores(labels)
    out: dict[str, Any] = {"labels": scores, "body_f1": scores["body"]["f1"]}
    if b.system.labeller and len(labels) > 1:
        macro, n = lc.macro_f1(labels)
        out["macro_f1"], out["macro_labels"] = macro, n
    return out


def _bodies(b: Bound) -> list[str]:
    assert b.result is not None
    return [out.body if out is not None else "" for out in b.result.outputs]


def score_text(pages: list[D.HtmlPage], bodies: list[str]) -> dict[str, Any]:
    """Body-text measures that apply to any system's output: bag of words, AEB shingles, snippets."""
    out: dict[str, Any] = {}
    gold_pairs = [(p.gold_body, t) for p, t in zip(pages, bodies, strict=True) if p.gold_body is not None]
    if gold_pairs:
        out["bow"] = aeb_aggregate([shingle_tp_fp_fn(g, t, 1) for g, t in gold_pairs])
        out["shingle"] = aeb_aggregate([shingle_tp_fp_fn(g, t, 4) for g, t in gold_pairs])
    snip = [(p, t) for p, t in zip(pages, bodies, strict=True) if p.with_snippets or p.without_snippets]
    if snip and not gold_pairs:
        out["snippets"] = snippet_aggregate(
            [snippet_counts(t, p.with_snippets, p.without_snippets) for p, t in snip]
        )
    extra: dict[str, list[tuple[float, float, float]]] = {}
    for p, t in zip(pages, bodies, strict=True):
        for key, gold in p.extra_gold.items():
            extra.setdefault(key, []).append(shingle_tp_fp_fn(gold, t, 1))
    for key, rows in extra.items():
        out[f"bow:{key}"] = aeb_aggregate(rows)
    return out


#: The measure a suite is ranked and plotted by.
def primary_metric(spec: SuiteSpec) -> str:
    """``snippets`` for trafilatura; ``body`` line F1 for text; ``bow`` rendered; ``shingle`` HTML."""
    if spec.corpus == "trafilatura":
        return "snippets"
    return {"text": "lines", "rendered": "bow", "html": "shingle"}[spec.kind]


def _system_entry(b: Bound, run: CorpusRun) -> dict[str, Any]:
    res = b.result
    assert res is not None
    entry: dict[str, Any] = {
        "input": b.system.input if "@" not in b.system.name else f"text:{b.system.name.split('@')[1]}",
        "version": b.system.version,
        "note": b.system.note,
        "pages": len(b.inputs),
        "errors": len(res.errors),
        "error_examples": res.errors[:5],
        "memory": {
            "peak_mb": None if res.peak_bytes is None else res.peak_bytes / 1e6,
            "method": res.memory_method,
        },
        "scores": {},
    }
    if res.fatal:
        entry["fatal"] = res.fatal
    sp = run.speed.get(b.system.name)
    entry["speed"] = sp.as_dict() if sp is not None else None
    return entry


def pipeline_name(renderer: str) -> str:
    """The speed-only row of boilerstrip fed from HTML through ``renderer``."""
    return f"boilerstrip@{renderer}+render"


def score_suite(spec: SuiteSpec, run: CorpusRun) -> dict[str, Any]:
    """The result block of one suite: its systems' scores, speed and memory."""
    systems: dict[str, Any] = {}
    pages = run.corpus.pages
    for name, b in run.bound.items():
        s = b.system
        if spec.kind == "text":
            entry = _system_entry(b, run)
            if s.line_labels is not None:
                entry["scores"]["lines"] = score_lines(b)
        elif spec.kind == "rendered":
            if s.name == "boilerstrip-html":
                continue
            entry = _system_entry(b, run)
            if s.line_labels is not None and b.gold_pages is not None:
                entry["scores"]["lines"] = score_lines(b)
            if not s.name.startswith("render:"):
                entry["scores"].update(score_text(pages, _bodies(b)))
        else:
            if "@" in s.name or s.name.startswith("render:"):
                continue
            entry = _system_entry(b, run)
            entry["scores"].update(score_text(pages, _bodies(b)))
        systems[name] = entry
    if spec.kind == "rendered":
        for r in RENDERERS:
            name, strip = pipeline_name(r), f"boilerstrip@{r}"
            if name in run.speed and strip in systems:
                systems[name] = {
                    **systems[strip],
                    "input": "html",
                    "note": f"{r} render + strip(), timed together from HTML; scores as {strip}",
                    "memory": {"peak_mb": None, "method": "none"},
                    "speed": run.speed[name].as_dict(),
                }
    return {
        "kind": spec.kind,
        "corpus": spec.corpus,
        "about": spec.about,
        "pages": len(pages),
        "load_errors": run.corpus.errors,
        "notes": run.corpus.notes,
        "render_errors": {k: v for k, v in run.render_errors.items() if v} if spec.kind == "rendered" else {},
        "primary": primary_metric(spec),
        "reference": run.reference,
        "speed_pages": run.speed_pages,
        "systems": systems,
    }


def run_suites(names: list[str], opts: Options) -> dict[str, Any]:
    """Load everything, run every system, score every suite; returns the ``suites`` block."""
    bs, bs_error = load_boilerstrip()
    strip_html = bs is not None and hasattr(bs, "strip_html")
    by_corpus, skipped = plan(names, bs, strip_html)
    results: dict[str, Any] = {n: {"skipped": why} for n, why in skipped.items()}
    runs: dict[str, CorpusRun] = {}
    for cname, specs in by_corpus.items():  # 1. load every page first
        limits = [opts.limit] if opts.limit is not None else [s.default_limit for s in specs]
        limit = None if None in limits else max(x for x in limits if x is not None)
        t0 = time.perf_counter()
        try:
            corpus = LOADERS[cname](opts.repo, opts.data, limit)
        except D.DataMissing as err:  # the other suites (seeds live in the repo) can still run
            opts.log(f"skipping {cname}: {err}")
            for spec in specs:
                results[spec.name] = {"skipped": str(err)}
            continue
        except Exception as err:
            corpus = D.Corpus(cname, errors=[f"*: {type(err).__name__}: {err}"])
        opts.log(
            f"loaded {cname}: {len(corpus.pages)} pages, {len(corpus.errors)} errors "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        runs[cname] = CorpusRun(corpus)
    by_corpus = {c: specs for c, specs in by_corpus.items() if c in runs}
    for cname, specs in by_corpus.items():  # 2. render what needs rendering
        if any(s.kind == "rendered" for s in specs):
            runs[cname].rendered, runs[cname].render_errors = render_corpus(runs[cname].corpus, opts.log)
    for cname, specs in by_corpus.items():  # 3. run and score
        run = runs[cname]
        missing = build_systems(run, specs, bs, opts)
        execute(run, opts)
        for spec in specs:
            block = score_suite(spec, run)
            if missing:
                block["unavailable_peers"] = missing
            if bs is None:
                block["boilerstrip_error"] = bs_error
            results[spec.name] = block
    return {name: results[name] for name in names if name in results}


def boilerstrip_status() -> dict[str, Any]:
    """Whether boilerstrip imports and has ``strip_html``: recorded with the results."""
    bs, err = load_boilerstrip()
    return {
        "importable": bs is not None,
        "error": err,
        "strip_html": bool(bs is not None and hasattr(bs, "strip_html")),
    }
