"""Where a profiled Dossier build spends its time, from a cProfile .pstats file.

Two views: the phases of a build (reading, each plugin's signal handlers,
writing) as shares of the whole, and pstats' own top functions by
cumulative and by internal time. Phases are found by file and function
name, so a phase whose code moved or has not landed yet is simply left out.
"""

from __future__ import annotations

import io
import os
import pstats
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (label, file path ending, function name); indented labels are parts of the
# phase above them
PHASES = (
    (
        "Pelican generate_context (read, list)",
        "pelican/generators.py",
        "generate_context",
    ),
    ("  reading entries (read_file)", "pelican/readers.py", "read_file"),
    ("    markdown-it parse", "markdown_it/main.py", "parse"),
    ("    markdown-it render", "markdown_it/renderer.py", "render"),
    ("    sanitizing (bleach, clean_html)", "sanitize/core.py", "clean_html"),
    ("writing pages (write_file, every generator)", "pelican/writers.py", "write_file"),
    ("  Jinja2 templates", "jinja2/environment.py", "render"),
)
SEND = ("blinker/base.py", "send")
PLUGIN_FILE = re.compile(r"plugins/(?P<name>[a-z_]+)/")


def _find(stats: pstats.Stats, suffix: str, name: str) -> list[tuple]:
    table = stats.stats  # type: ignore[attr-defined]
    return [key for key in table if key[0].endswith(suffix) and key[2] == name]


def phases(stats: pstats.Stats) -> list[tuple[str, float]]:
    """(label, seconds) per phase, plus signal-handler time per plugin."""
    table = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in table.values())
    found: list[tuple[str, float]] = [("whole build", total)]
    for label, suffix, name in PHASES:
        keys = _find(stats, suffix, name)
        if keys:
            found.append((label, sum(table[k][3] for k in keys)))
    per_plugin: dict[str, float] = {}
    for key, (_, _, _, _, callers) in table.items():
        match = PLUGIN_FILE.search(key[0])
        if not match:
            continue
        for caller, caller_stats in callers.items():
            if caller[0].endswith(SEND[0]) and caller[2] == SEND[1]:
                name = match["name"]
                per_plugin[name] = per_plugin.get(name, 0.0) + caller_stats[3]
    for name, seconds in sorted(per_plugin.items(), key=lambda kv: -kv[1]):
        found.append((f"{name} plugin's signal handlers", seconds))
    return found


def summary(stats_file: Path, limit: int = 35) -> str:
    """The phase table, then the top functions by cumulative and internal time."""
    text = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=text)
    found = phases(stats)
    total = found[0][1]
    text.write(f"Phases of one profiled build ({stats_file.name}):\n\n")
    text.write("| phase | seconds | share |\n|---|--:|--:|\n")
    for label, seconds in found:
        depth = (len(label) - len(label.lstrip())) // 2
        shown = "· " * depth + label.strip()
        text.write(f"| {shown} | {seconds:.1f} | {seconds / total:.0%} |\n")
    text.write(
        "\nRows overlap: an indented row is part of the row above it, and a\n"
        "plugin's handlers run inside Pelican's phases. cProfile roughly doubles\n"
        "the run time; read the shares, not the seconds.\n\n"
    )
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    # shorter paths: packages by their import path, our code from the root
    shown = text.getvalue()
    for prefix in sorted({p for p in sys.path if "site-packages" in p}, key=len):
        shown = shown.replace(prefix + os.sep, "")
    return shown.replace(str(ROOT) + os.sep, "")
