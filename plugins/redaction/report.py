"""The editors' audit: every redaction of a build, for review before release.

The report holds the original text, because an editor cannot judge a
redaction without seeing what it hides. So it is private: written outside
the output folder (the plugin refuses a path inside it), under reports/,
which git ignores, and never published. CSV for a spreadsheet, or Markdown
for a path ending in .md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from .marks import Redaction

COLUMNS = ("file", "line", "reason", "kind", "placement", "original")


def rows(found: Iterable[Redaction]) -> list[tuple[str, ...]]:
    """One row per redaction, in source order."""
    ordered = sorted(found, key=lambda r: (r.path, r.line, r.placement, r.original))
    return [
        (
            r.path,
            str(r.line),
            r.reason or "",
            r.kind,
            r.placement,
            " ".join(r.original.split()) if not r.block else r.original.strip(),
        )
        for r in ordered
    ]


def as_csv(found: Iterable[Redaction]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(found))
    return out.getvalue()


def as_markdown(found: Iterable[Redaction]) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    lines = [
        "# Redactions (private: never publish this file)",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows(found)]
    return "\n".join(lines) + "\n"


def write_report(path: Path, found: Iterable[Redaction]) -> Path:
    """Write the report (CSV, or Markdown for a .md path); return where."""
    text = as_markdown(found) if path.suffix == ".md" else as_csv(found)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
