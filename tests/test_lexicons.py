"""The lexicons: same keys in every language, well-formed, and each entry doing its job."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip import Label
from boilerstrip.lexicon import KEY_MODES, META_KEYS, LexiconError, build, load, read_files
from boilerstrip.normalize import fold

FILES = read_files()


def test_at_least_the_required_languages() -> None:
    assert {"ar", "en", "fr", "fa", "ur"} <= {d["code"] for d in FILES.values()}


@pytest.mark.parametrize("name", sorted(FILES))
def test_same_keys_everywhere(name: str) -> None:
    assert set(FILES[name]) == set(KEY_MODES) | set(META_KEYS)


@pytest.mark.parametrize("name", sorted(FILES))
def test_entries_are_non_empty_strings(name: str) -> None:
    data = FILES[name]
    for key, mode in KEY_MODES.items():
        if mode == "aliases":
            for canonical, aliases in data[key].items():
                assert canonical.strip() and all(isinstance(a, str) and fold(a) for a in aliases)
        else:
            assert all(isinstance(p, str) and fold(p) for p in data[key]), key


def test_a_file_missing_a_key_is_refused() -> None:
    broken = dict(FILES["en.json"])
    del broken["related_headers"]
    with pytest.raises(LexiconError, match="related_headers"):
        build({"broken.json": broken})


def test_agency_spellings_map_to_one_canonical_name() -> None:
    lex = load()
    for spelling in [
        "AFP",
        "أ ف ب",
        "فرانس برس",
        "وكالة الصحافة الفرنسية",
        "Agence France-Presse",
        "اے ایف پی",
    ]:
        assert lex.agency(spelling) == "AFP", spelling
    assert lex.agency("رويترز") == "Reuters"
    assert lex.agency("أسوشيتد برس") == "AP"
    assert lex.agency("الأناضول") == "Anadolu"
    for spelling, canonical in [
        ("واس", "SPA"),
        ("وام", "WAM"),
        ("قنا", "QNA"),
        ("كونا", "KUNA"),
        ("بترا", "Petra"),
        ("سانا", "SANA"),
        ("أ ش أ", "MENA"),
    ]:
        assert lex.agency(spelling) == canonical


def test_canonical_agency_names_agree_across_files() -> None:
    """An agency has one canonical name: no file spells the same alias to two names."""
    seen: dict[str, str] = {}
    for data in FILES.values():
        for canonical, aliases in data["agencies"].items():
            for alias in [canonical, *aliases]:
                assert seen.setdefault(fold(alias), canonical) == canonical, alias


#: The hand-written passes alone: the whole-line entries are their rules' vocabulary.
RULES = boilerstrip.Config(decoder="rules")


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("related_headers", Label.RELATED_LINK),
        ("comment_headers", Label.POLL_COMMENT),
        ("navigation_headers", Label.NAVIGATION),
        ("menu_entries", Label.NAVIGATION),
    ],
)
def test_every_header_entry_labels_a_line_of_its_own(key: str, label: Label) -> None:
    """Each whole-line entry, alone on a line after an article, gets its label from the
    hand-written passes (the share the fitted decoder gives so is pinned in test_fitted.py)."""
    prose = (
        "The committee met on Monday to review the proposal, and its members agreed that the plan "
        "should go ahead after a short public consultation."
    )
    wrong = []
    for name, data in FILES.items():
        for phrase in data[key]:
            page = boilerstrip.strip(f"{prose}\n{prose}\n{phrase}", config=RULES)
            if page.lines[-1].label is not label:
                wrong.append((name, phrase, page.lines[-1].label.value, page.lines[-1].rule))
    assert wrong == []
