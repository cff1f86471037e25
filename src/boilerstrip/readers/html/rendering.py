"""Rendering: the page's tree walked once into text lines, each with the cues of the markup around it."""

from __future__ import annotations

from typing import Any, NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from .. import RawLine
from .settings import DEFAULT, HtmlReaderConfig
from .tags import APART, BLOCK, HEADINGS, SPACED

__all__ = ["render"]


#: Cues an element gives its content by its tag alone (headings, list items …); what
#: depends on attributes or on the rest of the page comes from
#: :func:`~boilerstrip.readers.html.marking.mark_elements`.  Lists' items (``li``, and ``dd``/``dt``
#: of description lists) share one cue, ``li``; ``item`` is trafilatura's name for them.
# fmt: off
_TAG_CUES: dict[str, frozenset[str]] = {
    tag: frozenset({cue})
    for tag, cue in {
        **HEADINGS, "li": "li", "dd": "li", "dt": "li", "item": "li", "td": "td", "th": "td",
        "figure": "figure", "figcaption": "figcaption", "button": "control", "label": "control",
        "legend": "control", "blockquote": "blockquote", "pre": "pre", "p": "p", "address": "address",
        "time": "time", "article": "article", "main": "main",
    }.items()
}
# fmt: on


_A_ONLY = frozenset({"a-only"})


class _Kind(NamedTuple):
    """What the walk does at a tag."""

    ends_line: bool  # a block: ends the line before and after it
    spaced: bool  # a block with a blank line around it
    pre: bool
    link: bool
    br: bool
    apart: bool  # a control that stands apart from its neighbour
    cell: bool = False  # a table cell shown on its row's line, a space from the cell before


#: A table cell of a row of plain cells (:func:`_row_cells`): inline, a space from its neighbour.
_CELL = _Kind(False, False, False, False, False, False, True)
#: The cells of a table row.
_CELL_TAGS = ("td", "th")


def _row_cells(root: HtmlElement) -> set[Any]:
    """The cells shown on their row's line: those of a row of two or more cells none of which
    holds a block, a ``<br>`` or a table of its own.

    A data table's row is one record ("1  Kyle Busch  5040  5"), and a text browser shows it
    on one line, as inscriptis renders the text mode's pages: cut cell by cell it becomes a
    column of numbers and names, hundreds of lines of a few characters each that say nothing
    of the article they belong to (one corpus table of 287 such lines taught the fitted model
    that a cell is body wherever it stands, layout tables' menus included).  A layout table's
    cells hold blocks and line breaks, so their content keeps its own lines.
    """
    out: set[Any] = set()
    for row in root.iter("tr"):
        cells = [c for c in row if c.tag in _CELL_TAGS]
        if len(cells) < 2:
            continue
        if all(not any(d.tag in _CELL_BREAKS for d in c.iterdescendants()) for c in cells):
            out.update(cells)
    return out


#: What keeps a cell on lines of its own: a block inside it (another table among them) or a break.
_CELL_BREAKS = BLOCK | {"br"}


#: Every tag the walk does something at; the others have no kind.
_KINDS: dict[str, _Kind] = {
    tag: _Kind(
        tag in BLOCK, tag in SPACED and tag in BLOCK, tag == "pre", tag == "a", tag == "br", tag in APART
    )
    for tag in (*BLOCK, *SPACED, "pre", "a", "br", *APART)
}


