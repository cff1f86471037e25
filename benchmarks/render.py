"""Render HTML pages to lines and label each line from the page's gold and markup.

The corpora with only a gold *body* (AEB, Readability, trafilatura's snippets)
have no line labels.  To score a line labeller on them anyway we render each
page with two independent renderers (inscriptis, html2text) and derive line
gold as ``../shared/eval/README.md`` describes:

* a rendered line whose normalised text is in the gold body is ``body``;
* a line that sits in an element whose markup names a role (``<nav>``,
  ``role=navigation``, ``<figcaption>``, ``<aside>``, class/id words such as
  comment, related, share, tags, caption) takes that role;
* any other line is ``navigation``.

To know which element a rendered line comes from, whatever the renderer, each
text node is prefixed with an invisible marker character (from Unicode's
supplementary private-use plane, which real pages do not use) naming the
label its nearest labelled ancestor gives it.  The renderer carries the
markers into its output; we read them back per line and then delete them, so
the text that boilerstrip sees is the renderer's own text.  Two renderers are
used so that no result depends on one renderer's line breaking.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

import lxml.html
from lxml import etree

from .data import HtmlPage, TextPage

#: Labels markup can give; "none" means "markup says nothing" (-> navigation).
MARKUP_LABELS = ("none", "navigation", "caption", "related-link", "poll-comment")
_MARK = {label: chr(0xF0000 + i) for i, label in enumerate(MARKUP_LABELS)}
_UNMARK = {v: k for k, v in _MARK.items()}
_MARK_RE = re.compile("[" + "".join(_MARK.values()) + "]")
_SPLIT_RE = re.compile("([" + "".join(_MARK.values()) + "])")

#: Elements whose text is never shown; their text is left unmarked.
_INVISIBLE = frozenset({"head", "script", "style", "template", "title", "meta", "link", "noscript"})
#: Elements whose class/id words are ignored: on these, words such as
#: ``comments-open`` describe the whole page, not a block of it.
_NO_CLASS_WORDS = frozenset({"html", "body", "main"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def _class_word_label(words: Iterable[str]) -> str | None:
    """Map class/id words to a label; the order of the checks decides mixed cases."""
    words = [w for w in words if w]
    if any("caption" in w for w in words):
        return "caption"
    if any(("comment" in w and not w.startswith(("no", "has"))) or w.startswith("poll") for w in words):
        return "poll-comment"
    if any("related" in w for w in words):
        return "related-link"
    if any(
        w.startswith("share")
        or "sharing" in w
        or w in ("tag", "tags")
        or w.startswith("tags")
        or w.endswith("tags")
        or w == "tagcloud"
        for w in words
    ):
        return "navigation"
    return None


def markup_label(el: etree._Element) -> str | None:
    """The label an element's own markup gives it, or ``None`` when it says nothing.

    >>> markup_label(lxml.html.fromstring('<div class="post-comments">x</div>'))
    'poll-comment'
    >>> markup_label(lxml.html.fromstring('<div role="navigation">x</div>'))
    'navigation'
    >>> markup_label(lxml.html.fromstring('<p class="lead">x</p>')) is None
    True
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag == "nav" or "navigation" in (el.get("role") or "").lower():
        return "navigation"
    if tag == "figcaption":
        return "caption"
    if tag == "aside":
        return "related-link"
    if tag in _NO_CLASS_WORDS:
        return None
    words = _WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return _class_word_label(words)


