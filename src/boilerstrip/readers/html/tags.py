"""What each HTML tag is to a text rendering: dropped, a block, spaced, a control.

The reader renders a page the way a text browser shows it; these tables say,
tag by tag, what that means.  They are read by the parser (a flattened block
still starts a line), by the dropping of what is never shown and by the
rendering walk.
"""

from __future__ import annotations

#: Elements whose content is never shown as page text.
# fmt: off
DROPPED = (
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "datalist", "textarea", "audio", "video", "map", "frameset", "frame", "applet",
    "rt", "rp",  # ruby annotations (furigana): a reading aid printed above the text, not the text
)

#: Elements that end the line before and after them.  ``list`` and ``item`` are trafilatura's
#: names for lists and their items (see :data:`~boilerstrip.readers.html.marking.TRAFILATURA_TAGS`);
#: a page that writes them as tags is read as if they were lists.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "list", "item", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "option", "optgroup",
})

#: Block elements with vertical margins: a blank line separates them from what is around.
SPACED = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "list", "figure",
    "hr", "form",
})

#: Elements that have no content and no closing tag.
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
})
# fmt: on

#: Inline elements that are each a thing to click: two of them side by side in the source
#: (``<a>دخول</a><a>تسجيل</a>``) are shown apart by the page's styles, never as one word.
APART = frozenset({"a", "button"})

#: Heading tags, each its own cue.
HEADINGS = {f"h{n}": f"h{n}" for n in range(1, 7)}
