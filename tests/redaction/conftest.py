"""Redaction build fixtures: a fresh copy of the redaction fixture site
(`output` comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SITES, copy_site

SITE = SITES / "redaction"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITE, tmp_path / "site")
