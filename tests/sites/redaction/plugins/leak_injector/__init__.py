"""Test plugin: writes REDACTION_TEST_LEAKS into the output before the guard.

Stands for a leak that slipped past rendering (a template, a feed, a search
index). Listed before redaction in PLUGINS, so its `finalized` receiver runs
before the guard's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals


def inject(pelican: Any) -> None:
    for relpath, text in (pelican.settings.get("REDACTION_TEST_LEAKS") or {}).items():
        target = Path(pelican.output_path) / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def register() -> None:
    signals.finalized.connect(inject)
