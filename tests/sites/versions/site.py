"""Fixture site settings: the project's pelicanconf.py with this folder's content.

Named site.py, not pelicanconf.py: Pelican imports a settings file under its
own name, so a fixture pelicanconf.py could not import the real one.
"""

import os
import sys
from pathlib import Path

# tests may build a copy of this folder elsewhere; they say where the repo is
ROOT = Path(os.environ.get("DOSSIER_ROOT") or Path(__file__).resolve().parents[3])
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402, F403

PATH = "content"
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
SITENAME = "Versions fixture"
