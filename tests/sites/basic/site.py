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
SITENAME = "Fixture"
# the fixture's attachments the output guards cannot read (docs/editors.md)
ATTACHMENTS_VOUCHED = {
    "volumes/alpha/files/chart.png": (
        "eb569a1a53b35d814c5d30c0a888e8a11dcc64422b09ba0ab0ca2717811de6c6"
    ),
    "volumes/alpha/files/scan.pdf": (
        "e4024dfaa4bc9bb6fd7d500d70106924084fdbf7cc97c09eae14f325793d25d8"
    ),
}
