"""The evidence pass: what is known about each line, as named facts a fitted model can weigh.

The earlier passes measure a line (:mod:`boilerstrip.features`), give it a context-free
verdict (:mod:`boilerstrip.rules`) and a context verdict (:mod:`boilerstrip.context`).  None of
them decides alone any more: each contributes *evidence*, a short name such as
``cue:byline``, ``context:article-prose``, ``passes:body``, ``words:4-6`` or
``prev:passes:navigation``, and :mod:`boilerstrip.scoring` adds the weights that training
(``python -m benchmarks.train``) fitted for each name and label.

Names are built from the rules' own names and from a few buckets of measurements, so that a
weight means the same on every site and in every language: nothing here names a word, a
site or a tag.  The first name of every line is its context-free verdict (``cue:…``,
``markup:…`` or ``shape:…``), the second the context pass's rule where it differs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial
from types import ModuleType
from typing import Any

import regex

from .cohesion import _COHESION as COHESION_NAMES
from .cohesion import COHESION_BUCKETS, COHESION_MIN_WORDS, MIN_WORD_CHARS, cohesion
from .context import TEASER_RULES, Decided, in_comments
from .features import Features
from .lexicon import Lexicons
from .names import credit_signs, credit_words
from .native import module as compiled_core
from .rules import Verdict
from .scoring import PRIOR
from .signs import CAPITALS_SHARE, DIGITS_SHARE, QUOTES, SEPARATOR_CHARS, SIGN_CHARS, signs

#: Upper bounds of the word-count buckets: ``words:1``, ``words:2``, ``words:3``,
#: ``words:4-6`` … ``words:61+``.  Headlines, names and menu entries differ by a word or two.
WORD_BUCKETS: tuple[tuple[int, str], ...] = (
    (1, "1"),
    (2, "2"),
    (3, "3"),
    (6, "4-6"),
    (12, "7-12"),
    (25, "13-25"),
    (60, "26-60"),
)
#: The bucket above every bound.
WORDS_TOP = "61+"
#: Upper bounds of the length buckets, in characters: a paragraph outweighs a menu entry.
CHAR_BUCKETS: tuple[tuple[int, str], ...] = (
    (10, "1-10"),
    (25, "11-25"),
    (50, "26-50"),
    (100, "51-100"),
    (200, "101-200"),
    (400, "201-400"),
)
#: The bucket above every bound.
CHARS_TOP = "401+"
#: Lower bounds of the stopword-density buckets (jusText's measure, per language).
STOP_BUCKETS: tuple[float, ...] = (0.3, 0.2, 0.1, 0.0)
#: Lower bounds of the link-density buckets (HTML mode; text mode has none).
LINK_BUCKETS: tuple[float, ...] = (0.75, 0.25, 0.0)
#: Bounds, in visible lines, of the distance-to-the-article buckets.
DISTANCE_BUCKETS: tuple[tuple[int, str], ...] = ((1, "1"), (2, "2"), (5, "3-5"), (12, "6-12"))
#: Lines up to this long are searched for an agency's name (``names:agency``); a paragraph that
#: cites an agency in passing is prose, and the search stays linear in the page.
AGENCY_SCAN_CHARS = 400
#: Lines up to this long are read for the signs of a credit (``credit:…``,
#: :func:`boilerstrip.names.credit_signs`): a byline is a name, a name and a date, or a role.
CREDIT_SCAN_CHARS = 120
#: A line with at least this many clock times among the lines around it
#: (:data:`CLOCK_WINDOW`) stands among readers' posts, whose user names are name-shaped too:
#: it is not read for credit signs, nor is a line the context pass puts in a comment section.
#: A byline stands near one time at most, the article's own.  Leave-site-out (``python -m
#: benchmarks.train``, ``--drop-evidence credit`` -> the default), body / macro F1: text
#: 0.936 / 0.627 -> 0.934 / 0.635 (attribution 0.197 -> 0.214, title 0.665 -> 0.678), HTML
#: 0.976 / 0.801 -> 0.976 / 0.799.  Read on comment lines too, the signs cost HTML poll-comment
#: F1 several points; the neighbours' credit signs and byline cues inside a line were tried and
#: left out (no gain held out in both modes).
CREDIT_MAX_CLOCKS = 2
#: Lines at least this long count for ``article-share:…`` (:func:`article_share`): paragraphs,
#: not menu entries, say where a page's text is.
ARTICLE_SHARE_CHARS = 80
#: Lower bounds of the ``article-share:…`` buckets.  Leave-site-out (``python -m
#: benchmarks.train``, at the commit before and with this evidence), body / macro F1: text
#: 0.934 / 0.635 -> 0.940 / 0.630 (poll-comment 0.771 -> 0.734), HTML 0.976 / 0.799 ->
#: 0.979 / 0.801; pages cut to their labelled span 0.939 / 0.615 -> 0.952 / 0.625, to their
#: article body 0.959 -> 0.971.  Five buckets (0.8 … 0.0), or the zone in place of the passes'
#: label in the pair, scored lower in scratch runs.
ARTICLE_SHARE_BUCKETS: tuple[float, ...] = (0.6, 0.3, 0.0)
#: The page is cut into this many equal parts by line number, for ``pos:…``.
POSITION_PARTS = 10
#: Neighbours whose verdicts are evidence for a line, by offset among the visible lines.
NEIGHBOURS: tuple[tuple[int, str], ...] = ((-2, "prev2"), (-1, "prev"), (1, "next"), (2, "next2"))
#: Lines either side searched for clock times (``near:clock:…``), and the lower bounds of the
#: count's buckets.  Readers' comments stamp each post with a time ("August 22, 2018 at 5:57
#: am"), so a run of prose among timed lines is a comment section even without its header,
#: where teasers of other stories carry dates but rarely times.  Leave-site-out (``python -m
#: benchmarks.train``, before -> with): text body / macro 0.930 / 0.619 -> 0.936 / 0.616
#: (poll-comment 0.700 -> 0.726), HTML 0.974 / 0.794 -> 0.975 / 0.795; with ``--no-crops``,
#: text 0.933 / 0.625 -> 0.935 / 0.626, HTML 0.974 / 0.785 -> 0.974 / 0.796.
CLOCK_WINDOW = 10
CLOCK_BUCKETS: tuple[tuple[int, str], ...] = ((0, "0"), (1, "1"), (3, "2-3"))


def _bucket(value: int, buckets: tuple[tuple[int, str], ...], top: str) -> str:
    """The name of the first bucket whose bound holds ``value``.

    >>> _bucket(5, WORD_BUCKETS, "61+"), _bucket(99, WORD_BUCKETS, "61+")
    ('4-6', '61+')
    """
    for bound, name in buckets:
        if value <= bound:
            return name
    return top


def _share(value: float, bounds: tuple[float, ...]) -> str:
    # a loop over names made once, not a generator formatting one: with the flags tested one
    # by one in ``own`` (not ``getattr`` in a loop), own 1.48 CPU ms/page against 1.93 on the
    # first 50 AEB pages (the function timed alone, this file against d2846ef's in one process;
    # the whole stage: the `evidence` row of `python -m benchmarks.stages --decoder fitted`)
    for b in bounds:
        if value >= b:
            return _SHARES[b]
    return "0.00+"


_SHARES = {b: f"{b:.2f}+" for b in (*STOP_BUCKETS, *LINK_BUCKETS)}


def own(f: Features, v: Verdict) -> list[str]:
    """What the line itself shows: its shape and cue, measurements in buckets.

    >>> from boilerstrip.rules import Verdict
    >>> f = type("F", (), dict(text="Home and world news", words=4, chars=30, stop_density=0.0,
    ...          terminal=False, full_stop=False, colon_end=False, bullet=True, numbered=False,
    ...          date_like=False, has_digit=False, ellipsis=False, repeats=1, link_density=None,
    ...          cues=frozenset()))()
    >>> own(f, Verdict(None, "shape:list", "list"))
    ['shape:list', 'words:4-6', 'chars:26-50', 'stops:0.00+', 'bullet']
    """
    out = [v.rule] if v.rule.startswith(("cue:", "markup:")) else []
    out.append(f"shape:{v.shape}")
    if v.opens:
        out.append(f"opens:{v.opens}")
    out.append(f"words:{_bucket(f.words, WORD_BUCKETS, WORDS_TOP)}")
    out.append(f"chars:{_bucket(f.chars, CHAR_BUCKETS, CHARS_TOP)}")
    out.append(f"stops:{_share(f.stop_density, STOP_BUCKETS)}")
    if f.terminal:
        out.append("terminal")
    if f.full_stop:
        out.append("full-stop")
    if f.colon_end:
        out.append("colon-end")
    if f.bullet:
        out.append("bullet")
    if f.numbered:
        out.append("numbered")
    if f.date_like:
        out.append("date-like")
    if f.ellipsis:
        out.append("ellipsis")
    if f.has_digit and f.words <= 6:
        out.append("short-with-digit")
    if f.repeats > 1:
        out.append("repeated")
    if f.link_density is not None:
        out.append(f"links:{_share(f.link_density, LINK_BUCKETS)}")
    if f.cues:
        out.extend(sorted(f"cue={c}" for c in f.cues))
    out.extend(signs(f.text))
    return out


def article_share(feats: Sequence[Features], visible: Sequence[int], zones: Sequence[str]) -> str:
    """The page's ``article-share:…`` bucket: the share of its long visible lines (at least
    :data:`ARTICLE_SHARE_CHARS`) that stand in the article the context pass found.

    A page whose long lines mostly stand outside that article is one where the pass cut the
    article short (a changelog of bulleted sections, a match report of line-ups read as
    teasers) or found none: its zones and verdicts deserve less trust, and the fitted weights
    of ``passes:…&article-share:…`` say how much less.

    >>> from types import SimpleNamespace as F
    >>> feats = [F(chars=120), F(chars=120), F(chars=5), F(chars=120)]
    >>> article_share(feats, [0, 1, 2, 3], ["zone:article", "zone:article", "zone:after:1", "zone:after:2"])
    'article-share:0.6+'
    >>> article_share(feats, [0, 1, 2, 3], ["zone:article", "zone:after:1", "zone:after:2", "zone:after:3-5"])
    'article-share:0.3+'
    """
    total = inside = 0
    for i in visible:
        n = feats[i].chars
        if n >= ARTICLE_SHARE_CHARS:
            total += n
            if zones[i] == "zone:article":
                inside += n
    value = inside / total if total else 1.0
    return next(name for bound, name in _ARTICLE_SHARES if value >= bound)


_ARTICLE_SHARES = tuple((b, f"article-share:{b:.1f}+") for b in ARTICLE_SHARE_BUCKETS)


def _zones(n: int, visible: Sequence[int], d: Decided) -> list[str]:
    """Where each line stands relative to the article the context pass found."""
    zone = ["zone:no-article"] * n
    if d.article is None:
        return zone
    s, e = d.article
    top = d.title if d.title is not None else s
    rank = {i: k for k, i in enumerate(visible)}
    ks, ke = rank.get(s, 0), rank.get(e, len(visible) - 1)
    for i in visible:
        k = rank[i]
        if i < top:
            zone[i] = f"zone:before:{_bucket(ks - k, DISTANCE_BUCKETS, '13+')}"
        elif i == d.title:
            zone[i] = "zone:headline"
        elif i < s:
            zone[i] = "zone:header"
        elif i <= e:
            zone[i] = "zone:article"
        else:
            zone[i] = f"zone:after:{_bucket(k - ke, DISTANCE_BUCKETS, '13+')}"
    return zone


#: Runs of word characters, as the agency matcher's word edges (``(?<!\w)``, ``(?!\w)``) see them.
_WORD_RUN = regex.compile(r"\w+")
#: ``(lexicons, keys)``: the last lexicons' agency keys (:func:`_agency_keys`).
_AGENCY_KEYS: list[tuple[Lexicons, frozenset[str] | None]] = []


def _agency_keys(lex: Lexicons) -> frozenset[str] | None:
    """One run of word characters of every agency alias (its longest: the rarest in text), or
    ``None`` when an alias has none.  An alias stands as whole words where the matcher finds
    it, so each of its runs is a whole run of the text's: a line holding none of the keys
    cannot name an agency, and is not searched."""
    if _AGENCY_KEYS and _AGENCY_KEYS[0][0] is lex:
        return _AGENCY_KEYS[0][1]
    runs = [_WORD_RUN.findall(alias) for alias in lex.agencies]
    keys = None if not all(runs) else frozenset(max(r, key=len) for r in runs)
    _AGENCY_KEYS[:] = [(lex, keys)]
    return keys


def _may_name_agency(text: str, folded: str, lex: Lexicons) -> bool:
    """``lex.find_agency(text, folded)``, after a look for the keys of :func:`_agency_keys` in
    the folded line: gather 1.01 CPU ms/page against 4.43 with the search on every line, first
    50 AEB pages (scratch A/B in one process, best of 15; the ``evidence`` row of ``python -m
    benchmarks.stages --decoder fitted``, here and at d2846ef); 3% of the lines hold a key.
    The line as written (``text``) is read only where an acronym's key is found: "Mac App
    Store" holds the key of "APP" but does not write it so."""
    keys = _agency_keys(lex)
    if keys is not None and keys.isdisjoint(_WORD_RUN.findall(folded)):
        return False
    return lex.find_agency(text, folded) is not None


