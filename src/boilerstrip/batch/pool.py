"""The parent's side of the worker pool: hand out tasks, collect records in order, kill what hangs.

Work runs in worker processes even with one worker, because a page that
sends the labeller into a pathological case can only be abandoned by killing
the process that holds it; the pool does exactly that and starts a fresh
worker.  Records come back in task order whatever order the workers finish
in, each as an :class:`~.task.Outcome` that says whether and why it failed.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Generator, Iterable, Iterator
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from .task import Failure, Outcome, Task, error_record, process_task
from .worker import Processor, WorkerStartError, keep_from_workers, warm_up, worker_main

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

    Context = ForkContext | ForkServerContext | SpawnContext

#: How many records may wait, per worker, behind a slow one for their turn to be yielded.
WAITING_PER_WORKER = 64


def _context() -> Context:
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

    def __init__(self, ctx: Context, process: Processor) -> None:
        self.conn, child = ctx.Pipe()
        keep_from_workers(self.conn)
        parent = None if ctx.get_start_method() == "forkserver" else os.getpid()
        self.proc = ctx.Process(target=worker_main, args=(child, process, parent), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.job: tuple[int, Task] | None = None
        self.deadline: float | None = None

    @property
    def idle(self) -> bool:
        """Ready and holding no task: free to take one."""
        return self.ready and self.job is None

    def expired(self, now: float) -> bool:
        """Whether the task it holds has run past its deadline."""
        return self.job is not None and self.deadline is not None and now >= self.deadline

    def send(self, seq: int, task: Task, timeout: float | None) -> None:
        self.conn.send(task)
        self.job = (seq, task)
        self.deadline = time.monotonic() + timeout if timeout else None

    def started(self, kind: str, payload: Any) -> None:
        """Take the first message of a new worker: it is ready, or it raises :class:`WorkerStartError`."""
        if kind != "ready":
            self.kill()
            why = payload or f"it exited with code {self.proc.exitcode}"
            raise WorkerStartError(f"a worker process could not start: {why}")
        self.ready = True

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to finish; kill a busy one (the run is being abandoned) or one that lingers."""
        if self.idle:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class _Pool:
    """The workers of one run, and the outcomes that wait to be yielded in task order."""

    def __init__(self, ctx: Context, process: Processor, workers: int, timeout: float | None) -> None:
        self.ctx = ctx
        self.process = process
        self.timeout = timeout
        self.workers = [_Worker(ctx, process) for _ in range(workers)]
        self.max_waiting = WAITING_PER_WORKER * workers
        self.done: dict[int, Outcome] = {}
        self.seqs = itertools.count()
        self.exhausted = False

    def outcomes(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        """Every task's outcome in task order: hand out work, yield what is next in line, wait, repeat."""
        next_out = 0
        while True:
            self._hand_out(tasks)
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            if self.exhausted and all(w.job is None for w in self.workers):
                return
            self._collect()

    def _hand_out(self, tasks: Iterator[Task]) -> None:
        """Give each idle worker the next task, while there are tasks and room for their outcomes."""
        for worker in self.workers:
            while worker.idle and not self.exhausted and len(self.done) < self.max_waiting:
                task = next(tasks, None)
                if task is None:
                    self.exhausted = True
                elif task.error is not None:  # failed while reading: nothing for a worker to do
                    self.done[next(self.seqs)] = Outcome(error_record(task, task.error), Failure.ERROR)
                else:
                    worker.send(next(self.seqs), task, self.timeout)

    def _collect(self) -> None:
        """Wait for a message or the nearest deadline, then act on every worker that has news."""
        readable = self._wait()
        now = time.monotonic()
        for i, worker in enumerate(self.workers):
            if worker.conn in readable:
                self._receive(i, worker)
            elif worker.expired(now):
                self._time_out(i, worker)

    def _wait(self) -> list[Any]:
        """The pipes that hold a message, as soon as one does or the nearest deadline has passed."""
        pending = [w for w in self.workers if not w.idle]
        deadlines = [w.deadline for w in pending if w.job is not None and w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        return wait([w.conn for w in pending], timeout=wait_for)

    def _receive(self, i: int, worker: _Worker) -> None:
        """Act on a worker's message: it got ready, it finished its task, or it died holding it."""
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            kind, payload = "died", None
        if not worker.ready:
            worker.started(kind, payload)
            return
        assert worker.job is not None
        seq, task = worker.job
        if kind == "done":
            self.done[seq] = Outcome(payload, None if payload.get("error") is None else Failure.ERROR)
            worker.job = None
            return
        worker.kill()
        error = f"worker process died (exit code {worker.proc.exitcode}) on this record"
        self.done[seq] = Outcome(error_record(task, error), Failure.WORKER_DIED)
        self._replace(i)

    def _time_out(self, i: int, worker: _Worker) -> None:
        """Kill a worker whose task ran past its deadline; the task becomes an error record."""
        assert worker.job is not None
        seq, task = worker.job
        worker.kill()
        error = f"timed out after {self.timeout:g} s"
        self.done[seq] = Outcome(error_record(task, error), Failure.TIMED_OUT)
        self._replace(i)

    def _replace(self, i: int) -> None:
        """Start a fresh worker in the place of one that was killed."""
        self.workers[i] = _Worker(self.ctx, self.process)

    def stop(self) -> None:
        """Stop every worker: the run is over, or abandoned."""
        for worker in self.workers:
            worker.stop()


def run_pool(
    tasks: Iterable[Task],
    *,
    workers: int = 1,
    timeout: float | None = None,
    process: Processor = process_task,
) -> Generator[Outcome, None, None]:
    """The outcome of every task, in task order, computed by ``workers`` processes.

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
    pool = _Pool(_context(), process, workers, timeout)
    try:
        yield from pool.outcomes(iter(tasks))
    finally:
        pool.stop()
