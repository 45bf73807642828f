"""Benchmark: `kg build` of the seed against a process that only loads the libraries.

The baseline imports rdflib, networkx, pyvis and pyshacl and loads Kiwi (typo and
multi-word dictionaries off) for one tokenize. Both run as fresh processes, side by
side, several times; the script prints median wall time and peak memory of each.

    python benchmarks/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = """
import rdflib, networkx, pyvis, pyshacl
from kiwipiepy import Kiwi
Kiwi(typos=None, load_multi_dict=False).tokenize("서울 AI 기업 서약")
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command}: exit status {status}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out = tempfile.mkdtemp()
    commands = {
        "baseline (imports + Kiwi)": [sys.executable, "-c", BASELINE],
        "kg build (seed)": [sys.executable, "-m", "kg", "build", "--quiet", "--out", out],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            results[name].append(measure(command))
    print(f"{'process':28} {'median s':>9} {'min s':>7} {'peak MiB':>9}")
    for name, rows in results.items():
        times = [t for t, _ in rows]
        print(f"{name:28} {statistics.median(times):9.2f} {min(times):7.2f} {max(m for _, m in rows):9.0f}")
    base = statistics.median(t for t, _ in results["baseline (imports + Kiwi)"])
    build = statistics.median(t for t, _ in results["kg build (seed)"])
    print(f"ratio kg build / baseline: {build / base:.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
