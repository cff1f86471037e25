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
from boilerstrip.batch import Failure, JsonlFields, Task, run_batch, run_pool
from boilerstrip.batch import run as batch_run
from boilerstrip.batch import warc as batch_warc

DATA = Path(__file__).parent / "data" / "cli"
EN = (DATA / "article_en.txt").read_text(encoding="utf-8")
AR = (DATA / "article_ar.txt").read_text(encoding="utf-8")
HTML = (DATA / "article.html").read_bytes()
FIELDS = ["id", "url", "title", "body", "sources", "date", "language", "error"]


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
    assert by_id["html-rec"]["error"] is None
    assert summary.records_in == summary.written == 9 and summary.complete
    assert summary.failed == sum(r["error"] is not None for r in records) == 4


def test_jsonl_html_field_is_read_as_html(jsonl, tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch([jsonl], out, fields=JsonlFields(html="html"))
    record = {r["id"]: r for r in read_jsonl(out)}["html-rec"]
    assert record["error"] is None and isinstance(record["body"], str)


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
    assert records[2]["error"] is None


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
    monkeypatch.setattr(batch_warc, "warc_backend", lambda: backend)
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
    assert records[0]["error"] is None
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
    outcomes = list(run_pool(tasks, workers=workers, timeout=2.0, process=hook))
    records = [outcome.record for outcome in outcomes]
    assert [r["id"] for r in records] == ["ok-1", "slow", "ok-2", "crash", "ok-3"]
    assert "timed out after 2 s" in records[1]["error"]
    assert "died" in records[3]["error"]
    assert all(records[i]["error"] is None for i in (0, 2, 4))
    assert [o.failure for o in outcomes] == [None, Failure.TIMED_OUT, None, Failure.WORKER_DIED, None]


def test_cli_timeout_option_is_passed_on(tmp_path, monkeypatch):
    seen = {}

    def fake_run_batch(inputs, out, **options):
        seen.update(options)
        return batch.Summary(records_in=1, written=1)

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

    monkeypatch.setattr(batch_run, "run_pool", broken_pool)
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


# --------------------------------------------------------------------------- issue 14


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_resume_with_repeated_ids_finishes_every_record_once(tmp_path, capsys):
    """Item 1: an id used twice; OUT cut after four of five records; --resume writes the fifth."""
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": i, "text": f"{EN}\n{n}"} for n, i in enumerate(["a", "b", "a", "c", "d"])],
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(src), "-o", str(out)]) == 0
    full = out.read_bytes()
    out.write_bytes(b"".join(full.splitlines(True)[:4]))
    capsys.readouterr()
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 0
    assert "4 already in out.jsonl, 1 written" in capsys.readouterr().err
    assert out.read_bytes() == full
    out.write_bytes(b"".join(full.splitlines(True)[:2]))  # cut before the second "a"
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["a", "b", "a", "c", "d"]


def test_existing_output_is_not_replaced_without_overwrite(tmp_path, capsys):
    """Item 3: earlier work in OUT is kept unless --resume or --overwrite says what to do with it."""
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": EN}])
    out = tmp_path / "out.jsonl"
    out.write_text("earlier work\n", encoding="utf-8")
    assert cli.main(["batch", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--overwrite" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "earlier work\n"
    assert cli.main(["batch", str(src), "-o", str(out), "--resume", "--overwrite"]) == 2
    assert cli.main(["batch", str(src), "-o", str(out), "--overwrite"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["a"]


@pytest.mark.parametrize("field", ["html", "raw_html", "content"])
def test_jsonl_of_html_without_text_field_is_found(tmp_path, field):
    """Item 4: the usual names of an HTML field are looked for when no field is named."""
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), field: HTML.decode("utf-8")} for i in range(3)])
    out = tmp_path / "out.jsonl"
    summary = run_batch([src], out)
    records = read_jsonl(out)
    assert [r["error"] for r in records] == [None] * 3
    assert records[0]["body"] == boilerstrip.strip_html(HTML).body
    assert summary.failed == 0 and summary.uniform_failure is None


def test_run_where_every_record_fails_alike_exits_2_naming_the_flag(tmp_path, capsys):
    """Item 4: 30 of 30 records without a page field is not a success."""
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "page": "x", f"k{i}": 1} for i in range(30)])
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "every record failed" in err and "--text-field" in err
    assert len(read_jsonl(out)) == 30  # still one record per input record
    assert cli.main(["batch", str(src), "-o", str(out), "--overwrite", "--text-field", "page"]) == 0


