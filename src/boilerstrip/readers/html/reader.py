"""The reader's entry point: the stages in the order they run on a page."""

from __future__ import annotations

from .. import PageMeta, RawLine
from .marking import mark_elements
from .metadata import byline_authors, cue_description, descriptions, page_meta
from .parsing import parse_html
from .rendering import render
from .settings import DEFAULT, HtmlReaderConfig
from .visibility import drop_hidden, drop_never_shown

__all__ = ["read_html"]


def read_html(
    html: str | bytes, url: str | None = None, config: HtmlReaderConfig = DEFAULT
) -> tuple[list[RawLine], PageMeta]:
    """Read an HTML page into lines with cues and its metadata.

    ``bytes`` are decoded by :func:`boilerstrip.readers.decode.decode_html`
    (which raises :class:`~boilerstrip.model.InputError` when it cannot);
    a page with no element gives no lines.  ``config`` holds the reader's
    thresholds.
    """
    if isinstance(html, (bytes, bytearray, memoryview)):
        from ..decode import html_source

        source, _ = html_source(bytes(html))
    elif isinstance(html, str):
        source = html
    else:
        raise TypeError(f"read_html() takes str or bytes, not {type(html).__name__}")
    root = parse_html(source, config)
    if root is None:
        return [], PageMeta()
    meta = page_meta(root, url, config)  # before anything is removed: <head> holds most of it
    described = descriptions(root)
    drop_never_shown(root)
    drop_hidden(root, config)
    marks = mark_elements(root, config)
    if meta.authors:
        meta.authors_source = "meta"
    else:
        meta.authors = byline_authors(marks, config)
        meta.authors_source = "byline" if meta.authors else None
    return cue_description(render(root, marks.cues, config), described, config), meta
