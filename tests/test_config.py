"""The configuration: every field is read, and the values copied from trafilatura are still its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.config import DEFAULT, Config
from boilerstrip.rules import SHARE_FILTER

PACKAGE = Path(boilerstrip.__file__).parent


def _package_source() -> str:
    """Every module of the package but the one that declares the fields."""
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")) if p.name != "config.py"
    )


@pytest.mark.parametrize("name", [f.name for f in fields(Config)])
def test_every_config_field_is_read_by_the_package(name: str) -> None:
    """Promise: a ``Config`` field changes something; a field nothing reads is a lie to the user."""
    assert re.search(rf"\b(?:cfg|config)\.{name}\b", _package_source()), f"Config.{name} is never read"


def test_duplicate_test_defaults_are_trafilaturas() -> None:
    """Promise: the duplicate test is trafilatura's, with trafilatura's settings."""
    from trafilatura.settings import Extractor

    extractor = Extractor()
    assert DEFAULT.min_duplicate_chars == extractor.min_duplcheck_size
    assert DEFAULT.max_repetitions == extractor.max_repetitions


def test_share_filter_is_trafilaturas() -> None:
    """Promise: the ``cue:trafilatura-share-filter`` rule matches what trafilatura's filter matches."""
    from trafilatura.utils import RE_FILTER

    assert (SHARE_FILTER.pattern, SHARE_FILTER.flags) == (RE_FILTER.pattern, RE_FILTER.flags)


def test_labelling_text_does_not_import_trafilatura() -> None:
    """Promise: a plain-text page is labelled without loading trafilatura (most of a second)."""
    code = (
        "import sys, boilerstrip; boilerstrip.strip('Home\\nRead also'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'trafilatura'))"
    )
    path = os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"
