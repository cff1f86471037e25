"""The ``metadata`` suite: title, authors, date and language, scored leave-site-out beside trafilatura.

Pages and gold (read from ``../shared/eval``, never copied):

* trafilatura's ``evaldata.json``: title, author (``;``-separated, ``""`` = none)
  and date of each page that has them;
* Readability's ``expected-metadata.json``: title, byline and lang (synthetic
  unit pages left out, as in the other suites);
* the Arabic, Persian and Urdu pages of ``eval/arabic/pages``, whose language
  is known by their name;
* the credited sources (agency, outlet, author) of the Arabic pages with line
  gold and of the two seeds: :data:`ARABIC_CREDITS`, scored on the pages as
  text (the gold's text column, the seed's ``.txt``) and, where the page is
  there, as HTML.

The title scorer's and the byline scorer's weights are fitted on these same
pages, so each page is scored with weights fitted in folds that leave its
site (registered domain; a Readability page's name less its number) out:
:data:`FOLDS` folds by a hash of the site.  Everything else boilerstrip does
here is unfitted.
trafilatura runs ``extract_metadata`` on the same pages in the same run;
htmldate alone is ``find_date`` with its defaults.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Folds of the leave-site-out split.
FOLDS = 5
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# How one credit string lists several people, in the corpora's languages: "A; B", "A, B", "A / B",
# "A & B", "A and B", "A und B", "A et B", "A y B", one per line.  Fixed here, not read from the
# lexicons, so that the measure does not move with what boilerstrip knows.
_NAME_SEPARATORS = re.compile(r"[;,/&|\n]|\s(?:and|und|et|y|e|en|i|og|och|и)\s", re.IGNORECASE)
# A byline cue before a name: "By", "Written by", "Von", "Par", "Por", "Door", "Di".
_BY = re.compile(
    r"^(?:(?:written|posted|edited|text|reported)\s+)?(?:by|von|par|por|door|di)\s+", re.IGNORECASE
)
# An address in parentheses after a name: "Jane Doe (https://example.org/jane)".
_ADDRESS = re.compile(r"\([^()]*://[^()]*\)?")
# Punctuation inside a name, read as a space: "J.R. Stone" is "J R Stone", "the_pain" is "the pain".
_INNER = re.compile(r"[\W_]+")
_ARABIC_LANG = {"fa": "fa", "ur": "ur"}


#: Who each Arabic page credits, read by hand from its gold's ``attribution`` lines (line number in
#: ``eval/arabic/gold/<name>.gold.tsv``) and from the dateline that opens its body; the seeds' are
#: ``seeds/sources.json`` with their kinds.  Generic credits ("متابعات") are left out, as there.
#: People are kept as :func:`credit_hash` of their name, not as text.
ARABIC_CREDITS: dict[str, list[tuple[str, str]]] = {
    "akhbarelyom": [("author", "#61c55df078")],  # line 116, the byline
    "almadenahnews": [("agency", "Petra")],  # line 44, "--(بترا)"
    "alyaum": [("author", "#f2a02514e9")],  # line 68, "name - city"
    "beirutobserver": [],  # credits nobody
    "cnn-arabic-2013": [("outlet", "CNN")],  # line 30, the dateline "(CNN) --"
    "000_5454df684d767278": [("agency", "AFP")],  # "المصدر: AFP"
    "004_fafaee94eaad3581": [("outlet", "الخليج الجديد")],  # "المصدر: الخليج الجديد"
}
#: Kinds of credit the Arabic credited-sources measure scores.
CREDIT_KINDS = ("agency", "outlet", "author")


@dataclass
class MetaPage:
    """One page and its metadata gold (``None`` where the corpus does not say)."""

    id: str
    corpus: str
    site: str
    html: str
    url: str | None = None
    title: str | None = None
    authors: list[str] | None = None
    date: str | None = None
    lang: str | None = None
    out: dict[str, Any] = field(default_factory=dict)


def norm(text: str | None) -> str:
    """Titles and names as compared: NFKC, case-folded, spaces collapsed, edge punctuation trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_EDGES.sub("", " ".join(text.split())).split())


