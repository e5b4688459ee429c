"""Builds of the embargo fixture site, shared by the canary and build tests.

The fixture's embargoes lift between 2030-01-01 and 2031-01-01; every build
sets EMBARGO_NOW, so no test depends on the wall clock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import ROOT, SITES, Build, copy_site, run_pelican

SITE = SITES / "embargo"
BEFORE = 'EMBARGO_NOW="2020-02-01T00:00:00Z"'
AFTER = 'EMBARGO_NOW="2032-01-01T00:00:00Z"'


def build(site: Path, output: Path, *settings: str) -> Build:
    done = run_pelican(site, output, *settings, env={"DOSSIER_ROOT": str(ROOT)})
    assert done.returncode == 0, done.log
    return done


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The public site while every embargo is in force."""
    return build(SITE, tmp_path_factory.mktemp("public") / "out", BEFORE)


@pytest.fixture(scope="session")
def lifted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The public site after every embargo has lifted."""
    return build(SITE, tmp_path_factory.mktemp("lifted") / "out", AFTER)


@pytest.fixture(scope="session")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("preview") / "acme"
    return build(SITE, out, BEFORE, 'EMBARGO_AUDIENCE="acme"')


@pytest.fixture(scope="session")
def globex(tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("preview") / "globex"
    return build(SITE, out, BEFORE, 'EMBARGO_AUDIENCE="globex"')


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the embargo fixture that a test may change."""
    return copy_site(SITE, tmp_path / "site")