class _Renderer:
    """Collects RawLines; :func:`render` walks the tree (no recursion: depth is unbounded)."""

    __slots__ = ("a_only_density", "inline_cue_share", "lines", "number", "pending_blank")

    def __init__(self, config: HtmlReaderConfig) -> None:
        self.a_only_density = config.a_only_density
        self.inline_cue_share = config.inline_cue_share
        self.lines: list[RawLine] = []
        self.number = 0
        self.pending_blank = False

    def flush(
        self, chunks: list[tuple[str, frozenset[str], bool]], block_cues: frozenset[str], pre: int
    ) -> None:
        """Emit the line ``chunks`` (not empty) make; the caller empties the list."""
        if pre:
            for part in "".join([text for text, _, _ in chunks]).split("\n"):
                if part.strip():
                    self._emit(part.rstrip(), block_cues, None)
            return
        if len(chunks) == 1:  # most lines: one text node
            part, cues, in_link = chunks[0]
            text = " ".join(part.split())
            if text:
                self._emit(text, cues | _A_ONLY if in_link else cues, 1.0 if in_link else 0.0)
            return
        text = " ".join("".join([text for text, _, _ in chunks]).split())
        if not text:
            return
        total = link = 0
        weights: dict[frozenset[str], int] = {}
        for part, cues, in_link in chunks:
            size = len(part.strip())
            total += size
            if in_link:
                link += size
            weights[cues] = weights.get(cues, 0) + size
        if len(weights) == 1:
            cues = next(iter(weights))
        else:
            # block cues are in every chunk; an inline element's cues count when it holds half the line
            union: set[str] = set().union(*weights)
            share = self.inline_cue_share * total
            cues = frozenset(
                cue for cue in union if sum(w for cs, w in weights.items() if cue in cs) >= share
            )
        density = link / total if total else 0.0
        if density >= self.a_only_density and total:
            cues = cues | _A_ONLY
        self._emit(text, cues, round(density, 3))

    def _emit(self, text: str, cues: frozenset[str], density: float | None) -> None:
        self.number += 2 if (self.pending_blank and self.lines) else 1
        self.pending_blank = False
        self.lines.append(RawLine(self.number, text, cues, density))


def render(
    root: HtmlElement, marks: dict[Any, frozenset[str]] | None = None, config: HtmlReaderConfig = DEFAULT
) -> list[RawLine]:
    """Render a parsed page to lines with cues (see :mod:`boilerstrip.readers.html`).

    ``marks`` adds cues per element (from
    :func:`~boilerstrip.readers.html.marking.mark_elements`).
    The walk is lxml's ``iterwalk``: iterative, so a page nested thousands of
    levels deep costs a longer stack list, never a RecursionError.
    """
    marks = marks or {}
    cells = _row_cells(root)
    out = _Renderer(config)
    flush = out.flush
    empty: frozenset[str] = frozenset()
    # per open element: (cues for its content, its kind: None for a tag the walk does nothing at)
    stack: list[tuple[frozenset[str], _Kind | None]] = [(empty, None)]
    # the text of the line being built: (text, cues, in a link)
    chunks: list[tuple[str, frozenset[str], bool]] = []
    in_link = pre = 0
    # len(chunks) just after a link or button ended, while nothing has followed it (-1: none)
    apart_end = -1
    tag_cues, marks_get, kinds, push, pop, add = (
        _TAG_CUES.get,
        marks.get,
        _KINDS.get,
        stack.append,
        stack.pop,
        chunks.append,
    )
    # a text is kept unless it is white space opening a line: flush drops that anyway (but in <pre>,
    # where it indents)
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions, entities
            if event == "end":
                text = element.tail
                if text and (chunks or pre or not text.isspace()):
                    add((text, stack[-1][0], in_link > 0))
            continue
        if event == "start":
            parent_cues = stack[-1][0]
            own = tag_cues(tag)
            mark = marks_get(element)
            if mark:
                own = own | mark if own else mark
            cues = parent_cues | own if own and not own <= parent_cues else parent_cues
            kind = _CELL if cells and tag in _CELL_TAGS and element in cells else kinds(tag)
            if kind is not None:
                if kind.ends_line or kind.br:
                    if chunks:
                        flush(chunks, parent_cues, pre)
                        chunks.clear()
                        apart_end = -1
                    if kind.spaced:
                        out.pending_blank = True
                elif (
                    kind.apart and apart_end == len(chunks) and chunks and not pre
                    and not chunks[-1][0][-1:].isspace()
                ):  # fmt: skip
                    add((" ", parent_cues, False))  # a control right after another: keep them apart
                elif kind.cell and chunks and not pre:
                    add((" ", parent_cues, False))  # a row's cells, one space apart
                if kind.pre:
                    pre += 1
                if kind.link:
                    in_link += 1
            push((cues, kind))
            text = element.text
            if text and (chunks or pre or not text.isspace()):
                add((text, cues, in_link > 0))
        else:
            cues, kind = pop()
            if kind is not None:
                if kind.ends_line:
                    if chunks:
                        flush(chunks, cues, pre)
                        chunks.clear()
                        apart_end = -1
                    if kind.spaced:
                        out.pending_blank = True
                if kind.apart:
                    apart_end = len(chunks)
                if kind.pre:
                    pre -= 1
                if kind.link:
                    in_link -= 1
            text = element.tail
            if text and (chunks or pre or not text.isspace()):
                add((text, stack[-1][0], in_link > 0))
    if chunks:
        flush(chunks, empty, pre)
    return out.lines
