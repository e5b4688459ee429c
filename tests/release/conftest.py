"""Release test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.release.keyfiles import KeyFiles, write_keys


@pytest.fixture
def keys(tmp_path: Path) -> KeyFiles:
    return write_keys(tmp_path / "keys")
