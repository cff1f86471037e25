"""Tell HTML from plain text by content, and decode plain text as the HTML reader decodes pages.

The command line and batch mode accept pages whose type nobody declared (a
file named ``page``, a record read from stdin, a ``.txt`` that is really a
saved web page), so the type is read from the bytes, not the name.  The test
is deliberately simple and looks only at the start of the page: markup that
opens a document (a doctype, ``<html>``, ``<head>``, ``<body>``) decides at
once; otherwise a page is HTML when it *starts* with a tag and tags are
common, so a plain-text article that quotes one ``<div>`` stays text.

>>> sniff("<!DOCTYPE html><title>x</title>")
'html'
>>> sniff(b"  <p>One</p><p>Two</p><p>Three</p><br><a href='x'>y</a>")
'html'
>>> sniff("An article that mentions the <div> element once.")
'text'
>>> sniff("\\ufeffمرحبا\\n".encode())
'text'
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from typing import Literal

from ..model import InputError
from .decode import decode_html, is_gzip, split_bom

Kind = Literal["html", "text"]

#: How much of a page the sniffer reads after any leading comments: markup that decides is near the top.
SNIFF_CHARS = 4096
#: How far it looks for the end of leading comments (a licence banner can be long).
SCAN_CHARS = 65536

_DOCUMENT_MARKUP = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.I)
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|br|div|em|figure|figcaption|footer|form|h[1-6]|header|hr|i|img|"
    "input|li|link|main|nav|ol|p|script|section|span|strong|style|table|td|th|tr|ul|svg|iframe|noscript"
)
_OPENING_TAG = re.compile(rf"<(?:{_ELEMENTS})[\s/>]", re.I)
_ANY_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.I)
_MIN_TAGS = 3


def sniff(data: bytes | str) -> Kind:
    """``"html"`` when ``data`` is an HTML page, else ``"text"``.

    Bytes are looked at through a lenient decoding of their start (markup is
    ASCII in every encoding a web page uses, bar UTF-16/32, whose BOM is
    honoured), so the answer never depends on the page's own encoding.
    """
    if isinstance(data, bytes):
        bom, encoding = split_bom(data)
        head = data[len(bom) : len(bom) + SCAN_CHARS].decode(encoding or "latin-1", errors="replace")
    elif isinstance(data, str):
        head = data[:SCAN_CHARS]
    else:
        raise TypeError(f"sniff() takes bytes or str, not {type(data).__name__}")
    sample = _after_comments(head.lstrip("\ufeff"))[:SNIFF_CHARS]
    if _DOCUMENT_MARKUP.search(sample):
        return "html"
    if _OPENING_TAG.match(sample) and len(_ANY_TAG.findall(sample)) >= _MIN_TAGS:
        return "html"
    return "text"


def _after_comments(text: str) -> str:
    """``text`` from its first character that is neither space nor inside a leading ``<!-- -->`` comment.

    Done with ``find`` rather than a regex: a pattern for "any number of
    comments" backtracks exponentially on a page of many comments.

    >>> _after_comments("  <!-- saved -->\\n<!--x--><p>")
    '<p>'
    """
    text = text.lstrip()
    while text.startswith("<!--"):
        end = text.find("-->", 4)
        if end < 0:
            return ""
        text = text[end + 3 :].lstrip()
    return text


def decode_text(data: bytes, *, name: str = "input", encoding: str | None = None) -> str:
    """Decode a plain-text page: ``encoding`` when given, else a BOM, UTF-8, or the HTML reader's detection.

    Plain text has no ``<meta charset>``, but its bytes say as much as an
    HTML page's text does: the same detection that reads a windows-1256 page
    (:func:`boilerstrip.readers.decode.decode_html`) reads the same bytes
    saved as ``.txt``.  When nothing reads well the error says where decoding
    failed and how to name the encoding.  A leading byte-order mark is an
    encoding marker, not a character of the page, and is dropped.

    >>> decode_text(b"caf\\xc3\\xa9")
    'café'
    >>> decode_text("مرحبا بكم في المدينة".encode("cp1256"))
    'مرحبا بكم في المدينة'
    >>> decode_text(b"caf\\xe9", name="a.txt", encoding="utf-8")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    boilerstrip.model.InputError: a.txt is not UTF-8 text (byte 0xe9 at offset 3); name its encoding ...
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8, windows-1256, cp1252 …)") from None
        return _strict(data, encoding, 0, name)
    bom, found = split_bom(data)
    if found is not None:
        return _strict(data[len(bom) :], found, len(bom), name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return decode_html(data)[0]
    except InputError:
        return _strict(data, "utf-8", 0, name)  # raises, saying where UTF-8 fails


def _strict(data: bytes, encoding: str, offset: int, name: str) -> str:
    """``data`` decoded with ``encoding``, or an :class:`InputError` naming the first bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{name} is not {encoding.upper()} text (byte 0x{bad} at offset {exc.start + offset}); "
            "name its encoding with --encoding"
        ) from None


def gunzip_if_needed(data: bytes, *, name: str = "input") -> bytes:
    """Decompress ``data`` when it is gzip (by its magic bytes), else return it as is.

    Saved pages often arrive compressed (``page.html.gz``, a gzip HTTP body);
    looking at the bytes rather than the name handles both.

    >>> gunzip_if_needed(gzip.compress(b"abc"))
    b'abc'
    >>> gunzip_if_needed(b"abc")
    b'abc'
    """
    if not is_gzip(data):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{name} looks gzip-compressed but cannot be decompressed: {exc}") from None
