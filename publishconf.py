"""Production settings: `pelican content -s publishconf.py`.

pelicanconf.py already builds the publishable site (relative URLs, absolute
only in feeds and the sitemap); this file is where a deployment changes the
canonical address.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402

SITEURL = "https://dossier.example"
SITEMAP_BASE = SITEURL + "/"
FEED_DOMAIN = SITEURL

# A production release must be signed; set DOSSIER_MINISIGN_KEY_FILE
# (docs/mirrors.md). Sample and preview builds stay unsigned.
RELEASE_REQUIRE_SIGNATURE = True
