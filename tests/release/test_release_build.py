"""Build the release fixture with the real `pelican` and check what mirrors get."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import pelicanconf
from tests.release.keyfiles import KeyFiles
from tests.sitebuild import ROOT, SITES, Build, run_pelican, snapshot

# the developer's own key or source date must not leak into these builds
UNSIGNED = {"DOSSIER_MINISIGN_KEY_FILE": "", "SOURCE_DATE_EPOCH": ""}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the release fixture that a test may edit."""
    return shutil.copytree(
        SITES / "release", tmp_path / "site", ignore=shutil.ignore_patterns(".cache")
    )


def build(site: Path, output: Path, *settings: str, **env: str) -> Build:
    return run_pelican(site, output, *settings, env={**UNSIGNED, **env})


def signed(
    site: Path, output: Path, keys: KeyFiles, *settings: str, hash_seed: str = "0"
) -> Build:
    return build(
        site,
        output,
        f"RELEASE_PUBLIC_KEY={json.dumps(str(keys.public))}",
        *settings,
        DOSSIER_MINISIGN_KEY_FILE=str(keys.secret),
        PYTHONHASHSEED=hash_seed,
    )


def ok(result: Build) -> Build:
    assert result.returncode == 0, result.log
    return result


def test_a_build_publishes_release_json_sums_signature_and_trace(site, tmp_path, keys):
    out = ok(signed(site, tmp_path / "out", keys)).output
    release = json.loads((out / "release.json").read_text())
    assert release["serial"] == 1
    assert release["time"] == "2021-06-03T10:00:00Z"  # memo version 2
    assert release["site"] == "Release fixture"
    entries = {entry["url"]: entry for entry in release["entries"]}
    assert [(url, e["kind"], e["version"]) for url, e in entries.items()] == [
        ("about/", "page", 1),
        ("volumes/leak/", "volume", 1),
        ("volumes/leak/annex-a/", "document", 1),
        ("volumes/leak/annex-b/", "document", 1),
        ("volumes/leak/annex-c/", "document", 1),
        ("volumes/leak/memo/", "document", 2),
    ]
    assert entries["volumes/leak/memo/"] == {
        "url": "volumes/leak/memo/",
        "title": "Memo",
        "kind": "document",
        "version": 2,
        "date": "2021-06-03T10:00:00Z",
        "versions": [
            {
                "number": 1,
                "url": "volumes/leak/memo/v1/",
                "date": "2021-06-02T08:30:00Z",
                "withdrawn": True,
            },
            {
                "number": 2,
                "url": "volumes/leak/memo/v2/",
                "date": "2021-06-03T10:00:00Z",
                "withdrawn": False,
            },
        ],
    }
    assert (out / "trace").read_text().splitlines()[:3] == [
        "2021-06-03T10:00:00Z",
        "Site: Release fixture",
        "Serial: 1",
    ]
    assert (out / "dossier.pub").read_bytes() == keys.public.read_bytes()
    listed = [
        line.split("  ")[1] for line in (out / "SHA256SUMS").read_text().splitlines()
    ]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert listed == [f for f in files if f not in ("SHA256SUMS", "SHA256SUMS.minisig")]
    assert {"release.json", "trace", "dossier.pub"} <= set(listed)


def test_standard_tools_verify_a_build(site, tmp_path, keys):
    out = ok(signed(site, tmp_path / "out", keys)).output
    for command in (
        ["/usr/bin/minisign", "-Vm", "SHA256SUMS", "-p", str(keys.public)],
        ["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"],
    ):
        done = subprocess.run(command, cwd=out, capture_output=True, check=False)
        assert done.returncode == 0, (command, done.stdout, done.stderr)


def test_make_verify_accepts_a_build_and_knows_it_is_current(site, tmp_path, keys):
    out = ok(signed(site, tmp_path / "out", keys)).output
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            # never reinstall the virtual environment from a test
            "--old-file=.venv/.installed",
            "verify",
            f"DIR={out}",
            f"PUBKEY={keys.public}",
            f"ORIGIN={out / 'release.json'}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "origin current serial=1 time=2021-06-03T10:00:00Z behind=0" in lines
    assert lines[-1] == "result OK signature=ok changed=0 missing=0 extra=0 behind=0"


def test_two_builds_of_the_same_source_are_byte_identical(site, tmp_path, keys):
    # hash seeds 0 and 1 order Pelican's set of files differently, which
    # reorders the annexes that share a date unless the order is fixed
    first = ok(signed(site, tmp_path / "a", keys, hash_seed="0")).output
    second = ok(signed(site, tmp_path / "b", keys, hash_seed="1")).output
    as_bytes = {k: v[0] for k, v in snapshot(first).items()}
    assert as_bytes == {k: v[0] for k, v in snapshot(second).items()}


