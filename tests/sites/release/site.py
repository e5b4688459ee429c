"""Release fixture: the project's settings plus a probe plugin just before release.

The probe stands for the guards of other plugins (embargo self-check,
redaction guard), which run at `finalized` before release publishes.
"""

import os
import sys
from pathlib import Path

# not HERE: the star import below would replace it with pelicanconf's
FIXTURE = Path(__file__).resolve().parent
# tests may build a copy of this folder elsewhere; they say where the repo is
ROOT = Path(os.environ.get("DOSSIER_ROOT") or FIXTURE.parents[2])
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402, F403

PATH = "content"
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins"), str(FIXTURE / "plugins")]
SITENAME = "Release fixture"
PLUGINS = [p for p in PLUGINS if p != "release"] + ["release_probe", "release"]
DOSSIER_PLUGINS = [p for p in DOSSIER_PLUGINS if p != "release"] + ["release"]
