"""The release plugin's settings, read once per build with their defaults.

The signing key's location may come from a setting, but its password only
from the environment, so no secret ever has to be written into a file that
could be committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEY_FILE_ENV = "DOSSIER_MINISIGN_KEY_FILE"
PASSWORD_ENV = "DOSSIER_MINISIGN_PASSWORD"


@dataclass(frozen=True)
class ReleaseSettings:
    site: str
    # where the signing key comes from, and what to call that in messages
    key_file: Path | None = None
    key_origin: str = ""
    password: str | None = field(default=None, repr=False)
    # the public key mirrors check with; published as dossier.pub
    public_key: Path | None = None
    require_signature: bool = False
    source_date_epoch: str | None = None
    # folders a release must never replace (content, theme, plugins)
    protected: tuple[Path, ...] = ()

    @classmethod
    def read(
        cls, settings: Mapping[str, Any], environ: Mapping[str, str]
    ) -> ReleaseSettings:
        """The setting RELEASE_KEY_FILE wins over DOSSIER_MINISIGN_KEY_FILE."""
        key_file, key_origin = None, ""
        if settings.get("RELEASE_KEY_FILE"):
            key_file, key_origin = settings["RELEASE_KEY_FILE"], "RELEASE_KEY_FILE"
        elif environ.get(KEY_FILE_ENV):
            key_file, key_origin = environ[KEY_FILE_ENV], KEY_FILE_ENV
        public_key = settings.get("RELEASE_PUBLIC_KEY")
        protected = [settings.get("PATH"), settings.get("THEME")]
        protected += list(settings.get("PLUGIN_PATHS") or [])
        return cls(
            site=str(settings.get("SITENAME", "")),
            key_file=Path(key_file).expanduser() if key_file else None,
            key_origin=key_origin,
            password=environ.get(PASSWORD_ENV),
            public_key=Path(public_key) if public_key else None,
            require_signature=bool(settings.get("RELEASE_REQUIRE_SIGNATURE", False)),
            source_date_epoch=environ.get("SOURCE_DATE_EPOCH") or None,
            protected=tuple(Path(p) for p in protected if p),
        )