def comments_as_walked(comments: list[bool], verdicts: list[Verdict], rules: list[str]) -> list[bool]:
    """The comments section as the context pass walked it: from its header to where it ends.

    :func:`boilerstrip.context.in_comments` runs from a comments header to the next section's
    header; the context pass also ends the section where two headlines in a row begin a list
    of other stories (a poll, then teasers), and labels what follows as teasers.  A line after
    that end is not in the comments until another comments header opens them again.

    >>> from boilerstrip.rules import Verdict
    >>> v = [Verdict(None, "", "short")] * 4
    >>> comments_as_walked([True] * 4, v, ["cue:comment-header", "section:comments",
    ...                                     "section:teaser-headline", "section:page-furniture"])
    [True, True, False, False]
    """
    out: list[bool] = []
    ended = False
    for flag, v, rule in zip(comments, verdicts, rules):
        if not flag or v.opens == "comments":
            ended = False
        if flag and rule in TEASER_RULES:
            ended = True
        out.append(flag and not ended)
    return out


def gather(
    feats: list[Features], verdicts: list[Verdict], d: Decided, lex: Lexicons | None = None
) -> list[list[str]]:
    """The evidence of every line of a page, in line order.

    Each line's list starts with its context-free verdict, then the context pass's rule and
    label (``passes:…``), then the measurements, its zone and what its neighbours were told.
    With the lexicons, a line of at most :data:`AGENCY_SCAN_CHARS` that names a news agency
    (the lexicons' ``agencies``, in any script) carries ``names:agency``: credits, datelines and
    photo credits name agencies, article prose rarely does.

    The compiled core (:mod:`boilerstrip.native`) makes the names where it runs; this module's
    code (:func:`_names`) is the reference, and runs otherwise.
    """
    n = len(feats)
    visible = [i for i, v in enumerate(verdicts) if v.shape != "invisible"]
    # A page repeats a few hundred names over all its lines: one string each keeps it small.
    intern = sys.intern
    zones = [intern(z) for z in _zones(n, visible, d)]
    comments = comments_as_walked(in_comments(feats, verdicts), verdicts, d.rules)
    said = [intern(f"passes:{lab.value}") if lab is not None else "passes:none" for lab in d.labels]
    body = [s == "passes:body" for s in said]
    share = article_share(feats, visible, zones)
    compiled = compiled_core()
    done = None
    if compiled is not None:
        # the `evidence` row 11.78 -> 3.82 ms/page (3.05x), `python -m benchmarks.cores
        # --alternations 4` (fitted decoder, first 50 AEB pages); the same lists on every dev
        # page (tests/test_native_corpus.py, both decoders)
        done = _evidencer(compiled, lex).gather(feats, verdicts, d.rules, said, zones, comments, body, share)
    if done is None:
        done = _names(feats, verdicts, d, lex, visible, said, zones, comments, body, share)
    return done[0]