def test_a_rebuild_without_change_rewrites_no_file(site, tmp_path, keys):
    out = ok(signed(site, tmp_path / "out", keys)).output
    before = snapshot(out)
    ok(signed(site, out, keys))
    assert snapshot(out) == before


def test_changed_content_is_the_next_release_and_only_it_gets_new_times(
    site, tmp_path, keys
):
    out = ok(signed(site, tmp_path / "out", keys)).output
    before = snapshot(out)
    memo = site / "content/volumes/leak/memo.md"
    memo.write_text(memo.read_text().replace("A memo", "A corrected memo"))
    ok(signed(site, out, keys))
    after = snapshot(out)
    assert json.loads((out / "release.json").read_text())["serial"] == 2
    assert after["about/index.html"] == before["about/index.html"]
    assert (
        after["volumes/leak/files/notes.txt"] == before["volumes/leak/files/notes.txt"]
    )
    assert (
        after["volumes/leak/memo/index.html"] != before["volumes/leak/memo/index.html"]
    )
    assert after["SHA256SUMS"] != before["SHA256SUMS"]


def test_guards_of_earlier_plugins_check_the_staged_site(site, tmp_path):
    log = tmp_path / "probe.log"
    ok(build(site, tmp_path / "out", RELEASE_PROBE_LOG=str(log)))
    checked = Path(log.read_text().strip())
    assert checked.parent == tmp_path
    assert checked.name.startswith(".out.staging-")
    assert not checked.exists()  # it became out/, whose old tree was removed


def test_a_failing_guard_leaves_output_as_it_was(site, tmp_path):
    out = ok(build(site, tmp_path / "out")).output
    (site / "content/pages/about.md").write_text(
        "Title: About\nDate: 2021-01-01T00:00:00Z\n\nChanged.\n"
    )
    before = snapshot(out)
    failed = build(site, out, RELEASE_PROBE_FAIL="1")
    assert failed.returncode != 0
    assert "simulated guard failure" in failed.log
    assert snapshot(out) == before


def test_a_broken_link_fails_the_build_and_leaves_output(site, tmp_path):
    out = ok(build(site, tmp_path / "out")).output
    before = snapshot(out)
    (site / "content/pages/about.md").write_text(
        "Title: About\nDate: 2021-01-01T00:00:00Z\n\nSee [nothing](../nowhere/).\n"
    )
    failed = build(site, out)
    assert failed.returncode != 0
    assert "broken internal links; output/ was not replaced" in failed.log
    assert "about/index.html: ../nowhere/ (no such file)" in failed.log
    assert snapshot(out) == before


def test_files_no_release_wrote_are_kept_beside_output(site, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("not ours\n")
    result = ok(build(site, out))
    assert "held files no release build wrote; they were moved to" in result.log
    assert not (out / "precious.txt").exists()
    [kept] = tmp_path.glob(".out.kept-*")
    assert (kept / "precious.txt").read_text() == "not ours\n"


def test_an_unsigned_build_says_so_loudly(site, tmp_path):
    result = ok(build(site, tmp_path / "out"))
    assert "release: serial 1 is UNSIGNED" in result.log
    assert not (result.output / "SHA256SUMS.minisig").exists()


def test_a_build_that_requires_a_signature_fails_without_a_key(site, tmp_path):
    failed = build(site, tmp_path / "out", "RELEASE_REQUIRE_SIGNATURE=true")
    assert failed.returncode != 0
    assert "RELEASE_REQUIRE_SIGNATURE is set but no signing key" in failed.log
    assert not (tmp_path / "out").exists()


def test_a_key_that_does_not_match_the_published_key_fails(site, tmp_path, keys):
    failed = build(site, tmp_path / "out", DOSSIER_MINISIGN_KEY_FILE=str(keys.secret))
    assert failed.returncode != 0
    assert "does not match the published public key" in failed.log


def test_release_must_be_the_last_plugin(site, tmp_path):
    plugins = [p for p in pelicanconf.PLUGINS if p != "release"]
    plugins += ["release", "release_probe"]
    failed = build(site, tmp_path / "out", f"PLUGINS={json.dumps(plugins)}")
    assert failed.returncode != 0
    assert "release must be the last entry of PLUGINS" in failed.log


def test_a_site_without_articles_has_a_steady_feed_date(site, tmp_path):
    shutil.rmtree(site / "content/volumes")
    out = ok(build(site, tmp_path / "out")).output
    feed = (out / "feeds/all.atom.xml").read_text()
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in feed


def test_make_verify_without_dir_prints_its_usage():
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "--old-file=.venv/.installed",
            "verify",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout.startswith("usage make verify DIR=path")
