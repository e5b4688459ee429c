"""Benchmark settings: the project's pelicanconf.py, every plugin it lists on.

The corpus folder comes from the command line (`pelican <corpus>/content`).
Only what the generated corpus needs is added here; run.py reads the plugin
list from pelicanconf.py itself, so the benchmark follows the real site.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402, F403

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
SITENAME = "Dossier benchmark"
# the audience and the reason that bench/generate.py writes into the corpus
EMBARGO_AUDIENCES = {
    **globals().get("EMBARGO_AUDIENCES", {}),
    "bench-vendor": "Bench Vendor",
}
REDACTION_REASONS = {"name": "personal name", **globals().get("REDACTION_REASONS", {})}
