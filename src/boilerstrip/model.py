"""The data boilerstrip returns: labels, lines, sources and pages.

These names are the public contract (see README, "API"): other code and the
benchmarks rely on them, so fields are only ever added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Literal

SourceKind = Literal["agency", "outlet", "author", "generic"]

#: Characters of a line's text shown by :meth:`Page.explain`.
TEXT_WIDTH = 90


class Label(str, Enum):
    """What a line of a news page is (definitions: README, "Labels").

    >>> Label("related-link") is Label.RELATED_LINK
    True
    >>> Label.BODY == "body"
    True
    """

    BODY = "body"
    TITLE = "title"
    ATTRIBUTION = "attribution"
    NAVIGATION = "navigation"
    CAPTION = "caption"
    RELATED_LINK = "related-link"
    POLL_COMMENT = "poll-comment"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Source:
    """Who published the article, as credited on the page.

    ``name`` is the credit as written; ``canonical`` is the agency's usual short
    name where it is known (``AFP`` for "فرانس برس"), else the name tidied;
    ``kind`` says whether it is a news agency, an outlet, an author, or a
    generic credit such as "agencies" that names nobody in particular;
    ``role`` is an author's newsroom role where the credit gives one
    ("Parliamentary editor"), split off the name.
    """

    name: str
    canonical: str
    kind: SourceKind
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line with its label and the rule that decided it.

    ``number`` is the 1-based index of the line in ``text.split("\\n")``;
    ``rule`` names the evidence that weighed most for the label (``cue:byline``,
    ``context:article-prose`` …: a rule of the passes, see README "How it decides");
    ``evidence`` is everything that was weighed, as ``(name, weight)`` pairs for the
    chosen label, the line's context-free verdict first, then by weight.  With
    ``Config(decoder="rules")`` the hand-written passes decide alone and ``evidence``
    is empty.  ``passes`` is the hand-written passes' own verdict for the line, its label
    and rule (as jusText keeps its context-free class beside the final one): with the
    fitted decoder it may differ from ``label`` and ``rule``, and the sources read a
    byline either one calls ``attribution`` and know a credit or date rule by it
    (:func:`boilerstrip.sources.author_candidates`); ``None`` where nobody said (a line
    made by hand), read then as ``(label, rule)``.
    """

    number: int
    text: str
    label: Label
    rule: str
    evidence: tuple[tuple[str, float], ...] = ()
    passes: tuple[Label, str] | None = None

    @property
    def by_passes(self) -> tuple[Label, str]:
        """The hand passes' label and rule: ``passes``, else the line's own (a line made by hand,
        or labelled by ``Config(decoder="rules")``, where the two are the same)."""
        return self.passes if self.passes is not None else (self.label, self.rule)


@dataclass
class Page:
    """A labelled news page: the article body, its title and its sources."""

    lines: list[Line]
    title: str | None = None
    sources: list[Source] = field(default_factory=list)
    language: str | None = None
    #: The publication date, ISO 8601 (``YYYY-MM-DD``), or ``None`` when unknown.
    date: str | None = None

    @property
    def body(self) -> str:
        """The body lines, stripped, in input order, joined by newlines."""
        return "\n".join(ln.text.strip() for ln in self.lines if ln.label is Label.BODY)

    def lines_with(self, label: Label) -> list[Line]:
        """The lines that carry ``label``, in order."""
        return [ln for ln in self.lines if ln.label is label]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the whole page (lines with labels and rules)."""
        return {
            "title": self.title,
            "body": self.body,
            "sources": [asdict(s) for s in self.sources],
            "date": self.date,
            "language": self.language,
            "lines": [
                {
                    "number": ln.number,
                    "text": ln.text,
                    "label": ln.label.value,
                    "rule": ln.rule,
                    "evidence": [[name, weight] for name, weight in ln.evidence],
                    "passes": [ln.passes[0].value, ln.passes[1]] if ln.passes is not None else None,
                }
                for ln in self.lines
            ],
        }

    def explain(self) -> str:
        """A plain table of every line: number, label, rule, and the start of the text.

        Text is cut to :data:`TEXT_WIDTH` characters; :func:`boilerstrip.report.explain_table`
        is the same table for a person at a terminal.

        >>> from boilerstrip import strip
        >>> print(strip("Home\\nCouncil approves new budget for city parks\\n"
        ...             "The city council approved a new budget on Monday.\\nRead also").explain())
           1  navigation    cue:navigation-line           Home
           2  title         words:7-12                    Council approves new budget for city parks
           3  body          full-stop                     The city council approved a new budget on Monday.
           4  related-link  cue:related-header            Read also
        """
        rows = []
        for ln in self.lines:
            text = " ".join(ln.text.split())
            if len(text) > TEXT_WIDTH:
                text = text[: TEXT_WIDTH - 1] + "…"
            rows.append(table_row(ln, text))
        return "\n".join(rows)


def table_row(line: Line, text: str) -> str:
    """One row of the explain table: number, label, rule, then ``text`` (the line's, cut to fit)."""
    return f"{line.number:>4}  {line.label.value:<12}  {line.rule:<28}  {text}"


class InputError(ValueError):
    """Input that cannot be read as a page (undecodable bytes, unknown type of content)."""