def site_of(url: str | None, fallback: str) -> str:
    """The registered domain of ``url`` (``tld``), else ``fallback``."""
    if url:
        try:
            from tld import get_fld

            fld = get_fld(url, fail_silently=True)
            if fld:
                return fld
        except Exception:
            pass
        host = urlsplit(url).hostname
        if host:
            return ".".join(host.split(".")[-2:])
    return fallback


def person(name: str) -> str:
    """A name as authors are compared: :func:`norm`, accents dropped, inner punctuation a space.

    >>> person("J.R. Stone"), person("André  Exemple")
    ('j r stone', 'andre exemple')
    """
    decomposed = unicodedata.normalize("NFKD", norm(name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_INNER.sub(" ", unicodedata.normalize("NFC", plain)).split())


def authors(value: Any) -> list[str]:
    """The people one credit names, as compared; gold and every system's output go through it.

    ``""`` and ``None`` are "no author".  Each part loses its byline cue and an address.

    >>> authors("Von Anna Beispiel und Jonas Muster"), authors(["Jane Doe, Ann Roe"])
    (['anna beispiel', 'jonas muster'], ['jane doe', 'ann roe'])
    >>> authors("Written by Ann Roe (https://example.org/ann)"), authors("")
    (['ann roe'], [])
    """
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    parts = _NAME_SEPARATORS.split(_ADDRESS.sub(" ", value or ""))
    return [a for a in (person(_BY.sub("", x.strip())) for x in parts) if a]


def load(data: Path, limit: int | None = None) -> list[MetaPage]:
    """Every page with metadata gold, in a fixed order; ``limit`` pages per corpus."""
    from .data import decode_html, html_lang, is_synthetic_readability
    from .html_text import html_to_text

    pages: list[MetaPage] = []
    ev = data / "eval"
    evaldata = json.loads((ev / "trafilatura" / "evaldata.json").read_text(encoding="utf-8"))
    items = [
        (u, it) for u, it in sorted(evaldata.items(), key=lambda kv: kv[1].get("file", "")) if "title" in it
    ]
    for url, item in items[:limit]:
        raw = gzip.decompress((ev / "trafilatura" / "pages" / f"{item['file']}.gz").read_bytes())
        pages.append(
            MetaPage(
                item["file"],
                "trafilatura",
                site_of(url, item["file"]),
                decode_html(raw),
                url,
                title=item.get("title") or None,
                authors=authors(item.get("author")) if "author" in item else None,
                date=(item.get("date") or "")[:10] or None,
            )
        )
    readability = sorted(p for p in (ev / "readability" / "test-pages").iterdir() if p.is_dir())
    taken = 0
    for d in readability:
        meta_path = d / "expected-metadata.json"
        if not meta_path.exists() or (limit is not None and taken >= limit):
            continue
        expected = (d / "expected.html").read_text(encoding="utf-8")
        if is_synthetic_readability(d.name, html_to_text(expected, drop=("figcaption",))):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        html = decode_html((d / "source.html").read_bytes())
        lang = (meta.get("lang") or "").split("-")[0].lower() or None
        site = re.sub(r"-\d+$", "", d.name)
        pages.append(
            MetaPage(
                d.name,
                "readability",
                site,
                html,
                title=meta.get("title") or None,
                authors=authors(meta.get("byline")),
                lang=lang or html_lang(html),
            )
        )
        taken += 1
    for path in sorted((ev / "arabic" / "pages").glob("*.html"))[:limit]:
        name = path.stem
        pages.append(
            MetaPage(
                name,
                "arabic",
                re.sub(r"-(?:\d+|b)$", "", name),
                decode_html(path.read_bytes()),
                lang=_ARABIC_LANG.get(name.split("-")[0], "ar"),
            )
        )
    return pages


def _fold_of(site: str) -> int:
    return zlib.crc32(site.encode("utf-8")) % FOLDS


def run(pages: list[MetaPage], log: Callable[[str], None] = print, peers: bool = True) -> dict[str, float]:
    """Run boilerstrip, trafilatura and htmldate on every page; keep what is scored. Seconds per system."""
    import trafilatura
    from htmldate import find_date

    from boilerstrip.engine import classify
    from boilerstrip.lexicon import load as load_lexicons
    from boilerstrip.readers.html import read_html
    from boilerstrip.sources import author_candidates
    from boilerstrip.title import candidates

    lex = load_lexicons()

    seconds = {"boilerstrip": 0.0, "trafilatura": 0.0, "htmldate": 0.0}
    for k, p in enumerate(pages):
        t0 = time.perf_counter()
        lines, meta = read_html(p.html, p.url)
        page = classify(lines, meta)
        t1 = time.perf_counter()
        cands = candidates(page.lines, meta)
        credits, bylines = author_candidates(page.lines, meta, lex, page.language)
        p.out["bs"] = {
            "title": page.title,
            "authors": authors([s.canonical for s in page.sources if s.kind == "author"]),
            "date": page.date,
            "lang": page.language,
            "cands": cands,
            "credits": credits,
            "bylines": bylines,
        }
        t2 = time.perf_counter()
        if not peers:
            continue
        try:
            doc = trafilatura.extract_metadata(p.html, default_url=p.url)
        except Exception:
            doc = None
        t3 = time.perf_counter()
        p.out["traf"] = {
            "title": getattr(doc, "title", None),
            "authors": authors(getattr(doc, "author", None)),
            "date": getattr(doc, "date", None),
        }
        try:
            p.out["htmldate"] = find_date(p.html, url=p.url)
        except Exception:
            p.out["htmldate"] = None
        t4 = time.perf_counter()
        seconds["boilerstrip"] += t1 - t0
        seconds["trafilatura"] += t3 - t2
        seconds["htmldate"] += t4 - t3
        if (k + 1) % 200 == 0:
            log(f"  metadata: {k + 1}/{len(pages)} pages")
    return seconds


def leave_site_out_titles(pages: list[MetaPage]) -> dict[str, int]:
    """Choose each page's title with weights fitted on the folds without its site."""
    from boilerstrip.title import best, fit

    examples = [
        (p, p.out["bs"]["cands"], [norm(c.text) == norm(p.title) for c in p.out["bs"]["cands"]])
        for p in pages
        if p.title
    ]
    fitted = {}
    for fold in range(FOLDS):
        train = [(c, r) for p, c, r in examples if _fold_of(p.site) != fold]
        fitted[fold] = fit(train)
    for p in pages:
        cand = best(p.out["bs"]["cands"], fitted[_fold_of(p.site)])
        p.out["bs"]["title_lso"] = cand.text if cand is not None else None
    return {"sites": len({p.site for p in pages}), "folds": FOLDS}


def byline_examples(p: MetaPage) -> list[tuple[Any, bool]]:
    """A page's author candidates, each with whether the gold names that person."""
    gold = set(p.authors or [])
    return [(c, bool(set(authors(c.source.canonical)) & gold)) for c in p.out["bs"]["bylines"]]


def leave_site_out_authors(pages: list[MetaPage]) -> None:
    """Keep each page's authors with byline weights fitted on the folds without its site."""
    from boilerstrip.bylines import fit, kept
    from boilerstrip.sources import chosen

    fitted = {}
    for fold in range(FOLDS):
        train = [
            e for p in pages if p.authors is not None and _fold_of(p.site) != fold for e in byline_examples(p)
        ]
        fitted[fold] = fit(train)
    for p in pages:
        out = p.out["bs"]
        found = chosen(out["credits"], kept(out["bylines"], fitted[_fold_of(p.site)]))
        out["authors_lso"] = authors([s.canonical for s in found if s.kind == "author"])


def _candidate_names(p: MetaPage) -> list[str]:
    """Every author the page's candidates name, as compared, before the byline scorer weighs them."""
    return sorted({a for c in p.out["bs"].get("bylines", []) for a in authors(c.source.canonical)})


def _prf(pairs: list[tuple[list[str], list[str]]]) -> dict[str, Any]:
    tp = fp = fn = 0
    for gold, got in pairs:
        g, o = set(gold), set(got)
        tp += len(g & o)
        fp += len(o - g)
        fn += len(g - o)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "pages": len(pairs),
    }


