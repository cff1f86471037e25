"""Rule-level tests: for one line (or a tiny page), assert which rule fired.

As in datatrove's filters, every decision carries its reason; these tests pin
the reason, not only the label.  They are the hand-written passes' tests, so pages are
labelled by those passes alone (``Config(decoder="rules")``): the passes' verdicts are the
evidence the fitted decoder (the default) weighs, and what it decides on the case pages is
pinned in ``tests/cases/evidence.json``.
"""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip import Config, Label
from boilerstrip.config import DEFAULT
from boilerstrip.features import measure
from boilerstrip.lexicon import load
from boilerstrip.readers import RawLine
from boilerstrip.rules import judge, shape_of

#: The hand-written passes alone.
RULES = Config(decoder="rules")


def strip(text: str, config: Config = RULES) -> boilerstrip.Page:
    """``boilerstrip.strip`` with the hand-written passes deciding."""
    return boilerstrip.strip(text, config=config)


PROSE = (
    "The committee met on Monday to review the proposal, and its members agreed that "
    "the plan should go ahead after a short public consultation."
)


def verdict_of(line: str, page: list[str] | None = None):
    lines = [RawLine(i, t) for i, t in enumerate(page or [line], 1)]
    feats, _ = measure(lines, load(), DEFAULT)
    idx = (page or [line]).index(line)
    return judge(feats[idx], load(), DEFAULT, lambda f, s: None)


@pytest.mark.parametrize(
    ("line", "rule", "label"),
    [
        ("Read also", "cue:related-header", Label.RELATED_LINK),
        ("  • اقرأ أيضاً:", "cue:related-header", Label.RELATED_LINK),
        ("مقالات مشابهة", "cue:related-header", Label.RELATED_LINK),
        ("Previous: Markets fall again", "cue:related-prefix", Label.RELATED_LINK),
        ("التعليقات (12)", "cue:comment-header", Label.POLL_COMMENT),
        ("Leave a reply", "cue:comment-header", Label.POLL_COMMENT),
        ("تابعونا على", "cue:navigation-header", Label.NAVIGATION),
        ("* Home", "cue:navigation-line", Label.NAVIGATION),
        ("كلمات دلالية: اقتصاد نفط", "cue:tag-prefix", Label.NAVIGATION),
        ("جميع الحقوق محفوظة لموقعنا 2024", "cue:navigation-phrase", Label.NAVIGATION),
        ("Facebook", "cue:trafilatura-share-filter", Label.NAVIGATION),
        ("صدر الصورة، Getty Images", "cue:caption-prefix", Label.CAPTION),
        ("Legion-Media", "cue:photo-credit", Label.CAPTION),
        ("المصدر: AFP", "cue:byline", Label.ATTRIBUTION),
        ("By Jane Doe", "cue:byline", Label.ATTRIBUTION),
        ("--(بترا)", "cue:agency-line", Label.ATTRIBUTION),
        ("(أ ف ب)", "cue:agency-line", Label.ATTRIBUTION),
        ("وكالات", "cue:generic-source", Label.ATTRIBUTION),
        ("الرئيسية أخبار العالم", "cue:breadcrumb", Label.NAVIGATION),
        ("World | Business | Sport", "cue:menu-row", Label.NAVIGATION),
        ("الأربعاء، 07 أكتوبر 2020 12:19 م", "cue:date", Label.NAVIGATION),
        ("November 9, 2020", "cue:date", Label.NAVIGATION),
        ("٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠", "cue:date", Label.NAVIGATION),
        ("لا تعبر التعليقات عن رأي الموقع", "cue:comment-policy", Label.POLL_COMMENT),
        ("Reply to Sam", "cue:comment-cue", Label.POLL_COMMENT),
        ("(function() { document.addEventListener('load', function() { var m;", "cue:code", Label.NAVIGATION),
        ("{title} {title} {title}", "cue:code", Label.NAVIGATION),
        ('<img src="/pixel.gif" width="1" />', "cue:markup-residue", Label.NAVIGATION),
        ("<br>", "cue:markup-residue", Label.NAVIGATION),
        ("</div>", "cue:markup-residue", Label.NAVIGATION),
    ],
)
def test_cue_rule_fires(line: str, rule: str, label: Label) -> None:
    v = verdict_of(line)
    assert (v.rule, v.label) == (rule, label)


