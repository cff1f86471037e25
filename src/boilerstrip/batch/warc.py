"""WARC and WET archives: their HTML responses and text conversions as tasks, the rest counted.

Two libraries read WARC files: FastWARC (much faster) and warcio (pure
Python, often already installed).  Each is wrapped to give the same rows,
so that what becomes a record does not depend on which one is installed.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from ..readers.decode import header_charset
from ..readers.sniff import gunzip_if_needed, sniff
from .task import Task

Backend = Literal["fastwarc", "warcio"]
#: The WARC libraries, the one preferred first.
BACKENDS: tuple[Backend, ...] = ("fastwarc", "warcio")

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_backend() -> Backend | None:
    """The WARC library to use: FastWARC when installed (much faster), else warcio, else none."""
    for name in BACKENDS:
        try:
            __import__(name)
        except ImportError:
            continue
        return name
    return None


def warc_tasks(path: Path, skipped: Counter[str]) -> Iterator[Task]:
    """The pages of a WARC or WET file: HTML responses and text conversion records.

    Other records (requests, metadata, images, redirects) are not pages; they
    are counted in ``skipped``, by reason, rather than written.
    """
    records = _fastwarc_records(path) if warc_backend() == "fastwarc" else _warcio_records(path)
    for rec_type, rec_id, url, status, content_type, body in records:
        task_id = rec_id or f"{path}#{url}"
        if rec_type == "conversion":
            yield Task(task_id, url, kind="text", data=body)
            continue
        mime = (content_type or "").split(";")[0].strip().lower()
        if status is not None and not 200 <= status < 300:
            skipped[f"WARC response with HTTP status {status}"] += 1
        elif mime and mime not in _HTML_TYPES:
            skipped[f"WARC response of type {mime}"] += 1
        elif not mime and sniff(body) != "html":
            skipped["WARC response that is not HTML"] += 1
        else:
            yield Task(task_id, url, kind="html", data=_decode_declared(body, content_type))


def _decode_declared(body: bytes, content_type: str | None) -> bytes | str:
    """The body decoded with the charset its HTTP header declares, or the bytes when that fails.

    The header is the server's word on the encoding and is lost once the body
    leaves the archive; when it is absent or wrong the HTML reader gets bytes
    and reads the page's own ``<meta charset>``.
    """
    charset = header_charset(content_type)
    if charset:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return gunzip_if_needed(body).decode(charset)
    return body


WarcRow = tuple[str, str | None, str | None, int | None, str | None, bytes]


def _status(code: int | str | None) -> int | None:
    """An HTTP status as a number (libraries and their versions give int or str), or ``None``."""
    try:
        return int(code) if code is not None else None
    except ValueError:
        return None


def _fastwarc_records(path: Path) -> Iterator[WarcRow]:
    """Response and conversion records: (type, id, target URI, HTTP status, content type, payload)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.response | WarcRecordType.conversion
    with open(path, "rb") as stream:
        for rec in ArchiveIterator(stream, record_types=wanted, parse_http=True):
            is_response = rec.record_type == WarcRecordType.response
            if is_response and not rec.is_http:
                continue
            headers = rec.headers
            yield (
                "response" if is_response else "conversion",
                headers.get("WARC-Record-ID"),
                headers.get("WARC-Target-URI"),
                _status(rec.http_headers.status_code) if is_response else None,
                rec.http_headers.get("Content-Type") if is_response else None,
                rec.reader.read(),
            )


def _warcio_records(path: Path) -> Iterator[WarcRow]:
    """As :func:`_fastwarc_records`, with warcio (pure Python, slower, but often already installed)."""
    from warcio.archiveiterator import ArchiveIterator  # no stubs

    with open(path, "rb") as stream:
        for rec in ArchiveIterator(stream):
            if rec.rec_type not in ("response", "conversion"):
                continue
            http = rec.http_headers if rec.rec_type == "response" else None
            if rec.rec_type == "response" and http is None:
                continue
            yield (
                rec.rec_type,
                rec.rec_headers.get_header("WARC-Record-ID"),
                rec.rec_headers.get_header("WARC-Target-URI"),
                _status(http.get_statuscode()) if http else None,
                http.get_header("Content-Type") if http else None,
                rec.content_stream().read(),
            )