def _share(hits: list[bool]) -> dict[str, Any]:
    return {"accuracy": round(sum(hits) / len(hits), 3) if hits else None, "pages": len(hits)}


def score(pages: list[MetaPage]) -> dict[str, Any]:
    """Every measure, for boilerstrip and the peers, by corpus and over all pages (the peers'
    only where :func:`run` ran them: the gate runs boilerstrip alone)."""
    peers = all("traf" in p.out for p in pages)
    out: dict[str, Any] = {}
    groups = {
        "all": pages,
        **{c: [p for p in pages if p.corpus == c] for c in ("trafilatura", "readability", "arabic")},
    }
    for name, group in groups.items():
        titled = [p for p in group if p.title]
        authored = [p for p in group if p.authors is not None]
        dated = [p for p in group if p.date]
        langs = [p for p in group if p.lang]
        block = {
            "title": {
                "boilerstrip": _share([norm(p.out["bs"]["title_lso"]) == norm(p.title) for p in titled]),
                "boilerstrip-bundled": _share([norm(p.out["bs"]["title"]) == norm(p.title) for p in titled]),
                "oracle": _share(
                    [any(norm(c.text) == norm(p.title) for c in p.out["bs"]["cands"]) for p in titled]
                ),
            },
            "authors": {
                "boilerstrip": _prf([(p.authors or [], p.out["bs"]["authors_lso"]) for p in authored]),
                "boilerstrip-bundled": _prf([(p.authors or [], p.out["bs"]["authors"]) for p in authored]),
                # Every candidate kept: the recall no byline weights can pass (the candidates' reach).
                "candidates": _prf([(p.authors or [], _candidate_names(p)) for p in authored]),
            },
            "date": {
                "boilerstrip": _share([p.out["bs"]["date"] == p.date for p in dated]),
            },
            "language": {
                "boilerstrip": _share([p.out["bs"]["lang"] == p.lang for p in langs]),
                "unsure": sum(p.out["bs"]["lang"] is None for p in langs),
            },
        }
        if peers:
            block["title"]["trafilatura"] = _share(
                [norm(p.out["traf"]["title"]) == norm(p.title) for p in titled]
            )
            block["authors"]["trafilatura"] = _prf(
                [(p.authors or [], p.out["traf"]["authors"]) for p in authored]
            )
            block["date"]["htmldate"] = _share([p.out["htmldate"] == p.date for p in dated])
            block["date"]["trafilatura"] = _share([p.out["traf"]["date"] == p.date for p in dated])
        out[name] = block
    return out


