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
# the fixture's attachments the output guards cannot read (docs/editors.md)
ATTACHMENTS_VOUCHED = {
    "volumes/cnry-acmevol-slug/files/cnry-acmeattach-name.pdf": (
        "daca561317be5a9fa9501293bd7d12e3019a6841d2b1e2b130b121997d1afb97"
    ),
    "volumes/open/files/open-scan.pdf": (
        "acc6d9ee5176d30a8526b2e459a9faa40b58562368735c6014cc70b3a31c3153"
    ),
}