def parse_html(html: str) -> etree._Element | None:
    """Parse a page the way inscriptis does (``document_fromstring``), or ``None`` if empty."""
    html = html.strip()
    if not html:
        return None
    if html.startswith("<?xml "):
        html = re.sub(r"^<\?xml [^>]*\?>", "", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<pre>" + html + "</pre>")


#: Characters lxml parses but refuses to store back into a tree (C0 controls but tab/newline/CR).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _prefix(text: str | None, mark: str) -> str | None:
    """Put ``mark`` before the first visible character, so layout is unchanged.

    Control characters are dropped first: lxml will not store them back, and
    no renderer shows them.
    """
    if not text:
        return text
    text = _XML_INVALID.sub("", text)
    stripped = text.lstrip()
    if not stripped:
        return text
    i = len(text) - len(stripped)
    return text[:i] + mark + text[i:]


def mark_tree(root: etree._Element) -> str | None:
    """Prefix every visible text node with its label marker; return the first ``<h1>`` text.

    The label of a node is that of its nearest ancestor-or-self whose markup
    names one (innermost wins), else ``none``.
    """
    labels: dict[etree._Element, tuple[str, bool]] = {}
    h1: str | None = None
    for el in root.iter():
        parent = el.getparent()
        p_label, p_hidden = labels.get(parent, ("none", False)) if parent is not None else ("none", False)
        if isinstance(el.tag, str):
            tag = el.tag.lower()
            hidden = p_hidden or tag in _INVISIBLE
            label = (markup_label(el) or p_label) if not hidden else p_label
            labels[el] = (label, hidden)
            if tag == "h1" and h1 is None and not hidden and isinstance(el, lxml.html.HtmlElement):
                h1 = el.text_content().strip() or None
            if not hidden:
                el.text = _prefix(el.text, _MARK[label])
        # the tail of any node (comments included) belongs to the parent
        if parent is not None and not p_hidden:
            el.tail = _prefix(el.tail, _MARK[p_label])
    return h1


def _inscriptis_tree(root: etree._Element) -> str:
    from inscriptis import Inscriptis

    return Inscriptis(root, None).get_text()


def _html2text_converter():
    import html2text

    conv = html2text.HTML2Text()
    conv.body_width = 0  # no re-wrapping: one paragraph stays one line
    conv.ignore_links = True
    conv.ignore_images = True
    conv.ignore_emphasis = True  # ** and _ inside sentences would break snippet matching
    return conv


def _html2text_tree(root: etree._Element) -> str:
    return _html2text_converter().handle(lxml.html.tostring(root, encoding="unicode"))


def render_inscriptis(html: str) -> str:
    """inscriptis ``get_text`` with default settings (as used for the Arabic gold)."""
    import inscriptis

    return tidy_lines(inscriptis.get_text(html))


def render_html2text(html: str) -> str:
    """html2text with links, images and emphasis ignored and no line wrapping."""
    return tidy_lines(_html2text_converter().handle(html))


#: The two renderers: name -> (plain renderer on HTML, renderer on a parsed tree).
RENDERERS: dict[str, tuple[Callable[[str], str], Callable[[etree._Element], str]]] = {
    "inscriptis": (render_inscriptis, _inscriptis_tree),
    "html2text": (render_html2text, _html2text_tree),
}


def tidy_lines(text: str) -> str:
    """Right-strip lines and collapse runs of blank lines, as was done for the Arabic gold."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def render_marked(html: str, renderer: str) -> tuple[list[str], list[str], str | None]:
    """Render ``html``; return its lines (markers removed), each line's markup label, and the h1.

    A line's markup label is the one holding most of its visible characters;
    text before the first marker of a line continues the previous line's node.
    """
    root = parse_html(html)
    if root is None:
        return [], [], None
    h1 = mark_tree(root)
    raw = RENDERERS[renderer][1](root)
    lines: list[str] = []
    labels: list[str] = []
    current = "none"
    prev_blank = True
    for raw_line in raw.split("\n"):
        counts: Counter[str] = Counter()
        for part in _SPLIT_RE.split(raw_line):
            if part in _UNMARK:
                current = _UNMARK[part]
            elif part.strip():
                counts[current] += len(part.strip())
        line = _MARK_RE.sub("", raw_line).rstrip()
        if not line.strip():
            if prev_blank:
                continue
            prev_blank = True
            lines.append("")
            labels.append("none")
            continue
        prev_blank = False
        lines.append(line)
        labels.append(counts.most_common(1)[0][0] if counts else current)
    while lines and not lines[-1]:
        lines.pop()
        labels.pop()
    return lines, labels, h1


_TOKEN = re.compile(r"[^\W_]+")


def norm_tokens(text: str) -> str:
    """Casefolded letter/digit tokens joined by single spaces: the unit of containment.

    >>> norm_tokens("  **Hello**, World_2! ")
    'hello world 2'
    """
    return " ".join(_TOKEN.findall(text.casefold()))


#: A line with this many tokens or characters is specific enough to be matched
#: anywhere in the gold body; shorter lines must fall between matched neighbours.
ANCHOR_TOKENS = 4
ANCHOR_CHARS = 25


def body_flags(lines: list[str], gold_body: str) -> list[bool]:
    """Which lines are body: their normalised text is contained in the gold body.

    Long lines ("anchors") may match anywhere.  A short line ("Home",
    "Politics") would match some word of almost any article, so it counts
    only if it is found in the stretch of gold body between the anchors that
    surround it: a sub-heading inside the article passes, a menu item before
    the article does not.
    """
    body = f" {norm_tokens(gold_body)} "
    normed = [norm_tokens(t) for t in lines]
    flags = [False] * len(lines)
    anchors: list[tuple[int, int, int]] = []  # (line index, start, end) in body
    cursor = 0
    for i, ln in enumerate(normed):
        if not ln or (ln.count(" ") + 1 < ANCHOR_TOKENS and len(ln) < ANCHOR_CHARS):
            continue
        needle = f" {ln} "
        pos = body.find(needle, cursor)
        if pos < 0:
            pos = body.find(needle)
        if pos < 0:
            continue
        flags[i] = True
        end = pos + len(needle) - 1
        anchors.append((i, pos, end))
        cursor = max(cursor, end)
    k = 0  # index of the first anchor after line i
    for i, ln in enumerate(normed):
        while k < len(anchors) and anchors[k][0] <= i:
            k += 1
        if not ln or flags[i]:
            continue
        if not anchors:
            window = body
        else:
            start = anchors[k - 1][2] if k > 0 else 0
            end = anchors[k][1] + 1 if k < len(anchors) else len(body)
            window = body[start:end] if start < end else ""
        flags[i] = f" {ln} " in window
    return flags


def snippet_gold(lines: list[str], with_: list[str], without: list[str]) -> list[str | None]:
    """trafilatura gold per line: holds a must-have snippet -> body, a must-not -> not body.

    Lines holding neither are not judged (``None``).
    """
    w = [f" {norm_tokens(s)} " for s in with_ if norm_tokens(s)]
    wo = [f" {norm_tokens(s)} " for s in without if norm_tokens(s)]
    out: list[str | None] = []
    for line in lines:
        ln = f" {norm_tokens(line)} "
        if not ln.strip():
            out.append(None)
        elif any(s in ln for s in w):
            out.append("body")
        elif any(s in ln for s in wo):
            out.append("not-body")
        else:
            out.append(None)
    return out


def label_rendered(page: HtmlPage, renderer: str) -> TextPage:
    """Render ``page`` with ``renderer`` and derive per-line gold (see module docstring)."""
    lines, markup, h1 = render_marked(page.html, renderer)
    if page.gold_body is None:
        gold = snippet_gold(lines, page.with_snippets, page.without_snippets)
        return TextPage(page.id, "\n".join(lines), gold, scored_labels=("body",))
    flags = body_flags(lines, page.gold_body)
    titles = {norm_tokens(t) for t in (page.title, h1) if t and norm_tokens(t)}
    gold_labels: list[str | None] = []
    for line, is_body, mlabel in zip(lines, flags, markup, strict=True):
        if not line.strip():
            gold_labels.append(None)
        elif is_body:
            gold_labels.append("body")
        elif norm_tokens(line) in titles:
            gold_labels.append("title")
        else:
            gold_labels.append("navigation" if mlabel == "none" else mlabel)
    return TextPage(
        page.id,
        "\n".join(lines),
        gold_labels,
        scored_labels=("body", "title", "navigation", "caption", "related-link", "poll-comment"),
    )
