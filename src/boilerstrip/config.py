"""Every threshold the classifier uses, named and documented in one place.

As in jusText, each number is a default a user can change
(``boilerstrip.strip(text, config=Config(max_gap=4))``); no threshold is
written inline in the engine.  The jusText values are the ones trafilatura
passes to ``justext.core.classify_paragraphs`` in
``trafilatura.external.try_justext``; the duplicate-test values are read from
trafilatura's own ``Extractor`` defaults so that they follow trafilatura.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .readers.html.settings import HtmlReaderConfig


def _trafilatura_duplicates() -> tuple[int, int]:
    """trafilatura's duplicate test settings: (min_duplcheck_size, max_repetitions)."""
    try:
        from trafilatura.settings import Extractor

        ext = Extractor()
        return int(ext.min_duplcheck_size), int(ext.max_repetitions)
    except Exception:  # pragma: no cover - trafilatura is a hard dependency
        return 100, 2


_MIN_DUP, _MAX_REP = _trafilatura_duplicates()


@dataclass(frozen=True)
class Config:
    """Named thresholds of the context-free and context passes.

    jusText's paragraph classes (as trafilatura configures them):

    - ``length_low`` / ``length_high``: characters under which a line is
      *short*, and over which a stopword-rich line is *good* prose.
    - ``stopwords_low`` / ``stopwords_high``: share of stopwords that makes a
      line *near-good* / *good*.
    - ``max_link_density``: share of link characters over which a line is
      *bad* (HTML mode only; plain text cannot tell links).

    boilerstrip's own:

    - ``prose_min_words``: words a line needs to count as prose on
      punctuation alone (ends with a sentence mark).
    - ``question_prose_words``: words a line ending in "?" or "!" needs to
      count as prose (shorter ones are mostly headlines).
    - ``long_prose_words``: words over which a line counts as prose even
      without end punctuation (long paragraphs that wrap badly).
    - ``max_word_chars``: average characters a word over which a line is not
      prose (words run together: a menu rendered without spaces, a URL).
    - ``heading_max_words``: the longest line still read as a heading or a
      headline (title, sub-heading, teaser headline).
    - ``short_words``: lines with at most this many words are *short* (menu
      entries, buttons, names).
    - ``max_gap``: non-prose lines allowed between two prose lines of the
      same article run (sub-headings, a caption, an inline "read also").
    - ``gap_cost``: what each non-prose line inside an article run costs, in
      characters of prose; a list of one-sentence teasers between headlines
      and dates scores below a real article.
    - ``comments_min_share``: the best prose stands in a comments section
      (after a comments header); prose elsewhere that scores at least this
      share of it is the article instead (the comments were readers'), while a
      lone teaser is not (the "comments" header was a link above the article).
    - ``title_window``: non-blank lines above the article searched for its
      headline.
    - ``tail_window``: non-blank lines after the article searched for its
      attribution.
    - ``section_exit_run``: consecutive short lines that end a related or
      comment section (a menu has begun).
    - ``feature_prefix``: characters of a line measured for its features; a
      longer line is kept whole in the output but measured on this prefix so
      that cost stays linear in the page size.
    - ``cue_max_chars``: longest line on which "contains" cues are looked
      for (cue lines are short; a paragraph that mentions "comments" is not a
      comment header).
    - ``comment_cue_words``: a line of comment or poll words ("Reply",
      "vote") is a comment line when it holds two of them, and at least one
      per this many words: a news sentence about an election says "vote"
      twice without being readers' voice.
    - ``code_words_per_mark``: a line with two braces or more is script or
      template text when it has a code mark (``{ } ; =``) for at most this
      many words.
    - ``min_duplicate_chars`` / ``max_repetitions``: trafilatura's duplicate
      test: a line longer than this that occurs more often than this on the
      page is boilerplate.

    How the passes' evidence becomes labels:

    - ``decoder``: ``"fitted"`` weighs every line's evidence with the weights
      fitted on the line-labelled corpus (``boilerstrip/data/weights.json``) and
      decodes the page as a chain (:mod:`boilerstrip.decoding`); ``"rules"``
      keeps the hand-written passes' own labels (the fallback when the package
      ships no weights, and the baseline the fitted weights are judged against).
    """

    length_low: int = 50
    length_high: int = 150
    stopwords_low: float = 0.10
    stopwords_high: float = 0.20
    max_link_density: float = 0.25

    prose_min_words: int = 6
    question_prose_words: int = 12
    long_prose_words: int = 25
    heading_max_words: int = 30
    max_word_chars: int = 15
    short_words: int = 3
    max_gap: int = 5
    gap_cost: int = 80
    comments_min_share: float = 0.25
    title_window: int = 10
    tail_window: int = 4
    section_exit_run: int = 3
    feature_prefix: int = 4000
    cue_max_chars: int = 300
    comment_cue_words: int = 10
    code_words_per_mark: int = 5
    min_duplicate_chars: int = _MIN_DUP
    max_repetitions: int = _MAX_REP
    decoder: Literal["fitted", "rules"] = "rules"
    html_reader: HtmlReaderConfig = field(default_factory=HtmlReaderConfig)  # the HTML reader's thresholds


DEFAULT = Config()
