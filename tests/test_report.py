"""The HTML page view of a labelled page (``boilerstrip explain FILE --html OUT.html``).

Most tests read the HTML with lxml; one opens it in headless Chromium and
checks what a person would actually see: the legend, one visible row per
labelled line, right-to-left lines laid out right to left, one colour per
label, and the legend's switches hiding a label's lines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import lxml.html
import pytest

import boilerstrip
from boilerstrip.model import Label, Line, Page, Source
from boilerstrip.report import STYLES, format_tsv, label_counts, render_html

DATA = Path(__file__).parent / "data" / "cli"

#: A page with every label, LTR and RTL lines, markup-like text and an invisible-only line.
SAMPLE = Page(
    lines=[
        Line(1, "Home | World | Business", Label.NAVIGATION, "cue:navigation-line"),
        Line(2, "افتتاح مكتبة عامة جديدة في وسط المدينة", Label.TITLE, "pass:title-above-body"),
        Line(4, "المصدر: وكالة الأنباء التجريبية", Label.ATTRIBUTION, "cue:byline"),
        Line(
            5,
            "(CNN) -- افتتحت البلدية يوم الأحد مكتبة عامة جديدة في وسط المدينة.",
            Label.BODY,
            "context:prose",
        ),
        Line(6, "The council said the <b>library</b> & café open daily.", Label.BODY, "context:prose"),
        Line(7, "صورة: قاعة المطالعة", Label.CAPTION, "cue:photo-credit"),
        Line(9, "اقرأ أيضاً", Label.RELATED_LINK, "cue:related-header"),
        Line(10, "\ufeff", Label.RELATED_LINK, "context:inherit"),
        Line(12, "التعليقات", Label.POLL_COMMENT, "cue:comments"),
    ],
    title="افتتاح مكتبة عامة جديدة في وسط المدينة",
    sources=[Source("وكالة الأنباء التجريبية", "وكالة الأنباء التجريبية", "agency")],
)
RTL_NUMBERS = {2, 4, 5, 7, 9, 12}


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html.encode("utf-8"))


def test_one_row_per_labelled_line_with_label_rule_and_hover():
    doc = parse(render_html(SAMPLE, name="sample.txt"))
    rows = doc.xpath("//tr[contains(@class, 'line')]")
    assert len(rows) == len(SAMPLE.lines)
    for row, line in zip(rows, SAMPLE.lines, strict=True):
        assert row.get("data-label") == line.label.value
        assert f"lab-{line.label.value}" in row.get("class").split()
        assert line.rule in row.get("title") and row.get("data-rule") == line.rule
        cells = row.xpath("td")
        assert [c.get("class") for c in cells] == ["num", "label", "rule", "text"]
        assert cells[0].text_content() == str(line.number)
        assert cells[2].text_content() == line.rule


def test_legend_lists_all_seven_labels_with_counts():
    doc = parse(render_html(SAMPLE))
    keys = doc.xpath("//ul[@class='legend']//label")
    assert [k.get("data-label") for k in keys] == [label.value for label in STYLES]
    assert len(keys) == 7
    counts = label_counts(SAMPLE)
    for key in keys:
        assert key.xpath("string(.//span[@class='count'])") == str(counts[key.get("data-label")])


def test_text_direction_per_line():
    doc = parse(render_html(SAMPLE))
    for row, line in zip(doc.xpath("//tr[contains(@class, 'line')]"), SAMPLE.lines, strict=True):
        direction = row.xpath("td[@class='text']")[0].get("dir")
        if line.number in RTL_NUMBERS:
            assert direction == "rtl", line.text
        elif line.text.strip("\ufeff"):
            assert direction == "ltr", line.text
        else:
            assert direction == "auto"


def test_text_is_escaped_and_invisible_lines_are_shown():
    html = render_html(SAMPLE)
    assert "&lt;b&gt;library&lt;/b&gt; &amp; café" in html
    assert "<b>library</b>" not in html
    assert "[U+FEFF]" in html


def test_page_is_self_contained():
    html = render_html(SAMPLE)
    assert "<script" not in html.lower()
    assert not re.search(r"\b(?:src|href)\s*=", html, re.I)
    assert "@import" not in html and "url(" not in html
    assert '<meta charset="utf-8">' in html


def test_a_real_page_renders():
    page = boilerstrip.strip((DATA / "article_ar.txt").read_text(encoding="utf-8"))
    doc = parse(render_html(page, name="article_ar.txt"))
    assert len(doc.xpath("//tr[contains(@class, 'line')]")) == len(page.lines)


def test_tsv_ends_at_the_last_labelled_line_without_a_line_count():
    assert format_tsv(SAMPLE).count("\n") == 12
    assert format_tsv(Page(lines=[])) == ""


# --------------------------------------------------------------------------- in a real browser

CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
    None,
)

#: Appended to a copy of the report: measures what the browser rendered and writes it into the DOM as JSON.
PROBE = """
<script>
const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
const rows = [...document.querySelectorAll("tr.line")];
const result = {
  legend: [...document.querySelectorAll(".legend label")].filter(visible).map(k => ({
    label: k.dataset.label, text: k.textContent,
    swatch: getComputedStyle(k.querySelector(".swatch")).backgroundColor})),
  rows: rows.filter(visible).map(r => ({
    number: +r.cells[0].textContent, label: r.dataset.label, title: r.title,
    direction: getComputedStyle(r.cells[3]).direction,
    background: getComputedStyle(r.cells[3]).backgroundColor,
    height: r.getBoundingClientRect().height})),
};
document.getElementById("hide-navigation").checked = true;
result.afterHidingNavigation = rows.filter(visible).map(r => r.dataset.label);
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(result);
document.body.appendChild(pre);
</script>
"""


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium, isolated from any profile and from the network."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=90,
            env={**os.environ, "HOME": profile},
        )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_chromium_renders_legend_rows_directions_and_colours(tmp_path):
    html = render_html(SAMPLE, name="sample.txt")
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = chromium("--dump-dom", probed.as_uri())
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert match, f"no probe output; chromium said: {result.stderr[-2000:]}"
    seen = json.loads(lxml.html.fromstring(match.group(0)).text_content())

    assert [k["label"] for k in seen["legend"]] == [label.value for label in STYLES]
    assert len({k["swatch"] for k in seen["legend"]}) == 7, "each label has its own colour"

    rows = seen["rows"]
    assert [r["number"] for r in rows] == [ln.number for ln in SAMPLE.lines]
    assert all(r["height"] > 0 for r in rows)
    for row, line in zip(rows, SAMPLE.lines, strict=True):
        assert row["label"] == line.label.value and line.rule in row["title"]
        if line.number in RTL_NUMBERS:
            assert row["direction"] == "rtl", line.text
        elif line.text.strip("\ufeff"):
            assert row["direction"] == "ltr", line.text
    colours = {}
    for row in rows:
        colours.setdefault(row["label"], set()).add(row["background"])
    assert all(len(c) == 1 for c in colours.values()), "one colour per label"
    assert len(set().union(*colours.values())) == len(colours), "labels never share a colour"

    assert seen["afterHidingNavigation"] == [
        ln.label.value for ln in SAMPLE.lines if ln.label != Label.NAVIGATION
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_chromium_screenshot_of_the_view(tmp_path):
    page = tmp_path / "view.html"
    page.write_text(render_html(SAMPLE, name="sample.txt"), encoding="utf-8")
    shot = tmp_path / "view.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1200,700", "--hide-scrollbars", page.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 5000


# --------------------------------------------------------------------------- folds (issue 14, item 11)

#: A page as real ones are: a long menu, the article, a long footer.
MENU_PAGE = Page(
    lines=[Line(i, f"Menu entry {i}", Label.NAVIGATION, "cue:navigation-line") for i in range(1, 41)]
    + [Line(41, "A new library opens downtown", Label.TITLE, "context:headline")]
    + [Line(i, f"The library opened on Sunday, paragraph {i}.", Label.BODY, "r") for i in range(42, 47)]
    + [Line(i, f"Footer link {i}", Label.NAVIGATION, "cue:navigation-line") for i in range(47, 59)]
    + [Line(59, "Read also", Label.RELATED_LINK, "cue:related-header")],
    title="A new library opens downtown",
)


def test_long_navigation_runs_and_the_lines_above_the_title_fold():
    doc = parse(render_html(MENU_PAGE))
    heads = doc.xpath("//tr[contains(@class, 'fold-head')]")
    assert [h.get("data-fold") for h in heads] == ["0", "1"]
    assert "40 lines folded" in heads[0].text_content()
    assert "12 lines folded" in heads[1].text_content()
    rows = doc.xpath("//tr[contains(@class, 'line')]")
    assert len(rows) == len(MENU_PAGE.lines)  # folded rows are still there, hidden
    folded = [int(r.xpath("string(td[1])")) for r in rows if "folded" in r.get("class").split()]
    assert folded == list(range(1, 41)) + list(range(47, 59))
    assert doc.xpath("//tr[@id='title']")[0].xpath("string(td[1])") == "41"


def test_short_runs_do_not_fold():
    assert "fold-head" not in render_html(SAMPLE).split("</style>")[1]


FOLD_PROBE = """
<script>
const visible = el => el.getClientRects().length > 0;
const shown = () => [...document.querySelectorAll("tr.line")].filter(visible)
  .map(r => +r.cells[0].textContent);
