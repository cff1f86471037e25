"""Batch mode: many pages in, one JSON record per page out, in input order, none lost.

Inputs are page files (``.txt``, ``.html``, ``.htm``, optionally ``.gz``),
folders of them, JSON Lines files and WARC/WET archives.  Every input record
becomes exactly one output record ``{id, url, title, body, sources, date, language, error}``:
a page that cannot be read, fails, or takes longer than the time limit is
written as a record whose ``error`` says why, so that counting the output
always accounts for the input.

Work runs in worker processes even with one worker, because a page that
sends the labeller into a pathological case can only be abandoned by killing
the process that holds it; the pool below does exactly that and starts a
fresh worker.  The output is written to a temporary file beside ``OUT`` and
renamed over it at the end, so ``OUT`` is never half-written.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO, Any, Literal

import boilerstrip

from .load import InputKind, load_page
from .model import InputError
from .readers.decode import header_charset
from .readers.sniff import gunzip_if_needed, sniff

#: File name endings of page files picked up from folders (each also with ``.gz``).
PAGE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".wet")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Task:
    """One input record on its way to a worker.

    ``error`` is set when the record already failed while being read (an
    invalid JSON line, a missing field): it still becomes an output record.
    """

    id: str
    url: str | None = None
    kind: InputKind = "auto"
    data: bytes | str | None = None
    error: str | None = None
    #: Write every line's label and rule into the record (``--lines``).
    lines: bool = False
    #: The encoding of ``data`` when it is bytes and the user named it (``--encoding``).
    encoding: str | None = None


def error_record(task: Task, error: str) -> dict[str, Any]:
    """The output record of a task that produced no page."""
    record: dict[str, Any] = {
        "id": task.id,
        "url": task.url,
        "title": None,
        "body": None,
        "sources": [],
        "date": None,
        "language": None,
        "error": error,
    }
    if task.lines:
        record["lines"] = []
    return record


def describe(exc: BaseException) -> str:
    """A one-line account of what went wrong, for an error record."""
    message = " ".join(str(exc).split())
    if isinstance(exc, InputError):
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def process_task(task: Task) -> dict[str, Any]:
    """Label one task and return its output record (runs in a worker process)."""
    if task.error is not None:
        return error_record(task, task.error)
    assert task.data is not None
    page = load_page(task.data, task.kind, url=task.url, name=task.id, encoding=task.encoding)
    record = {
        "id": task.id,
        "url": task.url,
        "title": page.title,
        "body": page.body,
        "sources": [asdict(s) for s in page.sources],
        "date": page.date,
        "language": page.language,
        "error": None,
    }
    if task.lines:
        record["lines"] = page.to_dict()["lines"]
    return record


# --------------------------------------------------------------------------- inputs


#: Fields looked for when neither ``--html-field`` nor ``--text-field`` is given, first found wins,
#: with how each is read: the names crawls and datasets use (Common Crawl exports, datatrove, HF datasets).
AUTO_FIELDS: tuple[tuple[str, InputKind], ...] = (
    ("html", "html"),
    ("raw_html", "html"),
    ("html_content", "html"),
    ("text", "text"),
    ("content", "auto"),
    ("raw_content", "auto"),
)


@dataclass(frozen=True)
class JsonlFields:
    """Which fields of a JSON Lines record hold the page, its id and its URL.

    A record with a non-null ``html`` field is read as HTML, else its ``text``
    field is read as plain text.  When neither is named, the usual names of
    :data:`AUTO_FIELDS` are looked for: a file of ``raw_html`` records should
    not become a file of error records because nobody said ``--html-field``.
    """

    text: str | None = None
    html: str | None = None
    id: str = "id"
    url: str = "url"

    def candidates(self) -> tuple[tuple[str, InputKind], ...]:
        """The page fields to look for, in order, each with how it is read."""
        if self.text is None and self.html is None:
            return AUTO_FIELDS
        html: tuple[tuple[str, InputKind], ...] = ((self.html, "html"),) if self.html else ()
        return (*html, (self.text or "text", "text"))


@dataclass
class ReadStats:
    """What the readers passed over without making a record of it (not a page), by reason."""

    skipped: Counter[str] = field(default_factory=Counter)


def _base_name(path: Path) -> str:
    """The file name in lower case without a trailing ``.gz``."""
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def input_format(path: Path) -> Literal["jsonl", "warc", "page"]:
    """What an input file holds, from its name: JSON Lines, a WARC/WET archive, or one page.

    >>> input_format(Path("crawl/CC-MAIN-0001.warc.wet.gz")), input_format(Path("a.JSONL"))
    ('warc', 'jsonl')
    >>> input_format(Path("page.html.gz"))
    'page'
    """
    base = _base_name(path)
    if base.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if base.endswith(WARC_SUFFIXES):
        return "warc"
    return "page"


def _folder_pages(folder: Path, skipped: Counter[str]) -> list[Path]:
    """The page files under ``folder``, sorted; the other files are counted in ``skipped`` with a reason.

    A folder that yields nothing must be able to say why (a folder of ``.md``
    files, of hidden files), so what is passed over is counted, never ignored.
    """
    found: list[Path] = []
    others: list[str] = []
    hidden = 0
    try:
        for p in sorted(folder.rglob("*")):
            if not p.is_file():
                continue
            if any(part.startswith(".") for part in p.relative_to(folder).parts):
                hidden += 1
            elif _base_name(p).endswith(PAGE_SUFFIXES):
                found.append(p)
            else:
                others.append(p.relative_to(folder).as_posix())
    except OSError as exc:
        raise InputError(f"cannot read folder {folder}: {exc.strerror or exc}") from None
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        skipped[f"files in {folder} not named .txt/.html/.htm ({shown})"] += len(others)
    if hidden:
        skipped[f"hidden files in {folder}"] += hidden
    return found


def expand_inputs(inputs: Sequence[str | Path], skipped: Counter[str] | None = None) -> list[Path]:
    """The input files named by ``inputs``, folders walked for page files (sorted, hidden ones skipped).

    Raises :class:`InputError` for a path that does not exist or cannot be
    read, before any work starts: a typo should not cost a long run.  Files
    of a folder that are not pages are counted in ``skipped``.
    """
    files: list[Path] = []
    skipped = Counter() if skipped is None else skipped
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(_folder_pages(path, skipped))
        elif path.is_file():
            if not os.access(path, os.R_OK):
                raise InputError(f"cannot read {path}: permission denied")
            files.append(path)
        elif path.exists():
            raise InputError(f"{path} is neither a file nor a folder")
        else:
            raise InputError(f"no such file or folder: {path}")
    if any(input_format(p) == "warc" for p in files) and warc_backend() is None:
        raise InputError("reading WARC/WET files needs fastwarc or warcio: pip install fastwarc")
    return files


def iter_tasks(files: Iterable[Path], fields: JsonlFields, stats: ReadStats) -> Iterator[Task]:
    """Every input record of ``files`` as a :class:`Task`, in order.

    Reading goes lazily, file by file.  A file that breaks off part-way (a
    truncated gzip, a corrupt archive) yields one error record for the rest of
    it, so the damage is visible in the output rather than silent.
    """
    for path in files:
        fmt = input_format(path)
        if fmt == "page":
            try:
                yield Task(id=str(path), data=path.read_bytes())
            except OSError as exc:
                yield Task(id=str(path), error=f"cannot read {path}: {exc.strerror or exc}")
            continue
        reader = _jsonl_tasks(path, fields) if fmt == "jsonl" else _warc_tasks(path, stats)
        count = 0
        try:
            for task in reader:
                count += 1
                yield task
        except Exception as exc:  # whatever the archive or gzip library raises for a damaged file
            yield Task(
                id=f"{path}#unreadable-after-{count}",
                error=f"cannot read the rest of {path} after {count} records: {describe(exc)}",
            )


def _open_maybe_gzip(path: Path) -> IO[bytes]:
    """``path`` opened for reading bytes, decompressed when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _jsonl_tasks(path: Path, fields: JsonlFields) -> Iterator[Task]:
    """The records of a JSON Lines file; a broken line is an error record, never a dropped one."""
    with _open_maybe_gzip(path) as stream:
        for lineno, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield Task(
                    where, error=f"invalid JSON on line {lineno} of {path}: {exc.msg} at column {exc.colno}"
                )
                continue
            except UnicodeDecodeError:
                yield Task(where, error=f"line {lineno} of {path} is not UTF-8")
                continue
            if not isinstance(obj, dict):
                yield Task(
                    id=where, error=f"line {lineno} of {path} is a JSON {type(obj).__name__}, not an object"
                )
                continue
            yield _jsonl_task(obj, where, fields)


