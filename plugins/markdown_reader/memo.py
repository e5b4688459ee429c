"""What a check found in a file's bytes, kept for the next build.

The redaction guard and the link check read every output file of every
build, yet after an edit most pages have exactly the bytes they had: the
guard's verdict on them, and the links and ids the link check finds in
them, cannot have changed. A `DigestMemo` keeps such results by the
sha256 of the bytes, under a key that names everything else the check
depends on (its code, its settings, and for the guard the very texts it
searches). A different key starts empty; nothing is trusted across keys.

The guard keeps only passes: a file that leaked is always searched again.
The memo lives beside the reader cache (READER_CACHE), private like it,
and without that setting, or while the plugins' code on disk is not the
code running (cache.code_changed_since), nothing is kept. Each build keeps
only what it used, so the file stays the size of one site; a build that
checked nothing (no change, so no page written) leaves it as it was. Results are
plain data (no class of ours is pickled), and a file that cannot be read
back, for any reason, is an empty memo.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import IMPORTED_NS, KEY_SETTING, CacheSettings, code_changed_since

logger = logging.getLogger(__name__)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class DigestMemo:
    """One check's results by file digest; `path` None keeps them in memory."""

    path: Path | None
    key: str
    known: dict[str, Any] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)
    reused: int = 0  # results this build took from an earlier one

    @classmethod
    def load(cls, path: Path | None, key: str) -> DigestMemo:
        """The results stored at `path` under `key`, or none."""
        if path is None:
            return cls(None, key)
        try:
            with open(path, "rb") as handle:
                stored_key, known = pickle.load(handle)
        except FileNotFoundError:
            return cls(path, key)
        # anything at all: a damaged file, or one an older version wrote
        except Exception as error:  # noqa: BLE001 (only speed depends on it)
            logger.warning("markdown_reader: ignoring memo %s (%r)", path, error)
            return cls(path, key)
        if stored_key != key or not isinstance(known, dict):
            return cls(path, key)
        return cls(path, key, known)

    @classmethod
    def for_build(
        cls, settings: Mapping[str, Any], check: str, *parts: str
    ) -> DigestMemo:
        """The memo of one check for this build, keyed by the reader cache's
        key (settings, files they name, every plugin's code, library versions)
        and by `parts`, what else the check's results depend on."""
        reader_key = settings.get(KEY_SETTING)
        base = CacheSettings.read(settings).base if reader_key else None
        # under --autoreload, code edited since start-up is not the code
        # running: results it finds must not be filed under the new code
        if base is not None and code_changed_since(settings, IMPORTED_NS):
            base = None
        key = hashlib.sha256(
            "\0".join((check, str(reader_key), *parts)).encode()
        ).hexdigest()
        return cls.load(None if base is None else base / f"{check}.memo", key)

    def get(self, digest: str) -> Any | None:
        """The result stored for these bytes, kept for the next build too."""
        value = self.known.get(digest)
        if value is not None:
            self.kept[digest] = value
            self.reused += 1
        return value

    def put(self, digest: str, value: Any) -> None:
        self.kept[digest] = value

    def save(self) -> None:
        """Store what this build used or found, in place of the old results.

        A build that used and found nothing leaves the old results: it
        checked no file (a rebuild with no change writes none), so they are
        still the site's, and the next build after an edit needs them. Only
        speed depends on the memo: a failure is logged, not raised."""
        if self.path is None or not self.kept:
            return
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=self.path.parent, prefix=".tmp-", delete=False
            ) as handle:
                temporary = Path(handle.name)
                pickle.dump(
                    (self.key, self.kept), handle, protocol=pickle.HIGHEST_PROTOCOL
                )
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, TypeError) as error:
            logger.warning(
                "markdown_reader: cannot store memo %s (%s)", self.path, error
            )
            if temporary is not None:
                temporary.unlink(missing_ok=True)
