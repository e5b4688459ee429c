"""Check a mirror copy of a Dossier release (what `make verify` runs).

    .venv/bin/python tools/verify.py DIR --pubkey dossier.pub [--origin release.json]

Exit status 0: the copy verifies; 1: it does not (or is behind the origin);
2: misuse. `make verify` turns any failure into make's own status 2, so
scripts that need to tell them apart call this file. See docs/mirrors.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from release.verify import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
