"""boilerstrip as a datatrove pipeline step, run on datatrove's own executors."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import boilerstrip

pytest.importorskip("datatrove", reason='datatrove is not installed (pip install ".[datatrove]")')

from datatrove.data import Document

from boilerstrip.integrations.datatrove import BoilerstripHtml, BoilerstripText

DATA = Path(__file__).parent / "data" / "cli"
EN = (DATA / "article_en.txt").read_text(encoding="utf-8")
AR = (DATA / "article_ar.txt").read_text(encoding="utf-8")
HTML = (DATA / "article.html").read_text(encoding="utf-8")
LABELS = [label.value for label in boilerstrip.Label]
needs_jsonl = pytest.mark.skipif(
    importlib.util.find_spec("orjson") is None, reason="datatrove's JsonlReader/JsonlWriter need orjson"
)


def check_metadata(doc: Document, text: str) -> None:
    page = boilerstrip.strip(text)
    assert doc.text == page.body
    assert doc.metadata["title"] == page.title
    assert doc.metadata["sources"] == [
        {"name": s.name, "canonical": s.canonical, "kind": s.kind} for s in page.sources
    ]
    counts = doc.metadata["label_counts"]
    assert list(counts) == LABELS
    assert sum(counts.values()) == len(page.lines)


def test_missing_datatrove_names_what_to_install(monkeypatch):
    """The message names packages pip can find, not an extra of a package not on an index yet."""
    monkeypatch.setitem(sys.modules, "datatrove.pipeline.extractors.base", None)
    monkeypatch.delitem(sys.modules, "boilerstrip.integrations.datatrove")
    with pytest.raises(ImportError, match=r"pip install datatrove orjson"):
        importlib.import_module("boilerstrip.integrations.datatrove")


def test_text_step_on_documents():
    step = BoilerstripText(timeout=30)
    docs = [
        Document(text=EN, id="en", metadata={"url": "https://example.com/en"}),
        Document(text="", id="empty"),
        Document(text=AR, id="ar"),
    ]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["en", "ar"]  # no body: dropped, as datatrove's extractors do
    check_metadata(out[0], EN)
    check_metadata(out[1], AR)
    assert out[0].metadata["url"] == "https://example.com/en"  # existing metadata kept
    stats = step.stats.to_dict()["stats"]
    assert stats["total"] == 3 and stats["extracted"] == 3
    assert stats["forwarded"] == 2 and stats["dropped"] == 1
    line_stats = sum(
        v["total"] if isinstance(v, dict) else v for k, v in stats.items() if k.startswith("lines_")
    )
    assert line_stats == len(boilerstrip.strip(EN).lines) + len(boilerstrip.strip(AR).lines)


def test_a_document_that_fails_is_counted_and_dropped():
    step = BoilerstripText(timeout=30)
    docs = [Document(text=None, id="broken"), Document(text=EN, id="en")]  # type: ignore[arg-type]
    assert [d.id for d in step.run(iter(docs))] == ["en"]
    stats = step.stats.to_dict()["stats"]
    assert stats["total"] == 2 and stats["clean_error"] == 1 and stats["extracted"] == 1


def test_keep_empty_keeps_documents_without_body():
    out = list(BoilerstripText(timeout=30, keep_empty=True).run(iter([Document(text="", id="e")])))
    assert [d.id for d in out] == ["e"] and out[0].metadata["label_counts"]["body"] == 0


def test_html_step_on_documents():
    step = BoilerstripHtml(timeout=30, keep_empty=True)
    (doc,) = step.run(iter([Document(text=HTML, id="h", metadata={"url": "https://example.com/park"})]))
    assert set(doc.metadata) >= {"title", "sources", "label_counts", "url"}
    assert sum(doc.metadata["label_counts"].values()) > 0
    assert step.stats.to_dict()["stats"]["extracted"] == 1


def count(stat: int | dict) -> int:
    """A counter from datatrove's stats: a number, or a summary dict once tasks' stats are merged."""
    return stat["total"] if isinstance(stat, dict) else stat


def write_inputs(folder: Path) -> dict[str, str]:
    """Two JSONL input files (one per task) and the text of each document by id."""
    texts = {"en-1": EN, "ar-1": AR, "en-2": EN.replace("riverside", "lakeside"), "ar-2": AR + "\nسطر أخير"}
    folder.mkdir()
    for name, ids in (("a.jsonl", ["en-1", "ar-1"]), ("b.jsonl", ["en-2", "ar-2"])):
        rows = [json.dumps({"id": i, "text": texts[i]}, ensure_ascii=False) for i in ids]
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return texts


def read_outputs(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            docs[doc["id"]] = doc
    return docs


def check_pipeline_output(out: Path, logs: Path, texts: dict[str, str]) -> None:
    assert sorted(p.name for p in out.glob("*.jsonl")) == ["00000.jsonl", "00001.jsonl"]  # one file per task
    docs = read_outputs(out)
    assert set(docs) == set(texts)
    for doc_id, text in texts.items():
        page = boilerstrip.strip(text)
        assert docs[doc_id]["text"] == page.body
        assert docs[doc_id]["metadata"]["title"] == page.title
        assert list(docs[doc_id]["metadata"]["label_counts"]) == LABELS
    stats = json.loads((logs / "stats.json").read_text())
    step = next(s for s in stats if "boilerstrip" in s["name"])["stats"]
    assert count(step["total"]) == count(step["extracted"]) == len(texts)


@needs_jsonl
def test_local_pipeline_with_two_tasks(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    texts = write_inputs(tmp_path / "in")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            BoilerstripText(timeout=30),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    check_pipeline_output(tmp_path / "out", tmp_path / "logs", texts)


RAY_SCRIPT = textwrap.dedent(
    """
    import sys
    import ray
    from datatrove.executor import RayPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.integrations.datatrove import BoilerstripText

    root = sys.argv[1]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        RayPipelineExecutor(
            pipeline=[
                JsonlReader(f"{root}/in"),
                BoilerstripText(timeout=60),
                JsonlWriter(f"{root}/out", compression=None),
            ],
            tasks=2,
            workers=2,
            cpus_per_task=1,
            mem_per_cpu_gb=0.5,
            logging_dir=f"{root}/logs",
        ).run()
    finally:
        ray.shutdown()
    """
)


@pytest.mark.slow
@needs_jsonl
@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install ray)")
def test_ray_pipeline_on_a_local_cluster(tmp_path):
    texts = write_inputs(tmp_path / "in")
    script = tmp_path / "ray_pipeline.py"
    script.write_text(RAY_SCRIPT, encoding="utf-8")
    # its own process group: a local Ray cluster is several processes, all stopped if the run overstays
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"},
    )
    try:
        output, _ = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the Ray pipeline did not finish within 240 s")
    assert proc.returncode == 0, output.decode(errors="replace")[-3000:]
    check_pipeline_output(tmp_path / "out", tmp_path / "logs", texts)
