"""The benchmark's corpus is deterministic and Dossier's side of it runs.

Only the generator and the Dossier builds are tested here: plain Pelican and
Hugo live in .bench-venv, which `make bench` creates and `make test` does not
need. No figure is checked; timings belong to docs/performance.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import Features, Plan, edit_target, entries, generate
from bench.hugo import front_matter, url_of
from bench.report import Result, verdict
from bench.run import site_plugins, touched

ROOT = Path(__file__).resolve().parents[2]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, 7, Features())
    generate(tmp_path / "b", 60, 7, Features())
    generate(tmp_path / "c", 60, 8, Features())
    first = tree(tmp_path / "a")
    assert len([p for p in first if p.endswith(".md")]) == 60
    assert first == tree(tmp_path / "b")
    assert first != tree(tmp_path / "c")


def test_corpus_has_what_makes_builds_slow_or_careful(tmp_path: Path) -> None:
    generate(tmp_path, 300, 2017, Features())
    files = {p: p.read_text() for p in (tmp_path / "content").rglob("*.md")}
    text = "\n".join(files.values())
    sizes = sorted(len(body.encode()) for body in files.values())
    assert 7000 <= sizes[len(sizes) // 2] <= 8500
    assert re.search(r"^```\n", text, re.MULTILINE)  # no language: guess_lexer
    assert re.search(r"^```(c|python|sh|json)\n", text, re.MULTILINE)
    assert "]{.redact reason=name}" in text
    assert "\n::: redact\n" in text
    assert re.search(r"<[a-z]+\.[a-z]+@agency\.example>", text)
    assert "\nEmbargo: 2099-12-31T00:00:00Z\n" in text
    assert "\nEmbargo-Audience: bench-vendor\n" in text
    assert "\nOrganization: Vendor 1\nResponds-To: vol-001\n" in text
    versions = [p for p in files if p.name.endswith(".v1.md")]
    assert versions
    for old in versions:
        current = old.with_name(old.name.replace(".v1.md", ".md"))
        assert "\nVersion: 2\n" in files[current]
    assert all(re.match(r"Title: .+\nDate: \S+Z\n", body) for body in files.values())


@pytest.mark.parametrize("size", [20, 333, 2150])
def test_size_counts_every_markdown_file(size: int) -> None:
    found = entries(size, 2017, Features())
    plan = Plan.for_size(size, Features())
    assert len({entry.relpath for entry in found}) == len(found) == size
    assert sum(e.relpath.endswith(".v1.md") for e in found) == plan.versions
    assert sum(e.held for e in found) == plan.held


def test_features_whose_plugin_is_off_are_left_out(tmp_path: Path) -> None:
    features = Features.from_plugins(["markdown_reader", "content_model"])
    generate(tmp_path, 100, 2017, features)
    text = "\n".join(p.read_text() for p in (tmp_path / "content").rglob("*.md"))
    assert ".redact" not in text
    assert "Embargo" not in text
    assert not list((tmp_path / "content").rglob("*.v1.md"))


def test_edited_document_is_plain_and_public(tmp_path: Path) -> None:
    target = edit_target(300, Features())
    entry = next(e for e in entries(300, 2017, Features()) if e.relpath == target)
    assert entry.kind == "document"
    assert "Embargo" not in entry.header and "Version" not in entry.header


def test_hugo_front_matter_holds_embargoed_entries_back() -> None:
    held = next(e for e in entries(100, 2017, Features()) if e.held)
    text = front_matter(held)
    assert text.startswith("+++\ntitle = ")
    assert "\npublishDate = 2099-12-31T00:00:00Z\n" in text
    assert url_of("volumes/vol-001/index.md") == "/volumes/vol-001/"
    assert url_of("volumes/vol-001/doc-00002.md") == "/volumes/vol-001/doc-00002/"


def test_touched_counts_written_added_and_removed_files() -> None:
    before = {"a": 1, "b": 2, "c": 3}
    assert touched(before, dict(before)) == 0
    assert touched(before, {"a": 1, "b": 5, "d": 1}) == 3


def test_smoke_run_builds_the_corpus_with_dossier(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--builders", "dossier"]
        + ["--corpus", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [
        line.split("|")[1].strip()
        for line in done.stdout.splitlines()
        if line.startswith("| Dossier")
    ]
    assert rows == ["Dossier cold", "Dossier, no change", "Dossier, one edited"]
    assert (tmp_path / "results.md").read_text().startswith("## Benchmark\n")
    target = edit_target(20, Features.from_plugins(site_plugins()))
    output = tmp_path / "20" / "dossier" / "output"
    assert (output / target.replace(".md", "/index.html")).is_file()
    edited = (tmp_path / "20" / "content" / target).read_text()
    assert "added by the benchmark" not in edited  # the edit was undone


def sample(wall: float, **extra: float) -> dict:
    base = {
        "wall": wall,
        "user": wall,
        "sys": 0.0,
        "maxrss_mb": 90.0,
        "tree_mb": 90.0,
        "tree_pss_mb": 80.0,
    }
    return {**base, **extra}


def test_verdict_says_which_targets_are_met() -> None:
    results = {
        "pelican": Result([sample(10.0)]),
        "dossier": Result([sample(4.0), sample(6.0), sample(5.0)]),
        "dossier-noop": Result([sample(2.0, touched=3)]),
        "dossier-edit": Result([sample(1.0, touched=5)]),
        "hugo": Result([sample(1.0)]),
    }
    assert verdict({1000: results}) == [
        "",
        "### Targets",
        "",
        "- 1000 documents, cold build / plain Pelican: 0.50 (limit 0.5): met"
        " (CPU-time ratio 0.50)",
        "- 1000 documents, no change / cold build: 0.40 (limit 0.2): NOT MET"
        " (CPU-time ratio 0.40)",
        "- 1000 documents, edit one document / cold build: 0.20 (limit 0.25): met"
        " (CPU-time ratio 0.20)",
        "- 1000 documents, Dossier / Hugo (goal): 5 (limit 4): NOT MET"
        " (CPU-time ratio 5.00)",
        "- 1000 documents, files touched by a no-change rebuild: 3 (limit 0): NOT MET",
    ]


def test_verdict_checks_memory_and_growth_at_ten_thousand() -> None:
    small = {"dossier": Result([sample(3.0)])}
    large = {"dossier": Result([sample(34.0, maxrss_mb=300.0, tree_pss_mb=520.0)])}
    assert verdict({1000: small, 10000: large})[3:] == [
        "- 10000 documents, peak memory: 520 MB (limit 500 MB): NOT MET",
        "- time growth 1000 → 10000 documents: 11.33 (limit 11): NOT MET",
    ]


def test_memory_is_the_tree_s_proportional_size_or_its_largest_process() -> None:
    """Pages a forked process shares with its parent count once (PSS), not
    once per process as the resident sizes' sum counts them; the figure is
    never less than the largest process's own peak."""
    small = {"dossier": Result([sample(3.0)])}
    shared = sample(30.0, maxrss_mb=460.0, tree_mb=900.0, tree_pss_mb=480.0)
    largest = sample(30.0, maxrss_mb=510.0, tree_mb=510.0, tree_pss_mb=400.0)
    assert verdict({1000: small, 10000: {"dossier": Result([shared])}})[3] == (
        "- 10000 documents, peak memory: 480 MB (limit 500 MB): met"
    )
    assert verdict({1000: small, 10000: {"dossier": Result([largest])}})[3] == (
        "- 10000 documents, peak memory: 510 MB (limit 500 MB): NOT MET"
    )