def markdown(result: dict[str, Any]) -> str:
    """The metadata tables as Markdown."""
    rows = ["| pages | field | measure | boilerstrip | trafilatura | other |", "|---|---|---|---:|---:|---|"]
    for name, b in result["scores"].items():
        t, a, d, g = b["title"], b["authors"], b["date"], b["language"]
        rows.append(
            f"| {name} ({t['boilerstrip']['pages']}) | title | exact match, leave-site-out | "
            f"{t['boilerstrip']['accuracy']} | {t['trafilatura']['accuracy']} | "
            f"bundled weights {t['boilerstrip-bundled']['accuracy']}, "
            f"best candidate {t['oracle']['accuracy']} |"
        )
        ab, at, bundled = a["boilerstrip"], a["trafilatura"], a["boilerstrip-bundled"]
        rows.append(
            f"| {name} ({ab['pages']}) | authors | P / R / F1, leave-site-out | "
            f"{ab['precision']} / {ab['recall']} / {ab['f1']} | "
            f"{at['precision']} / {at['recall']} / {at['f1']} | "
            f"bundled weights {bundled['precision']} / {bundled['recall']} / {bundled['f1']}, "
            f"every candidate kept {a['candidates']['precision']} / {a['candidates']['recall']} |"
        )
        rows.append(
            f"| {name} ({d['boilerstrip']['pages']}) | date | same day | {d['boilerstrip']['accuracy']} | "
            f"{d['trafilatura']['accuracy']} | htmldate alone {d['htmldate']['accuracy']} |"
        )
        rows.append(
            f"| {name} ({g['boilerstrip']['pages']}) | language | right ISO 639-1 code | "
            f"{g['boilerstrip']['accuracy']} | – | unsure (None) on {g['unsure']} |"
        )
    for mode, c in result["arabic_credits"].items():
        if mode == "pages":
            continue
        rows.append(
            f"| arabic credits, {mode} ({c['pages']}) | credited sources (agency, outlet, author) | "
            f"P / R / F1 | {c['precision']} / {c['recall']} / {c['f1']} | – | "
            f"agency on a page that credits none: {c['agency on a page that credits none']} |"
        )
    secs = result["seconds"]
    return (
        "## metadata\n\n" + "\n".join(rows) + "\n\n"
        f"{result['folds']['folds']} folds over {result['folds']['sites']} sites; seconds: "
        + ", ".join(f"{k} {v:.1f}" for k, v in secs.items())
        + "\n"
    )


