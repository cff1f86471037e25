"""What the markup cues of an HTML line suggest: the table the engine consults in HTML mode.

The HTML reader (:mod:`boilerstrip.readers.html`) tags every line with cue
names (``nav``, ``figcaption``, ``t:comments`` …, listed in its docstring);
this table says which label each cue suggests and how far to trust it.  It is
data, not logic: the engine asks :func:`judge_markup` for a line's verdict as a
context-free vote, then runs its context pass with the text features, so that
HTML and text modes share one classifier.

Strength:

* ``strong`` — the markup is reliable for this label on news sites: a line
  under such a cue takes the label unless the engine has stronger evidence
  from the text itself (a line that matches the page title is the title even
  inside a ``<header>``);
* ``weak`` — a tie-breaker: it tips a line the text features leave undecided,
  and never overrides them.

Order matters: a line carries the cues of every element around it, so a line in
a ``<figcaption>`` inside a ``<footer>`` has both; the first rule of the table
that matches decides.  Specific block kinds (caption, readers' comments,
related stories) come before page furniture, furniture before the positive
"this is the article" zone cues, strong before weak.

Provenance: the ``t:`` cues are trafilatura's own vocabularies
(:mod:`trafilatura.xpaths`: ``OVERALL_DISCARD_XPATH`` split by its token groups,
``COMMENTS_XPATH``, ``TEASER_DISCARD_XPATH``, ``DISCARD_IMAGE_ELEMENTS`` …,
evaluated by the reader); the structural cues are HTML elements and ARIA roles;
the ``w:`` cues are the reader's :data:`~boilerstrip.readers.html.CLASS_WORDS`,
for blocks trafilatura has no word for (polls, photo credits, "read more").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .model import Label
from .rules import SHAPES, Verdict, allowed

if TYPE_CHECKING:
    from .features import Features
    from .rules import Shape

__all__ = [
    "ALLOWED",
    "HEADLINE_LINK",
    "RULES",
    "MarkupRule",
    "judge_markup",
    "markup_hint",
]

Strength = Literal["strong", "weak"]


@dataclass(frozen=True, slots=True)
class MarkupRule:
    """One row of the table: a line with ``cue`` is ``label``, with this ``strength``.

    ``name`` is what the engine writes in ``Line.rule`` (``markup:<name>``) so
    that every HTML decision can be traced back to the row that made it;
    ``never_body`` is a constraint the fitted decoder keeps, as the cue rules'
    (:data:`boilerstrip.rules.ALLOWED`): a line this row claims is never ``body``.
    """

    cue: str
    label: Label
    name: str
    strength: Strength
    never_body: bool = False


_S: Strength = "strong"
_W: Strength = "weak"

NAV, REL, CAP, COM = Label.NAVIGATION, Label.RELATED_LINK, Label.CAPTION, Label.POLL_COMMENT
ATT, TITLE, BODY = Label.ATTRIBUTION, Label.TITLE, Label.BODY

#: The table, in priority order (see the module docstring).
RULES: tuple[MarkupRule, ...] = (
    # --- pictures: a caption is a caption wherever it stands
    MarkupRule("figcaption", CAP, "figcaption", _S),
    MarkupRule("t:caption", CAP, "caption-class", _S),  # trafilatura DISCARD_IMAGE_ELEMENTS
    MarkupRule("w:caption", CAP, "caption-word", _S),
    MarkupRule("w:credit", CAP, "photo-credit-word", _S),
    # --- readers' voice
    MarkupRule("t:comments", COM, "comments-container", _S),  # trafilatura COMMENTS_XPATH & co.
    MarkupRule("itemprop-comment", COM, "comment-microdata", _S),
    MarkupRule("w:poll", COM, "poll-word", _S),
    MarkupRule("w:comment", COM, "comment-word", _S),
    # --- other articles
    MarkupRule("t:appended", REL, "appended-article", _S),  # trafilatura RAW_TREE_PRUNE_XPATH
    MarkupRule("t:related", REL, "related-class", _S),  # trafilatura _RELATED_*_TOKENS
    MarkupRule("t:teaser", REL, "teaser-class", _S),  # trafilatura TEASER_DISCARD_XPATH
    # --- page furniture
    MarkupRule("nav", NAV, "nav-element", _S),
    MarkupRule("header", NAV, "page-header", _S),
    MarkupRule("footer", NAV, "page-footer", _S),
    MarkupRule("dialog", NAV, "dialog", _S),
    MarkupRule("control", NAV, "form-control", _S),
    MarkupRule("t:nav", NAV, "nav-class", _S),
    MarkupRule("t:footer", NAV, "footer-class", _S),
    MarkupRule("t:share", NAV, "share-class", _S),
    MarkupRule("t:tags", NAV, "tags-class", _S),
    MarkupRule("t:consent", NAV, "consent-class", _S),
    MarkupRule("t:newsletter", NAV, "newsletter-class", _S),
    MarkupRule("t:ad", NAV, "ad-class", _S),
    MarkupRule("t:paywall", NAV, "paywall-class", _S),
    MarkupRule("t:chrome", NAV, "sidebar-banner-class", _S),
    MarkupRule("w:breadcrumb", NAV, "breadcrumb-word", _S),
    MarkupRule("w:ticker", NAV, "ticker-word", _S),
    MarkupRule("w:social", NAV, "social-word", _S),
    MarkupRule("w:tags", NAV, "tags-word", _S),
    MarkupRule("w:subscribe", NAV, "subscribe-word", _S),
    MarkupRule("w:ad", NAV, "ad-word", _S),
    MarkupRule("form", NAV, "form", _S),
    # --- weak: kinds of block that are usually, not always, what they say
    MarkupRule("w:related", REL, "related-word", _W),
    MarkupRule("aside", REL, "aside", _W),
    MarkupRule("figure", CAP, "in-figure", _W),
    MarkupRule("itemprop-author", ATT, "author-microdata", _W),
    MarkupRule("rel-author", ATT, "rel-author", _W),
    MarkupRule("t:byline", ATT, "byline-class", _W),  # trafilatura AUTHOR_XPATHS
    MarkupRule("t:author", ATT, "author-class", _W),
    MarkupRule("w:source", ATT, "source-word", _W),
    MarkupRule("itemprop-headline", TITLE, "headline-microdata", _W),
    MarkupRule("t:title", TITLE, "title-class", _W),  # trafilatura TITLE_XPATHS
    MarkupRule("h1", TITLE, "h1", _W),
    MarkupRule("hidden", NAV, "hidden", _W),
    MarkupRule("t:hidden", NAV, "hidden-class", _W),
    MarkupRule("t:discard", NAV, "discard-class", _W),
    MarkupRule("t:meta", NAV, "meta-class", _W),
    MarkupRule("t:precision", NAV, "precision-class", _W),
    MarkupRule("w:date", NAV, "date-word", _W),
    MarkupRule("time", NAV, "time-element", _W),
    # --- the article zone: where trafilatura would extract from, <article>, articleBody
    MarkupRule("itemprop-body", BODY, "articlebody-microdata", _W),
    MarkupRule("t:body-candidate", BODY, "body-candidate", _W),  # trafilatura BODY_XPATH
    MarkupRule("text-dense", BODY, "densest-text-block", _W),
)

#: A line under a furniture cue that reads as another story's headline (mostly
#: link, five words or more) is a related link: sidebars and menus hold
#: "most read" lists, and site menus do not hold sentences.
HEADLINE_LINK = MarkupRule("headline-link", REL, "headline-link-in-furniture", _S)
HEADLINE_MIN_WORDS = 5
HEADLINE_MIN_LINK_DENSITY = 0.8
#: ... except in blocks whose links are never stories: share bars, tag lists, the
#: page's header and footer, tickers, forms.
HEADLINE_EXCLUDED_CUES = frozenset(
    {
        "t:share",
        "w:social",
        "t:tags",
        "w:tags",
        "t:consent",
        "t:newsletter",
        "w:subscribe",
        "w:breadcrumb",
        "w:ticker",
        "header",
        "footer",
        "control",
        "form",
        "dialog",
    }
)

#: A line of the article's zone votes ``body`` only under this share of link text.
ZONE_MAX_LINK_DENSITY = 0.5

_BY_CUE: dict[str, list[MarkupRule]] = {}
for _rule in RULES:
    _BY_CUE.setdefault(_rule.cue, []).append(_rule)


_ORDER = {rule: index for index, rule in enumerate(RULES)}


@lru_cache(maxsize=4096)
def _first_rule(cues: frozenset[str]) -> MarkupRule | None:
    """The first rule of the table that matches ``cues`` (pages repeat a few cue sets)."""
    best = None
    for cue in cues:
        for rule in _BY_CUE.get(cue, ()):
            if best is None or _ORDER[rule] < _ORDER[best]:
                best = rule
    return best


def markup_hint(cues: Iterable[str], text: str = "", link_density: float | None = None) -> MarkupRule | None:
    """The markup's vote for a line: the first rule of the table that matches ``cues``.

    With the line's ``text`` and ``link_density``, a strong navigation vote on a
    line that reads as another story's headline becomes :data:`HEADLINE_LINK`.

    >>> markup_hint(frozenset({"t:body-candidate", "figcaption"})).label.value
    'caption'
    >>> markup_hint(frozenset({"li", "p"})) is None
    True
    >>> markup_hint({"t:nav", "a-only"}, "Ministers agree on a new budget plan", 1.0).name
    'headline-link-in-furniture'
    """
    cues = frozenset(cues)
    best = _first_rule(cues)
    if (
        best is not None
        and best.label is NAV
        and best.strength == "strong"
        and link_density is not None
        and link_density >= HEADLINE_MIN_LINK_DENSITY
        and len(text.split()) >= HEADLINE_MIN_WORDS
        and HEADLINE_EXCLUDED_CUES.isdisjoint(cues)
    ):
        return HEADLINE_LINK
    return best


def judge_markup(f: Features, shape: Shape) -> Verdict | None:
    """The engine's hook (:func:`boilerstrip.rules.judge`): the markup's verdict on one line.

    * a strong rule gives a strong verdict named ``markup:<rule name>``: the line
      keeps that label even inside the article, and the engine's text cue rules
      are not consulted for it;
    * a weak rule gives a weak verdict (a label the context pass uses outside
      the article only, and the article zone's ``body`` vote); the engine
      consults it only when none of its text cue rules claims the line, so a
      byline, an agency line or a comment policy inside a weakly cued block is
      recognised by its words;
    * text mode lines have no cues and get ``None``.
    """
    if not f.cues:
        return None
    hint = markup_hint(f.cues, f.text, f.link_density)
    if hint is None:
        return None
    if hint.label is BODY and (f.link_density or 0.0) >= ZONE_MAX_LINK_DENSITY:
        return None  # a list of links inside the article's container is not its text
    return _VERDICTS[hint.name, shape]


#: One verdict per markup rule and shape, made once (as :data:`boilerstrip.rules._CUE_VERDICTS`):
#: their rule names end up in every returned line, so sharing them keeps pages small.
_VERDICTS: dict[tuple[str, str], Verdict] = {
    (rule.name, shape): Verdict(rule.label, f"markup:{rule.name}", shape, strong=rule.strength == "strong")
    for rule in (*RULES, HEADLINE_LINK)
    for shape in SHAPES
}

#: The constraints the fitted decoder keeps on lines whose context-free verdict is a row of
#: the table, as :data:`boilerstrip.rules.ALLOWED` for the cue rules.
ALLOWED: dict[str, frozenset[Label]] = {
    f"markup:{rule.name}": labels
    for rule in (*RULES, HEADLINE_LINK)
    if (labels := allowed(rule.label, rule.never_body, False)) is not None
}
