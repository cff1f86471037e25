"""The column a line starts in, beside the page's prose: evidence a renderer's layout gives.

A renderer lays a page out as a reader sees it (inscriptis, which rendered the corpus, indents
the contents of figures, lists, tables and boxes), so text that keeps its layout says, by where
each line starts, what kind of line it is, in any language.  These names (``indent:…``) join
the evidence of :mod:`boilerstrip.evidence` after it, for the fitted model to weigh; text flush
left carries none.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A line of at least this many words (in its first :data:`INDENT_SCAN_CHARS` characters) is prose,
#: and the indentation most such lines share is the page's own (``indent:…``, :func:`indentation`).
#: Leave-site-out (``python -m benchmarks.train``, before the evidence -> with it and the pages'
#: flush-left views, :func:`benchmarks.train.crop_views`), body / macro F1: text 0.931 / 0.651 ->
#: 0.941 / 0.674 (title 0.707 -> 0.744, caption 0.396 -> 0.449), the same pages flush left
#: 0.933 / 0.653, HTML 0.968 / 0.822 -> 0.967 / 0.822 (the HTML reader's lines start flush left
#: and carry none: the weights they share with text mode moved; HTML pages below 0.5 while a peer
#: is above 0.9: 9 -> 10).
INDENT_PROSE_WORDS = 25
INDENT_SCAN_CHARS = 400
#: Columns deeper than the prose from which a line is ``indent:deep`` rather than ``indent:inset``.
INDENT_DEEP = 5


def indentation(texts: Sequence[str]) -> list[str | None]:
    """Each line's indentation beside the page's prose: ``indent:same``, ``indent:less`` (a
    headline or a menu set out to the left), ``indent:inset`` or ``indent:deep`` (a caption, a
    list, a box); ``None`` on every line of a page whose lines all start in one column, that has
    no prose line, or whose prose starts at the margin (text typed or extracted flush left, a
    markdown-like rendering).

    Most of an article's lines start in its prose's column, and most captions, menus and
    related links do not (``python -m benchmarks.train`` weighs it, leave-site-out).

    >>> indentation(["Headline", "  " + "word " * 30, "      Photo of the harbour", "  " + "more " * 30])
    ['indent:less', 'indent:same', 'indent:inset', 'indent:same']
    >>> indentation(["Headline", "word " * 30]), indentation(["word " * 30, "  * Home"])
    ([None, None], [None, None])
    """
    columns = [len(t) - len(t.lstrip()) for t in texts]
    if len(set(columns)) < 2:
        return [None] * len(texts)
    prose = [c for c, t in zip(columns, texts) if len(t[:INDENT_SCAN_CHARS].split()) >= INDENT_PROSE_WORDS]
    if not prose:
        return [None] * len(texts)
    counts: dict[int, int] = {}
    for c in prose:
        counts[c] = counts.get(c, 0) + 1
    own = max(sorted(counts), key=counts.__getitem__)  # the most common column; the leftmost on a tie
    if own == 0:
        # Prose at the margin, as markdown-like renderers (html2text) set every paragraph and
        # menu alike: the column tells the article from nothing there.
        return [None] * len(texts)
    return [
        "indent:same"
        if c == own
        else "indent:less"
        if c < own
        else "indent:inset"
        if c - own < INDENT_DEEP
        else "indent:deep"
        for c in columns
    ]


def with_indentation(evidence: list[list[str]], texts: Sequence[str]) -> list[list[str]]:
    """``evidence`` with each line's :func:`indentation` name appended where the page has one."""
    for names, name in zip(evidence, indentation(texts)):
        if name is not None:
            names.append(name)
    return evidence
