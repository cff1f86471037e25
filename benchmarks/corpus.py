"""The line-labelled corpus: labels and hashes in the repository, pages read from ``../shared``.

The corpus (``benchmarks/corpus/``) is what boilerstrip's decisions are fitted on and judged by,
leave-site-out.  The pages are third-party, so the repository keeps only, per page, one row
``LINE<TAB>LABEL<TAB>HASH`` for every non-blank line of the page as rendered to text, and a
manifest (``manifest.json``) with the page's path under ``../shared/eval``, its site (the
registered domain), language, renderer, labellers and fold.  This module renders each page
again and checks every hash, so a renderer that drifted is refused instead of scoring
misaligned lines (``../shared/LABELLING.md``).

Rendering: inscriptis's ``get_text`` with default settings, each line right-stripped, runs of
blank lines collapsed to one and one blank line at the end, exactly as the Arabic line gold in
``../shared/eval/arabic/gold`` was made (checked by ``tests``: the rendered text of those pages
equals their gold's text column).  Pages whose gold comes as text (the seeds, the Arabic gold)
are read from that text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .data import GOLD_LABELS, decode_html, parse_gold_tsv
from .render import tidy_lines

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS_DIR / "manifest.json"
#: The renderer the hashes were made with; another version may break lines elsewhere.
RENDERER = "inscriptis 2.7.6 get_text, rstrip, blank runs collapsed"


#: The ``added`` of the pages the corpus held before the manifest recorded when a page joined it
#: (the 123 pages of 2026-12-01 and before).
FIRST_PAGES = "first pages"


class CorpusDrift(ValueError):
    """A page's rendered text no longer matches the hashes its labels were made on."""


def line_hash(text: str) -> str:
    """The first 10 hex digits of SHA-1 over the line's UTF-8 bytes.

    >>> line_hash("Home")
    '70f8bb9a8a'
    """
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def tidy(text: str) -> str:
    """:func:`benchmarks.render.tidy_lines`, with the one blank line at the end the Arabic gold has.

    >>> tidy("a  \\n\\n\\n b\\n\\n")
    'a\\n\\n b\\n'
    """
    return tidy_lines(text) + "\n"


def render(html: str) -> str:
    """The page as text, as its labels were made (inscriptis, then :func:`tidy`)."""
    from inscriptis import get_text

    return tidy(get_text(html))


@dataclass
class GoldPage:
    """One page of the corpus: its text (one line per label row) and who labelled it."""

    id: str
    site: str
    lang: str
    fold: int
    suite: str
    path: str
    text: str
    #: one label per line of ``text.split("\\n")``; ``None`` for blank lines
    gold: list[str | None]
    labellers: list[str] = field(default_factory=list)
    #: a second, independent labelling of the same lines, where there is one
    second: list[str | None] | None = None
    #: when the page joined the corpus (the manifest's ``added``; :data:`FIRST_PAGES` for the pages
    #: it began with), so that figures on the same pages stay comparable as the corpus grows
    added: str = FIRST_PAGES

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def read_page_text(entry: dict, data: Path) -> str:
    """The text a manifest entry's labels were made on: rendered HTML, or a gold file's text."""
    ev = data / "eval"
    if entry["suite"] == "seeds":
        return (Path(__file__).resolve().parent.parent / entry["path"]).read_text(encoding="utf-8")
    raw = (ev / entry["path"]).read_bytes()
    if entry["path"].endswith(".gz"):
        raw = gzip.decompress(raw)
    return render(decode_html(raw))


def parse_label_rows(path: Path) -> dict[int, tuple[str, str]]:
    """``{line number: (label, hash)}`` from a ``LINE<TAB>LABEL<TAB>HASH`` file."""
    rows: dict[int, tuple[str, str]] = {}
    for k, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        parts = row.split("\t")
        if len(parts) != 3 or parts[1] not in GOLD_LABELS:
            raise ValueError(f"{path.name}:{k}: expected LINE<TAB>LABEL<TAB>HASH with a known label")
        rows[int(parts[0])] = (parts[1], parts[2])
    return rows


def align(text: str, rows: dict[int, tuple[str, str]], name: str) -> list[str | None]:
    """One label per line of ``text``, after checking every non-blank line's hash.

    Raises :class:`CorpusDrift` when a line is missing, extra or its hash differs.
    """
    lines = text.split("\n")
    gold: list[str | None] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            if n in rows:
                raise CorpusDrift(f"{name}: line {n} is blank in the rendered text but labelled")
            gold.append(None)
            continue
        if n not in rows:
            raise CorpusDrift(f"{name}: line {n} has no label (the renderer drifted?)")
        label, digest = rows[n]
        if digest != line_hash(line):
            raise CorpusDrift(f"{name}: line {n} hash {line_hash(line)} != {digest} (the renderer drifted?)")
        gold.append(label)
    extra = [n for n in rows if n > len(lines)]
    if extra:
        raise CorpusDrift(f"{name}: labels past the end of the page (line {extra[0]})")
    return gold


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["pages"]