def _names(
    feats: list[Features],
    verdicts: list[Verdict],
    d: Decided,
    lex: Lexicons | None,
    visible: list[int],
    said: list[str],
    zones: list[str],
    comments: list[bool],
    body: list[bool],
    share: str,
) -> tuple[list[list[str]], list[int]]:
    """:func:`gather`'s names of every line, and each line's count of timed lines around it
    (:func:`_clock_neighbours`): the reference of the compiled pass."""
    n = len(feats)
    intern = sys.intern
    cohesive = cohesion(feats, body)
    with_share = {s: intern(f"{s}&{share}") for s in set(said)}  # one page, one share
    out: list[list[str]] = []
    for i in range(n):
        f, v = feats[i], verdicts[i]
        ev = own(f, v)
        ev.append(PRIOR)
        if d.rules[i] and d.rules[i] != v.rule:
            ev.insert(1, d.rules[i])
        ev.append(said[i])
        ev.append(share)
        ev.append(with_share[said[i]])
        ev.append(zones[i])
        ev.append(f"{said[i]}&{zones[i].split(':')[1]}")
        ev.append(f"{said[i]}&shape:{v.shape}")
        if comments[i]:
            ev.append("in-comments")
        ev.append(cohesive[i])
        if cohesive[i] != "cohesion:none":
            ev.append(f"{cohesive[i]}&{said[i]}")
        ev.append(f"pos:{POSITION_PARTS * i // n}")
        if lex is not None and f.chars <= AGENCY_SCAN_CHARS and _may_name_agency(f.text, f.folded, lex):
            ev.append("names:agency")
        out.append([intern(x) for x in ev])
    # Neighbours among the visible lines: what the passes said of them, and their shapes.
    for k, i in enumerate(visible):
        ev = out[i]
        for off, name in NEIGHBOURS:
            j = k + off
            if 0 <= j < len(visible):
                o = visible[j]
                ev.append(intern(f"{name}:{said[o]}"))
                if abs(off) == 1:
                    ev.append(intern(f"{name}:shape:{verdicts[o].shape}"))
                    if cohesive[o] != "cohesion:none":
                        ev.append(intern(f"{name}:{cohesive[o]}"))
                    if verdicts[o].rule.startswith("cue:"):
                        ev.append(intern(f"{name}:{verdicts[o].rule}"))
            else:
                ev.append(intern(f"{name}:page-edge"))
    clocks = _clock_neighbours(out)
    if lex is not None:
        for i, f in enumerate(feats):
            if f.chars <= CREDIT_SCAN_CHARS and not comments[i] and clocks[i] < CREDIT_MAX_CLOCKS:
                out[i].extend(_CREDIT[s] for s in credit_signs(f.text, lex))
    return out, clocks