def test_a_title_in_angle_brackets_is_not_markup() -> None:
    """Korean sites write a work's title in angle brackets: no attributes (no "="), so it is
    not a tag a renderer left behind."""
    assert verdict_of("<The Show Title: Season 2>").rule != "cue:markup-residue"


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("Redazione", True),
        ("Redaktion 05.04.2025", True),
        ("(Unknown) 5126 23.2%", False),
        ("Newsroom: (305) 795-2777", False),
    ],
)
def test_a_generic_credit_takes_a_date_but_no_other_figures(line: str, fires: bool) -> None:
    """A credit word followed by a count or a phone number is a table row or a contact line."""
    assert (verdict_of(line).rule == "cue:generic-source") is fires


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "He did not immediately respond to a request for comment on the new budget.",
        "كتب الرئيس في رسالته الطويلة إلى البرلمان أن الحكومة ستواصل الإصلاحات الاقتصادية خلال العام المقبل.",
        "By the end of the year, the company expects its sales in the region to have doubled.",
    ],
)
def test_prose_that_merely_mentions_cue_words_is_not_claimed(line: str) -> None:
    v = verdict_of(line)
    assert v.label is None or not v.strong
    assert v.shape == "prose"


def test_shapes() -> None:
    feats, stoplist = measure(
        [
            RawLine(1, PROSE),
            RawLine(2, "Council approves new budget for parks"),
            RawLine(3, "* World"),
            RawLine(4, "Sport"),
        ],
        load(),
        DEFAULT,
    )
    assert stoplist == "English"
    assert [shape_of(f, DEFAULT) for f in feats] == ["prose", "heading", "list", "short"]


def test_duplicate_rule_uses_trafilatura_thresholds() -> None:
    long_line = (
        "The best stories of the week, picked by our editors and sent to you "
        "on every Friday morning, for free"
    )
    page = [long_line] * (DEFAULT.max_repetitions + 1)
    assert len(long_line) > DEFAULT.min_duplicate_chars
    assert verdict_of(long_line, page).rule == "cue:duplicate"


def test_every_line_carries_a_rule_name() -> None:
    page = strip("Home\n\n" + PROSE + "\nRead also\nAnother story about parks\n© 2024")
    assert all(ln.rule and ":" in ln.rule for ln in page.lines)


def test_inline_read_also_block_then_article_resumes() -> None:
    page = strip(
        "\n".join([PROSE, "اقرأ أيضاً", "A headline about another matter", PROSE + " Again."])
    )
    assert [(ln.label, ln.rule) for ln in page.lines] == [
        (Label.BODY, "context:article-prose"),
        (Label.RELATED_LINK, "cue:related-header"),
        (Label.RELATED_LINK, "context:read-also-item"),
        (Label.BODY, "context:article-prose"),
    ]


def test_teaser_paragraphs_after_the_article_are_related() -> None:
    other = (
        "Another council in the north voted last week to close two libraries and sell the land to developers."
    )
    page = strip(
        "\n".join(
            [
                PROSE,
                PROSE + " More.",
                PROSE + " Still.",
                "Tags: parks",
                "Read also",
                "Libraries to close",
                other,
            ]
        )
    )
    assert page.lines[-1].label is Label.RELATED_LINK
    assert page.lines[-1].rule == "section:related"
    assert other not in page.body


def test_comment_section_ends_at_two_headlines() -> None:
    lines = [
        PROSE,
        PROSE + " Two.",
        "Comments",
        "Nice piece, I agree with the council.",
        "Local team wins the regional final",
        "Schools prepare for the winter holidays",
    ]
    page = strip("\n".join(lines))
    assert [ln.label for ln in page.lines][2:] == [
        Label.POLL_COMMENT,
        Label.POLL_COMMENT,
        Label.RELATED_LINK,
        Label.RELATED_LINK,
    ]


def test_invisible_line_joins_its_block() -> None:
    page = strip("\n".join([PROSE, PROSE + " Two.", "\ufeff", "Comments", "I disagree."]))
    invisible = page.lines[2]
    assert invisible.text == "\ufeff"
    assert (invisible.label, invisible.rule) == (Label.POLL_COMMENT, "smooth:invisible-joins-block")


def test_comment_policy_is_shed_from_the_article_edge() -> None:
    policy = (
        "We welcome a lively discussion in the comments; the views expressed in the comments below do not "
        "reflect the views of this site."
    )
    page = strip("\n".join([PROSE, PROSE + " Two.", policy]))
    assert page.lines[-1].label is Label.POLL_COMMENT
    assert policy not in page.body


def test_comment_words_in_a_long_sentence_are_not_a_policy() -> None:
    """"vote" twice in a news sentence about an election is not readers' voice; the same
    words dense on a short line are."""
    story = (
        "For the first 20 days of the vote, residents can cast ballots online or by mail, and the "
        "remaining days will add an option of voting in person at the community centre."
    )
    assert verdict_of(story).rule != "cue:comment-policy"
    assert verdict_of("Reply to this comment or vote in the poll").rule == "cue:comment-policy"
    # the density is a named threshold
    loose = Config(comment_cue_words=100)
    feats, _ = measure([RawLine(1, story)], load(), loose)
    assert judge(feats[0], load(), loose, lambda f, s: None).rule == "cue:comment-policy"