def _jsonl_task(obj: dict[str, Any], where: str, fields: JsonlFields) -> Task:
    """The task for one JSON object: its id, URL and page field, or an error saying which field is wrong."""
    raw_id = obj.get(fields.id)
    task_id = where if raw_id is None or isinstance(raw_id, (dict, list)) else str(raw_id)
    url = obj.get(fields.url)
    url = url if isinstance(url, str) else None
    candidates = fields.candidates()
    for name, kind in candidates:
        if obj.get(name) is None:
            continue
        value = obj[name]
        if not isinstance(value, str):
            return Task(task_id, url, error=f"field {name!r} is a JSON {_json_type(value)}, not a string")
        return Task(task_id, url, kind=kind, data=value)
    nulls = [name for name, _ in candidates if name in obj]
    if nulls:
        return Task(task_id, url, error=f"field {nulls[0]!r} is null")
    wanted = ", ".join(repr(name) for name, _ in candidates)
    present = ", ".join(sorted(obj)) or "none"
    return Task(
        task_id,
        url,
        error=f"record has no page field: looked for {wanted} (fields: {present}); "
        "name the page's field with --text-field or --html-field",
    )


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    names = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object", str: "string"}
    return names.get(type(value), type(value).__name__)


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_backend() -> Literal["fastwarc", "warcio"] | None:
    """The WARC library to use: FastWARC when installed (much faster), else warcio, else none."""
    for name in ("fastwarc", "warcio"):
        try:
            __import__(name)
        except ImportError:
            continue
        return name  # type: ignore[return-value]
    return None


