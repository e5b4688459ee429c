"""The mirror verify command catches every way a copy can differ from its release."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from release.verify import main
from release.writer import write_release

from tests.release.keyfiles import KeyFiles, write_keys

SITE = {"index.html": "home\n", "volumes/leak/index.html": "leak\n", "theme/a.css": "a"}


def release(
    folder: Path, keys: KeyFiles | None, files: dict[str, str], previous: Path
) -> Path:
    """A released tree as the build writes it, after `previous`."""
    folder.mkdir(parents=True)
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    key = keys.key if keys else None
    public = keys.public if keys else None
    write_release(folder, previous, "Site", [], "2021-06-02T08:30:00Z", key, public)
    return folder


@pytest.fixture
def copy(tmp_path: Path, keys: KeyFiles) -> Path:
    return release(tmp_path / "copy", keys, SITE, tmp_path / "none")


def run(*argv: str | Path) -> tuple[int, list[str]]:
    lines: list[str] = []
    status = main([str(a) for a in argv], out=lines.append)
    return status, lines


def findings(lines: list[str]) -> list[str]:
    """Every line but the signature, release and result lines."""
    skip = ("signature ", "release ", "result ")
    return [line for line in lines if not line.startswith(skip)]


def test_a_faithful_copy_verifies(copy, keys):
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 0
    assert lines[0].startswith("signature ok key=")
    assert 'comment="dossier release serial=1 time=2021-06-02T08:30:00Z' in lines[0]
    assert lines[1:] == [
        "release serial=1 time=2021-06-02T08:30:00Z",
        "result OK signature=ok changed=0 missing=0 extra=0 behind=unknown",
    ]


def test_a_changed_file_is_caught(copy, keys):
    (copy / "volumes/leak/index.html").write_text("tampered\n")
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 1
    assert findings(lines) == ["changed volumes/leak/index.html"]
    assert (
        lines[-1]
        == "result FAIL signature=ok changed=1 missing=0 extra=0 behind=unknown"
    )


def test_a_missing_file_is_caught(copy, keys):
    (copy / "theme/a.css").unlink()
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 1
    assert findings(lines) == ["missing theme/a.css"]


def test_an_extra_file_is_caught(copy, keys):
    (copy / "volumes/leak/planted.html").write_text("<script>")
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 1
    assert findings(lines) == ["extra volumes/leak/planted.html"]


def test_files_a_mirror_adds_on_purpose_can_be_ignored(copy, keys):
    (copy / "mirror").mkdir()
    (copy / "mirror/trace").write_text("mirror-one\n")
    status, lines = run(copy, "--pubkey", keys.public, "--ignore", "mirror/*")
    assert status == 0, lines


def test_a_bad_signature_is_caught(copy, keys, tmp_path):
    other = release(tmp_path / "other", keys, {"index.html": "forged\n"}, copy)
    shutil.copy(other / "SHA256SUMS.minisig", copy / "SHA256SUMS.minisig")
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 1
    assert lines[0] == "signature bad (signature verification failed)"
    assert lines[-1].startswith("result FAIL signature=bad changed=0 ")


def test_sums_rewritten_to_match_a_tampered_file_fail_the_signature(copy, keys):
    (copy / "index.html").write_text("tampered\n")
    sums = (copy / "SHA256SUMS").read_text().splitlines()
    digest = hashlib.sha256(b"tampered\n").hexdigest()
    rewritten = [
        f"{digest}  index.html" if line.endswith("  index.html") else line
        for line in sums
    ]
    (copy / "SHA256SUMS").write_text("\n".join(rewritten) + "\n")
    status, lines = run(copy, "--pubkey", keys.public)
    assert status == 1
    assert lines[0].startswith("signature bad")
    assert findings(lines) == []


def test_a_signature_by_another_key_is_caught(copy, tmp_path):
    stranger = write_keys(tmp_path / "stranger")
    status, lines = run(copy, "--pubkey", stranger.public)
    assert status == 1
    assert lines[0] == "signature bad (incompatible key identifiers)"


def test_a_missing_signature_fails_unless_unsigned_copies_are_allowed(copy, keys):
    (copy / "SHA256SUMS.minisig").unlink()
    status, lines = run(copy, "--pubkey", keys.public)
    assert (status, lines[0]) == (1, "signature missing")
    status, lines = run(copy, "--allow-unsigned")
    assert (status, lines[0]) == (0, "signature missing")
    assert lines[-1].startswith("result OK signature=missing ")


def test_a_signature_without_a_public_key_is_reported_unchecked(copy):
    status, lines = run(copy, "--allow-unsigned")
    assert (status, lines[0]) == (0, "signature unchecked (no public key given)")


def test_a_copy_behind_the_origin_says_by_how_many_releases(copy, keys, tmp_path):
    second = release(tmp_path / "r2", keys, {**SITE, "index.html": "v2\n"}, copy)
    third = release(tmp_path / "r3", keys, {**SITE, "index.html": "v3\n"}, second)
    status, lines = run(
        copy, "--pubkey", keys.public, "--origin", third / "release.json"
    )
    assert status == 1
    assert "origin behind serial=3 time=2021-06-02T08:30:00Z behind=2" in lines
    assert lines[-1] == "result FAIL signature=ok changed=0 missing=0 extra=0 behind=2"


def test_a_current_copy_is_current(copy, keys):
    status, lines = run(copy, "--pubkey", keys.public, "--origin", copy)
    assert status == 0
    assert "origin current serial=1 time=2021-06-02T08:30:00Z behind=0" in lines


def test_a_copy_ahead_of_a_stale_origin_file_still_verifies(copy, keys, tmp_path):
    newer = release(tmp_path / "r2", keys, {**SITE, "index.html": "v2\n"}, copy)
    status, lines = run(newer, "--pubkey", keys.public, "--origin", copy)
    assert status == 0
    assert "origin ahead serial=1 time=2021-06-02T08:30:00Z behind=0" in lines


def test_a_copy_without_sums_or_release_fails(copy, keys):
    (copy / "SHA256SUMS").unlink()
    (copy / "release.json").unlink()
    status, lines = run(copy, "--allow-unsigned")
    assert status == 1
    assert "sums missing SHA256SUMS" in lines
    assert any(line.startswith("release unreadable") for line in lines)


def test_malformed_sums_fail(copy):
    (copy / "SHA256SUMS").write_text(f"{'a' * 64}  ../../etc/passwd\n")
    status, lines = run(copy, "--allow-unsigned")
    assert status == 1
    assert "sums malformed (SHA256SUMS line 1: unsafe path '../../etc/passwd')" in lines


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{copy}"], "usage give --pubkey (PUBKEY=…) or --allow-unsigned"),
        (["{copy}/nope", "--allow-unsigned"], "is not a folder"),
        (["{copy}", "--pubkey", "{copy}/nope.pub"], "cannot read"),
        (["{copy}", "--pubkey", "{copy}/index.html"], "is not a minisign public key"),
        (["{copy}", "--allow-unsigned", "--origin", "{copy}/index.html"], "is not a"),
        (["{copy}", "--allow-unsigned", "--origin", "{copy}/nope.json"], "cannot read"),
    ],
)
def test_misuse_exits_with_status_two(copy, argv, message):
    status, lines = run(*[a.format(copy=copy) for a in argv])
    assert status == 2
    assert lines[0].startswith("usage ")
    assert message in lines[0]


def test_unknown_arguments_exit_with_status_two(copy, capsys):
    assert run(copy, "--frobnicate")[0] == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_help_exits_with_status_zero(capsys):
    assert run("--help")[0] == 0
    assert "Check a mirror copy" in capsys.readouterr().out