def test_weak_markup_prose_at_the_article_edge_stays_in_the_article() -> None:
    """A weak markup vote (a class that says "byline") is for lines outside the article;
    it does not shed article prose at the edge of the run, while a strong one does."""
    from boilerstrip.context import find_article
    from boilerstrip.rules import Verdict

    weak = Verdict(Label.ATTRIBUTION, "markup:byline-class", "prose")
    strong = Verdict(Label.NAVIGATION, "markup:nav-class", "prose", strong=True)
    plain = Verdict(None, "shape:prose", "prose")
    feats = [type("F", (), {"chars": 300, "bullet": False, "words": 50})() for _ in range(4)]
    assert find_article(feats, [weak, plain, plain, weak], DEFAULT) == (0, 3)
    assert find_article(feats, [plain, plain, plain, strong], DEFAULT) == (0, 2)


def test_a_preformatted_listing_is_not_leaked_code() -> None:
    """The code rule leaves lines the markup shows as ``<pre>``: an article may quote a listing."""
    listing = "fetch(url, { mode: 'cors' }).then(function(res) { return res.json(); });"
    assert verdict_of(listing).rule == "cue:code"
    feats, _ = measure([RawLine(1, listing, frozenset({"pre"}))], load(), DEFAULT)
    assert judge(feats[0], load(), DEFAULT, lambda f, s: None).rule != "cue:code"


@pytest.mark.parametrize(
    "line",
    ["We hope you enjoy version 3.6.0!", "350 000 emplois créés avec les 35 heures", "Score: 101-99"],
)
def test_numbers_that_are_not_dates(line: str) -> None:
    """A version number, large counts next to a date word, a score: not dates."""
    assert verdict_of(line).rule != "cue:date"


def test_config_thresholds_change_decisions() -> None:
    text = "\n".join([PROSE, "a", "b", "c", PROSE + " Two."])
    tight = strip(text, config=Config(max_gap=1, decoder="rules"))
    loose = strip(text, config=Config(max_gap=5, gap_cost=10, decoder="rules"))
    assert tight.body.count("\n") == 0
    assert loose.lines[-1].label is Label.BODY and loose.lines[0].label is Label.BODY


def test_role_credit_is_attribution() -> None:
    v = verdict_of("Caroline Hawley, BBC diplomatic correspondent")
    assert (v.rule, v.label) == ("cue:role-credit", Label.ATTRIBUTION)


def test_web_address_alone_is_navigation() -> None:
    v = verdict_of("https://www.example.com/news/2024/03/story-1234")
    assert (v.rule, v.label) == ("cue:address", Label.NAVIGATION)


def test_a_comment_prompt_opens_readers_voice() -> None:
    lines = [
        PROSE,
        PROSE + " Two.",
        "Tags: parks",
        "You must be logged in to post a comment.",
        "By Sam, 3 March 2024",
        "I think the council is right about this.",
    ]
    page = strip("\n".join(lines))
    assert [(ln.label, ln.rule) for ln in page.lines[3:]] == [
        (Label.POLL_COMMENT, "cue:comment-policy"),
        (Label.POLL_COMMENT, "section:comments"),
        (Label.POLL_COMMENT, "section:comments"),
    ]


def test_lede_between_headline_and_article_is_body() -> None:
    lines = [
        "Council approves new budget for city parks",
        "The plan doubles spending on green spaces over five years.",
        "Updated 3 March 2024",
        PROSE,
        PROSE + " Two.",
    ]
    page = strip("\n".join(lines))
    assert [(ln.label, ln.rule) for ln in page.lines[:2]] == [
        (Label.TITLE, "context:headline"),
        (Label.BODY, "context:header-lede"),
    ]


def test_bulleted_headlines_inside_the_article_are_links() -> None:
    lines = [
        PROSE,
        "* Profile: the council's new leader",
        "* Timeline of the budget dispute",
        PROSE + " Two.",
    ]
    page = strip("\n".join(lines))
    assert [ln.rule for ln in page.lines] == [
        "context:article-prose",
        "context:link-list-item",
        "context:link-list-item",
        "context:article-prose",
    ]


def test_a_counted_comment_header_with_the_headline_opens_the_comments() -> None:
    """Blog engines head the comment section with a count and the article's headline."""
    prose = (
        "The city council approved a new budget on Monday that doubles spending on parks for five "
        "years, officials said after a long session."
    )
    lines = [
        "Council doubles park spending",
        prose,
        prose.replace("Monday", "Tuesday"),
        "6 thoughts on “Council doubles park spending”",
        "Jane Example",
        "August 22, 2018 at 5:57 am",
        "I think this is a great plan for the city and its children, and I hope it works out well.",
    ]
    page = strip("\n".join(lines))
    header = page.lines[3]
    assert (header.label, header.rule) == (Label.POLL_COMMENT, "cue:comment-count-header")
    assert {ln.label for ln in page.lines[4:]} == {Label.POLL_COMMENT}
    # without its count the same words are prose
    assert strip("My thoughts on the plan are mixed.").lines[0].rule != "cue:comment-count-header"
