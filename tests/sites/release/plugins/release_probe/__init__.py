"""Test probe: a guard that runs at `finalized` before the release plugin.

Driven by environment variables so that one fixture site serves every
release test: RELEASE_PROBE_LOG names a file to which the probe appends the
folder it was asked to check; RELEASE_PROBE_FAIL makes it fail the build
like a guard that found a leak; RELEASE_PROBE_PAUSE names a file the probe
creates before it sleeps, so a test can kill the build mid-way.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from pelican import signals


def probe(pelican: Any) -> None:
    if log := os.environ.get("RELEASE_PROBE_LOG"):
        with Path(log).open("a") as handle:
            handle.write(f"{pelican.output_path}\n")
    if os.environ.get("RELEASE_PROBE_FAIL"):
        raise RuntimeError("release_probe: simulated guard failure")
    if pause := os.environ.get("RELEASE_PROBE_PAUSE"):
        Path(pause).write_text("paused\n")
        time.sleep(120)


def register() -> None:
    signals.finalized.connect(probe)
