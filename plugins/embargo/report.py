"""The editors' report and the next-lift file a timer rebuilds from.

Both stay outside the output folder: the report goes to the build log, and
the next-lift file holds one UTC moment, so a cron job or systemd timer can
rebuild right after it (see docs/embargo.md).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from .config import EmbargoSettings
from .core import Hold, next_lift


def utc(moment: datetime) -> str:
    """`2030-01-01T00:00:00Z`: the form the Embargo header takes."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def report_lines(
    holds: Mapping[str, Hold],
    displays: Mapping[str, str],
    audiences: Mapping[str, str],
    shown: frozenset[str],
) -> list[str]:
    """One line per held entry, earliest lift first: moment, audience, file."""
    lines = []
    for path, hold in sorted(holds.items(), key=lambda i: (i[1].until, displays[i[0]])):
        who = (
            ", ".join(f"{audiences.get(a, a)} ({a})" for a in sorted(hold.audiences))
            or "no preview audience"
        )
        state = "shown in this preview" if path in shown else "held"
        why = "" if hold.reason == "own Embargo" else f"; {hold.reason}"
        lines.append(f"{utc(hold.until)}  {state}  {displays[path]}  [{who}{why}]")
    return lines


def report_text(
    settings: EmbargoSettings,
    holds: Mapping[str, Hold],
    displays: Mapping[str, str],
    hidden: frozenset[str],
) -> str:
    """The report: a title line with the counts, then one line per entry."""
    shown = frozenset(holds) - hidden
    clock = "EMBARGO_NOW" if settings.clock_overridden else "the clock"
    if settings.preview:
        title = (
            f"embargo: preview for {settings.audience_name} ({settings.audience}) "
            f"at {utc(settings.now)} ({clock}): {len(shown)} embargoed entries "
            f"shown, {len(holds) - len(shown)} held back"
        )
    else:
        lift = next_lift(holds.values())
        title = (
            f"embargo: {len(holds)} entries held back at {utc(settings.now)} "
            f"({clock}); next lift {utc(lift) if lift else 'none'}"
        )
    lines = report_lines(holds, displays, settings.audiences, shown)
    return "\n".join([title, *(f"  {line}" for line in lines)])


def write_next_lift(path: Path, moment: datetime | None) -> None:
    """Write the moment atomically; with nothing held, empty an existing file
    (so a timer never rebuilds for a stale moment) but create none."""
    if moment is None and not path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"{utc(moment)}\n" if moment else ""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(text)
        os.chmod(
            temp, 0o644
        )  # mkstemp makes it private; a timer may run as another user
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
