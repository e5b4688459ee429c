"""Check a mirror copy: signature, every checksum, missing and extra files, age.

    python -m release.verify DIR [--pubkey dossier.pub] [--origin release.json]

One finding per line, `<word> <details>`, and a last `result` line, so a
script can grep for what it cares about. Exit status: 0 the copy verifies
(and is not behind the origin), 1 it does not, 2 the command was misused or
an input could not be read. docs/mirrors.md describes every line.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import minisign

from .manifest import RELEASE, SIGNATURE, SUMS, UNSUMMED, ManifestError, parse_sums
from .signing import key_id, verify

OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """An argument or input the verifier cannot work with (exit status 2)."""


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    signature: str = "missing"  # ok, bad, missing or unchecked
    behind: str = "unknown"  # releases behind the origin, when one is given

    def add(self, word: str, detail: str, *, fails: bool = False) -> None:
        self.lines.append(f"{word} {detail}".rstrip())
        self.counts[word] = self.counts.get(word, 0) + 1
        self.failed = self.failed or fails


def check_signature(
    root: Path, report: Report, public_key: bytes | None, allow_unsigned: bool
) -> None:
    sums, signature = root / SUMS, root / SIGNATURE
    if not signature.is_file():
        report.add("signature", "missing", fails=not allow_unsigned)
        return
    if public_key is None:
        report.signature = "unchecked"
        report.add("signature", "unchecked (no public key given)")
        return
    try:
        comment = verify(sums.read_bytes(), signature.read_bytes(), public_key)
    except (minisign.Error, OSError) as error:
        report.signature = "bad"
        report.add("signature", f"bad ({error})", fails=True)
        return
    report.signature = "ok"
    report.add(
        "signature",
        f"ok key={key_id(minisign.PublicKey.from_bytes(public_key))} "
        f"comment={json.dumps(comment)}",
    )


def check_files(root: Path, report: Report, ignore: list[str]) -> dict[str, str]:
    """changed, missing and extra files against SHA256SUMS."""
    try:
        listed = parse_sums((root / SUMS).read_bytes())
    except FileNotFoundError:
        report.add("sums", f"missing {SUMS}", fails=True)
        return {}
    except (ManifestError, UnicodeDecodeError) as error:
        report.add("sums", f"malformed ({error})", fails=True)
        return {}
    for path, digest in listed.items():
        file = root / path
        if not file.is_file() or file.is_symlink():
            report.add("missing", path, fails=True)
        elif _sha256(file) != digest:
            report.add("changed", path, fails=True)
    for file in sorted(root.rglob("*")):
        path = file.relative_to(root).as_posix()
        if file.is_dir() and not file.is_symlink():
            continue
        if path in listed or path in UNSUMMED:
            continue
        if any(fnmatch.fnmatchcase(path, pattern) for pattern in ignore):
            continue
        report.add("extra", path, fails=True)
    return listed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            digest.update(chunk)
    return digest.hexdigest()


def read_serial(path: Path) -> tuple[int, str]:
    """(serial, time) from a release.json; UsageError if it cannot be read."""
    if path.is_dir():
        path = path / RELEASE
    try:
        data = json.loads(path.read_bytes())
        return int(data["serial"]), str(data["time"])
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{path} is not a Dossier release.json ({error})") from error


def check_release(root: Path, report: Report, origin: tuple[int, str] | None) -> None:
    """The copy's serial, and how many releases it is behind the origin."""
    try:
        serial, time = read_serial(root)
    except UsageError as error:
        report.add("release", f"unreadable ({error})", fails=True)
        return
    report.add("release", f"serial={serial} time={time}")
    if origin is None:
        return
    origin_serial, origin_time = origin
    behind = origin_serial - serial
    report.behind = str(max(behind, 0))
    state = "behind" if behind > 0 else "current" if behind == 0 else "ahead"
    report.add(
        "origin",
        f"{state} serial={origin_serial} time={origin_time} behind={max(behind, 0)}",
        fails=behind > 0,
    )


def verify_copy(
    root: Path,
    public_key: bytes | None,
    origin: Path | None = None,
    allow_unsigned: bool = False,
    ignore: list[str] | None = None,
) -> Report:
    """Everything a mirror operator needs to know about one copy."""
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    origin_release = read_serial(origin) if origin is not None else None
    report = Report()
    check_signature(root, report, public_key, allow_unsigned)
    check_files(root, report, ignore or [])
    check_release(root, report, origin_release)
    counts = " ".join(
        f"{word}={report.counts.get(word, 0)}"
        for word in ("changed", "missing", "extra")
    )
    verdict = "FAIL" if report.failed else "OK"
    report.add(
        "result",
        f"{verdict} signature={report.signature} {counts} behind={report.behind}",
    )
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="make verify", description="Check a mirror copy of a Dossier release."
    )
    parser.add_argument("dir", type=Path, help="the copy to check")
    parser.add_argument("--pubkey", type=Path, help="the minisign public key file")
    parser.add_argument(
        "--origin", type=Path, help="the origin's release.json (or its folder)"
    )
    parser.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="accept a copy without SHA256SUMS.minisig (local test builds)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="GLOB",
        help="extra files the mirror adds on purpose, e.g. 'mirror/*'",
    )
    return parser


def main(
    argv: list[str] | None = None, out: Callable[[str], None] | None = None
) -> int:
    write = out or (lambda line: sys.stdout.write(line + "\n"))
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return USAGE if exit_.code else OK
    try:
        if args.pubkey is None and not args.allow_unsigned:
            raise UsageError("give --pubkey (PUBKEY=…) or --allow-unsigned")
        public_key = _read_public_key(args.pubkey)
        report = verify_copy(
            args.dir, public_key, args.origin, args.allow_unsigned, args.ignore
        )
    except UsageError as error:
        write(f"usage {error}")
        return USAGE
    for line in report.lines:
        write(line)
    return FAILED if report.failed else OK


def _read_public_key(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        data = path.read_bytes()
        minisign.PublicKey.from_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from error
    except minisign.Error as error:
        raise UsageError(f"{path} is not a minisign public key ({error})") from error
    return data


if __name__ == "__main__":
    sys.exit(main())
