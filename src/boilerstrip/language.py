"""Pick a page's stopword list from jusText's 100 stoplists.

jusText tells prose from boilerplate by the share of stopwords in a
paragraph; it needs the page's language.  Rather than a language model,
boilerstrip asks jusText's own stoplists: the list that covers the most
tokens of the page wins.  Lexicon files name their stoplist, so a page whose
language has a lexicon reports that lexicon's code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from .normalize import fold

#: Tokens sampled from a page to choose its stoplist.
SAMPLE_TOKENS = 3000


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[int, ...]], tuple[str, ...], tuple[frozenset[str], ...]]:
    """word -> indices of the stoplists that hold it; stoplist names; stoplists."""
    from justext.utils import get_stoplist, get_stoplists

    names = tuple(sorted(get_stoplists()))
    lists = tuple(frozenset(fold(w) for w in get_stoplist(n)) for n in names)
    index: dict[str, list[int]] = {}
    for i, words in enumerate(lists):
        for w in words:
            index.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in index.items()}, names, lists


def stoplists() -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """jusText's stoplists, folded, and their names, in the order :func:`choose_stoplist` breaks
    ties by (the compiled measurement pass chooses with the same lists)."""
    _, names, lists = _index()
    return names, lists


def choose_stoplist(tokens: Iterable[str]) -> tuple[str | None, frozenset[str]]:
    """The jusText stoplist (name, folded words) covering most of ``tokens``.

    Only the first ``SAMPLE_TOKENS`` tokens vote.  They are counted first, so
    a stopword that occurs a hundred times costs one look-up.  Returns
    ``(None, frozenset())`` when no token is a stopword anywhere.

    >>> choose_stoplist("the cat sat on the mat and it was happy".split())[0]
    'English'
    """
    index, names, lists = _index()
    votes: dict[int, int] = {}
    for tok, n in Counter(islice(tokens, SAMPLE_TOKENS)).items():
        for i in index.get(tok, ()):
            votes[i] = votes.get(i, 0) + n
    if not votes:
        return None, frozenset()
    best = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return names[best], lists[best]