def _gold_text(path: Path) -> str:
    """The page as text from a line-gold file: its text column."""
    rows = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(row.split("\t", 1)[1] if "\t" in row else "" for row in rows)


def credit_hash(name: str) -> str:
    """A person's name as the Arabic credits gold keeps it: ``#`` and 10 hex digits of the SHA-1
    of :func:`person`'s form, so that the repository holds no text of the pages (their
    journalists' names included), as the corpus keeps line hashes (``benchmarks/corpus.py``).

    >>> credit_hash("Jane  Doe") == credit_hash("jane doe")
    True
    """
    import hashlib

    return "#" + hashlib.sha1(person(name).encode("utf-8")).hexdigest()[:10]


def arabic_credits(data: Path) -> dict[str, Any]:
    """Precision and recall of the credited sources of the Arabic pages, as text and as HTML.

    A credit is its kind and canonical name (:data:`CREDIT_KINDS`), so an agency
    counts only under its canonical name, whatever the script it is written in
    ("بترا" is ``Petra``); a page that credits no agency and gets one is also
    counted apart.
    """
    import boilerstrip

    from . import REPO

    def key(kind: str, name: str) -> str:
        if kind == "author" and not name.startswith("#"):
            return f"{kind}:{credit_hash(name)}"
        return f"{kind}:{name if name.startswith('#') else person(name)}"

    gold_dir, pages_dir = data / "eval" / "arabic" / "gold", data / "eval" / "arabic" / "pages"
    modes: dict[str, list[tuple[list[str], list[str]]]] = {"text": [], "html": []}
    stray = {"text": 0, "html": 0}
    per_page: dict[str, dict[str, list[str]]] = {}
    for name, credits in ARABIC_CREDITS.items():
        gold = [key(k, n) for k, n in credits]
        gold_path = gold_dir / f"{name}.gold.tsv"
        seed = REPO / "seeds" / f"{name}.txt"
        text = _gold_text(gold_path) if gold_path.exists() else seed.read_text(encoding="utf-8")
        pages = {"text": boilerstrip.strip(text)}
        html_path = pages_dir / f"{name}.html"
        if html_path.exists():
            pages["html"] = boilerstrip.strip_html(html_path.read_bytes())
        per_page[name] = {"gold": gold}
        for mode, page in pages.items():
            got = [key(s.kind, s.canonical) for s in page.sources if s.kind in CREDIT_KINDS]
            modes[mode].append((gold, got))
            per_page[name][mode] = got
            if not any(k == "agency" for k, _ in credits) and any(s.kind == "agency" for s in page.sources):
                stray[mode] += 1
    scores: dict[str, Any] = {
        mode: {**_prf(pairs), "agency on a page that credits none": stray[mode]}
        for mode, pairs in modes.items()
    }
    return scores | {"pages": per_page}


def run_suite(data: Path, limit: int | None = None, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Load, run, fit leave-site-out and score: the ``metadata`` block of the results."""
    pages = load(data, limit)
    log(f"metadata: {len(pages)} pages")
    seconds = run(pages, log)
    folds = leave_site_out_titles(pages)
    leave_site_out_authors(pages)
    return {
        "pages": len(pages),
        "folds": folds,
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "scores": score(pages),
        "arabic_credits": arabic_credits(data),
    }


def write(result: dict[str, Any], out_dir: Path) -> list[Path]:
    """``metadata.json`` and ``metadata.md`` in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / "metadata.json", out_dir / "metadata.md"
    js.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(markdown(result), encoding="utf-8")
    return [js, md]
