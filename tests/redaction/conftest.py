"""Redaction build fixtures: a fresh copy of the redaction fixture site, and
an output folder that already holds a release (so a failed build can be
shown to leave it untouched)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SITES, copy_site, previous_release

SITE = SITES / "redaction"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITE, tmp_path / "site")


@pytest.fixture
def output(tmp_path: Path) -> Path:
    return previous_release(tmp_path / "out")
