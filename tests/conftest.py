"""Session fixtures shared by the build and browser tests."""

from __future__ import annotations

import pytest

from tests.sitebuild import SITES, Build, run_pelican


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The basic fixture site, built once for the whole session."""
    build = run_pelican(SITES / "basic", tmp_path_factory.mktemp("basic") / "out")
    assert build.returncode == 0, build.log
    return build
