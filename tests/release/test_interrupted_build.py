"""A build killed mid-way, or run while another builds, leaves output/ alone."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, SITES, run_pelican, snapshot

ENV = {"DOSSIER_MINISIGN_KEY_FILE": "", "SOURCE_DATE_EPOCH": "", "COLUMNS": "200"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return shutil.copytree(
        SITES / "release", tmp_path / "site", ignore=shutil.ignore_patterns(".cache")
    )


@pytest.fixture
def out(site: Path, tmp_path: Path) -> Path:
    """A served release that the interrupted builds must not touch."""
    build = run_pelican(site, tmp_path / "out", env=ENV)
    assert build.returncode == 0, build.log
    # the next build has something new to publish
    about = site / "content/pages/about.md"
    about.write_text(about.read_text() + "\nA new paragraph.\n")
    return build.output


@pytest.fixture
def paused(site: Path, out: Path, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A build stopped inside `finalized`: staged, checked, not yet published."""
    marker = tmp_path / "paused"
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican",
            str(site / "content"),
            "-s",
            str(site / "site.py"),
            "-o",
            str(out),
        ],
        cwd=site,
        env={
            **os.environ,
            **ENV,
            "DOSSIER_ROOT": str(ROOT),
            "RELEASE_PROBE_PAUSE": str(marker),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert build.poll() is None, "the build ended before it paused"
        assert time.monotonic() < deadline, "the build never paused"
        time.sleep(0.05)
    yield build
    if build.poll() is None:
        build.kill()
    build.wait()


def stagings(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


def test_a_build_killed_mid_way_leaves_output_unchanged(out, paused, site):
    before = snapshot(out)
    assert len(stagings(out)) == 1  # the paused build has staged the new site
    paused.send_signal(signal.SIGKILL)
    paused.wait()
    assert snapshot(out) == before
    # the next build clears what the killed one left and publishes
    build = run_pelican(site, out, env=ENV)
    assert build.returncode == 0, build.log
    assert stagings(out) == []
    assert "A new paragraph." in (out / "about/index.html").read_text()


def test_a_concurrent_build_is_refused_and_changes_nothing(out, paused, site):
    before = snapshot(out)
    second = run_pelican(site, out, env=ENV)
    assert second.returncode != 0
    assert "another build is writing" in second.log
    assert snapshot(out) == before
    assert len(stagings(out)) == 1  # the first build's staging is left alone


RUN_TWICE = """
import os, sys
from pelican import Pelican
from pelican.settings import read_settings

site, out = sys.argv[1], sys.argv[2]
settings = read_settings(
    os.path.join(site, "site.py"),
    override={"PATH": os.path.join(site, "content"), "OUTPUT_PATH": out},
)
pelican = Pelican(settings)
os.environ["RELEASE_PROBE_FAIL"] = "1"
try:
    pelican.run()
except RuntimeError as error:
    sys.stdout.write(f"first run failed: {error}\\n")
del os.environ["RELEASE_PROBE_FAIL"]
pelican.run()
sys.stdout.write(f"second run published to {pelican.output_path}\\n")
"""


def test_a_failed_run_does_not_block_the_next_run_of_the_same_pelican(
    out, site, tmp_path
):
    # what `pelican --autoreload` does: one Pelican, run() again after a failure
    done = subprocess.run(
        [sys.executable, "-c", RUN_TWICE, str(site), str(out)],
        cwd=site,
        env={**os.environ, **ENV, "DOSSIER_ROOT": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if " run " in line]
    assert lines == [
        "first run failed: release_probe: simulated guard failure",
        f"second run published to {out}",
    ]
    assert "A new paragraph." in (out / "about/index.html").read_text()
    assert stagings(out) == []
