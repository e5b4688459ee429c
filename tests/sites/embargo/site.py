"""Embargo fixture: the project's settings with held entries in every surface.

Every value that belongs to a held entry carries a canary token (`cnry…`,
`Cnry…`) so that tests/embargo/test_canary.py can search the output for it.
Two vendors are declared, so each one's preview can be checked against the
other's entries.
"""

import os
import sys
from pathlib import Path

ROOT = Path(os.environ.get("DOSSIER_ROOT") or Path(__file__).resolve().parents[3])
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402, F403

PATH = "content"
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
SITENAME = "Embargo fixture"
EMBARGO_AUDIENCES = {"acme": "Acme Devices", "globex": "Globex"}
# small pages, so the number of index and tag pages would betray a held entry
DEFAULT_PAGINATION = 2
