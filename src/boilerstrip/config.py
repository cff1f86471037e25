"""Every threshold the classifier uses, named and documented in one place.

As in jusText, each number is a default a user can change
(``boilerstrip.strip(text, config=Config(max_gap=4))``); no tunable threshold
is written inline in the passes (numbers that define a measure rather than
tune it are named constants of their modules).  The jusText values are the
ones trafilatura passes to ``justext.core.classify_paragraphs`` in
``trafilatura.external.try_justext``; the duplicate-test values are
trafilatura's ``Extractor`` defaults, written here so that labelling a page
does not import trafilatura and a new trafilatura cannot change the labels
unseen (``tests/test_config.py`` checks that they still equal trafilatura's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .readers.html.settings import HtmlReaderConfig


@dataclass(frozen=True)
class Config:
    """Named thresholds of the context-free and context passes, and the choice of decoder."""

    # --- jusText's paragraph classes (as trafilatura configures them)
    #: Characters over which a stopword-rich line is *good* prose.
    length_high: int = 150
    #: Share of stopwords that makes a long line *near-good* (and long prose without end
    #: punctuation *good*).
    stopwords_low: float = 0.10
    #: Share of stopwords that makes a line over ``length_high`` characters *good*.
    stopwords_high: float = 0.20
    #: Share of link characters over which a line is *bad* (HTML mode only; plain text
    #: cannot tell links).
    max_link_density: float = 0.25

    # --- the shape of a line no cue claims
    #: Words a line needs to count as prose on punctuation alone (ends with a full stop).
    prose_min_words: int = 6
    #: Words a line ending in "?" or "!" needs to count as prose (shorter ones are mostly
    #: headlines).
    question_prose_words: int = 12
    #: Words over which a line counts as prose even without end punctuation (long
    #: paragraphs that wrap badly).
    long_prose_words: int = 25
    #: Words a stopword-rich line without a sentence end needs to be *near* prose.
    near_min_words: int = 12
    #: Average characters a word over which a line is not prose (words run together: a
    #: menu rendered without spaces, a URL).
    max_word_chars: int = 15
    #: Lines with at most this many words are *short* (menu entries, buttons, names).
    short_words: int = 3

    # --- cue rules (:mod:`boilerstrip.rules`)
    #: Longest line on which "contains" cues are looked for (cue lines are short; a
    #: paragraph that mentions "comments" is not a comment header).
    cue_max_chars: int = 300
    #: A line that ends like a sentence and has more words than this is prose that
    #: mentions a cue ("Photo: …" in a sentence), not a cue line.
    cue_sentence_max_words: int = 15
    #: Navigation phrases ("All rights reserved", "©") that make a line of up to
    #: ``cue_max_chars`` navigation even when it is a long sentence.
    navigation_phrase_hits: int = 2
    #: Longest "Read also: <headline>" line.
    related_prefix_max_words: int = 30
    #: Longest line a photo-credit phrase ("Photo:", "Getty Images") makes a caption.
    photo_credit_max_words: int = 12
    #: Longest line read as a run of menu entries ("Print Email Share").
    entry_run_max_words: int = 8
    #: Bars or dots between entries that make a line a menu row ("Home | World | Sport").
    menu_row_separators: int = 2
    #: Words of a byline ("By Jane Doe"): at least, and at most.
    byline_min_words: int = 2
    byline_max_words: int = 10
    #: Longest byline, in characters.
    byline_max_chars: int = 120
    #: Words of a name-and-role credit ("Jane Doe, diplomatic correspondent").
    role_credit_min_words: int = 3
    role_credit_max_words: int = 8
    #: Longest line that is an agency's name alone ("(AFP)", "--(بترا)").
    agency_line_max_words: int = 6
    #: Words of a breadcrumb ("News » World"): at least, and at most.
    breadcrumb_min_words: int = 2
    breadcrumb_max_words: int = 6
    #: Longest short line opened by a menu entry that reads as a breadcrumb ("Home World").
    menu_opened_max_words: int = 5
    #: A line with at least ``code_min_braces`` braces is script or template text when it
    #: has a code mark (``{ } ; =``) for at most ``code_words_per_mark`` words.
    code_min_braces: int = 2
    code_words_per_mark: int = 5
    #: trafilatura's duplicate test (``Extractor().min_duplcheck_size``): a line longer
    #: than this that occurs more than ``max_repetitions`` times on the page is boilerplate.
    min_duplicate_chars: int = 100
    #: trafilatura's ``Extractor().max_repetitions``.
    max_repetitions: int = 2
    #: Comment or poll words ("Reply", "vote") that make a comment line: at least this many ...
    comment_cue_min: int = 2
    #: ... and at least one per this many words: a news sentence about an election says
    #: "vote" twice without being readers' voice.
    comment_cue_words: int = 10
    #: Longest line a single comment or poll word makes readers' voice ("12 comments").
    comment_cue_max_words: int = 30

    # --- the article and its header (:mod:`boilerstrip.context`)
    #: Non-prose lines allowed between two prose lines of the same article run
    #: (sub-headings, a caption, an inline "read also").
    max_gap: int = 5
    #: What each non-prose line inside an article run costs, in characters of prose (list
    #: items half); a list of one-sentence teasers between headlines and dates scores
    #: below a real article.
    gap_cost: int = 80
    #: The best prose stands in a comments section (after a comments header); prose
    #: elsewhere that scores at least this share of it is the article instead (the
    #: comments were readers'), while a lone teaser is not (the "comments" header was a
    #: link above the article).
    comments_min_share: float = 0.25
    #: Non-blank lines above the article searched for its headline.
    title_window: int = 10
    #: The longest line still read as a headline: the title search stops at a longer one,
    #: and the article grows upwards only over near-prose lines longer than this.
    headline_max_words: int = 30
    #: A list item of at most this many words is a menu entry (longer ones are headlines).
    menu_entry_max_words: int = 4
    #: Longest line after a caption that is the picture's credit.
    caption_credit_max_words: int = 4
    #: Words and characters of a name standing alone between headline and article (the
    #: byline by its position).
    byline_name_min_words: int = 2
    byline_name_max_words: int = 4
    byline_name_max_chars: int = 40
    #: Consecutive short lines that end a related or comment section (a menu has begun).
    section_exit_run: int = 3

    # --- measuring a line (:mod:`boilerstrip.features`)
    #: Characters of a line measured for its features; a longer line is kept whole in the
    #: output but measured on this prefix so that cost stays linear in the page size.
    feature_prefix: int = 4000
    #: Longest line (in words) that can be a date or a time.
    date_max_words: int = 14
    #: Share of date tokens (numbers, date words) a date line needs ...
    date_token_share: float = 0.5
    #: ... or, when it holds a time or a d/m/y pattern, this share.
    date_token_share_with_pattern: float = 0.34

    # --- how the passes' evidence becomes labels
    #: ``"fitted"`` (the default) weighs every line's evidence with the weights fitted on
    #: the line-labelled corpus (``boilerstrip/data/weights.json``) and decodes the page as
    #: a chain (:mod:`boilerstrip.decoding`); ``"rules"`` keeps the hand-written passes' own
    #: labels (the fallback when the package ships no weights, and the baseline the fitted
    #: weights are judged against: held out, they label lines worse, see the README).
    decoder: Literal["fitted", "rules"] = "fitted"
    html_reader: HtmlReaderConfig = field(default_factory=HtmlReaderConfig)  # the HTML reader's thresholds


DEFAULT = Config()
