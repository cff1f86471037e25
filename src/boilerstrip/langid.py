"""The page's language as an ISO 639-1 code, from py3langid (trafilatura's choice).

The body is what is identified (the article's language, not the menus'); a
page whose body is too short to tell is identified on all its lines.  The
answer is ``None`` when py3langid's normalised probability is below
:data:`MIN_PROBABILITY` or its best guess has no two-letter code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Below this normalised probability the identifier is unsure and no language is returned.
MIN_PROBABILITY = 0.5
#: Characters of text identified (the first ones: the identifier's cost grows with the text).
#: A paragraph or two tells the language: the metadata suite's language figure (``python -m
#: benchmarks --suite metadata``) is the same with 1,000 as with 3,000, which cost 1.3 ms more
#: a page (``python -m benchmarks.stages``, the ``language`` row).
MAX_CHARS = 1000
#: A body shorter than this is identified together with the rest of the page.
MIN_BODY_CHARS = 200


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def identify(text: str) -> tuple[str | None, float]:
    """``(code, probability)`` for ``text``; ``code`` is ``None`` when unsure.

    >>> identify("The minister said on Wednesday that the talks would resume next week.")[0]
    'en'
    >>> identify("")
    (None, 0.0)
    """
    text = text[:MAX_CHARS]
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    code, prob = _identifier().classify(text)
    prob = float(prob)
    if prob < MIN_PROBABILITY or len(code) != 2:
        return None, prob
    return str(code), prob


def page_language(body: str, everything: str) -> str | None:
    """The language of a page: of its body, or of all its text when the body is short."""
    text = body if len(body) >= MIN_BODY_CHARS else f"{body}\n{everything}"
    return identify(text)[0]