def test_mixed_failures_still_exit_0(jsonl, tmp_path):
    assert cli.main(["batch", str(jsonl), "-o", str(tmp_path / "out.jsonl")]) == 0


def test_folder_without_pages_says_what_was_skipped(tmp_path, capsys):
    """Item 5: nothing to do is an error that says what was passed over and why."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("not a page", encoding="utf-8")
    (folder / "data.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    assert cli.main(["batch", str(folder), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "0 records in" in err and "no records to label" in err
    assert "skipped 2 files in" in err and "notes.md" in err and ".txt/.html/.htm" in err
    assert "skipped 1 hidden files" in err


def test_folder_of_unreadable_pages_exits_2_with_the_reason(tmp_path, capsys):
    """Item 5: pages that all fail to decode, for one reason, end the run with that reason."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(bytes(range(256)) * 4)
    assert cli.main(["batch", str(folder), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "every record failed" in err and "--encoding" in err


def test_null_field_is_called_null(tmp_path):
    """Item 6."""
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "n", "text": None}, {"id": "ok", "text": EN}])
    out = tmp_path / "out.jsonl"
    run_batch([src], out)
    assert read_jsonl(out)[0]["error"] == "field 'text' is null"


def test_encoding_option_reaches_page_files(tmp_path):
    """Item 7 in batch: windows-1256 text is detected; --encoding forces one."""
    page = tmp_path / "ar.txt"
    page.write_bytes(AR.encode("cp1256", errors="ignore"))
    out = tmp_path / "out.jsonl"
    run_batch([page], out)
    legacy = AR.encode("cp1256", errors="ignore").decode("cp1256")
    assert read_jsonl(out)[0]["body"] == boilerstrip.strip(legacy).body
    run_batch([page], out, overwrite=True, options=batch.Options(encoding="utf-8"))
    assert "not UTF-8" in read_jsonl(out)[0]["error"]


def test_lines_option_writes_every_label_and_rule(tmp_path):
    """Item 10."""
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "en", "text": EN}, {"id": "bad", "text": 3}])
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(src), "-o", str(out), "--lines"]) == 0
    good, bad = read_jsonl(out)
    assert list(good) == [*FIELDS, "lines"]
    assert good["lines"] == boilerstrip.strip(EN).to_dict()["lines"]
    assert bad["lines"] == [] and bad["error"]


def test_progress_bar_has_a_total_and_counts_only_this_runs_records_in_its_rate(tmp_path):
    """Item 9: tqdm with the known total; on --resume the records already done are its ``initial``."""
    from io import StringIO

    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": EN} for i in range(5)])
    out = tmp_path / "out.jsonl"
    stream = StringIO()
    run_batch([src], out, progress=stream)
    assert "5/5" in stream.getvalue() and "100%" in stream.getvalue()
    assert batch.count_records([src, src, DATA / "article.html"]) == 11

    out.write_bytes(b"".join(out.read_bytes().splitlines(True)[:2]))
    stream = StringIO()
    run_batch([src], out, resume=True, progress=stream)
    assert "5/5" in stream.getvalue()
    bar = batch.progress_bar(StringIO(), total=5, done=2)
    bar.update(3)
    meter = bar.format_dict | {"elapsed": 10.0}
    assert "3.33s/record" in bar.format_meter(**meter)  # 3 processed in 10 s, not 5 (2.00s/record)
    bar.close()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for a reaper has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_killed_parent_leaves_no_worker_behind(tmp_path, workers):
    """Item 2: after kill -9 of the batch process, every worker it started exits on its own."""
    import os
    import signal
    import time

    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": EN} for i in range(5000)])
    cmd = [sys.executable, "-m", "boilerstrip", "batch", str(src), "-o", str(tmp_path / "out.jsonl")]
    proc = subprocess.Popen(
        [*cmd, "--workers", workers], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < int(workers) or not any(
            p.name.startswith(".") for p in tmp_path.iterdir()
        ):
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.02)
        workers_seen = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in workers_seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers_seen if _alive(pid)]
    for pid in survivors:  # clean up before failing, so that a broken build leaves nothing running
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
