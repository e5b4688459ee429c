"""The embargo plugin's settings, read and checked once per build.

The clock lives here too: `now` is read once per build, so every decision of
one build uses the same moment, and `EMBARGO_NOW` replaces it without
touching `SOURCE_DATE_EPOCH` (that one is the age of the source, this one
the wall time).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from content_model.dates import TimestampError, parse_timestamp

AUDIENCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DEFAULT_NEXT_LIFT_FILE = ".build/next-lift"
DEFAULT_PUBLIC_OUTPUT = "output"
PELICAN_INTRASITE_LINK_REGEX = r"[{|](?P<what>.*?)[|}]"


class EmbargoSettingsError(Exception):
    """A setting is wrong; the build stops before reading any content."""

    exitcode = 2

    def __init__(self, message: str) -> None:
        super().__init__(f"embargo: {message}")


@dataclass(frozen=True)
class EmbargoSettings:
    audiences: Mapping[str, str]  # id -> display name
    audience: str | None  # the vendor this preview is for; None: public build
    now: datetime  # aware, UTC
    clock_overridden: bool  # EMBARGO_NOW was set
    wall_clock: datetime  # the real time, whatever EMBARGO_NOW says
    site_root: Path  # the folder holding the content folder; relative paths start here
    public_output: Path  # the folder readers and mirrors get
    next_lift_file: Path
    intrasite_link_regex: str = PELICAN_INTRASITE_LINK_REGEX

    @property
    def preview(self) -> bool:
        return self.audience is not None

    @property
    def audience_name(self) -> str | None:
        return self.audiences[self.audience] if self.audience else None


def read_settings(settings: Mapping[str, Any], real_now: datetime) -> EmbargoSettings:
    """Check every embargo setting; `real_now` is the wall clock, in UTC."""
    audiences = settings.get("EMBARGO_AUDIENCES") or {}
    if not isinstance(audiences, Mapping):
        raise EmbargoSettingsError(
            "EMBARGO_AUDIENCES must be a dict of audience id -> display name, "
            'such as {"acme": "Acme Devices"}'
        )
    for key, name in audiences.items():
        if not isinstance(key, str) or not AUDIENCE_ID.match(key):
            raise EmbargoSettingsError(
                f"EMBARGO_AUDIENCES id {key!r} is not an id; use lowercase "
                "letters, digits and hyphens, such as acme"
            )
        if not isinstance(name, str) or not name.strip():
            raise EmbargoSettingsError(
                f"EMBARGO_AUDIENCES[{key!r}] needs a display name, such as "
                '"Acme Devices"'
            )
    audience = settings.get("EMBARGO_AUDIENCE")
    if audience is not None and audience not in audiences:
        known = ", ".join(sorted(audiences)) or "none"
        raise EmbargoSettingsError(
            f"EMBARGO_AUDIENCE {audience!r} is not declared in EMBARGO_AUDIENCES "
            f"(declared: {known}); a preview is built only for a declared vendor"
        )
    override = settings.get("EMBARGO_NOW")
    now = real_now
    if override is not None:
        try:
            now = parse_timestamp(str(override), require_zone=True)
        except TimestampError as error:
            raise EmbargoSettingsError(f"EMBARGO_NOW {error}") from None
    root = Path(settings["PATH"]).resolve().parent
    return EmbargoSettings(
        audiences=dict(audiences),
        audience=audience,
        now=now,
        clock_overridden=override is not None,
        wall_clock=real_now,
        site_root=root,
        public_output=_path(
            root, settings.get("EMBARGO_PUBLIC_OUTPUT") or DEFAULT_PUBLIC_OUTPUT
        ),
        next_lift_file=_path(
            root, settings.get("EMBARGO_NEXT_LIFT_FILE") or DEFAULT_NEXT_LIFT_FILE
        ),
        intrasite_link_regex=settings.get(
            "INTRASITE_LINK_REGEX", PELICAN_INTRASITE_LINK_REGEX
        ),
    )


def _path(root: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return (path if path.is_absolute() else root / path).resolve()


def inside(path: Path, folder: Path) -> bool:
    """`path` is `folder` or somewhere below it (both resolved)."""
    return path == folder or path.is_relative_to(folder)


def check_output(settings: EmbargoSettings, output: Path) -> None:
    """Refuse output folders that would publish what this build must not.

    The next-lift file is for the editors' timer, never for readers. A
    preview holds entries meant for one vendor, so it never goes into (or
    around) the public output folder. A public build with the clock moved
    into the future would publish everything embargoed until then (moved
    into the past it only holds more back).
    """
    output = output.resolve()
    public = settings.public_output
    lift = settings.next_lift_file
    writes_lift = not settings.preview and not settings.clock_overridden
    if writes_lift and (inside(lift, output) or inside(lift, public)):
        raise EmbargoSettingsError(
            f"EMBARGO_NEXT_LIFT_FILE {lift} is inside the output folder, where "
            "readers and mirrors would get it; use a path outside it, such as "
            ".build/next-lift"
        )
    if settings.preview and (inside(output, public) or inside(public, output)):
        raise EmbargoSettingsError(
            f"a preview for {settings.audience!r} must not be written to {output}, "
            f"which is or contains the public output folder {public}; build it "
            f"with -o previews/{settings.audience} (make preview "
            f"AUDIENCE={settings.audience})"
        )
    ahead = settings.now > settings.wall_clock
    if ahead and not settings.preview and inside(output, public):
        raise EmbargoSettingsError(
            f"EMBARGO_NOW is in the future, and the output folder {output} is "
            "the public one: that would publish entries before their moment; "
            "build into another folder, such as -o /tmp/dossier-then"
        )
