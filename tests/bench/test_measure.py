"""The benchmark's memory figures: a forked process's shared pages count
once in the tree's proportional size, once per process in its resident one."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.measure import tree_mb, tree_of

# 64 MB written in the parent, then shared with a forked child that only waits
FORKS = """
import os, sys, time
block = bytearray(64 * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""


def test_shared_pages_count_once_in_the_proportional_size() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", FORKS], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        while len(tree_of(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(tree_of(process.pid)) == 2
        resident, proportional = tree_mb(process.pid)
        assert resident > 128  # the block, counted in both processes
        assert 64 < proportional < 64 + (resident - 128)
    finally:
        for pid in tree_of(process.pid) - {process.pid}:
            subprocess.run(["kill", str(pid)], check=False)
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
