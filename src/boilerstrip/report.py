"""Ways to show a labelled page to a person: plain text, TSV, a coloured table, an HTML page.

The HTML view exists so that someone can audit a page at a glance: every line
in its label's colour, the rule that decided it beside it and on hover, and
right-to-left lines laid out right to left.  It is one self-contained file
(inline CSS, no script, no external resource) so that it can be mailed,
attached to an issue or opened from a sandbox without network access.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .model import Label, Line, Page, table_row


@dataclass(frozen=True)
class LabelStyle:
    """How one label looks: row background, accent (stripe, legend swatch), terminal colour."""

    background: str
    accent: str
    ansi: str
    meaning: str


#: One entry per label, in the order of LABELS.md; the legend follows this order.
STYLES: dict[Label, LabelStyle] = {
    Label.BODY: LabelStyle("#e3f4e4", "#2e7d32", "32", "the article's own text"),
    Label.TITLE: LabelStyle("#fff1c2", "#b58900", "1;33", "the article's headline"),
    Label.ATTRIBUTION: LabelStyle("#efe3fb", "#7b3fbf", "35", "who published it: agency, outlet, author"),
    Label.NAVIGATION: LabelStyle("#ececec", "#8a8a8a", "2", "menus, footers, share buttons, ads, dates"),
    Label.CAPTION: LabelStyle("#dcecfd", "#1f6fc5", "36", "picture and video captions, credits"),
    Label.RELATED_LINK: LabelStyle("#ffe4cc", "#d2691e", "34", "other articles: read also, most read"),
    Label.POLL_COMMENT: LabelStyle("#fddde6", "#c2185b", "31", "readers' comments and polls"),
}
assert set(STYLES) == set(Label), "every label needs a style"

Direction = Literal["rtl", "ltr", "auto"]


def text_direction(text: str) -> Direction:
    """``"rtl"`` when most of the line's letters are right-to-left, ``"ltr"`` when most are not.

    A browser's ``dir="auto"`` looks only at the first strong letter, so an
    Arabic paragraph that opens with ``(CNN)`` would be laid out left to
    right; counting every letter gets such lines right.  Lines without
    letters (numbers, punctuation) stay ``"auto"``.

    >>> text_direction("(CNN) -- قال المتحدث باسم الوزارة")
    'rtl'
    >>> text_direction("By Jane Doe, Reuters")
    'ltr'
    >>> text_direction("12:30")
    'auto'
    """
    rtl = ltr = 0
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            rtl += 1
        elif bidi == "L":
            ltr += 1
    if rtl == ltr:
        return "auto"
    return "rtl" if rtl > ltr else "ltr"


def label_counts(page: Page) -> dict[str, int]:
    """How many lines carry each label, every label present (zeros included), in legend order."""
    counts = Counter(ln.label for ln in page.lines)
    return {label.value: counts.get(label, 0) for label in STYLES}


def _credits(page: Page) -> str:
    """The page's sources on one line: ``name (kind)``, with the canonical name when it differs."""
    return "; ".join(
        f"{s.name} ({s.kind})" if s.canonical == s.name else f"{s.name} = {s.canonical} ({s.kind})"
        for s in page.sources
    )


def _counts_line(page: Page) -> str:
    """The labels the page's lines carry, with how many, in legend order (labels no line has left out)."""
    return ", ".join(f"{lab} {n}" for lab, n in label_counts(page).items() if n) or "no lines"


