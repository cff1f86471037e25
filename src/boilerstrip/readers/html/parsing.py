"""Parsing: one lxml parse of a page, robust to control characters and to libxml2's depth limit."""

from __future__ import annotations

import re
import threading

from lxml import etree
from lxml.html import HtmlElement

from .settings import DEFAULT, HtmlReaderConfig
from .tags import BLOCK, VOID

__all__ = ["parse_html"]

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>")

_local = threading.local()


def _parser() -> etree.HTMLParser:
    """One parser per thread: lxml parsers keep state and are not thread-safe.

    Every element is an :class:`~lxml.html.HtmlElement` (trafilatura's metadata
    functions call ``text_content``), chosen by lxml's C-level default lookup:
    ``lxml.html``'s own parser asks a Python method for every element the code
    touches, which costs more than the parse.
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding="utf-8",
            huge_tree=True,
            recover=True,
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            default_doctype=False,  # type: ignore[call-arg]  # lxml takes it; lxml-stubs 0.5 omits it
        )
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))
        _local.parser = parser
    return parser


_CONTROL_CODES = [c for c in range(32) if c not in (9, 10, 13)]
_CONTROLS_STR = {c: (None if c == 0 else " ") for c in _CONTROL_CODES}
_CONTROL_CHARS = tuple(map(chr, _CONTROL_CODES))
_CONTROLS_BYTES = bytes.maketrans(bytes(_CONTROL_CODES), b" " * len(_CONTROL_CODES))


def parse_html(source: str | bytes, config: HtmlReaderConfig = DEFAULT) -> HtmlElement | None:
    """Parse a page into an lxml tree, or ``None`` when it holds no element.

    ``source`` is a ``str``, or UTF-8 ``bytes`` (what
    :func:`~boilerstrip.readers.decode.html_source` gives for UTF-8 pages): the
    parser's encoding is forced to UTF-8, so a ``<meta charset>`` in the page
    cannot make libxml2 decode it a second time.  libxml2 refuses nesting
    deeper than 2048 elements and silently drops everything after that point;
    such documents are parsed again with the nesting beyond
    ``config.flatten_depth`` flattened (:func:`_flatten_deep_nesting`), so their
    text survives.
    """
    # C0 control characters are not XML text: lxml refuses to move a tail that holds one
    # (``drop_tree``), so they become spaces here (NUL is dropped).  In UTF-8 bytes a
    # C0 byte is always that character, never part of another one.
    if isinstance(source, bytes):
        source = source.translate(_CONTROLS_BYTES, b"\x00")
    elif any(char in source for char in _CONTROL_CHARS):
        # one search per control character, then translate only a page that holds one: parse 2.1 ms/page
        # against 13 when every page is translated (`python -m benchmarks.stages --focus`, with and without)
        source = source.translate(_CONTROLS_STR)
    if not source or source.isspace():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(source, parser)
    except etree.ParserError:  # "Document is empty" and the like
        return None
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes for it
        return (
            parse_html(source.encode("utf-8", errors="replace"), config) if isinstance(source, str) else None
        )
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
        try:
            root = etree.fromstring(_flatten_deep_nesting(text, config.flatten_depth), parser)
        except etree.ParserError:
            return None
    return root


def _flatten_deep_nesting(text: str, limit: int) -> str:
    """Drop the tags (not the text) of elements nested deeper than ``limit``.

    A dropped block tag becomes ``<br>`` so that its text still starts a line.
    Depth is counted from open and close tags alone, which is enough for the one
    case this serves: a document that libxml2 has already found too deep.
    """
    out: list[str] = []
    depth = dropped = pos = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID or match.group(3).rstrip().endswith("/"):
            continue
        keep = True
        if closing:
            if dropped:
                dropped -= 1
                keep = False
            else:
                depth = max(0, depth - 1)
        elif depth >= limit:
            dropped += 1
            keep = False
        else:
            depth += 1
        if not keep:
            out.append(text[pos : match.start()])
            out.append("<br>" if name in BLOCK else "")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)
