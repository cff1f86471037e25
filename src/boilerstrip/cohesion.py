"""Lexical cohesion: how much of a line's vocabulary the article's other lines use.

A caption or a headline speaks of the article; a menu entry or another story's teaser mostly
does not (Halliday and Hasan 1976).  :mod:`boilerstrip.evidence` weighs each line's
``cohesion:…`` bucket, and its neighbours'.  Nothing here names a word of any language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import regex


class _Folded(Protocol):
    """A line as cohesion reads it: its folded text (:class:`boilerstrip.features.Features`)."""

    folded: str


#: Lower bounds of the cohesion buckets: the share of a line's words that the article's other
#: lines also use.
COHESION_BUCKETS: tuple[float, ...] = (0.8, 0.6, 0.4, 0.2, 0.0)
#: Fewer words than this in the *other* lines the passes call body, and a line's cohesion is
#: not measured (``cohesion:none``): against an article of one paragraph, or none, every line
#: would read "shares nothing with the article" and look like boilerplate, the article's own
#: paragraph first.
COHESION_MIN_WORDS = 20
#: Words for cohesion: runs of letters, and in scripts written without spaces (Han, kana)
#: pairs of characters, the usual stand-in for words there.
_WORDS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]+|\w+")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: Shorter words (articles, prepositions, clitics) say nothing of what a line is about.
MIN_WORD_CHARS = 3


def words(folded: str) -> set[str]:
    """The words of a line as cohesion counts them.

    >>> sorted(words("the cat sat on 2024 mats"))
    ['cat', 'mats', 'sat', 'the']
    >>> sorted(words("新华社报道"))
    ['华社', '报道', '新华', '社报']
    >>> sorted(words("한국어 뉴스"))   # Hangul is written with spaces: its words are words
    ['한국어']
    """
    out: set[str] = set()
    for w in _WORDS.findall(folded):
        # Han and kana all lie at U+2E80 or above, so a word opened below it skips the regex:
        # words() 1.6 CPU ms/page against 2.5, the same sets on every line of the first 50 AEB
        # pages (the function timed alone; the stage: the ``evidence`` row of ``python -m
        # benchmarks.stages --decoder fitted``).
        if w[0] >= "\u2e80" and _UNSPACED.match(w):
            out.update(w[i : i + 2] for i in range(max(len(w) - 1, 1)))
        elif len(w) >= MIN_WORD_CHARS and not w.isdigit():
            out.add(w)
    return out


def cohesion(feats: Sequence[_Folded], body: Sequence[bool]) -> list[str]:
    """Each line's ``cohesion:…`` bucket: the share of its words found in *other* lines that
    the passes call body (``cohesion:none`` for a line without words, or when those other lines
    hold fewer than :data:`COHESION_MIN_WORDS` words).

    >>> from types import SimpleNamespace as F
    >>> story = ("coast towns flooded after the storm: rivers rose overnight while residents fled "
    ...          "inland, seeking shelter in schools, churches and halls across three districts")
    >>> lines = [F(folded=t) for t in ("storm hits coast", story, "login")]
    >>> cohesion(lines, [False, True, False])
    ['cohesion:0.6+', 'cohesion:none', 'cohesion:0.0+']
    """
    # Two passes over the words (the body's vocabulary, then each line against it) rather than
    # every line's words held at once: memory stays the vocabulary's, not the page's.
    vocab: Counter[str] = Counter()
    total = 0
    for f, is_body in zip(feats, body):
        if is_body:
            ws = words(f.folded)
            vocab.update(ws)
            total += len(ws)
    out = []
    for f, is_body in zip(feats, body):
        ws = words(f.folded)
        if not ws or total - (len(ws) if is_body else 0) < COHESION_MIN_WORDS:
            out.append("cohesion:none")
            continue
        own = 1 if is_body else 0
        share = sum(1 for w in ws if vocab[w] > own) / len(ws)
        out.append(_COHESION[next(k for k, b in enumerate(COHESION_BUCKETS) if share >= b)])
    return out


#: The buckets' names, by bound.
_COHESION = tuple(f"cohesion:{b:.1f}+" for b in COHESION_BUCKETS)
