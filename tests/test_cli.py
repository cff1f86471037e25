"""The ``boilerstrip`` command line: one page in, title/body/sources (or JSON, TSV, an explanation) out.

Labels come from a classifier that keeps improving, so these tests check the
command's behaviour and output structure, never the exact label of a line.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import cli
from boilerstrip.readers.sniff import decode_text, sniff
from boilerstrip.report import display_width, explain_table

DATA = Path(__file__).parent / "data" / "cli"
EN = DATA / "article_en.txt"
AR = DATA / "article_ar.txt"
HTML = DATA / "article.html"
LABELS = {label.value for label in boilerstrip.Label}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command as a user runs it, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "boilerstrip.cli", *args], input=stdin, capture_output=True, timeout=120
    )


# --------------------------------------------------------------------------- end to end


def test_file_prints_title_body_and_sources():
    result = run_cli(str(EN))
    assert result.returncode == 0, result.stderr
    page = boilerstrip.strip(EN.read_text(encoding="utf-8"))
    out = result.stdout.decode("utf-8")
    assert page.body and page.body in out
    if page.title:
        assert out.startswith(page.title)
    for source in page.sources:
        assert source.name in out
    assert result.stderr == b""


def test_stdin_dash_reads_the_page():
    result = run_cli("-", "--format", "json", stdin=AR.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == boilerstrip.strip(AR.read_text(encoding="utf-8")).to_dict()


def test_missing_file_is_exit_2_with_one_line_and_no_traceback(tmp_path):
    result = run_cli(str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "nope.txt" in err
    assert "Traceback" not in err
    assert result.stdout == b""


# --------------------------------------------------------------------------- formats


def test_json_is_the_whole_page(capsys):
    assert cli.main([str(EN), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == boilerstrip.strip(EN.read_text(encoding="utf-8")).to_dict()
    assert {line["label"] for line in data["lines"]} <= LABELS


@pytest.mark.parametrize("path", [EN, AR])
def test_tsv_has_one_row_per_input_line_like_the_gold_files(capsys, path):
    text = path.read_text(encoding="utf-8")
    assert cli.main([str(path), "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.split("\n")
    assert rows.pop() == ""  # every row ends with a newline
    lines = text.split("\n")
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        label, _, cell = row.partition("\t")
        assert cell == line
        assert (label == "blank") == (not line.strip())
        assert label in LABELS | {"blank"}
    # the labels are the library's, by line number
    page = boilerstrip.strip(text)
    assert [rows[ln.number - 1].split("\t")[0] for ln in page.lines] == [ln.label.value for ln in page.lines]


def test_gzip_file_is_read_transparently(tmp_path, capsys):
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(EN.read_bytes()))
    assert cli.main([str(packed), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["body"] == boilerstrip.strip(EN.read_text("utf-8")).body


def test_explain_is_plain_when_not_a_terminal(capsys):
    assert cli.main(["explain", str(EN)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert out == explain_table(boilerstrip.strip(EN.read_text(encoding="utf-8"))) + "\n"


def test_explain_has_a_header_row_and_ends_with_title_sources_and_counts(capsys):
    """Item 11: the table says what its columns are and closes with what the page came to."""
    assert cli.main(["explain", str(EN)]) == 0
    rows = capsys.readouterr().out.rstrip("\n").split("\n")
    page = boilerstrip.strip(EN.read_text(encoding="utf-8"))
    assert rows[0].split() == ["line", "label", "rule", "text"]
    end = rows.index("")
    # a row a line, as Page.explain gives them, each followed by its evidence (fitted decoder)
    assert [r for r in rows[1:end] if r.split()[0].isdigit()] == page.explain().split("\n")
    assert all(r.startswith("      ") for r in rows[1:end] if not r.split()[0].isdigit())
    tail = rows[end:]
    assert tail[0] == "" and tail[1] == f"Title:   {page.title}"
    assert tail[2].startswith("Sources: ") and all(s.name in tail[2] for s in page.sources)
    counts = dict(item.rsplit(" ", 1) for item in tail[3].removeprefix("Labels:  ").split(", "))
    assert sum(map(int, counts.values())) == len(page.lines) and set(counts) <= LABELS


def test_strip_output_ends_with_label_counts(capsys):
    assert cli.main([str(AR)]) == 0
    last = capsys.readouterr().out.rstrip("\n").split("\n")[-1]
    page = boilerstrip.strip(AR.read_text(encoding="utf-8"))
    assert last.startswith("Labels: ") and f"body {len(page.lines_with(boilerstrip.Label.BODY))}" in last


def test_terminal_table_cuts_text_by_display_columns(tmp_path, capsys):
    """Item 11: a CJK line is cut at the same width in columns as a Latin one (a CJK character is two)."""
    page = tmp_path / "zh.txt"
    page.write_text("新闻" * 100 + "\n" + "news" * 100 + "\n", encoding="utf-8")
    assert cli.main(["explain", str(page)]) == 0
    out = capsys.readouterr().out.split("\n")[1:]
    rows = [r for r in out if r.split()[:1] and r.split()[0].isdigit()][:2]  # lines, not their evidence
    texts = [row.split(None, 3)[3] for row in rows]
    assert all(text.endswith("…") for text in texts)
    assert [89 <= display_width(text) <= 90 for text in texts] == [True, True]
    assert len(texts[0]) < 50 < len(texts[1])  # half as many CJK characters as Latin letters


def test_explain_colours_rows_by_label_on_request(capsys):
    assert cli.main(["explain", str(EN), "--color"]) == 0
    out = capsys.readouterr().out
    page = boilerstrip.strip(EN.read_text(encoding="utf-8"))
    assert ANSI.sub("", out) == explain_table(page) + "\n"
    assert out.count("\x1b[0m") >= len(page.lines)
    assert cli.main(["explain", str(EN), "--no-color"]) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_explain_with_the_fitted_decoder_shows_the_evidence_under_each_line(tmp_path, capsys):
    """Issue 11: ``explain --decoder fitted`` prints, under every line, the evidence weighed for
    its label, the context-free verdict first; the HTML view carries the same."""
    assert cli.main(["explain", str(EN), "--decoder", "fitted"]) == 0
    rows = capsys.readouterr().out.rstrip("\n").split("\n")
    page = boilerstrip.strip(EN.read_text(encoding="utf-8"), config=boilerstrip.Config(decoder="fitted"))
    assert rows[1 : 1 + 2 * len(page.lines)] == explain_table(page).split("\n")[1 : 1 + 2 * len(page.lines)]
    for k, line in enumerate(page.lines):
        row, under = rows[1 + 2 * k], rows[2 + 2 * k]
        assert row.split()[:3] == [str(line.number), line.label.value, line.rule]
        first, weight = line.evidence[0]
        assert under.strip().startswith(f"{first} {weight:+.2f}"), (row, under)
    out = tmp_path / "view.html"
    assert cli.main(["explain", str(EN), "--decoder", "fitted", "--html", str(out)]) == 0
    view = out.read_text(encoding="utf-8")
    assert view.count('<div class="evidence">') == len(page.lines)
    assert f"evidence: {page.lines[0].evidence[0][0]} " in view
    # the hand passes decide alone by default: no evidence to show
    assert cli.main(["explain", str(EN), "--decoder", "rules"]) == 0
    assert len(capsys.readouterr().out.rstrip("\n").split("\n")) == 1 + len(page.lines) + 4


def test_explain_html_writes_a_page(tmp_path, capsys):
    out = tmp_path / "view.html"
    assert cli.main(["explain", str(AR), "--html", str(out)]) == 0
    assert "view.html" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count('<tr class="line') == len(boilerstrip.strip(AR.read_text(encoding="utf-8")).lines)


def test_explain_html_never_overwrites_the_input_nor_silently_a_file(tmp_path, capsys):
    """Item 3: --html onto the page itself is refused; onto an existing file only with --overwrite."""
    page = tmp_path / "page.html"
    page.write_bytes(HTML.read_bytes())
    assert cli.main(["explain", str(page), "--html", str(page)]) == 2
    err = capsys.readouterr().err
    assert "is the input page" in err and err.count("\n") == 1
    assert cli.main(["explain", str(page), "--html", str(page), "--overwrite"]) == 2
    assert page.read_bytes() == HTML.read_bytes()

    view = tmp_path / "view.html"
    view.write_text("earlier work", encoding="utf-8")
    assert cli.main(["explain", str(page), "--html", str(view)]) == 2
    assert "--overwrite" in capsys.readouterr().err and view.read_text(encoding="utf-8") == "earlier work"
    assert cli.main(["explain", str(page), "--html", str(view), "--overwrite"]) == 0
    assert view.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------- bad input


def test_bad_arguments_are_exit_2_with_one_line(capsys):
    assert cli.main([str(EN), "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--format" in err
    assert cli.main(["batch"]) == 2  # INPUT and -o missing
    assert capsys.readouterr().err.count("\n") == 1


def test_help_and_version_exit_0(capsys):
    assert cli.main(["--help"]) == 0
    assert "explain" in capsys.readouterr().out
    assert cli.main(["--version"]) == 0
    assert boilerstrip.__version__ in capsys.readouterr().out


def test_undecodable_text_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    assert cli.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and "--encoding" in err and err.count("\n") == 1


def test_legacy_encoded_text_is_detected_as_html_is(tmp_path, capsys):
    """Item 7: windows-1256 plain text decodes as the same bytes in HTML do; --encoding forces one."""
    arabic = AR.read_text(encoding="utf-8")
    legacy = tmp_path / "cp1256.txt"
    legacy.write_bytes(arabic.encode("cp1256", errors="ignore"))
    assert cli.main([str(legacy), "--format", "json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page == boilerstrip.strip(arabic.encode("cp1256", errors="ignore").decode("cp1256")).to_dict()
    assert cli.main([str(legacy), "--encoding", "utf-8"]) == 2
    assert "--encoding" in capsys.readouterr().err
    assert cli.main([str(legacy), "--encoding", "no-such-codec"]) == 2
    assert "unknown encoding" in capsys.readouterr().err
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e\n".encode("latin-1"))
    assert cli.main([str(latin), "--encoding", "latin-1", "--format", "json"]) == 0
    assert "crème brûlée" in json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)


def test_folder_as_file_is_exit_2(tmp_path, capsys):
    assert cli.main([str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_html_file_goes_to_html_mode(capsys):
    assert cli.main([str(HTML), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lines"] and {line["label"] for line in data["lines"]} <= LABELS
    assert "freight yard" in data["body"] or data["body"] == ""


def test_type_text_overrides_sniffing(capsys):
    assert cli.main([str(HTML), "--type", "text", "--format", "json"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    assert any("<nav>" in line["text"] for line in lines)


# --------------------------------------------------------------------------- input detection


@pytest.mark.parametrize(
    "data",
    [
        HTML.read_bytes(),
        b"\xef\xbb\xbf<!doctype html><p>x",
        "<!DOCTYPE html>".encode("utf-16"),
        b"<!-- saved --><div><p>One</p><p>Two</p></div>",
        "  <html><body>مرحبا</body></html>",
        "<!-- " + "licence text " * 1000 + "-->\n<!DOCTYPE html><html>",
    ],
)
def test_sniff_finds_html(data):
    assert sniff(data) == "html"


@pytest.mark.parametrize(
    "data",
    [
        EN.read_bytes(),
        AR.read_bytes(),
        b"",
        "Use the <p> element for paragraphs, and <br> for breaks.",
        b"if a < b and c > d: print('<b>')",
        "<!-- a -->" * 3000 + "an unclosed <!-- comment",  # many comments: must not backtrack
    ],
)
def test_sniff_finds_text(data):
    assert sniff(data) == "text"


def test_decode_text_drops_a_bom_and_is_strict_with_a_named_encoding():
    assert decode_text("\ufeffسلام\n".encode()) == "سلام\n"
    assert decode_text("hi".encode("utf-16")) == "hi"
    with pytest.raises(boilerstrip.InputError, match="offset 1"):
        decode_text(b"a\xffb", encoding="utf-8")


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["batch", "--help"], ["explain"], ["batch", "in.jsonl"]]
)
def test_answers_that_need_no_page_load_no_classifier(args):
    """Item 13: help, version and argument errors import neither the classifier nor trafilatura."""
    probe = (
        "import sys\nfrom boilerstrip import cli\ncode = cli.main(sys.argv[1:])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'lxml', 'justext')"
        " or m in ('boilerstrip.engine', 'boilerstrip.config'))\nprint(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, timeout=120, text=True)
    assert result.stdout.strip().split("\n")[-1] == "[]", result.stderr