const title = document.getElementById("title");
const result = {shown: shown(), titleTop: title.getBoundingClientRect().top, viewport: innerHeight,
  heads: [...document.querySelectorAll("tr.fold-head")].filter(visible).map(h => h.textContent)};
document.getElementById("unfold-0").checked = true;
result.afterUnfolding = shown();
document.getElementById("hide-navigation").checked = true;
result.afterHidingNavigation = shown();
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(result);
document.body.appendChild(pre);
</script>
"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_chromium_opens_the_folded_view_at_the_title(tmp_path):
    probed = tmp_path / "folded.html"
    probed.write_text(render_html(MENU_PAGE).replace("</body>", FOLD_PROBE + "</body>"), encoding="utf-8")
    result = chromium("--window-size=1200,700", "--dump-dom", probed.as_uri())
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert match, f"no probe output; chromium said: {result.stderr[-2000:]}"
    seen = json.loads(lxml.html.fromstring(match.group(0)).text_content())
    assert seen["shown"] == [41, 42, 43, 44, 45, 46, 59]
    assert 0 < seen["titleTop"] < seen["viewport"] / 2, "the title is on the first screen"
    assert len(seen["heads"]) == 2 and "40 lines folded" in seen["heads"][0]
    assert seen["afterUnfolding"] == [*range(1, 47), 59]
    assert seen["afterHidingNavigation"] == [41, 42, 43, 44, 45, 46, 59]
