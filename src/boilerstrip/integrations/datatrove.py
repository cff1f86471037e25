"""datatrove pipeline steps: boilerstrip as the extractor of a datatrove pipeline.

:class:`BoilerstripHtml` turns documents whose text is an HTML page into the
article body; :class:`BoilerstripText` does the same for documents whose
text is already plain (a WET record, a page rendered elsewhere).  Both keep
what boilerstrip found beside the body in ``doc.metadata``:

- ``title``: the article's headline, or ``None``;
- ``sources``: who published it, as ``{"name", "canonical", "kind"}`` dicts;
- ``label_counts``: how many lines of the page got each label.

and count what they did with datatrove's stats (documents extracted,
dropped, failed, timed out; lines per label; documents with a title or a
source).  Like datatrove's own extractors, documents are labelled in a
separate process so that one pathological page is abandoned after
``timeout`` seconds instead of stalling the task; the process pool is batch
mode's (:func:`boilerstrip.batch.run_pool`), not datatrove's sandbox, whose
signature has changed between datatrove releases.

Only datatrove's core is needed (its ``processing`` extra pins an older
trafilatura than boilerstrip's)::

    pip install ".[datatrove]"      # in a checkout of boilerstrip
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from typing import Any

# datatrove ships no type information: mypy sees its names as Any.
try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.extractors.base import BaseExtractor
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without datatrove
    raise ImportError(
        "boilerstrip.integrations.datatrove needs datatrove, which is not installed: "
        "pip install datatrove orjson"
    ) from exc

from ..batch.pool import run_pool
from ..batch.task import Failure, Task
from ..load import InputKind, load_page
from ..report import label_counts

__all__ = ["BoilerstripHtml", "BoilerstripText"]

#: The stat each kind of failure is counted under: the names datatrove's own extractors use.
FAILURE_STATS = {
    Failure.TIMED_OUT: "timeout",
    Failure.WORKER_DIED: "broken_process",
    Failure.ERROR: "clean_error",
}


def label_document(task: Task) -> dict[str, Any]:
    """Body, title, sources and label counts of one document (runs in a worker process)."""
    assert task.data is not None
    page = load_page(task.data, task.kind, url=task.url, name=task.id)
    return {
        "body": page.body,
        "title": page.title,
        "sources": [{"name": s.name, "canonical": s.canonical, "kind": s.kind} for s in page.sources],
        "date": page.date,
        "language": page.language,
        "label_counts": label_counts(page),
        "error": None,
    }


class _BoilerstripStep(BaseExtractor):
    """What the two steps share: label each document in a worker, keep the body, fill in the metadata."""

    _kind: InputKind = "auto"

    def __init__(self, timeout: float = 5.0, keep_empty: bool = False) -> None:
        """``timeout``: seconds per document; ``keep_empty``: keep documents where no body was found
        (with empty text) instead of dropping them, e.g. to count them downstream."""
        super().__init__(timeout)
        self.keep_empty = keep_empty

    def extract(self, text: str) -> str:
        """The article body of ``text`` (datatrove's extractor interface; no time limit here)."""
        return load_page(text, self._kind, name="document").body

    def _tasks(self, data: DocumentsPipeline, waiting: deque[Document]) -> Iterator[Task]:
        """A task per document, each document kept in ``waiting`` until its result comes back."""
        for doc in data or ():
            waiting.append(doc)
            url = doc.metadata.get("url")
            url = url if isinstance(url, str) else None
            if isinstance(doc.text, str):
                yield Task(str(doc.id), url, kind=self._kind, data=doc.text)
            else:
                yield Task(str(doc.id), url, error=f"document text is {type(doc.text).__name__}, not str")

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Label every document, as :meth:`BaseExtractor.run` does, keeping the metadata too."""
        waiting: deque[Document] = deque()
        outcomes = run_pool(
            self._tasks(data, waiting), workers=1, timeout=self.timeout, process=label_document
        )
        warned = False
        while True:
            start = time.perf_counter()
            outcome = next(outcomes, None)
            if outcome is None:
                return
            self.track_time().update(time.perf_counter() - start)  # one sample per document, none for the end
            doc = waiting.popleft()
            self.stat_update(StatHints.total)
            result = outcome.record
            error = result.pop("error")
            if outcome.failure is not None:
                self.stat_update(FAILURE_STATS[outcome.failure])
                if not warned:
                    logger.warning(f"boilerstrip could not label document {doc.id}: {error} (shown once)")
                    warned = True
                continue
            self.stat_update("extracted")
            doc.text = result.pop("body")
            doc.metadata.update(result)
            for name, count in result["label_counts"].items():
                if count:
                    self.stat_update(f"lines_{name}", value=count, unit="doc")
            if result["title"]:
                self.stat_update("with_title")
            if result["sources"]:
                self.stat_update("with_sources")
            if doc.text or self.keep_empty:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)


class BoilerstripHtml(_BoilerstripStep):
    """Extract the article body of HTML documents, with title, sources and label counts in metadata.

    ``doc.text`` is the page's HTML; ``doc.metadata["url"]`` is passed on when present.
    """

    name = "🧹 boilerstrip (HTML)"
    _kind: InputKind = "html"


class BoilerstripText(_BoilerstripStep):
    """Keep the article body of plain-text documents, with title, sources and label counts in metadata.

    ``doc.text`` is a page already rendered as text, one line per ``\\n``.
    """

    name = "🧹 boilerstrip (text)"
    _kind: InputKind = "text"
