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
source).  Like datatrove's own extractors, each document is labelled in a
sandbox process so that one pathological page is abandoned after ``timeout``
seconds instead of stalling the task.

Only datatrove's core is needed (its ``processing`` extra pins an older
trafilatura than boilerstrip's)::

    pip install 'boilerstrip[datatrove]'
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without datatrove
    raise ImportError(
        "boilerstrip.datatrove needs datatrove, which is not installed: pip install 'boilerstrip[datatrove]'"
    ) from exc

import boilerstrip

from .batch import HTML_UNAVAILABLE, WARM_UP_TEXT, InputKind, describe, load_page, warm_up
from .report import label_counts

__all__ = ["BoilerstripHtml", "BoilerstripText"]


class _BoilerstripStep(BaseExtractor):
    """What the two steps share: label a document in the sandbox, keep the body, fill in the metadata."""

    _kind: InputKind = "auto"

    def __init__(self, timeout: float = 1.0, keep_empty: bool = False) -> None:
        """``timeout``: seconds per document; ``keep_empty``: keep documents where no body was found
        (with empty text) instead of dropping them, e.g. to count them downstream."""
        super().__init__(timeout)
        self.keep_empty = keep_empty
        self._warned = False

    def extract(self, text: str) -> str:
        """The article body of ``text`` (datatrove's extractor interface)."""
        return self.label(text)["body"]

    def label(self, text: str, url: str | None = None) -> dict[str, Any]:
        """Body, title, sources and label counts of one document (runs in the sandbox process)."""
        page = load_page(text, self._kind, url=url, name="document")
        return {
            "body": page.body,
            "title": page.title,
            "sources": [asdict(s) for s in page.sources],
            "label_counts": label_counts(page),
        }

    def _label_in_sandbox(self, text: str, url: str | None) -> dict[str, Any] | Exception:
        """:meth:`label`, with a failure returned rather than raised: the sandbox re-raises a returned
        exception in the parent, while a raised one would kill the sandbox process."""
        try:
            return self.label(text, url)
        except Exception as exc:
            return exc

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Label every document, as :meth:`BaseExtractor.run` does, keeping the metadata too."""
        warm_up()  # the sandbox process is forked from here: it starts warm, within its start-up timeout
        with ExtractorSandbox(timeout=self.timeout, warmup_text=(WARM_UP_TEXT, None)) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        result = sandbox.process_document(
                            (doc.text, doc.metadata.get("url")), self._label_in_sandbox
                        )
                    except TimeoutError:
                        self.stat_update("timeout")
                        continue
                    except EOFError:  # the sandbox process died (out of memory, a crash)
                        self.stat_update("broken_process")
                        continue
                    except Exception as exc:
                        self.stat_update("clean_error", f"error_{type(exc).__name__}")
                        if not self._warned:
                            logger.warning(f"boilerstrip could not label document {doc.id}: {describe(exc)}")
                            self._warned = True
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

    def __init__(self, timeout: float = 1.0, keep_empty: bool = False) -> None:
        """Refuse to be built when this boilerstrip cannot read HTML: better a clear error at setup
        than a pipeline that fails every document."""
        if getattr(boilerstrip, "strip_html", None) is None:
            raise RuntimeError(HTML_UNAVAILABLE)
        super().__init__(timeout, keep_empty)


class BoilerstripText(_BoilerstripStep):
    """Keep the article body of plain-text documents, with title, sources and label counts in metadata.

    ``doc.text`` is a page already rendered as text, one line per ``\\n``.
    """

    name = "🧹 boilerstrip (text)"
    _kind: InputKind = "text"
