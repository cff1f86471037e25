"""One input record on its way to a worker, and the output record it becomes.

Every task becomes exactly one record ``{id, url, title, body, sources,
date, language, error}``, a failed one too: that is what lets the output
account for the input.  Why a record failed is carried beside it as a
:class:`Failure`, for callers that count failures apart (datatrove's
stats), so that nobody has to parse the error text, which is for people.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

from ..load import InputKind, load_page
from ..model import InputError


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


class Failure(enum.Enum):
    """Why a record holds an error instead of a page."""

    #: The record could not be read, or labelling it raised: the error says what went wrong.
    ERROR = "error"
    #: The record ran past the time limit and its worker was killed.
    TIMED_OUT = "timed out"
    #: The worker process died while it held the record.
    WORKER_DIED = "worker died"


@dataclass(frozen=True)
class Outcome:
    """The output record of a task, as written to OUT, and why it failed when it did."""

    record: dict[str, Any]
    failure: Failure | None = None


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
