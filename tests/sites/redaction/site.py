"""Redaction fixture: the project's settings, with this folder's names file.

Every canary word in content/ is redacted somewhere; tests build the site
and search every output byte for them.
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
PLUGIN_PATHS = [str(ROOT / "plugins")]
SITENAME = "Redaction fixture"
REDACTION_NAMES_FILE = str(FIXTURE / "names.txt")
# the fixture's attachments the output guards cannot read (docs/editors.md)
ATTACHMENTS_VOUCHED = {
    "volumes/leak/files/chart.png": (
        "eb569a1a53b35d814c5d30c0a888e8a11dcc64422b09ba0ab0ca2717811de6c6"
    ),
}
