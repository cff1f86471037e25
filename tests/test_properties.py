"""Properties of ``strip`` that hold for every input (issues #2 and #6).

Each test names the promise it guards.  Examples are drawn with a fixed seed
and a bounded budget (``strategies.property_settings``); set
``BOILERSTRIP_HYPOTHESIS_EXAMPLES`` to run more.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from strategies import article_with_boilerplate, check_page, hostile_text, pages, property_settings

import boilerstrip
from boilerstrip import Label


@property_settings()
@given(hostile_text())
@example("")
@example("\ud800")
@example("\x00\n\x01\x02\x03\n\x1b[31m red \x1b[0m")
@example("\ufeff")
@example("\ufeffHome\r\nRead also\r\n")
@example("\u202e\u200f\u200b\u2066مرحبا\u2069 hello Привет 你好\u200d")
@example("a\rb\rc")
@example("\u2028\u2029\x85\x1c\x1d\x1e\x1f")
def test_any_str_returns_a_well_formed_page(text: str) -> None:
    """Promise: any ``str`` returns a page without raising, and the page is well formed."""
    check_page(text, boilerstrip.strip(text))


@property_settings()
@given(pages())
def test_generated_pages_are_well_formed(text: str) -> None:
    """Promise: pages of real boilerplate, prose, markup debris and hostile lines are well formed."""
    check_page(text, boilerstrip.strip(text))


@property_settings()
@given(st.one_of(pages(), hostile_text()))
def test_same_input_same_output_in_process(text: str) -> None:
    """Promise: the same input gives the same page twice in one process (no hidden state)."""
    first, second = boilerstrip.strip(text), boilerstrip.strip(text)
    assert second.to_dict() == first.to_dict()
    assert second.explain() == first.explain()


@property_settings()
@given(article_with_boilerplate())
def test_lexicon_boilerplate_never_lands_in_the_body(case: tuple[str, list[int]]) -> None:
    """Promise: a lexicon boilerplate line (a "read also", comments or menu header, a menu entry,
    a generic credit) standing on its own line is never ``body``, wherever it stands in the article."""
    text, boilerplate = case
    page = boilerstrip.strip(text)
    check_page(text, page)
    labels = {ln.number: ln for ln in page.lines}
    wrong = [labels[n] for n in boilerplate if labels[n].label is Label.BODY]
    assert not wrong, wrong
