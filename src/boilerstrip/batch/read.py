"""Reading inputs: which files to read, and every record in them as a :class:`Task`, in order.

Inputs are page files (``.txt``, ``.html``, ``.htm``, optionally ``.gz``),
folders of them, JSON Lines files and WARC/WET archives (:mod:`.warc`).
Nothing is lost quietly: a record that cannot be read becomes a task that
carries its error, and what is passed over because it is not a page (a
folder's other files, a WARC's images) is counted with the reason.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BufferedReader
from pathlib import Path
from typing import Any, Literal

from ..load import InputKind
from ..model import InputError
from .task import Task, describe
from .warc import warc_backend, warc_tasks

#: File name endings of page files picked up from folders (each also with ``.gz``).
PAGE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".wet")


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
        reader = _jsonl_tasks(path, fields) if fmt == "jsonl" else warc_tasks(path, stats.skipped)
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


def _open_maybe_gzip(path: Path) -> gzip.GzipFile | BufferedReader:
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
