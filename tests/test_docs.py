"""The README's links and install lines work from a checkout (issue 14, item 14)."""

from __future__ import annotations

import re
from pathlib import Path

import boilerstrip

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_relative_link_of_the_readme_is_a_file_of_the_repository():
    targets = [t for t in LINK.findall(README) if not re.match(r"[a-z]+:", t)]
    assert "docs/LABELS.md" in targets
    for target in targets:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT), f"{target} is outside the repository"
        assert path.exists(), f"{target} does not exist"


def test_labels_document_defines_every_label():
    labels = (ROOT / "docs" / "LABELS.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \|", labels, re.M)
    assert rows == [label.value for label in boilerstrip.Label]


def test_install_lines_work_before_the_package_is_on_an_index():
    assert not re.search(r"pip install ['\"]?boilerstrip\[", README)
    assert 'pip install ".[datatrove]"' in README
