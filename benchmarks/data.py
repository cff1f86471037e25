"""Loaders for the evaluation pages under ``../shared`` and the repo's ``seeds/``.

Every loader reads a whole corpus into memory before anything is timed, so
that disk and gzip costs never leak into a system's speed.  Loaders are
tolerant on purpose: a page that cannot be read is recorded in
``Corpus.errors`` and skipped, because one broken third-party file must not
cost a whole benchmark run.  Pages are taken in sorted id order so that
``--limit N`` always means the same N pages.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .html_text import html_to_text

#: Labels allowed in a gold file (see ``LABELS.md``); ``blank`` marks an empty line.
GOLD_LABELS = frozenset(
    {"body", "title", "attribution", "navigation", "caption", "related-link", "poll-comment"}
)


@dataclass
class TextPage:
    """A page given as plain text, with one gold label per line of ``text.split("\\n")``.

    ``gold[i]`` is ``None`` for a blank line, or for a line the gold does not
    judge (the trafilatura corpus only judges lines holding a snippet).
    """

    id: str
    text: str
    gold: list[str | None]
    #: Labels the gold can be trusted for; metrics for other labels are not reported.
    scored_labels: tuple[str, ...] = tuple(sorted(GOLD_LABELS))


@dataclass
class HtmlPage:
    """An HTML page with whatever ground truth its corpus provides.

    ``html`` is already decoded (once, at load time) so that every system is
    handed the same ``str`` and none is charged for charset detection.
    """

    id: str
    html: str
    url: str | None = None
    lang: str | None = None
    gold_body: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    title: str | None = None
    #: Other reference bodies, e.g. ``{"newspaper": text}`` for cnn-arabic-2013.
    extra_gold: dict[str, str] = field(default_factory=dict)
    #: Line gold when the corpus has it (the Arabic pages), as ``(label, text)`` rows.
    gold_rows: list[tuple[str | None, str]] | None = None

    @property
    def size(self) -> int:
        """Bytes of the page as UTF-8: the unit of every MB/s figure."""
        return len(self.html.encode("utf-8", "surrogatepass"))


@dataclass
class Corpus:
    """The pages of one corpus and the pages that could not be loaded."""

    name: str
    pages: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class DataMissing(FileNotFoundError):
    """The shared evaluation data is not where it should be."""


def require_data(data: Path) -> Path:
    """Return ``data/eval`` or raise ``DataMissing`` with a message that says what to do."""
    ev = data / "eval"
    if not ev.is_dir():
        raise DataMissing(
            f"evaluation data not found: {ev} does not exist. "
            "Pass --data DIR where DIR holds eval/ (default: <repo>/../shared)."
        )
    return ev


def _limit(items: list, limit: int | None) -> list:
    return items if limit is None else items[: max(0, limit)]


def decode_html(raw: bytes) -> str:
    """Decode page bytes the way trafilatura does (UTF-8 first, then a guess).

    Reusing trafilatura's decoder keeps the choice of charset out of the
    comparison: all systems see the same text.
    """
    try:
        from trafilatura.utils import decode_file

        return decode_file(raw)
    except ImportError:  # pragma: no cover - trafilatura is a core dependency
        return raw.decode("utf-8", errors="replace")


_LANG_RE = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})", re.IGNORECASE)


def html_lang(html: str | bytes) -> str | None:
    """The primary language subtag of ``<html lang=...>``, lowercased, if any."""
    head = html[:20000]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    m = _LANG_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def parse_gold_tsv(path: Path) -> tuple[str, list[str | None]]:
    """Read a ``LABEL<TAB>TEXT`` gold file; return the page text and per-line labels.

    The text column *is* the page (README: "use it as a plain-text input
    directly"), so the input is the text column joined with ``"\\n"``.
    """
    texts: list[str] = []
    gold: list[str | None] = []
    raw = path.read_text(encoding="utf-8")
    rows = raw.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    for n, row in enumerate(rows, 1):
        label, _, text = row.partition("\t")
        label = label.strip()
        if label == "blank":
            texts.append(text)
            gold.append(None)
            continue
        if label not in GOLD_LABELS:
            raise ValueError(f"{path.name}:{n}: unknown label {label!r}")
        texts.append(text)
        gold.append(label if text.strip() else None)
    return "\n".join(texts), gold


def load_seeds(repo: Path, limit: int | None = None) -> Corpus:
    """The repo's own seed pages: ``seeds/*.txt`` with ``*.gold.tsv`` beside them."""
    corpus = Corpus("seeds")
    for txt in _limit(sorted((repo / "seeds").glob("*.txt")), limit):
        try:
            text = txt.read_text(encoding="utf-8")
            gold_text, gold = parse_gold_tsv(txt.with_suffix(".gold.tsv"))
            if gold_text.split("\n") != text.split("\n"):
                raise ValueError("gold text column does not match the .txt file")
            corpus.pages.append(TextPage(txt.stem, text, gold))
        except Exception as err:
            corpus.errors.append(f"{txt.stem}: {type(err).__name__}: {err}")
    return corpus


def load_arabic_gold(data: Path, limit: int | None = None) -> Corpus:
    """Arabic line gold; the text column joined by newlines is the input page."""
    corpus = Corpus("arabic-gold")
    ev = require_data(data)
    for path in _limit(sorted((ev / "arabic" / "gold").glob("*.gold.tsv")), limit):
        name = path.name.removesuffix(".gold.tsv")
        try:
            text, gold = parse_gold_tsv(path)
            corpus.pages.append(TextPage(name, text, gold))
        except Exception as err:
            corpus.errors.append(f"{name}: {type(err).__name__}: {err}")
    return corpus


def load_aeb(data: Path, limit: int | None = None) -> Corpus:
    """scrapinghub's article-extraction-benchmark: hand-written article bodies."""
    corpus = Corpus("aeb")
    ev = require_data(data) / "aeb"
    truth = json.loads((ev / "ground-truth.json").read_text(encoding="utf-8"))
    for pid in _limit(sorted(truth), limit):
        try:
            html = decode_html(gzip.decompress((ev / "html" / f"{pid}.html.gz").read_bytes()))
            corpus.pages.append(
                HtmlPage(
                    pid,
                    html,
                    url=truth[pid].get("url"),
                    lang=html_lang(html),
                    gold_body=truth[pid].get("articleBody") or "",
                )
            )
        except Exception as err:
            corpus.errors.append(f"{pid}: {type(err).__name__}: {err}")
    return corpus


def is_synthetic_readability(name: str, expected_text: str) -> bool:
    """Mozilla's unit pages (lorem ipsum, near-empty) say nothing about news pages."""
    return "lorem ipsum" in expected_text.lower() or len(expected_text.strip()) < 300


def load_readability(data: Path, limit: int | None = None, synthetic: bool = False) -> Corpus:
    """Mozilla Readability's test pages; gold body = text of ``expected.html``.

    ``<figcaption>`` is removed from the expected HTML before taking its text,
    because LABELS.md makes captions a label of their own, not body.
    Synthetic unit pages are skipped unless ``synthetic`` is true.
    """
    corpus = Corpus("readability")
    ev = require_data(data) / "readability" / "test-pages"
    skipped = 0
    pages = []
    for d in sorted(p for p in ev.iterdir() if p.is_dir()):
        try:
            meta_path = d / "expected-metadata.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            expected = (d / "expected.html").read_text(encoding="utf-8")
            gold = html_to_text(expected, drop=("figcaption",))
            if not synthetic and is_synthetic_readability(d.name, gold):
                skipped += 1
                continue
            html = decode_html((d / "source.html").read_bytes())
            lang = (meta.get("lang") or "").split("-")[0].lower() or html_lang(html)
            pages.append(HtmlPage(d.name, html, lang=lang, gold_body=gold, title=meta.get("title")))
        except Exception as err:
            corpus.errors.append(f"{d.name}: {type(err).__name__}: {err}")
    corpus.pages = _limit(pages, limit)
    if skipped:
        corpus.notes.append(f"{skipped} synthetic unit pages (lorem ipsum or < 300 chars of gold) skipped")
    return corpus


def load_trafilatura(data: Path, limit: int | None = None) -> Corpus:
    """trafilatura's evaluation pages: only must-have / must-not-have snippets as gold."""
    corpus = Corpus("trafilatura")
    ev = require_data(data) / "trafilatura"
    evaldata = json.loads((ev / "evaldata.json").read_text(encoding="utf-8"))
    items = sorted(evaldata.items(), key=lambda kv: kv[1].get("file", ""))
    for url, item in _limit(items, limit):
        name = item.get("file", url)
        try:
            raw = gzip.decompress((ev / "pages" / f"{name}.gz").read_bytes())
            html = decode_html(raw)
            corpus.pages.append(
                HtmlPage(
                    name,
                    html,
                    url=url,
                    lang=html_lang(html),
                    with_snippets=list(item.get("with") or []),
                    without_snippets=list(item.get("without") or []),
                    title=item.get("title"),
                )
            )
        except Exception as err:
            corpus.errors.append(f"{name}: {type(err).__name__}: {err}")
    return corpus


_ARABIC_LANG = {"fa": "fa", "ur": "ur"}


def load_arabic_pages(data: Path, limit: int | None = None) -> Corpus:
    """The Arabic HTML pages that have line gold (and newspaper's text for cnn-arabic-2013).

    Pages without any gold (the Persian and Urdu ones, the second CNN capture
    whose goose3 text is truncated) cannot be scored and are left out.
    """
    corpus = Corpus("arabic-html")
    ev = require_data(data) / "arabic"
    for gold_path in _limit(sorted((ev / "gold").glob("*.gold.tsv")), limit):
        name = gold_path.name.removesuffix(".gold.tsv")
        try:
            html = decode_html((ev / "pages" / f"{name}.html").read_bytes())
            text, gold = parse_gold_tsv(gold_path)
            lines = text.split("\n")
            body = "\n".join(t.strip() for t, g in zip(lines, gold, strict=True) if g == "body")
            titles = [t.strip() for t, g in zip(lines, gold, strict=True) if g == "title"]
            page = HtmlPage(
                name,
                html,
                lang=_ARABIC_LANG.get(name.split("-")[0], "ar"),
                gold_body=body,
                title=titles[0] if titles else None,
                gold_rows=list(zip(gold, lines, strict=True)),
            )
            expected = ev / "pages" / f"{name}.newspaper-expected.txt"
            if expected.exists():
                page.extra_gold["newspaper"] = expected.read_text(encoding="utf-8")
            corpus.pages.append(page)
        except Exception as err:
            corpus.errors.append(f"{name}: {type(err).__name__}: {err}")
    return corpus