#: ``(lexicons, evidencer)``: the compiled pass made for the last lexicons (or none).
_EVIDENCER: list[tuple[Lexicons | None, Any]] = []


def _evidencer(compiled: ModuleType, lex: Lexicons | None) -> Any:
    """The compiled pass, made once per lexicons from this module's thresholds and buckets:
    one dict, its keys the fields of ``Settings`` in ``native/src/evidence.rs`` (a key left
    out or a value of another type fails there, when the pass is made)."""
    if _EVIDENCER and _EVIDENCER[0][0] is lex:
        return _EVIDENCER[0][1]
    keys = _agency_keys(lex) if lex is not None else None
    made = compiled.Evidencer(
        {
            "word_buckets": [(b, f"words:{name}") for b, name in WORD_BUCKETS],
            "word_top": f"words:{WORDS_TOP}",
            "char_buckets": [(b, f"chars:{name}") for b, name in CHAR_BUCKETS],
            "char_top": f"chars:{CHARS_TOP}",
            "stop_buckets": [(b, f"stops:{_SHARES[b]}") for b in STOP_BUCKETS],
            "stop_bottom": "stops:0.00+",
            "link_buckets": [(b, f"links:{_SHARES[b]}") for b in LINK_BUCKETS],
            "link_bottom": "links:0.00+",
            "cohesion_buckets": list(zip(COHESION_BUCKETS, COHESION_NAMES)),
            "cohesion_none": "cohesion:none",
            "cohesion_min_words": COHESION_MIN_WORDS,
            "min_word_chars": MIN_WORD_CHARS,
            "position_parts": POSITION_PARTS,
            "neighbours": list(NEIGHBOURS),
            "clock_window": CLOCK_WINDOW,
            "clock_buckets": [(top, f"near:clock:{b}") for top, b in CLOCK_BUCKETS],
            "clock_top": "near:clock:4+",
            "prior": PRIOR,
            "capitals_share": CAPITALS_SHARE,
            "digits_share": DIGITS_SHARE,
            "sign_chars": SIGN_CHARS,
            "sign_head": SIGN_CHARS // 2,  # signs reads t[: SIGN_CHARS // 2] and t[-SIGN_CHARS // 2 :]
            "sign_tail": -(-SIGN_CHARS // 2),
            "separators": SEPARATOR_CHARS,
            "quotes": QUOTES,
            "agency_scan_chars": AGENCY_SCAN_CHARS,
            "agency_keys": None if keys is None else sorted(keys),
            "find_agency": lex.find_agency if lex is not None else None,
            "credit_scan_chars": CREDIT_SCAN_CHARS,
            "credit_max_clocks": CREDIT_MAX_CLOCKS,
            "credit_words": None if lex is None else credit_words(lex),
            "credit_signs": None if lex is None else partial(credit_signs, lex=lex),
        }
    )
    _EVIDENCER[:] = [(lex, made)]
    return made


_CREDIT = {s: f"credit:{s}" for s in ("name", "dated", "role")}


def _clock_neighbours(out: list[list[str]]) -> list[int]:
    """Append to each line's evidence whether the lines just before and after it carry a
    clock time (``prev:sign:clock``, ``prev2:…``, ``next:…``) and how many of the lines within
    :data:`CLOCK_WINDOW` do (``near:clock:…``), in one pass with a running count; return
    those counts.

    >>> ev = [["a"], ["sign:clock"], ["b"], ["sign:clock"]]
    >>> _clock_neighbours(ev)
    [2, 1, 2, 1]
    >>> ev[2]
    ['b', 'prev:sign:clock', 'next:sign:clock', 'near:clock:2-3']
    >>> ev[0]
    ['a', 'next:sign:clock', 'near:clock:2-3']
    """
    n = len(out)
    has = [1 if "sign:clock" in names else 0 for names in out]
    counts = []
    near = sum(has[: CLOCK_WINDOW + 1])  # the window around line 0: lines 0 .. CLOCK_WINDOW
    for i, names in enumerate(out):
        if i:
            if i + CLOCK_WINDOW < n:
                near += has[i + CLOCK_WINDOW]
            if i - CLOCK_WINDOW - 1 >= 0:
                near -= has[i - CLOCK_WINDOW - 1]
        if i > 0 and has[i - 1]:
            names.append("prev:sign:clock")
        if i > 1 and has[i - 2]:
            names.append("prev2:sign:clock")
        if i + 1 < n and has[i + 1]:
            names.append("next:sign:clock")
        others = near - has[i]
        counts.append(others)
        bucket = next((b for top, b in CLOCK_BUCKETS if others <= top), "4+")
        names.append(f"near:clock:{bucket}")
    return counts
