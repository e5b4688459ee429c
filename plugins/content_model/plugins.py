"""Fail the build when a Dossier plugin did not load.

Pelican only logs a plugin that fails to import or register, then publishes
without it; for the embargo plugin that would publish held entries.
"""

from __future__ import annotations

from typing import Any

from .errors import ContentError, ContentErrors


def missing_plugins(required: list[str], loaded: list[str]) -> list[str]:
    """The required plugin names that Pelican did not load, in order."""
    return [name for name in required if name not in loaded]


def check_plugins_loaded(pelican: Any) -> None:
    """At `initialized`: every plugin named in DOSSIER_PLUGINS is in PLUGINS."""
    settings = pelican.settings
    required = settings.get("DOSSIER_PLUGINS")
    if required is None:
        raise ContentErrors(
            [ContentError("pelicanconf.py", 1, "DOSSIER_PLUGINS is not set")]
        )
    loaded = [str(name) for name in settings.get("PLUGINS") or []]
    if missing := missing_plugins(list(required), loaded):
        raise ContentErrors(
            [
                ContentError(
                    "pelicanconf.py",
                    1,
                    f"plugin {name} did not load (see the error above); "
                    "refusing to build without it",
                )
                for name in missing
            ]
        )
