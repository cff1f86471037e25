"""A batch run from start to end: check, read, label in the pool, write, count, show progress.

Everything that can be refused (inputs that do not exist, an OUT that
cannot be written or would be lost) is refused before any work starts; from
then on every record read is either already in OUT (``--resume``) or written
now, and Ctrl-C keeps what was written so that ``--resume`` can finish it.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .pool import run_pool
from .read import JsonlFields, ReadStats, count_records, expand_inputs, iter_tasks
from .summary import Summary
from .task import Task, process_task
from .worker import Processor
from .write import check_output, encode_record, existing_records, output_file


@dataclass(frozen=True)
class Options:
    """What each record is asked for: its lines (``--lines``), the encoding of its bytes (``--encoding``)."""

    lines: bool = False
    encoding: str | None = None


def progress_bar(stream: IO[str] | None, total: int | None, done: int) -> Any:
    """A tqdm bar on ``stream`` (``None``: a bar that shows nothing) over ``total`` records.

    ``done`` records were already in OUT (``--resume``): the bar starts there,
    and tqdm's ``initial`` keeps them out of the rate and the time left,
    which count the records processed in this run only.
    """
    from tqdm import tqdm  # types-tqdm is not a dependency

    class Bar(tqdm):
        #: No monitor thread: a parent with a thread running cannot fork its workers (see pool._context).
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
    kept, done_ids = existing_records(out, summary) if resume else ([], Counter())
    total = count_records(files) if progress is not None else None
    tasks = _fresh_tasks(files, fields or JsonlFields(), options, done_ids, summary)
    start = len(kept) if total is None else min(len(kept), total)
    with output_file(out) as sink, progress_bar(progress, total, start) as bar:
        sink.writelines(kept)
        outcomes = run_pool(tasks, workers=workers, timeout=timeout, process=process)
        try:
            with contextlib.closing(outcomes):
                for outcome in outcomes:
                    sink.write(encode_record(outcome.record))
                    summary.count(outcome.record)
                    bar.update(1)
                    if outcome.failure is not None:
                        bar.set_postfix(errors=summary.failed, refresh=False)
        except KeyboardInterrupt:
            summary.interrupted = True
    return summary


def _fresh_tasks(
    files: Sequence[Path], fields: JsonlFields, options: Options, done_ids: Counter[str], summary: Summary
) -> Iterator[Task]:
    """The tasks of ``files`` that OUT does not hold yet, asked for what ``options`` say.

    Every record read is counted in ``summary``, and those skipped because
    OUT already holds them (``done_ids``, from ``--resume``) as resumed.
    """
    stats = ReadStats(skipped=summary.skipped)
    seen: Counter[str] = Counter()
    for task in iter_tasks(files, fields, stats):
        summary.records_in += 1
        seen[task.id] += 1
        if seen[task.id] <= done_ids[task.id]:
            summary.resumed += 1
            continue
        if options != Options():
            task = replace(task, lines=options.lines, encoding=options.encoding)
        yield task
