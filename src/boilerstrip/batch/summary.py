"""What a batch run did: counts, the reasons records failed, and the closing message.

The summary is what lets a run that did no work (every record failed for
one reason: a wrong field name, the wrong encoding) say so and exit with an
error, rather than look like a success.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
