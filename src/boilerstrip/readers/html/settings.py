"""The HTML reader's thresholds, named and documented in one place.

The reader never decides a label, but it does measure: how much text makes
an article container, when a hidden block is the article a script reveals,
how much of a line must sit in links before the line is "all links".  Those
numbers live here, as :mod:`boilerstrip.config` holds the classifier's; the
caller of :func:`~boilerstrip.readers.html.read_html` passes them in
(``boilerstrip.Config(html_reader=HtmlReaderConfig(min_body_chars=300))``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlReaderConfig:
    """Named thresholds of the HTML reader.

    Parsing:

    - ``flatten_depth``: libxml2 stops at a nesting depth of 2048 and drops the
      rest of the document; a document it finds too deep is parsed again with
      its nesting cut to this depth (the text survives, the deepest tags go).

    Metadata:

    - ``max_title_chars``: a title candidate longer than this is not a headline.
    - ``title_h1s``: ``<h1>`` elements read as title candidates (the first ones).
    - ``byline_min_chars`` / ``byline_max_chars``: a byline element's text must be
      longer than the first and shorter than the second to be read as authors
      (shorter is a stray initial, longer is a paragraph that merely matched).

    Hidden blocks (``hidden``, inline ``display:none``):

    - ``hidden_article_chars``: hidden blocks smaller than this are dropped
      whatever the page (no block that small is an article).
    - ``hidden_article_share``: a hidden block holding this share of the page's
      text stays (pages that reveal their article with a script hide it), and
      so do all of them when together they hold it.

    Where the article is:

    - ``min_body_chars``: non-space characters a body candidate or the densest
      text block needs (trafilatura wants more than one extracted block).
    - ``dense_paragraph_chars``: a paragraph counts towards the densest block
      when it has more non-space characters than this (sentences, not menu words).
    - ``article_share``: an element inside the article that holds more than
      this share of its text holds the article, and keeps no negative cue.

    Lines:

    - ``a_only_density``: share of a line's characters in links from which the
      line is ``a-only`` (all links).
    - ``inline_cue_share``: share of a line an inline element must hold for its
      cues to be the line's (block cues are in every part of it).
    - ``description_min_chars``: non-space characters a line and the page's meta
      description must share for the line to be ``meta-description`` (a line that
      long is a sentence, not a menu word the description happens to hold).
    """

    flatten_depth: int = 512
    max_title_chars: int = 400
    title_h1s: int = 2
    byline_min_chars: int = 2
    byline_max_chars: int = 120
    hidden_article_chars: int = 200
    hidden_article_share: float = 0.5
    min_body_chars: int = 250
    dense_paragraph_chars: int = 25
    article_share: float = 0.5
    a_only_density: float = 0.95
    inline_cue_share: float = 0.5
    description_min_chars: int = 30


DEFAULT = HtmlReaderConfig()