def load_corpus(data: Path, path: Path = MANIFEST) -> tuple[list[GoldPage], list[str]]:
    """Every page of the manifest with its gold, and the errors of pages that could not load."""
    pages, errors = [], []
    for entry in load_manifest(path):
        try:
            text = read_page_text(entry, data)
            if entry.get("labels"):
                gold = align(text, parse_label_rows(CORPUS_DIR / entry["labels"]), entry["id"])
            else:  # the gold file's own labels (seeds, the Arabic gold)
                src = (
                    Path(__file__).resolve().parent.parent / entry["gold"]
                    if entry["suite"] == "seeds"
                    else data / "eval" / entry["gold"]
                )
                gold_text, gold = parse_gold_tsv(src)
                if gold_text != text:
                    raise CorpusDrift(f"{entry['id']}: gold text differs from the page text")
            second = None
            if entry.get("second_labels"):
                second = align(text, parse_label_rows(CORPUS_DIR / entry["second_labels"]), entry["id"])
            pages.append(
                GoldPage(
                    id=entry["id"],
                    site=entry["site"],
                    lang=entry["lang"],
                    fold=int(entry["fold"]),
                    suite=entry["suite"],
                    path=entry["path"],
                    text=text,
                    gold=gold,
                    labellers=list(entry.get("labellers", [])),
                    added=str(entry.get("added", FIRST_PAGES)),
                    second=second,
                )
            )
        except (OSError, ValueError) as err:
            errors.append(f"{entry.get('id')}: {type(err).__name__}: {err}")
    return pages, errors


def assign_folds(sites_langs: Iterable[tuple[str, str]], k: int) -> dict[str, int]:
    """Folds by site: sites sorted by language then name, dealt round-robin, so that each
    language is spread over the folds and no site is in two.

    >>> assign_folds([("a.com", "en"), ("b.com", "en"), ("c.de", "de"), ("a.com", "en")], 2)
    {'c.de': 0, 'a.com': 1, 'b.com': 0}
    """
    langs: dict[str, str] = {}
    for site, lang in sites_langs:
        langs.setdefault(site, lang)
    order = sorted(langs, key=lambda s: (langs[s], s))
    return {site: i % k for i, site in enumerate(order)}


def folds_for_new_sites(corpus: list[dict], new: list[dict], k: int) -> dict[str, int]:
    """A fold for each site of ``new`` that ``corpus`` does not hold: the fold that then holds
    fewest pages (ties to the lower fold), sites taken by language then name.

    Unlike :func:`assign_folds` this moves no site already in the corpus, so the folds every
    earlier figure was measured on stay as they were and only grow.

    >>> corpus = [{"site": "a.com", "fold": 0}, {"site": "a.com", "fold": 0}, {"site": "b.com", "fold": 1}]
    >>> new = [{"site": "c.de", "lang": "de"}] + [{"site": "d.com", "lang": "en"}] * 2
    >>> folds_for_new_sites(corpus, new, 3)
    {'c.de': 2, 'd.com': 1}
    """
    held = {e["site"] for e in corpus}
    sizes = Counter({i: 0 for i in range(k)})
    sizes.update(int(e["fold"]) for e in corpus)
    per_site: Counter[str] = Counter()
    langs: dict[str, str] = {}
    for e in new:
        if e["site"] not in held:
            per_site[e["site"]] += 1
            langs.setdefault(e["site"], e["lang"])
    out: dict[str, int] = {}
    for site in sorted(per_site, key=lambda s: (langs[s], s)):
        fold = min(range(k), key=lambda i: (sizes[i], i))
        out[site] = fold
        sizes[fold] += per_site[site]
    return out


def agreement(pages: list[GoldPage]) -> dict:
    """Character-weighted agreement between the two labellings of the doubly labelled pages.

    Returns the overall agreement, a per-label F1 of one labelling against the other
    (symmetric in the two), and the disagreements counted by kind (``a->b``, characters).
    """
    same = total = 0
    tp: Counter[str] = Counter()
    in_a: Counter[str] = Counter()
    in_b: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    n_pages = 0
    for p in pages:
        if p.second is None:
            continue
        n_pages += 1
        for line, a, b in zip(p.lines, p.gold, p.second):
            if a is None or b is None:
                continue
            w = len(line.strip())
            total += w
            in_a[a] += w
            in_b[b] += w
            if a == b:
                same += w
                tp[a] += w
            else:
                kinds[f"{a}->{b}"] += w
    per_label = {}
    for label in sorted(GOLD_LABELS):
        denom = in_a[label] + in_b[label]
        if denom:
            per_label[label] = round(2 * tp[label] / denom, 3)
    return {
        "pages": n_pages,
        "chars": total,
        "agreement": round(same / total, 3) if total else None,
        "per_label_f1": per_label,
        "disagreements": dict(kinds.most_common()),
    }


def by_fold(pages: list[GoldPage]) -> dict[int, list[GoldPage]]:
    out: dict[int, list[GoldPage]] = defaultdict(list)
    for p in pages:
        out[p.fold].append(p)
    return dict(sorted(out.items()))
