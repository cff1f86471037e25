"""The systems under test: boilerstrip, the peer extractors and the text-mode baselines.

Every system is a ``System``: a ``run`` callable (the only thing timed) and
converters that turn its raw output into a body text or per-line labels
(untimed, so that scoring costs are never charged to a system).  Peers are
imported lazily: one that is not installed is reported as unavailable and the
run goes on without it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from .data import HtmlPage
from .html_text import html_to_text

#: Packages whose versions are recorded with every result.
VERSIONED = (
    "boilerstrip",
    "trafilatura",
    "jusText",
    "boilerpy3",
    "readability-lxml",
    "resiliparse",
    "inscriptis",
    "html2text",
    "datatrove",
    "lxml",
    "matplotlib",
)


def version(dist: str) -> str | None:
    """Installed version of a distribution, or ``None`` if it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def quiet_logs() -> None:
    """Silence peers' per-page warnings; they are noise in a benchmark log, errors are counted."""
    for name in (
        "trafilatura",
        "boilerpy3",
        "readability",
        "readability.readability",
        "htmldate",
        "courlan",
        "justext",
        "charset_normalizer",
    ):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@dataclass
class System:
    """One system: what it reads, how to run it, how to read its output."""

    name: str
    #: "html" (given an ``HtmlPage``) or "text" (given the page as a ``str``).
    input: str
    run: Callable[[Any], Any]
    #: Raw output and the input it was given -> body text (bag-of-words, shingle, snippets).
    body_text: Callable[[Any, Any], str]
    #: Raw output and input text -> one label (or None) per line of ``text.split("\\n")``.
    line_labels: Callable[[Any, str], list[str | None]] | None = None
    version: str | None = None
    note: str = ""
    #: True when the system labels all seven labels (so macro F1 means something).
    labeller: bool = False


def _str(x: Any, _inp: Any = None) -> str:
    return x if isinstance(x, str) else ""


# --- boilerstrip ---------------------------------------------------------------------


def load_boilerstrip() -> tuple[Any, str | None]:
    """Import boilerstrip; return ``(module, None)`` or ``(None, error)``.

    The classifier is developed in parallel: an import that fails must show up
    in the results as an error, not stop the peers from being measured.
    """
    try:
        import boilerstrip

        return boilerstrip, None
    except Exception as err:  # any failure of the package under test is a result, not a crash
        return None, f"{type(err).__name__}: {err}"


def page_labels(page: Any, text: str) -> list[str | None]:
    """One label per line of ``text.split("\\n")`` from a boilerstrip ``Page`` (blank lines: None)."""
    n = len(text.split("\n"))
    out: list[str | None] = [None] * n
    for ln in getattr(page, "lines", None) or []:
        if 1 <= ln.number <= n:
            label = ln.label
            out[ln.number - 1] = getattr(label, "value", str(label))
    return out


def page_body(page: Any, _inp: Any = None) -> str:
    """The body of a boilerstrip ``Page`` (empty when the system failed on the page)."""
    return _str(getattr(page, "body", "")) if page is not None else ""


def boilerstrip_text_system(bs: Any) -> System:
    """``boilerstrip.strip`` on a page given as text."""
    return System(
        "boilerstrip",
        "text",
        bs.strip,
        page_body,
        page_labels,
        version("boilerstrip"),
        "strip(text)",
        labeller=True,
    )


def boilerstrip_html_system(bs: Any) -> System | None:
    """``boilerstrip.strip_html`` on the HTML, when the installed boilerstrip has it."""
    if not hasattr(bs, "strip_html"):
        return None

    def run(p: HtmlPage) -> Any:
        return bs.strip_html(p.html, url=p.url)

    return System(
        "boilerstrip-html", "html", run, page_body, None, version("boilerstrip"), "strip_html(html, url)"
    )


# --- HTML peers ----------------------------------------------------------------------


def _trafilatura(precision: bool) -> System:
    from trafilatura import extract

    if precision:

        def run(p: HtmlPage) -> str | None:
            return extract(p.html, url=p.url, favor_precision=True)

        return System(
            "trafilatura-precision",
            "html",
            run,
            _str,
            None,
            version("trafilatura"),
            "extract(favor_precision=True)",
        )

    def run_default(p: HtmlPage) -> str | None:
        return extract(p.html, url=p.url)

    return System(
        "trafilatura", "html", run_default, _str, None, version("trafilatura"), "extract() defaults"
    )


class _JustextStoplists:
    """Stoplist for a page: its language's, else the union of all (trafilatura's fallback).

    Stoplists are cached because jusText reads them from disk on every call;
    the first (untimed) pass fills the cache.
    """

    def __init__(self) -> None:
        from trafilatura.external import JUSTEXT_LANGUAGES

        self.languages: dict[str, str] = dict(JUSTEXT_LANGUAGES)
        self.cache: dict[str, frozenset[str]] = {}

    def get(self, lang: str | None) -> frozenset[str]:
        import justext

        key = lang if lang in self.languages else "*"
        if key not in self.cache:
            if key == "*":
                words = {w for name in justext.get_stoplists() for w in justext.get_stoplist(name)}
                self.cache[key] = frozenset(words)
            else:
                self.cache[key] = frozenset(justext.get_stoplist(self.languages[key]))
        return self.cache[key]


