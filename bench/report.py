"""The benchmark's table and its verdict on the targets of the performance issue."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from statistics import median

# (label, numerator build, denominator build, limit)
RATIO_TARGETS = (
    ("cold build / plain Pelican", "dossier", "pelican", 0.5),
    ("no change / cold build", "dossier-noop", "dossier", 0.2),
    ("edit one document / cold build", "dossier-edit", "dossier", 0.25),
    ("Dossier / Hugo (goal)", "dossier", "hugo", 4.0),
)
MEMORY_LIMIT_MB = 500.0
# time may grow at most 10 % faster than the corpus: 11× from 1,000 to 10,000
GROWTH_SLACK = 1.1
LABELS = {
    "pelican": "plain Pelican 4.12",
    "dossier": "Dossier cold",
    "dossier-noop": "Dossier, no change",
    "dossier-edit": "Dossier, one edited",
    "hugo": "Hugo",
}
RATIO_BASE = {
    "dossier": "pelican",
    "dossier-edit": "dossier",
    "dossier-noop": "dossier",
    "hugo": "dossier",
}


@dataclass
class Result:
    """Every run of one build at one corpus size."""

    samples: list[dict] = field(default_factory=list)

    def median(self, key: str) -> float:
        if key == "cpu":  # user + system time of the whole process tree
            return median(s["user"] + s["sys"] for s in self.samples)
        return median(sample[key] for sample in self.samples)

    def peak(self, key: str) -> float:
        return max(sample[key] for sample in self.samples)


def machine() -> str:
    """nproc, CPU model and memory, read from /proc where it exists."""
    cpu = platform.processor() or "unknown CPU"
    memory = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            models = [ln for ln in handle if ln.startswith("model name")]
        cpu = models[0].split(":", 1)[1].strip() if models else cpu
        with open("/proc/meminfo") as handle:
            total_kb = int(handle.readline().split()[1])
        memory = f"{total_kb / 2**20:.1f} GiB"
    except OSError:
        pass
    python = platform.python_version()
    return f"{os.cpu_count()} cores ({cpu}), {memory} RAM, Python {python}"


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def ratio(
    results: dict[str, Result], top: str, bottom: str, key: str = "wall"
) -> float | None:
    """Median of `top` over median of `bottom`: wall time, or "cpu" time."""
    if top not in results or bottom not in results:
        return None
    base = results[bottom].median(key)
    return results[top].median(key) / base if base else None


def table(size: int, results: dict[str, Result]) -> list[str]:
    lines = [
        f"### {size} documents",
        "",
        "| build | median s | ratio | CPU s | peak MB (largest process) "
        "| peak MB (tree, resident) | peak MB (tree, proportional) "
        "| documents/s | files touched | runs |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, label in LABELS.items():
        if name not in results:
            continue
        result = results[name]
        wall = result.median("wall")
        base = RATIO_BASE.get(name)
        if name == "hugo":
            shown = ratio(results, "dossier", "hugo")
            text = f"Dossier/Hugo {shown:.2f}" if shown is not None else ""
        elif base:
            shown = ratio(results, name, base)
            text = f"{shown:.2f} × {LABELS[base]}" if shown is not None else ""
        else:
            text = ""
        touched = ""
        if "touched" in result.samples[0]:
            touched = str(max(sample["touched"] for sample in result.samples))
        cpu = result.median("cpu")
        lines.append(
            f"| {label} | {wall:.2f} | {text} | {cpu:.1f} "
            f"| {result.peak('maxrss_mb'):.0f} "
            f"| {result.peak('tree_mb'):.0f} | {result.peak('tree_pss_mb'):.0f} "
            f"| {size / wall:.0f} | {touched} "
            f"| {len(result.samples)} |"
        )
    return lines


def verdict(by_size: dict[int, dict[str, Result]]) -> list[str]:
    """One line per target: the figure, the limit and whether it is met."""
    lines = ["", "### Targets", ""]

    def line(label: str, value: float, limit: float, unit: str = "") -> None:
        mark = "met" if value <= limit else "NOT MET"
        shown = f"{value:g}" if float(value).is_integer() else f"{value:.2f}"
        shown = f"{value:.0f}" if unit == " MB" else shown
        lines.append(f"- {label}: {shown}{unit} (limit {limit:g}{unit}): {mark}")

    for size, results in sorted(by_size.items()):
        for label, top, bottom, limit in RATIO_TARGETS:
            value = ratio(results, top, bottom)
            if value is not None:
                cpu = ratio(results, top, bottom, "cpu")
                line(f"{size} documents, {label}", value, limit)
                lines[-1] += f" (CPU-time ratio {cpu:.2f})" if cpu else ""
        if "dossier-noop" in results:
            touched = max(s["touched"] for s in results["dossier-noop"].samples)
            line(f"{size} documents, files touched by a no-change rebuild", touched, 0)
        if "dossier" in results and size >= 10000:
            result = results["dossier"]
            # what the tree holds (shared pages counted once), and never
            # less than its largest process
            peak = max(result.peak("maxrss_mb"), result.peak("tree_pss_mb"))
            line(f"{size} documents, peak memory", peak, MEMORY_LIMIT_MB, " MB")
    sizes = sorted(s for s, r in by_size.items() if "dossier" in r)
    for small, large in zip(sizes, sizes[1:], strict=False):
        grown = by_size[large]["dossier"].median("wall")
        value = grown / by_size[small]["dossier"].median("wall")
        limit = GROWTH_SLACK * large / small
        line(f"time growth {small} → {large} documents", value, limit)
    return lines
