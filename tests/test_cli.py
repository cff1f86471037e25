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
from boilerstrip.sniff import decode_text, sniff

DATA = Path(__file__).parent / "data" / "cli"
EN = DATA / "article_en.txt"
AR = DATA / "article_ar.txt"
HTML = DATA / "article.html"
LABELS = {label.value for label in boilerstrip.Label}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HAS_HTML = getattr(boilerstrip, "strip_html", None) is not None
needs_html = pytest.mark.skipif(
    not HAS_HTML, reason="HTML mode not available (boilerstrip.strip_html missing)"
)


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
    assert out == boilerstrip.strip(EN.read_text(encoding="utf-8")).explain() + "\n"


def test_explain_colours_rows_by_label_on_request(capsys):
    assert cli.main(["explain", str(EN), "--color"]) == 0
    out = capsys.readouterr().out
    page = boilerstrip.strip(EN.read_text(encoding="utf-8"))
    assert ANSI.sub("", out) == page.explain() + "\n"
    assert out.count("\x1b[0m") >= len(page.lines)
    assert cli.main(["explain", str(EN), "--no-color"]) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_explain_html_writes_a_page(tmp_path, capsys):
    out = tmp_path / "view.html"
    assert cli.main(["explain", str(AR), "--html", str(out)]) == 0
    assert "view.html" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count('<tr class="line') == len(boilerstrip.strip(AR.read_text(encoding="utf-8")).lines)


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
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 au lait\n".encode("latin-1"))
    assert cli.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and err.count("\n") == 1


def test_folder_as_file_is_exit_2(tmp_path, capsys):
    assert cli.main([str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_html_without_html_mode_says_so(monkeypatch, capsys):
    monkeypatch.delattr(boilerstrip, "strip_html", raising=False)
    assert cli.main([str(HTML)]) == 2
    assert "HTML mode not available" in capsys.readouterr().err


@needs_html
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


def test_decode_text_is_strict_and_drops_a_bom():
    assert decode_text("\ufeffسلام\n".encode()) == "سلام\n"
    assert decode_text("hi".encode("utf-16")) == "hi"
    with pytest.raises(boilerstrip.InputError, match="offset 1"):
        decode_text(b"a\xffb")
