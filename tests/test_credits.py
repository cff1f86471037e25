"""Author credits read from markup, with their kind (issue 12), on made-up pages."""

from __future__ import annotations

from lxml import html as lxml_html

from boilerstrip.bylines import Candidate, kept
from boilerstrip.lexicon import load
from boilerstrip.model import Label, Line, Source
from boilerstrip.readers import PageMeta
from boilerstrip.readers.html import read_html
from boilerstrip.readers.html.credits import markup_credits
from boilerstrip.sources import article_sources, author_candidates

LEX = load()
PROSE = (
    "The city council approved a new budget on Monday that doubles spending on parks for five years, "
    "officials said after a long public session in the old town hall."
)


def _credits(head: str, body: str = "") -> list[tuple[str, str, str | None]]:
    return markup_credits(lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>"))


def _lines(*rows: tuple[str, str, str]) -> list[Line]:
    return [Line(k, text, Label(label), rule) for k, (label, text, rule) in enumerate(rows, 1)]


def _ld(value: str) -> str:
    return f'<script type="application/ld+json">{value}</script>'


def test_json_ld_authors_keep_their_type_in_lists_graphs_and_references() -> None:
    graph = _ld(
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "author": [{"@id": "#p1"},'
        ' {"@type": "Organization", "name": "Example Wire"}]},'
        '{"@type": "Person", "@id": "#p1", "name": "Maria Example"}]}'
    )
    assert _credits(graph) == [
        ("Maria Example", "json-ld", "person"),
        ("Example Wire", "json-ld", "organization"),
    ]
    assert _credits(_ld('{"@type": "Article", "author": "Ann Roe"}')) == [("Ann Roe", "json-ld", None)]
    typed = _ld('{"@type": "Article", "author": {"@type": ["Person"], "name": ["Ann Roe"]}}')
    assert _credits(typed) == [("Ann Roe", "json-ld", "person")]


def test_comment_and_review_authors_are_not_the_articles() -> None:
    page = _ld(
        '{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Maria Example"},'
        ' "comment": [{"@type": "Comment", "author": {"@type": "Person", "name": "Some Reader"}}]}'
    )
    assert _credits(page) == [("Maria Example", "json-ld", "person")]
    body = '<div class="comments"><a rel="author" href="/u/1">Some Reader</a></div>'
    assert _credits("", body) == []


def test_meta_tags_links_and_microdata_are_read_and_builders_are_not() -> None:
    head = (
        '<meta name="author" content="Jane Doe"><meta property="article:author" content="https://x.test/jd">'
        '<meta name="generator" content="Site Builder 5"><meta name="designer" content="Pixel Studio">'
        '<meta name="DC.creator" content="Developed By Web Maker">'
    )
    body = (
        '<a rel="author" href="/ann">Ann Roe</a>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Ben Poe</span></span>'
    )
    assert _credits(head, body) == [
        ("Jane Doe", "meta-tag", None),
        ("Ann Roe", "rel-author", None),
        ("Ben Poe", "microdata", "person"),
    ]


def test_a_developed_by_creator_is_no_author_in_html_mode() -> None:
    page = (
        '<html><head><meta name="DC.Creator" content="Developed By Web Maker"><title>Parks</title></head>'
        f"<body><article><h1>Council doubles park spending</h1><p>{PROSE}</p></article></body></html>"
    )
    _, meta = read_html(page)
    assert "Web Maker" not in meta.authors
    assert all(name != "Web Maker" for name, _, _ in meta.credits)


def test_an_organisation_the_markup_types_so_is_an_outlet_not_an_author() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    meta = PageMeta(credits=[("Example Wire", "json-ld", "organization")])
    credits, cands = author_candidates(lines, meta, LEX, "en")
    assert cands == []
    assert all(s.kind != "author" for s, _ in credits)


def test_a_person_typed_credit_carries_the_person_feature_and_spellings_merge() -> None:
    lines = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("attribution", "By Maria Example", "cue:byline"),
        ("body", PROSE, "context:article-prose"),
    )
    meta = PageMeta(
        credits=[("Maria Example", "json-ld", "person"), ("Maria Example", "rel-author", None)],
    )
    _, cands = author_candidates(lines, meta, LEX, "en")
    assert [(c.source.canonical, sorted(c.evidence)) for c in cands] == [
        ("Maria Example", ["cue", "json-ld", "labelled", "passes", "rel-author"])
    ]
    assert cands[0].features["person"] == 1.0
    assert _authors(article_sources(lines, meta, LEX, "en")) == ["Maria Example"]


def _authors(sources: list[Source]) -> list[str]:
    return [s.canonical for s in sources if s.kind == "author"]


def test_the_sites_own_name_is_no_author_and_an_outlet_only_where_the_page_credits_it() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    meta = PageMeta(
        authors=["Example Daily"],
        sitename="Example Daily",
        publisher="Example Media Group",
        authors_source="meta",
    )
    got = article_sources(lines, meta, LEX, "en")
    assert got == []  # not an author; not an outlet either, as no line credits it
    credited = _lines(
        ("title", "Council doubles park spending", "context:headline"),
        ("body", f"Example Daily reported first. {PROSE}", "x"),
    )
    assert [(s.canonical, s.kind) for s in article_sources(credited, meta, LEX, "en")] == [
        ("Example Daily", "outlet")
    ]


def test_a_name_that_is_the_sites_host_is_not_kept() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    meta = PageMeta(credits=[("El Ejemplo", "json-ld", "person")], host="elejemplo")
    _, cands = author_candidates(lines, meta, LEX, "es")
    assert [c.own_site for c in cands] == [True]
    assert kept(cands, {"bias": 10.0}) == []
    person = Candidate(Source("Ana Ruiz", "Ana Ruiz", "author"), {"json-ld"}, {"bias": 1.0})
    assert kept([person], {"bias": 10.0}) == [person]


def test_the_sites_host_with_its_top_level_domain_is_not_kept() -> None:
    lines = _lines(("title", "Council doubles park spending", "context:headline"), ("body", PROSE, "x"))
    for credit in ("Ejemplonet.org", "Ejemplonet Org"):
        meta = PageMeta(credits=[(credit, "json-ld", None)], host="ejemplonet")
        _, cands = author_candidates(lines, meta, LEX, "es")
        assert [c.own_site for c in cands] == [True]
    # A person's short surname is no top-level domain: "Ana Li" on ana.example is kept apart.
    meta = PageMeta(credits=[("Ana Li", "json-ld", "person")], host="example")
    assert [c.own_site for c in author_candidates(lines, meta, LEX, "es")[1]] == [False]
