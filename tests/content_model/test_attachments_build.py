"""Builds: an attachment the output guards cannot read is published only vouched.

The basic fixture vouches for its chart.png and scan.pdf in site.py. Each
test breaks a copy and builds it with the real `pelican`.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

import pelicanconf
from tests.sitebuild import SITES, copy_site, run_pelican, snapshot

FILES = "content/volumes/alpha/files"
NOW = 'EMBARGO_NOW="2022-01-01T00:00:00Z"'


def docx() -> bytes:
    """An office file: deflated XML, where no guard can read the name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # a fixed time: the same bytes in every call
        member = zipfile.ZipInfo("word/document.xml", (2020, 1, 1, 0, 0, 0))
        archive.writestr(member, "<w:t>Zed Quorum</w:t>" * 20, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITES / "basic", tmp_path / "site")


def log_of(site: Path, output: Path, *settings: str) -> str:
    before = snapshot(output)
    build = run_pelican(site, output, NOW, *settings)
    assert build.returncode != 0
    assert snapshot(output) == before
    return " ".join(build.log.split())


def test_unreadable_attachments_stop_the_build_and_leave_output(site, output):
    (site / FILES / "minutes.docx").write_bytes(docx())
    (site / FILES / "notes.txt").write_bytes("Zed Quorum".encode("utf-16"))
    with (site / FILES / "scan.pdf").open("ab") as scan:
        scan.write(b"% edited after it was vouched for\n")
    scan_digest = sha256((site / FILES / "scan.pdf").read_bytes())
    log = log_of(site, output)
    assert "3 content errors; nothing was written" in log
    for expected in [
        f"{FILES}/minutes.docx:1: an office document is a zip archive of "
        "compressed XML",
        f'add "volumes/alpha/files/minutes.docx": "{sha256(docx())}" to '
        "ATTACHMENTS_VOUCHED in pelicanconf.py",
        f"{FILES}/notes.txt:1: it is UTF-16 or UTF-32 text (it starts with a "
        "byte order mark), so the output guards cannot search it",
        f"{FILES}/scan.pdf:1: changed since an editor vouched for it",
        f"the file now {scan_digest}",
    ]:
        assert expected in log


def test_a_held_volumes_attachment_is_checked_before_its_embargo_lifts(site, output):
    held = site / "content/volumes/sealed"
    (held / "files").mkdir(parents=True)
    (held / "index.md").write_text(
        "Title: Sealed\nDate: 2020-05-01T10:00:00Z\n"
        "Embargo: 2030-01-01T00:00:00Z\n\nHeld.\n"
    )
    (held / "files/plan.pdf").write_bytes(b"%PDF-1.4\n% plan\n")
    log = log_of(site, output)
    assert "content/volumes/sealed/files/plan.pdf:1: a PDF keeps its text" in log


def test_vouched_attachments_are_published(site, tmp_path):
    (site / FILES / "minutes.docx").write_bytes(docx())
    vouched = {
        **pelicanconf_vouched(site),
        "volumes/alpha/files/minutes.docx": sha256(docx()),
    }
    build = run_pelican(
        site, tmp_path / "out", NOW, f"ATTACHMENTS_VOUCHED={json.dumps(vouched)}"
    )
    assert build.returncode == 0, build.log
    assert (build.output / "volumes/alpha/files/minutes.docx").read_bytes() == docx()


def test_a_bad_vouch_setting_stops_the_build(site, output):
    log = log_of(site, output, 'ATTACHMENTS_VOUCHED=["volumes/alpha/files/scan.pdf"]')
    assert "pelicanconf.py:1: ATTACHMENTS_VOUCHED must be a dict" in log


def pelicanconf_vouched(site: Path) -> dict[str, str]:
    """The fixture's own vouches, for its chart.png and scan.pdf."""
    names = ("chart.png", "scan.pdf")
    vouched = {
        f"volumes/alpha/files/{name}": sha256((site / FILES / name).read_bytes())
        for name in names
    }
    assert set(vouched).isdisjoint(pelicanconf.ATTACHMENTS_VOUCHED)
    return vouched
