"""Run one build command; print its wall time and peak memory as JSON.

    python bench/measure.py LOG -- pelican content -o out

The build's output goes to LOG. Three memory figures: `maxrss_mb` is
`getrusage(RUSAGE_CHILDREN).ru_maxrss`, the peak of the largest single
process of the build's tree (the kernel keeps the maximum, not a sum);
`tree_mb`, the largest sum of the resident sizes of every process of the
tree; and `tree_pss_mb`, the largest sum of their proportional sizes
(PSS), both sampled ten times a second from /proc. A forked process shares
its parent's pages until one of them writes to a page: the resident sizes
count each shared page once per process, the proportional sizes divide it
among the processes that share it, so their sum is what the tree really
holds. This wrapper is its own process so that the figures cover the build
only, not the benchmark driver.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time

PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
SAMPLE_SECONDS = 0.1


def tree_of(root: int) -> set[int]:
    """`root` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name may contain spaces; fields resume after ")"
        parents[int(name)] = int(stat.rpartition(")")[2].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return tree


def rss_mb(pid: int) -> float:
    """Resident size: every page the process maps that is in memory."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_MB
    except OSError:  # it exited meanwhile
        return 0.0


def pss_mb(pid: int) -> float:
    """Proportional size: each page divided by the processes that map it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return 0.0


def tree_mb(root: int) -> tuple[float, float]:
    """The tree's summed resident and proportional sizes."""
    tree = tree_of(root)
    return sum(map(rss_mb, tree)), sum(map(pss_mb, tree))


def main() -> int:
    log_path, separator, *command = sys.argv[1:]
    if separator != "--" or not command:
        sys.stderr.write("usage: measure.py LOG -- COMMAND...\n")
        return 2
    peak = [0.0, 0.0]
    done = threading.Event()
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                rss, pss = tree_mb(process.pid)
                peak[:] = max(peak[0], rss), max(peak[1], pss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "returncode": returncode,
        "wall": wall,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,  # Linux reports KiB
        "tree_mb": peak[0],
        "tree_pss_mb": peak[1],
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
