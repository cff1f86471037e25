"""The garbage collector is paused for a page and left as the caller had it (engine.collector_paused)."""

from __future__ import annotations

import gc

import pytest

import boilerstrip
import boilerstrip.engine as engine


def test_paused_inside_restored_after() -> None:
    assert gc.isenabled()
    with engine.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with engine.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_restored_when_the_page_raises() -> None:
    with pytest.raises(RuntimeError), engine.collector_paused():
        raise RuntimeError("a page that fails")
    assert gc.isenabled()


@pytest.mark.parametrize("call", [boilerstrip.strip, boilerstrip.strip_html])
def test_strip_labels_with_the_collector_paused(call, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    classify = engine.classify

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return classify(*args, **kwargs)

    monkeypatch.setattr(engine, "classify", spy)
    page = call("<p>Headline</p><p>" + "A sentence of the article. " * 20 + "</p>")
    assert seen == [False]
    assert gc.isenabled()
    assert page.lines
