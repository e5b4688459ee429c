"""Signing SHA256SUMS: a key from outside the repository, checked by minisign."""

from __future__ import annotations

import subprocess
from pathlib import Path

import minisign
import pytest
from release.signing import (
    check_public_key,
    key_id,
    load_secret_key,
    sign,
    trusted_comment,
    verify,
)
from release.staging import ReleaseError

from tests.release.keyfiles import write_keys

SUMS = b"0" * 64 + b"  index.html\n"
COMMENT = trusted_comment(3, "2021-06-02T08:30:00Z")


def test_debian_minisign_verifies_the_signature(tmp_path, keys):
    (tmp_path / "SHA256SUMS").write_bytes(SUMS)
    (tmp_path / "SHA256SUMS.minisig").write_bytes(sign(SUMS, keys.key, COMMENT))
    done = subprocess.run(
        ["/usr/bin/minisign", "-Vm", "SHA256SUMS", "-p", str(keys.public)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "Trusted comment: dossier release serial=3 time=2021-06-02T08:30:00Z "
        "file:SHA256SUMS" in done.stdout
    )


def test_debian_minisign_rejects_a_changed_file(tmp_path, keys):
    (tmp_path / "SHA256SUMS").write_bytes(SUMS.replace(b"0", b"1", 1))
    (tmp_path / "SHA256SUMS.minisig").write_bytes(sign(SUMS, keys.key, COMMENT))
    done = subprocess.run(
        ["/usr/bin/minisign", "-Vm", "SHA256SUMS", "-p", str(keys.public)],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode != 0


def test_the_same_release_always_gets_the_same_signature(keys):
    assert sign(SUMS, keys.key, COMMENT) == sign(SUMS, keys.key, COMMENT)


def test_verify_returns_the_trusted_comment(keys):
    signature = sign(SUMS, keys.key, COMMENT)
    assert verify(SUMS, signature, keys.public.read_bytes()) == COMMENT
    with pytest.raises(minisign.VerifyError):
        verify(SUMS + b"x", signature, keys.public.read_bytes())


def test_key_id_is_the_one_minisign_prints(tmp_path):
    subprocess.run(
        ["/usr/bin/minisign", "-G", "-W", "-p", "m.pub", "-s", "m.key"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    comment = (tmp_path / "m.pub").read_text().splitlines()[0]
    printed = comment.rsplit(" ", 1)[1]
    public = minisign.PublicKey.from_file(tmp_path / "m.pub")
    assert key_id(public) == printed.rjust(16, "0")


def test_a_key_made_by_the_minisign_tool_signs(tmp_path):
    subprocess.run(
        ["/usr/bin/minisign", "-G", "-W", "-p", "m.pub", "-s", "m.key"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    key = load_secret_key(tmp_path / "m.key", "test", None)
    signature = sign(SUMS, key, COMMENT)
    assert verify(SUMS, signature, (tmp_path / "m.pub").read_bytes()) == COMMENT


def test_an_encrypted_key_is_opened_with_the_password(tmp_path):
    files = write_keys(tmp_path / "k", password="correct horse")
    key = load_secret_key(files.secret, "test", "correct horse")
    assert verify(SUMS, sign(SUMS, key, COMMENT), files.public.read_bytes())


def test_an_encrypted_key_without_password_stops_the_build(tmp_path):
    files = write_keys(tmp_path / "k", password="correct horse")
    with pytest.raises(ReleaseError, match="DOSSIER_MINISIGN_PASSWORD"):
        load_secret_key(files.secret, "test", None)


def test_a_wrong_password_stops_the_build(tmp_path):
    files = write_keys(tmp_path / "k", password="correct horse")
    with pytest.raises(ReleaseError, match="cannot decrypt"):
        load_secret_key(files.secret, "test", "wrong")


def test_a_key_inside_a_repository_is_refused(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    files = write_keys(tmp_path / "repo" / "keys")
    with pytest.raises(ReleaseError, match="inside the repository"):
        load_secret_key(files.secret, "RELEASE_KEY_FILE", None)


def test_a_missing_key_file_stops_the_build(tmp_path):
    with pytest.raises(ReleaseError, match="cannot read the signing key"):
        load_secret_key(tmp_path / "nope.key", "DOSSIER_MINISIGN_KEY_FILE", None)


def test_a_file_that_is_not_a_key_stops_the_build(tmp_path):
    (tmp_path / "junk.key").write_text("hello\n")
    with pytest.raises(ReleaseError, match="is not a minisign secret key"):
        load_secret_key(tmp_path / "junk.key", "test", None)


def test_signing_key_must_match_the_published_public_key(tmp_path, keys):
    other = write_keys(tmp_path / "other")
    check_public_key(keys.key, keys.public)
    check_public_key(keys.key, None)
    with pytest.raises(ReleaseError, match="does not match the published public key"):
        check_public_key(keys.key, other.public)


def test_the_committed_sample_key_is_public_only():
    keys = Path(__file__).resolve().parents[2] / "keys"
    assert sorted(p.name for p in keys.iterdir()) == ["dossier.pub"]
    minisign.PublicKey.from_file(keys / "dossier.pub")