def _justext() -> System:
    import justext

    stoplists = _JustextStoplists()

    def run(p: HtmlPage) -> str:
        paragraphs = justext.justext(p.html, stoplists.get(p.lang))
        return "\n".join(par.text for par in paragraphs if not par.is_boilerplate)

    return System(
        "justext",
        "html",
        run,
        _str,
        None,
        version("jusText"),
        "page language's stoplist, else the union of all (as trafilatura does)",
    )


def _boilerpy3() -> System:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(p: HtmlPage) -> str:
        return extractor.get_content(p.html)

    return System("boilerpy3", "html", run, _str, None, version("boilerpy3"), "ArticleExtractor")


def _readability() -> System:
    from readability import Document

    def run(p: HtmlPage) -> str:
        return Document(p.html).summary()

    return System(
        "readability-lxml",
        "html",
        run,
        lambda out, _inp: html_to_text(_str(out)),
        None,
        version("readability-lxml"),
        "Document(html).summary(), block elements to lines",
    )


def _resiliparse() -> System:
    from resiliparse.extract.html2text import extract_plain_text

    def run(p: HtmlPage) -> str:
        return extract_plain_text(p.html, main_content=True)

    return System(
        "resiliparse",
        "html",
        run,
        _str,
        None,
        version("resiliparse"),
        "extract_plain_text(main_content=True)",
    )


PEER_FACTORIES: dict[str, Callable[[], System]] = {
    "trafilatura": lambda: _trafilatura(False),
    "trafilatura-precision": lambda: _trafilatura(True),
    "justext": _justext,
    "boilerpy3": _boilerpy3,
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
}


def html_peers() -> tuple[list[System], dict[str, str]]:
    """All HTML peers that import; the others as ``{name: error}``."""
    systems: list[System] = []
    missing: dict[str, str] = {}
    for name, factory in PEER_FACTORIES.items():
        try:
            systems.append(factory())
        except Exception as err:
            missing[name] = f"{type(err).__name__}: {err}"
    return systems, missing


# --- text-mode baselines -------------------------------------------------------------


def _c4_constants() -> tuple[re.Pattern[str], tuple[str, ...], str, list[str], str]:
    """datatrove's C4 constants if importable, else the same values as documented for C4."""
    try:
        from datatrove.pipeline.filters import c4_filters as c4

        return (
            c4.CITATION_REGEX,
            tuple(c4.END_PUNCTUATION),
            c4.ELLIPSIS,
            list(c4.POLICY_SUBSTRINGS),
            "datatrove",
        )
    except Exception:
        return (
            re.compile(r"\[\d*]|\[edit]|\[citation needed]"),
            (".", "?", "!", '"', "'"),
            "...",
            [
                "terms of use",
                "privacy policy",
                "cookie policy",
                "uses cookies",
                "use of cookies",
                "use cookies",
            ],
            "builtin",
        )


def c4_line_rule() -> System:
    """C4's line filter (datatrove ``C4QualityFilter`` line checks) as a body labeller.

    A line is body when it ends in terminal punctuation (not an ellipsis), has
    at least three words, no word over 1000 characters, and mentions neither
    "javascript" nor a cookie/terms policy.  The page-level drops of C4
    (lorem ipsum, curly brackets, fewer than 5 sentences) are left out: they
    judge documents, not lines.  Lines not kept get no label, so only the body
    scores of this baseline mean anything.
    """
    citation, end_punct, ellipsis, policy, origin = _c4_constants()

    def keep(line: str) -> bool:
        line = line.strip()
        words = line.split()
        if any(len(w) > 1000 for w in words):
            return False
        line = citation.sub("", line)
        if not line.endswith(end_punct) or line.endswith(ellipsis):
            return False
        if len(words) < 3:
            return False
        low = line.lower()
        return "javascript" not in low and not any(p in low for p in policy)

    def run(text: str) -> list[bool]:
        return [keep(line) if line.strip() else False for line in text.split("\n")]

    def labels(out: Any, text: str) -> list[str | None]:
        return ["body" if k else None for k in (out or [])] or [None] * len(text.split("\n"))

    def body(out: Any, text: str) -> str:
        return "\n".join(line.strip() for line, k in zip(text.split("\n"), out or [], strict=False) if k)

    return System(
        "c4-line-rule",
        "text",
        run,
        body,
        labels,
        version("datatrove") if origin == "datatrove" else None,
        f"C4 line filter, constants from {origin}",
    )


_WORD = re.compile(r"\w+")


def regex_per_line() -> System:
    """The speed floor of any line labeller in Python: one compiled regex call per line."""
    findall = _WORD.findall

    def run(text: str) -> int:
        n = 0
        for line in text.split("\n"):
            n += len(findall(line))
        return n

    return System(
        "regex-per-line",
        "text",
        run,
        lambda out, _inp: "",
        None,
        None,
        r"re.compile(r'\w+').findall on every line (speed reference only)",
    )
