"""The context pass: read the page as a reader does, in sections.

1. **Article.**  The stretch of prose that scores best is the article: prose
   scores its characters, the lines between (sub-headings, a caption, an
   inline "read also" box) cost a little, and a line that closes an article
   (an attribution, tags, a share bar, a comments or menu header) ends a
   stretch.  Its edges grow over adjacent *near* lines (jusText's near-good),
   shrink off a comment policy written as prose, and reach past a "read
   also" box after which the article resumes.
2. **Title.**  The headline is the topmost heading-like line in the few
   lines above the article, not reaching past a menu.  Between it and the
   article stand the header's lines: dates, a byline, the lead picture's
   caption.
3. **Sections.**  Outside the article the page is walked line by line: a
   "read also" header opens related links, a comments header opens readers'
   voice, a menu header opens navigation; a run of short lines (a menu)
   closes a section.  Prose outside the article is another article's teaser.
4. **Smoothing.**  A date or short line standing between two lines of one
   section takes their label; an invisible line takes the label of the block
   it sits in.

Every decision names itself: ``context:…`` for article and header rules,
``section:…`` for the walk, ``smooth:…`` for smoothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .features import Features
from .model import Label
from .rules import CUE_RULES, Section, Verdict

# What the cue rules' fields say to this pass, by the rule name a verdict reports.
_CLOSING_RULES = frozenset(r.rule for r in CUE_RULES if r.closes_article)
_SECTION_BREAKERS = frozenset(r.rule for r in CUE_RULES if r.ends_section)
# A list item inside an article costs ``Config.gap_cost`` divided by this, so that a box of
# links inside an article can be crossed.
_LIST_ITEM_COST_DIVISOR = 2


@dataclass
class Decided:
    """Labels and rule names for every line, filled in by the passes."""

    labels: list[Label | None]
    rules: list[str]
    #: first and last line of the article's stretch, where one was found
    article: tuple[int, int] | None = None
    #: the headline's line, where one was found
    title: int | None = None

    def set(self, i: int, label: Label, rule: str) -> None:
        self.labels[i] = label
        self.rules[i] = rule

    def decisions(self) -> list[tuple[Label, str]]:
        """Every line's label and rule once :func:`decide` has run.

        The passes leave no line undecided (the walk labels every visible line outside the
        article and header, smoothing every invisible one), so a line without a label is a
        bug in the passes: it is raised here rather than given a made-up rule name.
        """
        missing = [i for i, label in enumerate(self.labels) if label is None]
        if missing:
            raise AssertionError(f"the context pass left lines {missing} without a label")
        return [(label, rule) for label, rule in zip(self.labels, self.rules) if label is not None]


def _is_prose(v: Verdict) -> bool:
    return v.shape == "prose" and (v.label is None or not v.strong)


def _closes(v: Verdict) -> bool:
    return v.opens in ("comments", "navigation") or v.rule in _CLOSING_RULES


def _edge_off(v: Verdict) -> bool:
    """A line the article's edge sheds: strong markup, or a text cue other than a passing
    mention of comments.

    Weak markup votes are for lines outside the article: prose in a block whose class
    says "byline" or "aside" stays in the article when it stands at its edge.
    """
    return v.shape == "invisible" or (
        v.label is not None and v.rule != "cue:comment-cue" and (v.strong or v.rule.startswith("cue:"))
    )


def _gap_cost(f: Features, v: Verdict, cfg: Config) -> int:
    """What a non-prose line inside an article costs: captions and "read also"
    headers nothing (an article carries them in its flow), list items half."""
    if v.label is Label.CAPTION or v.opens == "related":
        return 0
    return cfg.gap_cost // _LIST_ITEM_COST_DIVISOR if f.bullet else cfg.gap_cost


def _best_stretch(
    feats: list[Features], verdicts: list[Verdict], cfg: Config, excluded: list[bool]
) -> tuple[int, int, int] | None:
    """Maximum-score stretch of prose as (score, first, last) (Kadane's algorithm with hard breaks)."""
    best: tuple[int, int, int] | None = None  # (score, start, end)
    start, score, gap = -1, 0, 0
    for i, v in enumerate(verdicts):
        if v.shape == "invisible":
            continue
        if _is_prose(v) and not excluded[i]:
            if start < 0:
                start, score = i, 0
            score += feats[i].chars
            gap = 0
            if best is None or score > best[0]:
                best = (score, start, i)
        elif start >= 0:
            score -= _gap_cost(feats[i], v, cfg)
            gap += 0 if feats[i].bullet else 1
            if score <= 0 or _closes(v) or gap > cfg.max_gap:
                start, score, gap = -1, 0, 0
    return best


def in_comments(feats: list[Features], verdicts: list[Verdict]) -> list[bool]:
    """Which lines stand in a comments section (from a comments header to the next section).

    A header on a list item is a menu entry (a link to the section), not the section.
    """
    flags, state = [], False
    for f, v in zip(feats, verdicts):
        if v.opens is not None and not f.bullet:
            state = v.opens == "comments"
        elif v.rule in _SECTION_BREAKERS:
            state = False
        flags.append(state)
    return flags


def find_article(feats: list[Features], verdicts: list[Verdict], cfg: Config) -> tuple[int, int] | None:
    """First and last line (inclusive) of the stretch of prose that scores best.

    A prose line scores its length in characters; every other line between
    two prose lines costs (:func:`_gap_cost`), so that a list of teasers (a
    sentence, a headline, a date, a sentence …) scores below an article.
    A stretch breaks at a line that closes an article and after
    ``Config.max_gap`` non-prose lines in a row (list items cost but do not
    count, so that a box of links inside an article can be crossed).
    Readers' comments are not the article when prose outside them scores at
    least ``Config.comments_min_share`` of their score.

    >>> from boilerstrip.rules import Verdict
    >>> v = [Verdict(None, "", s) for s in ("short", "prose", "heading", "prose", "short")]
    >>> f = [type("F", (), {"chars": 100, "bullet": False})() for _ in v]
    >>> find_article(f, v, Config())
    (1, 3)
    """
    best = _best_stretch(feats, verdicts, cfg, [False] * len(verdicts))
    if best is None:
        return None
    comments = in_comments(feats, verdicts)
    if comments[best[1]]:
        # The best prose stands after a comments header: readers' comments, unless the
        # header was a mere link above the article and nothing else comes close.
        outside = _best_stretch(feats, verdicts, cfg, comments)
        if outside is not None and outside[0] >= cfg.comments_min_share * best[0]:
            best = outside
    _, s, e = best
    # Shrink off comment-policy prose at the edges, grow over adjacent near-good lines.
    while s < e and _edge_off(verdicts[e]):
        e -= 1
    while s < e and _edge_off(verdicts[s]):
        s += 1
    # Upwards only over lines longer than a headline: a long headline stands above the lede.
    while (
        s > 0
        and verdicts[s - 1].shape == "near"
        and verdicts[s - 1].label is None
        and feats[s - 1].words > cfg.headline_max_words
    ):
        s -= 1
    while e + 1 < len(verdicts) and verdicts[e + 1].shape == "near" and verdicts[e + 1].label is None:
        e += 1
    return s, _past_read_also(verdicts, e, cfg)


def _past_read_also(verdicts: list[Verdict], e: int, cfg: Config) -> int:
    """Carry the article's end past "read also" boxes that the article resumes after.

    A box after the last paragraph is the article's own when prose follows it
    and that prose is followed by what closes an article (an attribution,
    tags, a share bar, a comments header) or by the end of the page; teasers
    after a "more stories" header are followed by more teasers instead.
    """
    n = len(verdicts)
    while True:
        j = _next_visible(verdicts, e, n)
        if j is None or verdicts[j].opens != "related":
            return e
        k, items = _next_visible(verdicts, j, n), 0
        while k is not None and not _is_prose(verdicts[k]) and items < cfg.max_gap:
            if _closes(verdicts[k]):
                return e
            k, items = _next_visible(verdicts, k, n), items + 1
        if k is None or not _is_prose(verdicts[k]):
            return e
        end = k
        while (nxt := _next_visible(verdicts, end, n)) is not None and _is_prose(verdicts[nxt]):
            end = nxt
        after = _next_visible(verdicts, end, n)
        if after is not None and not (_closes(verdicts[after]) or verdicts[after].label is Label.ATTRIBUTION):
            return e
        e = end


def find_title(
    feats: list[Features], verdicts: list[Verdict], start: int, cfg: Config, menu: set[str]
) -> int | None:
    """The headline above the article that starts at line ``start``, if any.

    Scans up to ``Config.title_window`` lines upwards (lines a strong cue
    claims, such as a date, a byline or a share bar, are passed over and not
    counted) and keeps the topmost heading-like line; stops at a list item, a
    related or comments header, a breadcrumb, or a paragraph longer than any
    headline.  A line that echoes a menu entry (a section
    name, one of ``menu``) is passed over too.
    """
    found = None
    seen = 0
    i = start - 1
    while i >= 0 and seen < cfg.title_window:
        f, v = feats[i], verdicts[i]
        i -= 1
        if v.shape == "invisible":
            continue
        if v.opens in ("related", "comments") or v.rule == "cue:breadcrumb":
            break
        if v.label is not None and v.strong:
            continue  # a date, a byline, a share bar: passed over, not counted
        seen += 1
        if f.bullet or f.words > cfg.headline_max_words:
            break
        if f.core in menu:
            continue
        if f.heading_like and cfg.short_words <= f.words <= cfg.headline_max_words:
            found = i + 1
    return found


def _menu_entries(feats: list[Features], cfg: Config) -> set[str]:
    """The text of every short list item on the page: the entries of its menus.

    Longer list items are headlines (a ticker, a list of stories), which may
    repeat the page's own headline.
    """
    return {f.core for f in feats if f.bullet and f.core and f.words <= cfg.menu_entry_max_words}


def _label_article(
    d: Decided,
    feats: list[Features],
    verdicts: list[Verdict],
    s: int,
    e: int,
    title: int | None,
    cfg: Config,
) -> None:
    """Lines of the article's stretch: its prose, and what the article carries in its flow.

    Sub-headings are body; an inline "read also" box and bulleted headlines
    (links to other stories) are related links; a repeat of the headline, or
    a short line after a caption, is the picture's caption or credit.
    """
    title_core = feats[title].core if title is not None else None
    in_read_also = False
    for i in range(s, e + 1):
        f, v = feats[i], verdicts[i]
        if v.shape == "invisible":
            continue
        prev = d.labels[i - 1] if i > s else None
        if v.label is not None and v.strong:
            in_read_also = v.opens == "related" or (in_read_also and v.label is Label.RELATED_LINK)
            d.set(i, v.label, v.rule)
        elif v.shape in ("prose", "near"):
            in_read_also = False
            d.set(i, Label.BODY, "context:article-prose")
        elif in_read_also:
            d.set(i, Label.RELATED_LINK, "context:read-also-item")
        elif f.bullet and not f.numbered and f.words > cfg.short_words:
            d.set(i, Label.RELATED_LINK, "context:link-list-item")
        elif title_core and f.core == title_core:
            d.set(i, Label.CAPTION, "context:title-repeat")
        elif prev is Label.CAPTION and f.words <= cfg.caption_credit_max_words:
            d.set(i, Label.CAPTION, "context:caption-credit")
        else:
            d.set(i, Label.BODY, "context:article-subheading")


def _next_to_itself(feats: list[Features], verdicts: list[Verdict], i: int) -> bool:
    """Whether the line repeats the visible line just before or after it (a doubled caption)."""
    n = len(verdicts)
    before = next((j for j in range(i - 1, -1, -1) if verdicts[j].shape != "invisible"), None)
    after = _next_visible(verdicts, i, n)
    return any(j is not None and feats[j].core == feats[i].core for j in (before, after))


def _name_like(f: Features, cfg: Config) -> bool:
    """A few words that can be a name: no digit, no sentence end, no trailing colon."""
    if not cfg.byline_name_min_words <= f.words <= cfg.byline_name_max_words:
        return False
    return f.chars <= cfg.byline_name_max_chars and not (f.has_digit or f.terminal or f.colon_end)


def _label_header(
    d: Decided,
    feats: list[Features],
    verdicts: list[Verdict],
    title: int,
    s: int,
    cfg: Config,
    menu: set[str],
) -> None:
    """Lines between the headline and the article: dates, byline, a lede, captions."""
    zone = [i for i in range(title + 1, s) if verdicts[i].shape != "invisible"]
    byline = next(
        (
            i
            for i in reversed(zone)
            if verdicts[i].label is None and _name_like(feats[i], cfg) and feats[i].core not in menu
        ),
        None,
    )
    d.set(title, Label.TITLE, "context:headline")
    for i in zone:
        f, v = feats[i], verdicts[i]
        if f.core == feats[title].core:
            d.set(i, Label.TITLE, "context:headline-repeat")
        elif v.label is not None:
            d.set(i, v.label, v.rule)
        elif not f.core:
            d.set(i, Label.NAVIGATION, "context:header-mark")
        elif f.core in menu:
            d.set(i, Label.NAVIGATION, "context:header-menu-entry")
        elif f.repeats > 1 and f.words > cfg.short_words and not _next_to_itself(feats, verdicts, i):
            d.set(i, Label.NAVIGATION, "context:header-repeat")
        elif i == byline:
            d.set(i, Label.ATTRIBUTION, "context:byline-position")
        elif v.shape == "prose":
            d.set(i, Label.BODY, "context:header-lede")
        else:
            d.set(i, Label.CAPTION, "context:header-caption")


#: The rules :func:`_default` gives another story's teaser, outside any section: where a comments
#: section has ended (:func:`boilerstrip.evidence.comments_as_walked` reads them so).
TEASER_PROSE, TEASER_HEADLINE = "section:teaser-prose", "section:teaser-headline"
TEASER_RULES = frozenset({TEASER_PROSE, TEASER_HEADLINE})


def _default(f: Features, v: Verdict, after: bool, cfg: Config) -> tuple[Label, str]:
    """A line outside the article and outside any section."""
    if v.label is not None:
        return v.label, v.rule
    if v.shape in ("prose", "near"):
        return Label.RELATED_LINK, TEASER_PROSE
    if after and f.words > cfg.short_words and v.shape in ("heading", "list"):
        return Label.RELATED_LINK, TEASER_HEADLINE
    return Label.NAVIGATION, "section:page-furniture"


def _headline(f: Features, v: Verdict, cfg: Config) -> bool:
    return v.label is None and f.heading_like and f.words > cfg.short_words


def _next_visible(verdicts: list[Verdict], i: int, stop: int) -> int | None:
    return next((j for j in range(i + 1, stop) if verdicts[j].shape != "invisible"), None)


def _walk(
    d: Decided, feats: list[Features], verdicts: list[Verdict], lines: range, after: bool, cfg: Config
) -> None:
    """Label a stretch outside the article, section by section."""
    state: Section | None = None
    short_run: list[int] = []
    for i in lines:
        f, v = feats[i], verdicts[i]
        if v.shape == "invisible" or d.labels[i] is not None:
            continue
        if v.opens is not None and not f.bullet:
            state, short_run = v.opens, []
            d.set(i, v.label or Label.NAVIGATION, v.rule)
            continue
        if v.rule in _SECTION_BREAKERS:
            state = None
        elif v.rule == "cue:comment-policy" and not f.bullet:
            state = "comments"  # a comment policy or login prompt stands where comments begin
        if state == "related":
            is_short = f.words <= cfg.short_words and not f.date_like and v.label is not Label.RELATED_LINK
            short_run = [*short_run, i] if is_short else []
            d.set(i, Label.RELATED_LINK, "section:related")
            if len(short_run) >= cfg.section_exit_run:
                for j in short_run:
                    d.set(j, Label.NAVIGATION, "section:menu-ends-related")
                state, short_run = None, []
            continue
        if state == "comments":
            # Two headlines in a row end the comments: a list of other stories has begun.
            nxt = _next_visible(verdicts, i, lines.stop)
            if (
                v.label in (Label.POLL_COMMENT, Label.ATTRIBUTION)  # a comment's author line
                or v.rule == "cue:date"
                or (
                    v.label is None
                    and not (
                        _headline(f, v, cfg) and nxt is not None and _headline(feats[nxt], verdicts[nxt], cfg)
                    )
                )
            ):
                d.set(i, Label.POLL_COMMENT, v.rule if v.label is Label.POLL_COMMENT else "section:comments")
                continue
            state = None
        if state == "navigation":
            if v.shape not in ("prose", "near") or f.bullet:
                d.set(
                    i, v.label if v.label is not None and v.strong else Label.NAVIGATION, "section:navigation"
                )
                continue
            state = None
        d.set(i, *_default(f, v, after, cfg))


def _smooth(d: Decided, feats: list[Features], verdicts: list[Verdict]) -> None:
    """Short lines and dates inside a list take the list's label; invisible lines their block's."""
    visible = [i for i, v in enumerate(verdicts) if v.shape != "invisible"]
    for k in range(1, len(visible) - 1):
        i = visible[k]
        before, after = d.labels[visible[k - 1]], d.labels[visible[k + 1]]
        if (
            before is after
            and before in (Label.RELATED_LINK, Label.NAVIGATION)
            and d.labels[i] is not before
            and verdicts[i].rule == "cue:date"
        ):
            d.set(i, before, "smooth:date-in-list")
    # An invisible line takes the label of the next visible line (else the previous one).
    following: Label | None = None
    for i in range(len(verdicts) - 1, -1, -1):
        if verdicts[i].shape != "invisible":
            following = d.labels[i]
        elif following is not None:
            d.set(i, following, "smooth:invisible-joins-block")
    preceding: Label | None = None
    for i, v in enumerate(verdicts):
        if v.shape != "invisible":
            preceding = d.labels[i]
        elif d.labels[i] is None:
            d.set(i, preceding or Label.NAVIGATION, "smooth:invisible-joins-block")


def decide(feats: list[Features], verdicts: list[Verdict], cfg: Config) -> Decided:
    """Run the context pass and return a label and a rule for every line."""
    n = len(feats)
    d = Decided([None] * n, [""] * n)
    span = find_article(feats, verdicts, cfg)
    if span is None:
        _walk(d, feats, verdicts, range(n), after=True, cfg=cfg)
    else:
        s, e = span
        menu = _menu_entries(feats, cfg)
        title = find_title(feats, verdicts, s, cfg, menu)
        d.article, d.title = span, title
        _label_article(d, feats, verdicts, s, e, title, cfg)
        if title is not None:
            _label_header(d, feats, verdicts, title, s, cfg, menu)
        _walk(d, feats, verdicts, range(s if title is None else title), after=False, cfg=cfg)
        _walk(d, feats, verdicts, range(e + 1, n), after=True, cfg=cfg)
    _smooth(d, feats, verdicts)
    return d
