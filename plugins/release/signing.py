"""Sign SHA256SUMS with minisign, so mirrors can check a copy with `minisign -V`.

The secret key never lives in the repository: it is read from a file named
by the `RELEASE_KEY_FILE` setting or the `DOSSIER_MINISIGN_KEY_FILE`
environment variable, decrypted with `DOSSIER_MINISIGN_PASSWORD` when it is
encrypted. Ed25519 signatures are deterministic and the trusted comment
carries the release serial and time, not a timestamp, so the same release
always gets the same signature bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

import minisign

from .staging import ReleaseError


def trusted_comment(serial: int, time: str) -> str:
    return f"dossier release serial={serial} time={time} file:SHA256SUMS"


def inside_repository(path: Path) -> Path | None:
    """The Git work tree that contains `path`, if any."""
    for folder in path.resolve().parents:
        if (folder / ".git").exists():
            return folder
    return None


def load_secret_key(
    path: Path, origin: str, password: str | None
) -> minisign.SecretKey:
    """Read and, if needed, decrypt the signing key; every failure is loud."""
    if repository := inside_repository(path):
        raise ReleaseError(
            f"the signing key {path} (from {origin}) is inside the repository "
            f"{repository}; a secret key must never be committed. Move it outside, "
            "for example to ~/.config/dossier/minisign.key"
        )
    try:
        key = minisign.SecretKey.from_file(path)
    except OSError as error:
        raise ReleaseError(
            f"cannot read the signing key {path} (from {origin}): {error.strerror}"
        ) from error
    except minisign.Error as error:
        raise ReleaseError(
            f"{path} (from {origin}) is not a minisign secret key: {error}"
        ) from error
    if key.is_encrypted():
        if password is None:
            raise ReleaseError(
                f"the signing key {path} is encrypted; put its password in the "
                "DOSSIER_MINISIGN_PASSWORD environment variable"
            )
        try:
            key.decrypt(password)
        except minisign.Error as error:
            raise ReleaseError(
                f"cannot decrypt the signing key {path}: {error}"
            ) from error
    return key


def check_public_key(key: minisign.SecretKey, public_key_file: Path | None) -> None:
    """Signing with a key mirrors do not have would make every copy fail."""
    if public_key_file is None:
        return
    published = minisign.PublicKey.from_file(public_key_file)
    if published != key.get_public_key():
        raise ReleaseError(
            f"the signing key {key_id(key.get_public_key())} does not match the "
            f"published public key {public_key_file} ({key_id(published)}); "
            "sign with the matching key or publish this key's public half there"
        )


def key_id(public_key: minisign.PublicKey) -> str:
    """The key id as the minisign tool prints it: 16 hex digits."""
    raw = base64.b64decode(public_key.to_base64())[2:10]
    # minisign prints the id as a little-endian 64-bit number
    return raw[::-1].hex().upper()


def sign(sums: bytes, key: minisign.SecretKey, comment: str) -> bytes:
    """The bytes of SHA256SUMS.minisig for `sums`."""
    signature = key.sign(
        sums,
        prehash=True,
        untrusted_comment="signature from the Dossier release key",
        trusted_comment=comment,
    )
    return bytes(signature) + b"\n"


def verify(data: bytes, signature: bytes, public_key: bytes) -> str:
    """Check a signature; returns its trusted comment, raises minisign.Error."""
    parsed = minisign.Signature.from_bytes(signature)
    minisign.PublicKey.from_bytes(public_key).verify(data, parsed)
    return parsed.trusted_comment
