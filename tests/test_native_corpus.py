"""Both cores on every dev page (issue 15): the same features and the same ``Page``.

Every HTML page under ``../shared/eval`` (AEB, Readability's, trafilatura's and the Arabic
pages) is read once, then measured and labelled on the Python core and on the compiled
one; the text pages (``seeds/`` and the Arabic line gold) go through ``strip``.  A page
must give the same features, line for line and field for field, and the same labels,
rules, evidence, title, sources, language and date, under either decoder (the fitted one
weighs on the compiled core too: ``native/src/weigh.rs``).  Skipped where the data or the
compiled core is not there; a few minutes for the 1,300 pages under both decoders.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from native_paths import NATIVE_MISSING, both, feature_differences, page_differences

import boilerstrip
from boilerstrip.engine import classify
from boilerstrip.features import measure
from boilerstrip.lexicon import load
from boilerstrip.model import InputError
from boilerstrip.readers import PageMeta, RawLine
from boilerstrip.readers.html import read_html
from boilerstrip.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or ""),
]

#: Each corpus: its folder under ``../shared/eval`` and a glob of its pages.
HTML_CORPORA = {
    "aeb": ("aeb", "html/*.html.gz"),
    "readability": ("readability", "test-pages/*/source.html"),
    "trafilatura": ("trafilatura", "pages/*.gz"),
    "arabic": ("arabic", "pages/*.html"),
}


def html_pages(folder: str, pattern: str) -> Iterator[tuple[str, bytes]]:
    for path in sorted((EVAL / folder).glob(pattern)):
        raw = path.read_bytes()
        yield path.name, gzip.decompress(raw) if path.suffix == ".gz" else raw


def read_pages(corpus: str) -> Iterator[tuple[str, list[RawLine], PageMeta | None]]:
    """Each page of an HTML corpus of :data:`HTML_CORPORA`, read by the HTML reader (name, lines,
    metadata); pages whose bytes no encoding reads are left out, since the reader refuses them on
    either core.  Skips the test where the corpus is not there."""
    folder, pattern = HTML_CORPORA[corpus]
    if not (EVAL / folder).is_dir():
        pytest.skip(f"no {EVAL / folder}")
    for name, raw in html_pages(folder, pattern):
        try:
            lines, meta = read_html(raw)
        except InputError:
            continue
        yield name, lines, meta


def text_pages() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted((EVAL / "arabic" / "gold").glob("*.gold.tsv")):
        rows = path.read_text(encoding="utf-8").split("\n")
        yield path.name, "\n".join(row.split("\t", 1)[1] if "\t" in row else "" for row in rows)


#: The decoders each page is labelled with: the default (the hand passes) and the fitted weights.
DECODERS = {"rules": boilerstrip.Config(), "fitted": boilerstrip.Config(decoder="fitted")}


@pytest.mark.parametrize("decoder", sorted(DECODERS))
@pytest.mark.parametrize("corpus", sorted(HTML_CORPORA))
def test_html_pages_give_the_same_features_and_page_on_both_cores(corpus: str, decoder: str) -> None:
    lex = load()
    problems: list[str] = []
    seen = 0
    for name, lines, meta in read_pages(corpus):
        seen += 1
        page_a, page_b = both(partial(classify, lines, meta, DECODERS[decoder]))
        found = page_differences(page_a, page_b)
        if decoder == "rules":  # the features do not depend on the decoder: compared once
            (feats_a, stop_a), (feats_b, stop_b) = both(partial(measure, lines, lex, boilerstrip.Config()))
            found = feature_differences(feats_a, feats_b) + found
            if stop_a != stop_b:
                found.append(f"stoplist {stop_a} against {stop_b}")
        problems += [f"{name}: {p}" for p in found[:3]]
    assert seen > 0
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("decoder", sorted(DECODERS))
def test_text_pages_give_the_same_features_and_page_on_both_cores(decoder: str) -> None:
    lex = load()
    problems: list[str] = []
    for name, text in text_pages():
        page_a, page_b = both(partial(boilerstrip.strip, text, config=DECODERS[decoder]))
        found = page_differences(page_a, page_b)
        if decoder == "rules":
            (feats_a, _), (feats_b, _) = both(partial(measure, read_text(text), lex, boilerstrip.Config()))
            found = feature_differences(feats_a, feats_b) + found
        problems += [f"{name}: {p}" for p in found[:3]]
    assert problems == [], "\n".join(problems[:20])