def _warc_tasks(path: Path, stats: ReadStats) -> Iterator[Task]:
    """The pages of a WARC or WET file: HTML responses and text conversion records.

    Other records (requests, metadata, images, redirects) are not pages; they
    are counted in ``stats.skipped`` rather than written.
    """
    records = _fastwarc_records(path) if warc_backend() == "fastwarc" else _warcio_records(path)
    for rec_type, rec_id, url, status, content_type, body in records:
        task_id = rec_id or f"{path}#{url}"
        if rec_type == "conversion":
            yield Task(task_id, url, kind="text", data=body)
            continue
        mime = (content_type or "").split(";")[0].strip().lower()
        if status is not None and not 200 <= status < 300:
            stats.skipped[f"WARC response with HTTP status {status}"] += 1
        elif mime and mime not in _HTML_TYPES:
            stats.skipped[f"WARC response of type {mime}"] += 1
        elif not mime and sniff(body) != "html":
            stats.skipped["WARC response that is not HTML"] += 1
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
    from warcio.archiveiterator import ArchiveIterator

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


# --------------------------------------------------------------------------- worker pool

Processor = Callable[[Task], dict[str, Any]]

#: A tiny page labelled once per process before any real one (see :func:`warm_up`).
WARM_UP_TEXT = "boilerstrip\nwarm-up line\n"


#: How the error of a record abandoned for taking too long, or lost with its worker, begins.
TIMED_OUT = "timed out after"
WORKER_DIED = "worker process died"


class WorkerStartError(RuntimeError):
    """A worker process could not get ready: boilerstrip failed to load in it."""


def warm_up() -> None:
    """Label a tiny page, so that what a first call builds (lexicons, rule tables) is built now.

    Done in the parent before workers are forked, so that they start with it
    loaded, and in each worker before it takes work, so that this one-off cost
    is never charged to a record's time limit.
    """
    boilerstrip.strip(WARM_UP_TEXT)


#: The parent's ends of the workers' pipes.  A forked worker inherits them all, its own pipe's
#: included, and while any copy is open its ``recv`` never sees the parent go: each worker closes them.
_PARENT_ENDS: weakref.WeakSet[Connection] = weakref.WeakSet()
#: Descriptors of the parent's own files (the temporary output), which a forked worker must not hold open.
_PARENT_FDS: set[int] = set()
#: ``prctl`` option asking Linux to signal a process when its parent dies.
PR_SET_PDEATHSIG = 1


