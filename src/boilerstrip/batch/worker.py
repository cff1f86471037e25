"""What runs in a worker process: warm up, then label the tasks the parent sends, one at a time.

A worker holds nothing of the parent's (pipe ends, the temporary output) and
ends when its parent ends, however the parent went: a batch run killed with
``kill -9`` leaves no process behind.  Its messages to the parent are
``("ready", None)``, ``("failed", why)`` and ``("done", record)``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import weakref
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from .. import strip
from .task import Task, describe, error_record

Processor = Callable[[Task], dict[str, Any]]

#: A tiny page labelled once per process before any real one (see :func:`warm_up`).
WARM_UP_TEXT = "boilerstrip\nwarm-up line\n"


class WorkerStartError(RuntimeError):
    """A worker process could not get ready: boilerstrip failed to load in it."""


def warm_up() -> None:
    """Label a tiny page, so that what a first call builds (lexicons, rule tables) is built now.

    Done in the parent before workers are forked, so that they start with it
    loaded, and in each worker before it takes work, so that this one-off cost
    is never charged to a record's time limit.
    """
    strip(WARM_UP_TEXT)


#: The parent's ends of the workers' pipes.  A forked worker inherits them all, its own pipe's
#: included, and while any copy is open its ``recv`` never sees the parent go: each worker closes them.
_PARENT_ENDS: weakref.WeakSet[Connection] = weakref.WeakSet()
#: Descriptors of the parent's own files (the temporary output), which a forked worker must not hold open.
_PARENT_FDS: set[int] = set()
#: ``prctl`` option asking Linux to signal a process when its parent dies.
PR_SET_PDEATHSIG = 1


def keep_from_workers(conn: Connection) -> None:
    """Have every worker started from now on close ``conn``, a pipe end that only the parent may hold."""
    _PARENT_ENDS.add(conn)


@contextlib.contextmanager
def fd_kept_from_workers(fd: int) -> Iterator[None]:
    """While in the block, have every worker started close ``fd``, a file of the parent's own."""
    _PARENT_FDS.add(fd)
    try:
        yield
    finally:
        _PARENT_FDS.discard(fd)


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


def worker_main(conn: Connection, process: Processor, parent: int | None = None) -> None:
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
