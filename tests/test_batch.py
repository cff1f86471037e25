"""``boilerstrip batch``: many inputs, one record per input record, in order, none lost."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
from io import BytesIO
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import batch, cli
from boilerstrip.batch import JsonlFields, Task, run_batch, run_pool

DATA = Path(__file__).parent / "data" / "cli"
EN = (DATA / "article_en.txt").read_text(encoding="utf-8")
AR = (DATA / "article_ar.txt").read_text(encoding="utf-8")
HTML = (DATA / "article.html").read_bytes()
FIELDS = ["id", "url", "title", "body", "sources", "date", "language", "error"]
HAS_HTML = getattr(boilerstrip, "strip_html", None) is not None


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check_record(record: dict) -> None:
    """Every record has the same fields; a good one has a body and sources, a failed one an error."""
    assert list(record) == FIELDS
    if record["error"] is None:
        assert isinstance(record["body"], str) and isinstance(record["sources"], list)
        assert all(set(s) == {"name", "canonical", "kind", "role"} for s in record["sources"])
    else:
        assert isinstance(record["error"], str) and record["error"]
        assert record["body"] is None and record["sources"] == []


def expected_text_record(text: str) -> dict:
    page = boilerstrip.strip(text)
    return {"title": page.title, "body": page.body}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder of page files: text, gzipped text, HTML, nested, plus files batch must ignore."""
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "b.txt.gz").write_bytes(gzip.compress(AR.encode("utf-8")))
    (folder / "c.html").write_bytes(HTML)
    (folder / "sub" / "d.htm").write_text(EN.replace("riverside", "lakeside"), encoding="utf-8")
    (folder / "notes.md").write_text("not a page", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return folder


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    """JSON Lines with good records and every kind of broken one."""
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": "en", "url": "https://example.com/en", "text": EN}),
        json.dumps({"id": "number-text", "text": 42}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "ar", "text": AR}, ensure_ascii=False),
        json.dumps({"id": "no-text", "body": "x"}),
        json.dumps(
            {"text": "A record without an id.\nIts second line is long enough to be a paragraph of text."}
        ),
        json.dumps({"id": "surrogate", "text": "lone \ud800 surrogate line in a page"}),
        json.dumps({"id": "html-rec", "html": HTML.decode("utf-8"), "text": "fallback"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- inputs


def test_jsonl_with_broken_records_gives_one_record_each_in_order(jsonl, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run_batch([jsonl], out)
    records = read_jsonl(out)
    for record in records:
        check_record(record)
    ids = [r["id"] for r in records]
    stem = str(jsonl)
    assert ids == [
        "en", "number-text", f"{stem}:3", f"{stem}:5", "ar", "no-text", f"{stem}:8", "surrogate", "html-rec",
    ]  # fmt: skip
    by_id = {r["id"]: r for r in records}
    assert by_id["en"]["url"] == "https://example.com/en"
    assert by_id["en"] | expected_text_record(EN) == by_id["en"] and by_id["en"]["error"] is None
    assert by_id["ar"]["body"] == boilerstrip.strip(AR).body
    assert "number" in by_id["number-text"]["error"]
    assert "invalid JSON" in by_id[f"{stem}:3"]["error"]
    assert "list" in by_id[f"{stem}:5"]["error"]
    assert "'text'" in by_id["no-text"]["error"]
    assert by_id["surrogate"]["error"] is None  # written, escaped, readable
    assert by_id["html-rec"]["error"] is None  # --text-field only: the html field is not looked at
    assert summary.records_in == summary.written == 9 and summary.complete
    assert summary.failed == sum(r["error"] is not None for r in records) == 4


def test_jsonl_html_field_is_read_as_html(jsonl, tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch([jsonl], out, fields=JsonlFields(html="html"))
    record = {r["id"]: r for r in read_jsonl(out)}["html-rec"]
    if HAS_HTML:
        assert record["error"] is None and isinstance(record["body"], str)
    else:
        assert "HTML mode not available" in record["error"]


def test_jsonl_custom_fields(tmp_path):
    src = tmp_path / "custom.jsonl.gz"
    rows = [{"key": 7, "link": "https://example.com/7", "content": EN}, {"key": None, "content": AR}]
    src.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    out = tmp_path / "out.jsonl"
    run_batch([src], out, fields=JsonlFields(text="content", id="key", url="link"))
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["7", f"{src}:2"]
    assert records[0]["url"] == "https://example.com/7" and records[0]["error"] is None


def test_truncated_gzip_keeps_what_was_read_and_says_so(tmp_path):
    src = tmp_path / "cut.jsonl.gz"
    rows = "".join(json.dumps({"id": str(i), "text": EN}) + "\n" for i in range(20))
    src.write_bytes(gzip.compress(rows.encode())[:-200])
    out = tmp_path / "out.jsonl"
    summary = run_batch([src], out)
    records = read_jsonl(out)
    assert records[-1]["error"] and "cannot read the rest" in records[-1]["error"]
    assert all(r["error"] is None for r in records[:-1])
    assert summary.complete


def test_folder_of_pages(pages, tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch([pages], out)
    records = read_jsonl(out)
    assert [Path(r["id"]).relative_to(pages).as_posix() for r in records] == [
        "a.txt", "b.txt.gz", "c.html", "sub/d.htm",
    ]  # fmt: skip
    for record in records:
        check_record(record)
    assert records[0] | expected_text_record(EN) == records[0]
    assert records[1] | expected_text_record(AR) == records[1]
    assert records[3]["error"] is None  # a .htm holding plain text is read as text
    if HAS_HTML:
        assert records[2]["error"] is None
    else:
        assert "HTML mode not available" in records[2]["error"]


def write_warc(path: Path, *, wet: bool = False) -> None:
    """A small WARC (or WET) file: warcinfo, request, HTML/image/redirect responses, a conversion record."""
    pytest.importorskip("warcio", reason="writing the test WARC needs warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "boilerstrip tests"}))

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            writer.write_record(record)

        if not wet:
            request = b"GET /park HTTP/1.1\r\nHost: example.com\r\n\r\n"
            writer.write_record(
                writer.create_warc_record("https://example.com/park", "request", payload=BytesIO(request))
            )
            response("https://example.com/park", "200 OK", "text/html; charset=utf-8", HTML)
            response("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n....")
            response("https://example.com/old", "301 Moved Permanently", "text/html", b"<html>moved</html>")
        for url, text in (("https://example.com/en", EN), ("https://example.com/ar", AR)):
            record = writer.create_warc_record(
                url, "conversion", payload=BytesIO(text.encode("utf-8")), warc_content_type="text/plain"
            )
            writer.write_record(record)


@pytest.mark.parametrize("backend", ["fastwarc", "warcio"])
def test_warc_and_wet(tmp_path, monkeypatch, backend):
    pytest.importorskip(backend)
    monkeypatch.setattr(batch, "warc_backend", lambda: backend)
    warc, wet = tmp_path / "crawl.warc.gz", tmp_path / "crawl.wet"
    write_warc(warc)
    write_warc(wet, wet=True)
    out = tmp_path / "out.jsonl"
    summary = run_batch([warc, wet], out)
    records = read_jsonl(out)
    assert [r["url"] for r in records] == [
        "https://example.com/park", "https://example.com/en", "https://example.com/ar",
        "https://example.com/en", "https://example.com/ar",
    ]  # fmt: skip
    assert all(r["id"].startswith("<urn:uuid:") for r in records)
    assert len({r["id"] for r in records}) == 5
    for record in records:
        check_record(record)
    assert records[1] | expected_text_record(EN) == records[1]
    assert records[4] | expected_text_record(AR) == records[4]
    if HAS_HTML:
        assert records[0]["error"] is None
    else:
        assert "HTML mode not available" in records[0]["error"]
    assert sum(summary.skipped.values()) == 2  # the image and the redirect: not pages
    assert summary.complete and summary.records_in == 5


# --------------------------------------------------------------------------- running


def test_workers_2_gives_the_same_records_in_the_same_order(pages, jsonl, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli.main(["batch", str(pages), str(jsonl), "-o", str(one)]) == 0
    assert cli.main(["batch", str(pages), str(jsonl), "-o", str(two), "--workers", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(read_jsonl(two)) == 4 + 9


HOOK = textwrap.dedent(
    """
    import os, time
    from boilerstrip.batch import process_task

    def process(task):
        if task.id.startswith("slow"):
            time.sleep(120)
        if task.id.startswith("crash"):
            os._exit(3)
        return process_task(task)
    """
)


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """A processor that hangs on ids starting with "slow" and kills its process on "crash"."""
    (tmp_path / "batch_test_hook.py").write_text(HOOK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import batch_test_hook

    return batch_test_hook.process


@pytest.mark.parametrize("workers", [1, 2])
def test_timeout_and_crash_become_error_records_and_the_run_goes_on(hook, workers):
    tasks = [Task(name, kind="text", data=EN) for name in ("ok-1", "slow", "ok-2", "crash", "ok-3")]
    records = list(run_pool(tasks, workers=workers, timeout=2.0, process=hook))
    assert [r["id"] for r in records] == ["ok-1", "slow", "ok-2", "crash", "ok-3"]
    assert "timed out after 2 s" in records[1]["error"]
    assert "died" in records[3]["error"]
    assert all(records[i]["error"] is None for i in (0, 2, 4))


def test_cli_timeout_option_is_passed_on(tmp_path, monkeypatch):
    seen = {}

    def fake_run_batch(inputs, out, **options):
        seen.update(options)
        return batch.Summary()

    monkeypatch.setattr(cli, "run_batch", fake_run_batch)
    assert (
        cli.main(["batch", "x", "-o", str(tmp_path / "o.jsonl"), "--timeout", "2.5", "--workers", "3"]) == 0
    )
    assert seen["timeout"] == 2.5 and seen["workers"] == 3
    assert cli.main(["batch", "x", "-o", str(tmp_path / "o.jsonl"), "--timeout", "0"]) == 0
    assert seen["timeout"] is None
    assert cli.main(["batch", "x", "-o", str(tmp_path / "o.jsonl"), "--workers", "0"]) == 2


def test_resume_keeps_old_records_and_adds_the_rest(pages, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "one", "text": EN}) + "\n", encoding="utf-8")
    assert cli.main(["batch", str(first), "-o", str(out)]) == 0
    before = out.read_bytes()

    more = tmp_path / "more.jsonl"
    more.write_text(
        json.dumps({"id": "one", "text": "changed, must not be relabelled"})
        + "\n"
        + json.dumps({"id": "two", "text": AR}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli.main(["batch", str(more), str(pages), "-o", str(out), "--resume"]) == 0
    assert out.read_bytes().startswith(before)
    records = read_jsonl(out)
    assert [r["id"] for r in records][:2] == ["one", "two"]
    assert len(records) == 2 + 4 and len({r["id"] for r in records}) == 6
    assert "1 already in out.jsonl" in capsys.readouterr().err

    # again: nothing left to do, nothing lost
    assert cli.main(["batch", str(more), str(pages), "-o", str(out), "--resume"]) == 0
    assert read_jsonl(out) == records
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_resume_without_output_yet_is_a_normal_run(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": EN}) + "\n", encoding="utf-8")
    summary = run_batch([src], tmp_path / "new.jsonl", resume=True)
    assert summary.written == 1 and summary.resumed == 0


# --------------------------------------------------------------------------- failures


def test_missing_input_is_exit_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.jsonl" in err
    assert list(tmp_path.iterdir()) == []


def test_bad_output_is_exit_2(pages, tmp_path, capsys):
    assert cli.main(["batch", str(pages), "-o", str(tmp_path / "no" / "such" / "out.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert cli.main(["batch", str(pages), "-o", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err
    inside = tmp_path / "x.jsonl"
    inside.write_text(json.dumps({"id": "a", "text": EN}) + "\n", encoding="utf-8")
    assert cli.main(["batch", str(inside), "-o", str(inside)]) == 2
    assert "also an input" in capsys.readouterr().err


def test_failed_run_leaves_no_temporary_file(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": EN}) + "\n", encoding="utf-8")

    def broken_pool(*args, **kwargs):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(batch, "run_pool", broken_pool)
    with pytest.raises(RuntimeError):
        run_batch([src], tmp_path / "out.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_end_to_end_with_progress_and_summary(jsonl, tmp_path):
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "boilerstrip.cli",
            "batch",
            str(jsonl),
            "-o",
            str(out),
            "--progress",
            "--workers",
            "2",
        ],
        capture_output=True,
        timeout=120,
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "9 records in, 9 written (4 failed)" in err
    assert "\r" in err and "errors" in err  # the progress line, redrawn in place
    assert "Traceback" not in err
    assert len(read_jsonl(out)) == 9


# --------------------------------------------------------------------------- kill safety


def test_killed_run_leaves_previous_output_intact_and_resume_finishes(tmp_path):
    """SIGKILL mid-run: OUT is still the previous complete output; --resume then finishes
    the job with every id exactly once, in input order."""
    import os
    import signal
    import time

    src = tmp_path / "in.jsonl"
    ids = [f"r{i:05d}" for i in range(3000)]
    with src.open("w", encoding="utf-8") as fh:
        for i, rid in enumerate(ids):
            text = EN if i % 2 else AR
            fh.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(src.read_text(encoding="utf-8").splitlines(True)[:5]), encoding="utf-8")
    assert cli.main(["batch", str(first), "-o", str(out)]) == 0
    before = out.read_bytes()

    cmd = [
        sys.executable,
        "-m",
        "boilerstrip",
        "batch",
        str(src),
        "-o",
        str(out),
        "--resume",
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".") for p in tmp_path.iterdir()):
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.5)  # let it write some records to the temporary file
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert out.read_bytes() == before  # the killed run renamed nothing onto OUT

    assert subprocess.run(cmd, capture_output=True, timeout=600).returncode == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ids
    assert all(r["error"] is None for r in records)
    assert out.read_bytes().startswith(before)