def _detach_from_parent(parent: int | None) -> None:
    """In a new worker: let go of what only the parent should hold, and die when the parent dies.

    Closing the inherited pipe ends makes ``recv`` fail as soon as the parent
    is gone, however it went (``kill -9`` included); on Linux a parent-death
    signal also stops a worker that is busy on a long page.  ``parent`` is
    the pid the worker was forked from, checked once the signal is set up, in
    case the parent died before that (``None`` under forkserver, whose
    workers are the forkserver's children).
    """
    import signal

    for conn in list(_PARENT_ENDS):
        conn.close()
    for fd in list(_PARENT_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _PARENT_FDS.clear()
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _worker_main(conn: Connection, process: Processor, parent: int | None = None) -> None:
    """A worker: warm up, say ready, then label what the parent sends until it sends ``None``.

    Messages to the parent are ``("ready", None)``, ``("failed", why)`` and
    ``("done", record)``.  The worker ends when its parent does (see
    :func:`_detach_from_parent`).
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us itself
    _detach_from_parent(parent)
    try:
        warm_up()
    except Exception as exc:
        conn.send(("failed", describe(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            record = process(task)
        except Exception as exc:
            record = error_record(task, describe(exc))
        try:
            conn.send(("done", record))
        except Exception as exc:  # an unpicklable result from a custom processor
            conn.send(("done", error_record(task, f"result cannot be sent back: {describe(exc)}")))


def _context() -> multiprocessing.context.BaseContext:
    """How to start workers.

    Fork on Linux when the parent runs no other thread: workers start at once
    with boilerstrip already warmed up in the parent.  Otherwise forkserver
    (spawn where there is none), whose workers warm up themselves.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["boilerstrip.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process, its pipe, whether it is ready, and the task it holds with its deadline."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, process: Processor) -> None:
        self.conn, child = ctx.Pipe()
        _PARENT_ENDS.add(self.conn)
        parent = None if ctx.get_start_method() == "forkserver" else os.getpid()
        self.proc = ctx.Process(target=_worker_main, args=(child, process, parent), daemon=True)  # type: ignore[attr-defined]
        self.proc.start()
        child.close()
        self.ready = False
        self.job: tuple[int, Task] | None = None
        self.deadline: float | None = None

    def send(self, seq: int, task: Task, timeout: float | None) -> None:
        self.conn.send(task)
        self.job = (seq, task)
        self.deadline = time.monotonic() + timeout if timeout else None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to finish; kill a busy one (the run is being abandoned) or one that lingers."""
        if self.ready and self.job is None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_pool(
    tasks: Iterable[Task],
    *,
    workers: int = 1,
    timeout: float | None = None,
    process: Processor = process_task,
) -> Iterator[dict[str, Any]]:
    """The output record of every task, in task order, computed by ``workers`` processes.

    A task that runs past ``timeout`` seconds has its worker killed and
    replaced, and becomes an error record; so does a task whose worker dies.
    ``process`` must be importable by name (it is sent to the workers by
    reference).  Records wait in order behind a slow task, at most
    ``64 * workers`` of them.  Raises :class:`WorkerStartError` when workers
    cannot start at all.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    warm_up()
    ctx = _context()
    pool = [_Worker(ctx, process) for _ in range(workers)]
    max_waiting = 64 * workers
    source = iter(tasks)
    exhausted = False
    next_seq = next_out = 0
    done: dict[int, dict[str, Any]] = {}
    try:
        while True:
            for worker in pool:
                while worker.ready and worker.job is None and not exhausted and len(done) < max_waiting:
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                    elif task.error is not None:  # failed while reading: nothing for a worker to do
                        done[next_seq] = error_record(task, task.error)
                        next_seq += 1
                    else:
                        worker.send(next_seq, task, timeout)
                        next_seq += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and all(w.job is None for w in pool):
                return
            pending = [w for w in pool if not w.ready or w.job is not None]
            deadlines = [w.deadline for w in pending if w.job is not None and w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            readable = wait([w.conn for w in pending], timeout=wait_for)
            now = time.monotonic()
            for i, worker in enumerate(pool):
                if worker.conn in readable:
                    try:
                        kind, payload = worker.conn.recv()
                    except (EOFError, OSError):
                        kind, payload = "died", None
                    if not worker.ready:
                        if kind != "ready":
                            worker.kill()
                            why = payload or f"it exited with code {worker.proc.exitcode}"
                            raise WorkerStartError(f"a worker process could not start: {why}")
                        worker.ready = True
                        continue
                    assert worker.job is not None
                    seq, task = worker.job
                    if kind == "done":
                        done[seq] = payload
                        worker.job = None
                        continue
                    worker.kill()
                    done[seq] = error_record(
                        task, f"{WORKER_DIED} (exit code {worker.proc.exitcode}) on this record"
                    )
                    pool[i] = _Worker(ctx, process)
                elif worker.job is not None and worker.deadline is not None and now >= worker.deadline:
                    worker.kill()
                    done[worker.job[0]] = error_record(worker.job[1], f"{TIMED_OUT} {timeout:g} s")
                    pool[i] = _Worker(ctx, process)
    finally:
        for worker in pool:
            worker.stop()


# --------------------------------------------------------------------------- the run


def failure_reason(record: dict[str, Any]) -> str:
    """An error with what differs from record to record (its id, numbers, parentheses) taken out.

    Two records fail "for the same reason" when these are equal: a file of 30
    records without a ``text`` field gives 30 errors that differ only in
    their ids and field lists.
    """
    error = str(record.get("error") or "")
    if record.get("id"):
        error = error.replace(str(record["id"]), "…")
    return re.sub(r"\d+", "N", re.sub(r"\s*\([^()]*\)", "", error))


@dataclass
class Summary:
    """What a batch run did, for the closing message and the exit code."""

    records_in: int = 0
    resumed: int = 0
    written: int = 0
    failed: int = 0
    dropped_lines: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False
    #: Failed records by :func:`failure_reason`, with the first error seen for each.
    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every record read was either already in OUT (``--resume``) or written now."""
        return self.records_in == self.resumed + self.written

    def count(self, record: dict[str, Any]) -> None:
        """Count one written record, and its reason when it failed."""
        self.written += 1
        if record.get("error") is not None:
            self.failed += 1
            reason = failure_reason(record)
            self.reasons[reason] += 1
            self.examples.setdefault(reason, str(record["error"]))

    @property
    def uniform_failure(self) -> str | None:
        """The error, when every record of the run failed and all for one reason; else ``None``.

        Such a run did no work (a wrong field name, the wrong encoding): it
        should not look like a success.
        """
        if self.records_in and self.failed == self.records_in and len(self.reasons) == 1:
            return next(iter(self.examples.values()))
        return None

    def lines(self, out: Path) -> list[str]:
        """The closing message, one fact per line."""
        resumed = f"{self.resumed} already in {out.name}, " if self.resumed else ""
        text = [
            f"{self.records_in} records in, {resumed}{self.written} written ({self.failed} failed) -> {out}"
        ]
        if self.dropped_lines:
            text.append(f"dropped {self.dropped_lines} unreadable lines from the existing {out.name}")
        text.extend(f"skipped {n} {reason}" for reason, n in sorted(self.skipped.items()))
        if self.interrupted:
            text.append(
                f"interrupted: {out.name} holds the records written so far; rerun with --resume to finish"
            )
        elif not self.complete:
            text.append(
                f"error: {self.records_in - self.resumed - self.written} records read but not written (a bug)"
            )
        elif self.records_in == 0:
            text.append("error: no records to label in the inputs")
        elif self.uniform_failure:
            text.append(f"error: every record failed: {self.uniform_failure}")
        return text


def count_records(files: Sequence[Path]) -> int | None:
    """How many records ``files`` hold, when that is cheap to know; ``None`` for archives.

    A page file is one record and an uncompressed JSON Lines file one per
    non-blank line (counted without parsing); gzipped JSON Lines and WARC
    files would have to be read twice, so their total stays unknown.
    """
    total = 0
    for path in files:
        fmt = input_format(path)
        if fmt == "page":
            total += 1
        elif fmt == "jsonl" and not path.name.lower().endswith(".gz"):
            try:
                with open(path, "rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            except OSError:
                return None
        else:
            return None
    return total


def progress_bar(stream: IO[str] | None, total: int | None, done: int) -> Any:
    """A tqdm bar on ``stream`` (``None``: a bar that shows nothing) over ``total`` records.

    ``done`` records were already in OUT (``--resume``): the bar starts there,
    and tqdm's ``initial`` keeps them out of the rate and the time left,
    which count the records processed in this run only.
    """
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]
        #: No monitor thread: a parent with a thread running cannot fork its workers (see _context).
        monitor_interval = 0

    return Bar(
        total=total,
        initial=done,
        file=stream,
        disable=stream is None,
        unit="record",
        dynamic_ncols=True,
        mininterval=0.2,
        postfix={"errors": 0},
    )


def _encode(record: dict[str, Any]) -> bytes:
    """One JSON line; text that cannot be UTF-8 (lone surrogates from a JSON escape) is kept escaped."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


def _existing(out: Path, summary: Summary) -> tuple[list[bytes], Counter[str]]:
    """The valid records of an existing OUT (as lines) and how often each id occurs, for ``--resume``."""
    lines: list[bytes] = []
    ids: Counter[str] = Counter()
    try:
        with open(out, "rb") as stream:
            for raw in stream:
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except ValueError:
                    obj = None
                if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                    summary.dropped_lines += 1
                    continue
                ids[obj["id"]] += 1
                lines.append(raw if raw.endswith(b"\n") else raw + b"\n")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(f"cannot read {out} to resume: {exc.strerror or exc}") from None
    return lines, ids


def check_output(out: Path, files: Sequence[Path], *, replace: bool = False) -> None:
    """Refuse an OUT that cannot be written, that is one of the inputs, or that exists and would be lost.

    An existing OUT is earlier work: it is kept unless ``replace`` (``--resume``
    or ``--overwrite``) says what to do with it.
    """
    if out.is_dir():
        raise InputError(f"output {out} is a folder; give a file name such as {out / 'out.jsonl'}")
    folder = out.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {out}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"cannot write {out}: folder {folder} is not writable")
    if out.exists() and any(p.exists() and p.samefile(out) for p in files):
        raise InputError(f"output {out} is also an input")
    if out.exists() and not replace:
        raise InputError(f"output {out} already exists: --resume to finish it, --overwrite to replace it")


@dataclass(frozen=True)
class Options:
    """What each record is asked for: its lines (``--lines``), the encoding of its bytes (``--encoding``)."""

    lines: bool = False
    encoding: str | None = None


def run_batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    fields: JsonlFields | None = None,
    workers: int = 1,
    timeout: float | None = 60.0,
    resume: bool = False,
    overwrite: bool = False,
    options: Options = Options(),
    progress: IO[str] | None = None,
    process: Processor = process_task,
) -> Summary:
    """Label every record of ``inputs`` and write one JSON line per record to ``out``.

    Raises :class:`InputError` (before writing anything) for inputs that do
    not exist, an ``out`` that cannot be written, or an ``out`` that exists
    when neither ``resume`` nor ``overwrite`` is set.  With ``resume`` the
    records already in ``out`` are kept and skipped in the input by id and
    occurrence: the n-th record with an id is skipped when ``out`` holds n
    records with that id, so repeated ids are finished exactly once each.
    ``progress`` is the stream for the progress bar (``None``: none).  On
    Ctrl-C the records written so far are kept in ``out``, so that ``resume``
    can finish the job, and the summary says ``interrupted``.
    """
    out = Path(out)
    summary = Summary()
    files = expand_inputs(inputs, summary.skipped)
    check_output(out, files, replace=resume or overwrite)
    kept, done_ids = _existing(out, summary) if resume else ([], Counter())
    stats = ReadStats(skipped=summary.skipped)
    total = count_records(files) if progress is not None else None
    seen: Counter[str] = Counter()

    def fresh() -> Iterator[Task]:
        for task in iter_tasks(files, fields or JsonlFields(), stats):
            summary.records_in += 1
            seen[task.id] += 1
            if seen[task.id] <= done_ids[task.id]:
                summary.resumed += 1
                continue
            if options != Options():
                task = replace(task, lines=options.lines, encoding=options.encoding)
            yield task

    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    tmp = Path(tmp_name)
    _PARENT_FDS.add(fd)
    start = len(kept) if total is None else min(len(kept), total)
    try:
        with os.fdopen(fd, "wb") as sink, progress_bar(progress, total, start) as bar:
            sink.writelines(kept)
            records = run_pool(fresh(), workers=workers, timeout=timeout, process=process)
            try:
                with contextlib.closing(records):
                    for record in records:
                        sink.write(_encode(record))
                        summary.count(record)
                        bar.update(1)
                        if record.get("error") is not None:
                            bar.set_postfix(errors=summary.failed, refresh=False)
            except KeyboardInterrupt:
                summary.interrupted = True
        _publish(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        _PARENT_FDS.discard(fd)
    return summary


def _publish(tmp: Path, out: Path) -> None:
    """Give the finished temporary file the usual permissions and move it over ``out`` in one step."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, out)
