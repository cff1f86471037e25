"""The cue vocabulary, and the cues an element's own attributes give.

Cue names are what the reader tells :mod:`boilerstrip.markup_rules` about a
line (see :mod:`boilerstrip.readers.html`).  This module holds the names, the
class and id words trafilatura has no vocabulary for (:data:`CLASS_WORDS`),
the ARIA roles, trafilatura's own token groups (read from
:mod:`trafilatura.xpaths`, to name what its discard expression matched), and
the tests of one element's tag and attributes that turn them into cues.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .tags import HEADINGS

__all__ = [
    "ATTRIBUTE_CUE_SOURCES",
    "CLASS_WORDS",
    "CUES",
    "NEGATIVE_CUES",
    "attribute_cues",
    "discard_concepts",
]

# fmt: off
#: ARIA roles with the structural cue they amount to.
_ROLE_CUES = {
    "navigation": "nav", "menu": "nav", "menubar": "nav", "tablist": "nav",
    "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "search": "form", "form": "form", "dialog": "dialog", "alertdialog": "dialog",
    "article": "article", "main": "main", "button": "control",
}

#: Class and id words trafilatura's vocabularies lack, as ``(cue, parts, words)``: a
#: cue applies when one of ``parts`` occurs in the element's class and id with
#: ``-`` and ``_`` removed (``read-more`` → ``readmore``), or one of ``words`` is a
#: whole word of them (one regex scan each, see :func:`attribute_cues`).  They name
#: *kinds of blocks* found across news sites, never one site's names.
CLASS_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("w:poll", ("poll", "survey", "quiz"), ("vote", "votes", "voting")),
    ("w:comment", ("comment", "disqus", "discuss", "feedback"), ("reaction", "reactions")),
    ("w:credit", ("credit", "photosource", "imgsource", "imagesource", "copyrightimg"), ()),
    ("w:caption", ("caption", "photodesc", "imgdesc", "imagedesc"), ("legend",)),
    ("w:related", (
        "related", "readmore", "readalso", "alsoread", "seealso", "morenews", "morestories",
        "morearticles", "morefrom", "othernews", "popular", "mostread", "trending", "recommend",
        "latest", "similar", "youmay", "suggest", "teaser", "pagination", "pager",
    ), ("next", "prev")),
    ("w:ticker", ("ticker", "breaking", "marquee", "urgent"), ()),
    ("w:date", ("timestamp", "pubdate", "postdate", "datetime", "publishdate"), ("date", "time")),
    ("w:source", ("agency", "dateline", "byline", "author", "writer", "reporter"), ("source", "editor")),
    ("w:ad", ("advert", "sponsor", "promo", "adsense", "banner", "dfp"), ("ad", "ads", "gpt")),
    ("w:social", ("social", "share", "sharing", "follow", "facebook", "twitter", "whatsapp", "telegram"), ()),
    ("w:tags", ("taglist", "tagcloud", "taglinks", "keyword", "topics"), ("tag", "tags")),
    ("w:breadcrumb", ("breadcrumb",), ()),
    ("w:subscribe", ("subscri", "newsletter", "signup", "register", "login"), ()),
)
# fmt: on


def _token_regex(*names: str) -> re.Pattern[str] | None:
    """One regex from trafilatura's private token groups (``_NAV_CLASS_TOKENS`` …).

    These tuples are what ``OVERALL_DISCARD_XPATH`` is built from; reading them
    lets a match be named (navigation, related, share …) without retyping the
    words.  A group a later trafilatura renames simply stops naming matches.
    """
    import trafilatura.xpaths as xp

    tokens = [tok for name in names for tok in getattr(xp, name, ())]
    return re.compile("|".join(tokens)) if tokens else None


# cue: (tokens tested on @id, tokens tested on @class)
_DISCARD_CONCEPTS: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (cue, _token_regex(*ids), _token_regex(*classes))
    for cue, ids, classes in (
        ("t:nav", ("_NAV_ID_TOKENS",), ("_NAV_CLASS_TOKENS",)),
        ("t:footer", ("_FOOTER_ID_TOKENS",), ("_FOOTER_CLASS_TOKENS",)),
        (
            "t:share",
            ("_SHARE_SOCIAL_ID_CLASS_TOKENS", "_SHARE_ID_TOKENS"),
            ("_SHARE_SOCIAL_ID_CLASS_TOKENS", "_SHARE_CLASS_TOKENS"),
        ),
        ("t:newsletter", ("_NEWSLETTER_ID_CLASS_TOKENS",), ("_NEWSLETTER_ID_CLASS_TOKENS",)),
        ("t:consent", ("_CONSENT_ID_CLASS_TOKENS",), ("_CONSENT_ID_CLASS_TOKENS", "_CONSENT_CLASS_TOKENS")),
        ("t:tags", ("_TAGS_ID_CLASS_TOKENS",), ("_TAGS_ID_CLASS_TOKENS", "_TAGS_CLASS_TOKENS")),
        ("t:chrome", ("_UI_CHROME_ID_CLASS_TOKENS", "_UI_CHROME_ID_TOKENS"), ("_UI_CHROME_ID_CLASS_TOKENS",)),
        ("t:author", ("_AUTHOR_ID_CLASS_TOKENS",), ("_AUTHOR_ID_CLASS_TOKENS", "_AUTHOR_CLASS_TOKENS")),
        ("t:related", ("_RELATED_ID_TOKENS",), ("_RELATED_CLASS_TOKENS",)),
        ("t:ad", ("_AD_ID_TOKENS",), ("_AD_CLASS_TOKENS",)),
        ("t:paywall", ("_PAYWALL_ID_TOKENS",), ()),
        ("t:meta", (), ("_UI_META_CLASS_TOKENS", "_MISC_CLASS_TOKENS")),
    )
)

#: Cues that say "this block is not the article"; they are withheld from an element
#: that holds the article (see :func:`~boilerstrip.readers.html.marking.mark_elements`).
NEGATIVE_CUES = frozenset(
    {"t:discard", "t:hidden", "t:teaser", "t:precision", "t:comments", "t:caption", "t:appended"}
    | {cue for cue, _, _ in _DISCARD_CONCEPTS}
    | {cue for cue, _, _ in CLASS_WORDS}
    | {"nav", "header", "footer", "aside", "form", "dialog"}
)


#: Every cue name the reader can give a line (the vocabulary of
#: :mod:`boilerstrip.markup_rules`).
# fmt: off
CUES = frozenset({
    "nav", "header", "footer", "article-header", "article-footer", "aside", "figure", "figcaption", "form",
    "control", "dialog", "hidden", "li", "td", "blockquote", "pre", "p", "address", "time", "a-only",
    "article", "main", "itemprop-body", "itemprop-headline", "itemprop-author", "itemprop-comment",
    "rel-author", "text-dense", "t:body-candidate", "t:byline", "t:title", "meta-description", *HEADINGS,
    *NEGATIVE_CUES,
})
# fmt: on


@functools.lru_cache(maxsize=10_000)
def _concepts_of(ident: str, cls: str, role: str, component: str) -> tuple[str, ...]:
    cues = ["t:discard"]
    for cue, id_re, class_re in _DISCARD_CONCEPTS:
        if (id_re is not None and ident and id_re.search(ident)) or (
            class_re is not None and cls and class_re.search(cls)
        ):
            cues.append(cue)
    if "nav" in role.lower():
        cues.append("t:nav")
    if "MostPopularStories" in component:
        cues.append("t:related")
    return tuple(cues)


def discard_concepts(element: Any) -> tuple[str, ...]:
    """``t:discard`` and the token groups of trafilatura's that the element's id or class match."""
    get = element.get
    return _concepts_of(get("id") or "", get("class") or "", get("role") or "", get("data-component") or "")


#: The attributes :func:`attribute_cues` reads.
ATTRIBUTE_CUE_SOURCES = ("class", "id", "role", "itemprop", "aria-hidden", "aria-level", "rel")
_ALL_PARTS = sorted(
    {part for _, parts, _ in CLASS_WORDS for part in parts}, key=lambda part: (-len(part), part)
)
#: Every position where a part starts, with the longest part starting there (the
#: alternatives are tried longest first): any other part found there is a prefix
#: of it, so :data:`_PART_CUES` gives the cues of all the parts at that position.
_CLASS_PARTS = re.compile("(?=(" + "|".join(re.escape(part) for part in _ALL_PARTS) + "))")
_PART_CUES = {
    part: frozenset(cue for cue, parts, _ in CLASS_WORDS if any(part.startswith(p) for p in parts))
    for part in _ALL_PARTS
}
_WORD_CUES = {
    word: frozenset(cue for cue, _, whole in CLASS_WORDS if word in whole)
    for _, _, whole in CLASS_WORDS
    for word in whole
}
#: The words of :data:`_WORD_CUES` that are whole words of a class string: maximal runs of
#: ``[a-z0-9]`` (the alternatives are tried longest first)
_CLASS_WHOLE = re.compile(
    "(?<![a-z0-9])("
    + "|".join(re.escape(word) for word in sorted(_WORD_CUES, key=lambda word: (-len(word), word)))
    + ")(?![a-z0-9])"
)


def attribute_cues(tag: str, attributes: dict[str, str]) -> tuple[str, ...]:
    """Cues an element's attributes give: class/id words, ARIA roles, microdata, ``rel=author``.

    Runs in :class:`~boilerstrip.readers.xpath_subset.CompiledXPaths`' walk and is
    cached with it by tag and attributes: pages repeat their class strings.
    """
    if not attributes:
        return ()
    cues: set[str] = set()
    text = " ".join(filter(None, (attributes.get("class"), attributes.get("id")))).lower()
    if text:
        squashed = text.replace("-", "").replace("_", "")
        for part in _CLASS_PARTS.findall(squashed):
            cues |= _PART_CUES[part]
        for word in _CLASS_WHOLE.findall(text):
            cues |= _WORD_CUES[word]
    role = attributes.get("role")
    if role:
        for word in role.lower().split():
            if word in _ROLE_CUES:
                cues.add(_ROLE_CUES[word])
            elif word == "heading":
                cues.add("h" + (attributes.get("aria-level") or "2").strip()[:1])
    if attributes.get("aria-hidden") == "true":
        cues.add("hidden")
    itemprop = attributes.get("itemprop")
    if itemprop:
        itemprop = itemprop.lower()
        if "articlebody" in itemprop:
            cues.add("itemprop-body")
        elif "headline" in itemprop:
            cues.add("itemprop-headline")
        elif "author" in itemprop or "creator" in itemprop:
            cues.add("itemprop-author")
        elif "comment" in itemprop:
            cues.add("itemprop-comment")
    if tag == "a" and "author" in (attributes.get("rel") or ""):
        cues.add("rel-author")
    return tuple(sorted(cues))
