"""Signing keys for release tests: made fresh in tmp_path, never committed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import minisign


@dataclass
class KeyFiles:
    secret: Path
    public: Path
    key: minisign.SecretKey


def write_keys(folder: Path, password: str | None = None) -> KeyFiles:
    folder.mkdir(parents=True, exist_ok=True)
    pair = minisign.KeyPair.generate()
    public = folder / "test.pub"
    public.write_bytes(bytes(pair.public_key) + b"\n")
    key = pair.secret_key
    secret = folder / "test.key"
    if password is not None:
        # the smallest cost scrypt allows: fast tests, same file format
        key.encrypt(password, opslimit=32768, memlimit=16777216)
        secret.write_bytes(bytes(key) + b"\n")
        key.decrypt(password)
    else:
        secret.write_bytes(bytes(key) + b"\n")
    return KeyFiles(secret, public, key)