def format_text(page: Page, *, counts: bool = False) -> str:
    """The default output of ``boilerstrip FILE``: title, body, the sources, and (``counts``) the labels.

    The label counts say at a glance how much of the page was kept and what
    the rest was, which the body alone cannot show.

    >>> from boilerstrip.model import Line, Source
    >>> page = Page([Line(1, "Body.", Label.BODY, "r")], title="T", sources=[Source("AFP", "AFP", "agency")])
    >>> print(format_text(page, counts=True))
    T
    <BLANKLINE>
    Body.
    <BLANKLINE>
    Sources: AFP (agency)
    Labels: body 1
    """
    parts = []
    if page.title:
        parts.append(page.title)
    parts.append(page.body)
    tail = [f"Sources: {_credits(page)}"] if page.sources else []
    if counts:
        tail.append(f"Labels: {_counts_line(page)}")
    if tail:
        parts.append("\n".join(tail))
    return "\n\n".join(parts)


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and full-width (CJK) characters take two, marks none.

    >>> display_width("abc"), display_width("漢字"), display_width("é"), display_width("e\u0301")
    (3, 4, 1, 1)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` display columns, an ellipsis marking the cut.

    >>> fit("漢字漢字漢字", 7), fit("short", 7)
    ('漢字漢…', 'short')
    """
    if display_width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        step = display_width(ch)
        if used + step > columns - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + "…"


#: How many pieces of evidence ``explain`` shows under a line (the context-free verdict first,
#: then the heaviest); ``Line.evidence`` holds them all.
EVIDENCE_SHOWN = 4


def evidence_summary(line: Line, shown: int = EVIDENCE_SHOWN) -> str:
    """The evidence weighed for a line's label, as ``explain`` prints it under the line.

    >>> ln = Line(3, "By Jane Doe", Label.ATTRIBUTION, "cue:byline",
    ...           (("cue:byline", 2.5), ("words:3", 0.25), ("zone:header", -0.5)))
    >>> evidence_summary(ln, 2)
    'cue:byline +2.50 · words:3 +0.25 · …1 more'

    Where the hand passes labelled the line otherwise (``Line.passes``), the summary says so,
    since the sources read their verdict too:

    >>> from dataclasses import replace
    >>> evidence_summary(replace(ln, passes=(Label.NAVIGATION, "context:header-menu-entry")), 1)
    'cue:byline +2.50 · …2 more · passes: navigation (context:header-menu-entry)'
    """
    parts = [f"{name} {weight:+.2f}" for name, weight in line.evidence[:shown]]
    if len(line.evidence) > shown:
        parts.append(f"…{len(line.evidence) - shown} more")
    if line.passes is not None and line.passes[0] is not line.label:
        parts.append(f"passes: {line.passes[0].value} ({line.passes[1]})")
    return " · ".join(parts)


def _explain_rows(page: Page, width: int) -> list[tuple[Label | None, str]]:
    """The rows of :func:`explain_table`, each with the label of the line it shows (``None``
    for the header and the summary), so that :func:`colour_table` colours from the lines.

    A line labelled by the fitted decoder gets a second row: the evidence weighed for its label.
    """
    rows: list[tuple[Label | None, str]] = [(None, f"{'line':<4}  {'label':<12}  {'rule':<28}  text")]
    indent = " " * 6
    for ln in page.lines:
        rows.append((ln.label, table_row(ln, fit(" ".join(ln.text.split()), width))))
        if ln.evidence:
            rows.append((ln.label, indent + fit(evidence_summary(ln), width + 42)))
    rows += [
        (None, ""),
        (None, f"Title:   {page.title or '(none found)'}"),
        (None, f"Sources: {_credits(page) or 'none found'}"),
        (None, f"Labels:  {_counts_line(page)}"),
    ]
    return rows


def explain_table(page: Page, width: int = 90) -> str:
    """The ``explain`` table for a person: a header row, one row per line, then title, sources and counts.

    Text is cut to ``width`` display columns (:func:`display_width`), so rows
    of Chinese or Japanese text fit the terminal as Latin ones do.

    >>> from boilerstrip.model import Line
    >>> headline = "新闻标题新闻标题"
    >>> print(explain_table(Page([Line(1, headline, Label.TITLE, "r")], title=headline), 9))
    line  label         rule                          text
       1  title         r                             新闻标题…
    <BLANKLINE>
    Title:   新闻标题新闻标题
    Sources: none found
    Labels:  title 1
    """
    return "\n".join(row for _, row in _explain_rows(page, width))


def colour_table(page: Page, width: int = 90) -> str:
    """:func:`explain_table` with each line's row in its label's terminal colour.

    >>> from boilerstrip.model import Line
    >>> colour_table(Page([Line(1, "Home", Label.NAVIGATION, "r")]), 9).split("\\n")[1]
    '\\x1b[2m   1  navigation    r                             Home\\x1b[0m'
    """
    out = []
    for label, row in _explain_rows(page, width):
        out.append(row if label is None else f"\x1b[{STYLES[label].ansi}m{row}\x1b[0m")
    return "\n".join(out)


def format_tsv(page: Page, rows: int | None = None) -> str:
    """``LABEL<TAB>TEXT`` for every line of the page, ``blank`` for blank ones, as in the gold files.

    ``rows`` is how many lines the page's text has (``len(text.split("\\n"))``)
    when the caller knows it, so that trailing blank lines get their rows and
    the text column joined by newlines gives the input back; without it the
    table ends at the last labelled line.

    >>> from boilerstrip.model import Line
    >>> page = Page([Line(1, "Home", Label.NAVIGATION, "r"), Line(3, "Text.", Label.BODY, "r")])
    >>> format_tsv(page, rows=4).split("\\n")
    ['navigation\\tHome', 'blank\\t', 'body\\tText.', 'blank\\t', '']
    """
    by_number = {ln.number: ln for ln in page.lines}
    last = max(by_number, default=0)
    out = []
    for number in range(1, max(last, rows or 0) + 1):
        line = by_number.get(number)
        out.append(f"{line.label.value}\t{line.text}" if line else "blank\t")
    return "".join(row + "\n" for row in out)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(text: str) -> str:
    """Escape ``text`` for HTML, showing control characters and invisible-only lines instead of hiding them.

    A line that holds only a mark such as U+FEFF is labelled like any other,
    so the auditor must be able to see that it is there.
    """
    if not any(unicodedata.category(ch)[0] in "LMNPS" for ch in text):
        marks = " ".join(f"U+{ord(ch):04X}" for ch in text if not ch.isspace()) or "whitespace"
        return f'<span class="invisible">[{html.escape(marks)}]</span>'
    escaped = html.escape(text, quote=False)
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", escaped)


_BASE_CSS = """
:root { color-scheme: light; }
body { margin: 0; font: 15px/1.45 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  color: #1d1d1d; background: #fafafa; }
header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ccc;
  padding: .6em 1em; }
header h1 { font-size: 1.1em; margin: 0 0 .3em; }
header .meta { margin: 0 0 .4em; color: #555; font-size: .9em; }
header .meta b { color: #1d1d1d; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .35em .9em; margin: 0; padding: 0; list-style: none; }
.legend li { display: flex; }
.key { display: flex; align-items: center; gap: .4em; cursor: pointer; user-select: none; font-size: .9em; }
.key .swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 2px solid; border-radius: 3px; }
.key .count { color: #666; }
.key .meaning { color: #777; }
.hide { position: absolute; opacity: 0; pointer-events: none; }
.hint { color: #888; font-size: .8em; margin: .3em 0 0; }
main { padding: .5em 1em 2em; }
table { border-collapse: separate; border-spacing: 0 1px; width: 100%; table-layout: fixed; }
th { text-align: left; font-weight: 600; font-size: .85em; color: #555; padding: .2em .5em; }
td { padding: .25em .5em; vertical-align: baseline; }
col.num { width: 4em; } col.label { width: 8.5em; } col.rule { width: 15em; }
td.num { text-align: right; color: #666; font-variant-numeric: tabular-nums; }
td.label { font-weight: 600; font-size: .85em; }
td.rule { font: .8em/1.8 ui-monospace, "DejaVu Sans Mono", monospace; color: #444; overflow-wrap: anywhere; }
td.rule .evidence { font-size: .85em; line-height: 1.4; color: #666; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
tr.gap td { border-top: 10px solid #fafafa; }
tr.line:hover td { filter: brightness(.94); }
tr.folded { display: none; }
tr.fold-head td { background: #f0f0f0; color: #555; font-size: .85em; border: 1px dashed #bbb; }
tr.fold-head label { cursor: pointer; display: block; }
.invisible { color: #999; font-style: italic; }
"""


#: A run of at least this many navigation lines is folded into one row, and so are the lines above the
#: title when there are at least this many: on real pages the first screen would otherwise be all menu.
FOLD_MIN = 6


def folds(page: Page) -> list[range]:
    """The stretches of ``page.lines`` (by index) that the HTML view folds away, in order.

    The lines above the headline (the first title line, else the first body
    line) when there are :data:`FOLD_MIN` or more, so that the view opens at
    the title; then every later run of :data:`FOLD_MIN` or more navigation
    lines.

    >>> from boilerstrip.model import Line
    >>> nav = [Line(i, "Menu", Label.NAVIGATION, "r") for i in range(1, 8)]
    >>> folds(Page([*nav, Line(8, "T", Label.TITLE, "r"), Line(9, "B", Label.BODY, "r")]))
    [range(0, 7)]
    """
    lines = page.lines
    anchor = next((i for i, ln in enumerate(lines) if ln.label is Label.TITLE), None)
    if anchor is None:
        anchor = next((i for i, ln in enumerate(lines) if ln.label is Label.BODY), 0)
    found = [range(0, anchor)] if anchor >= FOLD_MIN else []
    start = found[0].stop if found else 0
    run = start
    for i in range(start, len(lines) + 1):
        if i < len(lines) and lines[i].label is Label.NAVIGATION:
            continue
        if i - run >= FOLD_MIN:
            found.append(range(run, i))
        run = i + 1
    return found


def _fold_css(count: int) -> str:
    """Rules showing the rows of each fold whose switch is on (before the label rules: hiding wins)."""
    return "".join(
        f"#unfold-{k}:checked ~ main tr.fold-{k} {{ display: table-row; }}\n"
        f"#unfold-{k}:checked ~ main tr.fold-head-{k} .closed, "
        f"#unfold-{k}:not(:checked) ~ main tr.fold-head-{k} .open {{ display: none; }}\n"
        for k in range(count)
    )


def _fold_head(k: int, lines: list[Line]) -> str:
    """The row standing for a fold: how many lines, which, of what labels; clicking it shows them."""
    counts = Counter(ln.label.value for ln in lines)
    what = ", ".join(f"{n} {lab}" for lab, n in counts.most_common())
    span = f"lines {lines[0].number}–{lines[-1].number}"
    return (
        f'<tr class="fold-head fold-head-{k}" data-fold="{k}"><td colspan="4">'
        f'<label for="unfold-{k}"><span class="closed">▸ {len(lines)} lines folded ({span}: {what}); '
        f'click to show them</span><span class="open">▾ {span}: click to fold</span></label></td></tr>\n'
    )


def _css(fold_count: int = 0) -> str:
    """The stylesheet: shared layout, the folds' switches, then one block of rules per label."""
    per_label = [_fold_css(fold_count)]
    for label, style in STYLES.items():
        name = label.value
        per_label.append(
            f"tr.lab-{name} td {{ background: {style.background}; }}\n"
            f"tr.lab-{name} td.num {{ box-shadow: inset 5px 0 0 {style.accent}; }}\n"
            f".key.lab-{name} .swatch {{ background: {style.background}; border-color: {style.accent}; }}\n"
            f"#hide-{name}:checked ~ main tr.lab-{name} {{ display: none; }}\n"
            f"#hide-{name}:checked ~ header label[for=hide-{name}] {{ opacity: .45; "
            "text-decoration: line-through; }\n"
        )
    return _BASE_CSS + "".join(per_label)


def render_html(page: Page, *, name: str | None = None) -> str:
    """A self-contained HTML page showing every labelled line of ``page`` in its label's colour.

    One table row per labelled line (blank lines are not rows; they show as a
    gap before the next row).  Each row has ``data-label``, ``data-rule`` and
    a ``title`` with the rule for hover; the text cell carries ``dir`` from
    :func:`text_direction`.  The legend's entries are also switches: clicking
    one hides that label's lines (pure CSS, no script).  Long runs of
    navigation and the lines above the title are folded into one row each
    (see :func:`folds`), which shows them when clicked, so that the view
    opens at the article rather than at a screen of menu.
    """
    counts = label_counts(page)
    title = page.title or "(no title)"
    heading = f"boilerstrip: {name}" if name else "boilerstrip"
    folded = folds(page)
    toggles = "".join(f'<input type="checkbox" class="hide" id="hide-{lab}">\n' for lab in counts)
    toggles += "".join(f'<input type="checkbox" class="hide" id="unfold-{k}">\n' for k in range(len(folded)))
    fold_of = {i: k for k, stretch in enumerate(folded) for i in stretch}
    legend = "".join(
        f'<li><label class="key lab-{lab}" for="hide-{lab}" data-label="{lab}">'
        f'<span class="swatch"></span><span class="name">{lab}</span>'
        f'<span class="count">{n}</span>'
        f'<span class="meaning">{html.escape(STYLES[Label(lab)].meaning)}</span>'
        "</label></li>"
        for lab, n in counts.items()
    )
    sources = "; ".join(f"<bdi>{html.escape(s.name)}</bdi> ({s.kind})" for s in page.sources) or "none found"
    rows = []
    previous = 0
    title_row = next((i for i, ln in enumerate(page.lines) if ln.label is Label.TITLE), None)
    for i, ln in enumerate(page.lines):
        lab = ln.label.value
        gap = " gap" if ln.number > previous + 1 and previous else ""
        previous = ln.number
        rule = html.escape(ln.rule)
        weighed = html.escape(evidence_summary(ln, len(ln.evidence)))
        evidence = f'<div class="evidence">{html.escape(evidence_summary(ln))}</div>' if ln.evidence else ""
        fold = fold_of.get(i)
        if fold is not None and i == folded[fold].start:
            rows.append(_fold_head(fold, page.lines[folded[fold].start : folded[fold].stop]))
        folding = f" folded fold-{fold}" if fold is not None else ""
        anchor = ' id="title"' if i == title_row else ""
        rows.append(
            f'<tr class="line lab-{lab}{gap}{folding}"{anchor} data-label="{lab}" data-rule="{rule}" '
            f'title="line {ln.number} · {lab} · rule: {rule}{" · evidence: " + weighed if weighed else ""}">'
            f'<td class="num">{ln.number}</td><td class="label">{lab}</td>'
            f'<td class="rule">{rule}{evidence}</td>'
            f'<td class="text" dir="{text_direction(ln.text)}">{_visible(ln.text)}</td></tr>\n'
        )
    return (
        '<!DOCTYPE html>\n<html lang="und">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n<style>{_css(len(folded))}</style>\n</head>\n<body>\n"
        f"{toggles}"
        f"<header>\n<h1>{html.escape(heading)}</h1>\n"
        f'<p class="meta"><b>Title:</b> <bdi>{html.escape(title)}</bdi> · <b>Sources:</b> {sources} · '
        f"<b>Lines:</b> {len(page.lines)} labelled</p>\n"
        f'<ul class="legend">{legend}</ul>\n'
        '<p class="hint">Click a label to hide its lines, a folded row to show its lines; '
        "hover a line for the rule that labelled it and the evidence weighed.</p>\n"
        "</header>\n<main>\n"
        '<table class="lines">\n'
        '<colgroup><col class="num"><col class="label"><col class="rule"><col></colgroup>\n'
        "<thead><tr><th>line</th><th>label</th><th>rule</th><th>text</th></tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</main>\n</body>\n</html>\n"
    )
