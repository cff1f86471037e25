"""Batch mode: many pages in, one JSON record per page out, in input order, none lost.

Inputs are page files (``.txt``, ``.html``, ``.htm``, optionally ``.gz``),
folders of them, JSON Lines files and WARC/WET archives.  Every input record
becomes exactly one output record ``{id, url, title, body, sources, date, language, error}``:
a page that cannot be read, fails, or takes longer than the time limit is
written as a record whose ``error`` says why, so that counting the output
always accounts for the input.

One module per job, in the order a record meets them:

- :mod:`.read` (and :mod:`.warc` for archives): input files to :class:`Task`\\ s;
- :mod:`.task`: what a task is, and the record it becomes;
- :mod:`.pool` (the parent's side) and :mod:`.worker` (the worker's side):
  labelling in worker processes, with a time limit per record;
- :mod:`.write`: OUT written through a temporary file, never half-written;
- :mod:`.summary`: what the run did; :mod:`.run`: :func:`run_batch`, all of it.
"""

from __future__ import annotations

from .pool import run_pool
from .read import (
    AUTO_FIELDS,
    JsonlFields,
    ReadStats,
    count_records,
    expand_inputs,
    input_format,
    iter_tasks,
)
from .run import Options, progress_bar, run_batch
from .summary import Summary, failure_reason
from .task import Failure, Outcome, Task, describe, error_record, process_task
from .warc import warc_backend
from .worker import Processor, WorkerStartError, warm_up

__all__ = [
    "AUTO_FIELDS",
    "Failure",
    "JsonlFields",
    "Options",
    "Outcome",
    "Processor",
    "ReadStats",
    "Summary",
    "Task",
    "WorkerStartError",
    "count_records",
    "describe",
    "error_record",
    "expand_inputs",
    "failure_reason",
    "input_format",
    "iter_tasks",
    "process_task",
    "progress_bar",
    "run_batch",
    "run_pool",
    "warc_backend",
    "warm_up",
]
