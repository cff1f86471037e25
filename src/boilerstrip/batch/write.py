"""Writing OUT: one JSON line per record, into a temporary file that replaces OUT only when done.

OUT is never half-written: the records go to a temporary file beside it,
renamed over it at the end.  An existing OUT is earlier work, refused unless
the run is told to resume it (its records are read back here) or to
overwrite it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..model import InputError
from .summary import Summary
from .worker import fd_kept_from_workers


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


def encode_record(record: dict[str, Any]) -> bytes:
    """One JSON line; text that cannot be UTF-8 (lone surrogates from a JSON escape) is kept escaped."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


def existing_records(out: Path, summary: Summary) -> tuple[list[bytes], Counter[str]]:
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


def publish(tmp: Path, out: Path) -> None:
    """Give the finished temporary file the usual permissions and move it over ``out`` in one step."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, out)


@contextlib.contextmanager
def output_file(out: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``out`` to write the records to, moved over ``out`` when the block ends.

    When the block raises, the temporary file is removed and ``out`` is left
    as it was.  Workers started meanwhile do not hold the file open.
    """
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with fd_kept_from_workers(fd), os.fdopen(fd, "wb") as sink:
            yield sink
        publish(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
