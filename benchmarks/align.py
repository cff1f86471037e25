"""Carry a page's line gold from one rendering of it to another.

The corpus's labels were made on the text inscriptis renders from each page; boilerstrip's HTML
reader cuts the same page into other lines (one per block, with markup cues).  To fit and judge
the labeller in HTML mode on the same labels, each reader line takes the label of the gold text
it holds:

1. both renderings become sequences of words (case-folded runs of letters and digits, each
   with the label of the gold line it came from);
2. :class:`difflib.SequenceMatcher` matches the two sequences in page order (the longest
   common blocks first, so a menu word repeated in the article is not matched out of place);
3. a reader line takes the label that most of its matched characters carry, when at least
   :data:`MIN_MATCHED` of its characters were matched; otherwise it has no gold (``None``) and
   is neither fitted on nor scored.

No text is guessed: a line the gold never saw (text inscriptis drops, such as ``alt``
attributes or ``<noscript>``) stays without a label.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

import regex

_WORD = regex.compile(r"\w+")
#: The share of a reader line's characters that must be matched for it to take a label.
MIN_MATCHED = 0.5


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def carry_labels(gold_lines: list[str], gold: list[str | None], lines: list[str]) -> list[str | None]:
    """One label (or ``None``) for each of ``lines``, from the labelled ``gold_lines``.

    >>> carry_labels(["Home  News", "Storm hits the coast today."], ["navigation", "body"],
    ...              ["Home", "News", "Storm hits the coast", "today.", "Cookies"])
    ['navigation', 'navigation', 'body', 'body', None]
    """
    g_words: list[str] = []
    g_labels: list[str] = []
    for text, label in zip(gold_lines, gold):
        if label is None:
            continue
        for w in _words(text):
            g_words.append(w)
            g_labels.append(label)
    r_words: list[str] = []
    r_line: list[int] = []
    for k, text in enumerate(lines):
        for w in _words(text):
            r_words.append(w)
            r_line.append(k)
    matched: list[Counter[str]] = [Counter() for _ in lines]
    sm = SequenceMatcher(None, g_words, r_words, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for i in range(size):
            matched[r_line[b + i]][g_labels[a + i]] += len(r_words[b + i])
    out: list[str | None] = []
    totals = Counter(r_line)
    chars = [0] * len(lines)
    for w, k in zip(r_words, r_line):
        chars[k] += len(w)
    for k in range(len(lines)):
        got = matched[k]
        if not totals[k] or sum(got.values()) < MIN_MATCHED * chars[k]:
            out.append(None)
        else:
            out.append(got.most_common(1)[0][0])
    return out


def body_onto_gold(gold_lines: list[str], gold: list[str | None], body: str) -> list[str | None]:
    """A system's body text laid onto the gold lines: ``body`` for each judged line whose words
    the text holds (:data:`MIN_MATCHED` of its characters, matched in page order), ``not-body``
    for the other judged lines, ``None`` for the lines without gold.

    This is how an extractor that returns text (trafilatura, Readability) and boilerstrip's HTML
    mode, whose lines are cut otherwise, are scored on the same lines for body F1.

    >>> body_onto_gold(["Menu", "Storm hits the coast.", "Share"], ["navigation", "body", None],
    ...                "Storm hits the coast.")
    ['not-body', 'body', None]
    """
    judged = [label is not None for label in gold]
    flags = carry_labels(body.split("\n"), ["body"] * len(body.split("\n")), gold_lines)
    return [None if not j else ("body" if f == "body" else "not-body") for j, f in zip(judged, flags)]
