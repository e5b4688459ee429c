"""Per-build state that plugins hand to each other between signals.

Pelican gives `all_generators_finalized` the generators and `finalized` only
the Pelican object, so facts gathered while reading (held entries, redacted
originals) must travel through something both can reach: the settings dict,
under one key, replaced at the start of every build (`get_generators` is
sent at the start of every `Pelican.run()`, autoreload included). Never
module-level state: it would leak from one build into the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATE_KEY = "DOSSIER_BUILD_STATE"


@dataclass
class BuildState:
    """A namespace per plugin: `state.data["embargo"]`, `state.data["redaction"]`."""

    data: dict[str, Any] = field(default_factory=dict)


def start_build(pelican: Any) -> None:
    """At `get_generators`: a fresh state for this build."""
    pelican.settings[STATE_KEY] = BuildState()


def build_state(settings: dict[str, Any]) -> BuildState:
    """The current build's state; fails loudly if content_model did not run."""
    try:
        return settings[STATE_KEY]
    except KeyError:
        raise RuntimeError(
            "no build state: the content_model plugin must be loaded first"
        ) from None
