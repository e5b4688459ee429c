"""Build a fixture site with the real `pelican` command (import from tests).

Builds run in a subprocess so that each has a fresh Pelican: signal
receivers are process-wide, and a plugin loaded by one build must not
quietly serve the next.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"


@dataclass
class Build:
    output: Path
    returncode: int
    log: str

    def read(self, relpath: str) -> str:
        return (self.output / relpath).read_text(encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*") if p.is_file())


def run_pelican(
    site: Path,
    output: Path,
    *settings: str,
    env: dict[str, str] | None = None,
    verbose: bool = False,
) -> Build:
    """Run `pelican content` for a site folder; settings as NAME=json pairs;
    `verbose` keeps the INFO messages in the log."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(site / "content"),
        "-s",
        str(site / "site.py"),
        "-o",
        str(output),
    ]
    if verbose:
        command.append("-v")
    if settings:
        # one -e with every pair: Pelican keeps only the last -e it is given
        command += ["-e", *settings]
    done = subprocess.run(
        command,
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "DOSSIER_ROOT": str(ROOT), **(env or {})},
        check=False,
    )
    return Build(output, done.returncode, done.stdout + done.stderr)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file and folder under `folder`:
    equal snapshots mean a build left it exactly as it was."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else b"<dir>",
            p.stat().st_mtime_ns,
        )
        for p in [folder, *folder.rglob("*")]
    }


def copy_site(source: Path, copy: Path) -> Path:
    """A private copy of a fixture site that a test may break; never the
    reader cache, which another test process may be writing."""
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache"))
    return copy


def previous_release(out: Path) -> Path:
    """An output folder holding a previous release that must survive."""
    out.mkdir()
    (out / "index.html").write_text("previous release\n")
    return out
