"""Benchmark: corpus throughput (articles per second) and peak memory, for 10, 100, 1000 articles.

    python benchmarks/generate_corpus.py /tmp/corpus --count 1000
    python benchmarks/bench_corpus.py /tmp/corpus [--sizes 10 100 1000] [--workers N]
    python benchmarks/bench_corpus.py /tmp/corpus --cli [--sizes 10 100 1000]

Each size runs in a fresh process. The models (the catalogue, the shapes, Kiwi and its first
analysis) are loaded first; the clock then covers reading, extraction (in worker processes
forked from this one from 40 articles on), RDF and merging. SHACL validation of the union and
writing Turtle and TriG are timed apart. Memory: this process's peak RSS, and the largest total
PSS of this process and its workers, sampled every 20 ms (a page the workers share with this
process counts once in the total, not once per process). Sampling reads each process's
``smaps_rollup``, which walks its page tables and slowed the build by about 15%, so each size
runs twice, in fresh processes: once timed with no sampling, once sampled for memory.

With ``--cli``, the whole ``kg build`` runs as a user runs it (start-up, Kiwi, extraction,
validation, all five outputs), timed from outside; a second run gives the PSS of its process
tree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path


def _tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids.extend(_tree(int(child)))
    return pids


def _pss_kib(pid: int) -> int:
    """Proportional set size: the process's private pages plus its share of shared ones."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """The largest total PSS of this process and its workers, sampled every 20 ms.

    PSS counts a page shared by n processes as 1/n in each, so the sum over the tree is the
    memory the build really holds (RSS would count Kiwi's model, shared by the forked
    workers, once per process).
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.02):
            total = sum(_pss_kib(pid) for pid in _tree(os.getpid()))
            self.peak_kib = max(self.peak_kib, total)


def run_one(folder: Path, size: int, workers: int | None, sample: bool) -> dict[str, float]:
    from kg.build import build_graph
    from kg.extract.text import warm_korean
    from kg.store import Format, serialize, serialize_named
    from ontology import validate

    paths = sorted(folder.glob("*.txt"))[:size]
    build_graph(paths[:1])  # the catalogue, the shapes
    warm_korean()  # Kiwi: the forked workers share it
    sampler = MemorySampler()
    if sample:
        sampler.start()
    start = time.perf_counter()
    build = build_graph(paths, check=False, workers=workers)
    built = time.perf_counter() - start
    start = time.perf_counter()
    conforms, _ = validate(build.graph)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    serialize(build.graph, Format.TURTLE)
    serialize_named(build.named_graphs(), Format.TRIG)
    written = time.perf_counter() - start
    if sample:
        sampler.stopped.set()
        sampler.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"articles": len(build.articles), "failed": len(build.failures), "build_s": built,
            "per_s": len(build.articles) / built, "shacl_s": checked, "conforms": conforms,
            "write_s": written, "triples": len(build.graph), "peak_mib": peak,
            "worker_mib": worker, "total_pss_mib": sampler.peak_kib / 1024}


def run_cli(folder: Path, size: int, sample: bool) -> tuple[float, float]:
    """`kg build` of the first `size` articles, start to end, as a user runs it: wall seconds
    and, when `sample` is set, the largest total PSS of its process tree (sampled from
    outside every 50 ms; 0 otherwise)."""
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        articles = work / "articles"
        articles.mkdir()
        for path in sorted(folder.glob("*.txt"))[:size]:
            (articles / path.name).symlink_to(path.resolve())
        start = time.perf_counter()
        process = subprocess.Popen(["kg", "build", str(articles), "--out", str(work / "out"), "--quiet"])
        peak = 0
        while process.poll() is None:
            if sample:
                peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        if process.returncode:
            raise SystemExit(f"kg build failed with exit code {process.returncode}")
        return wall, peak / 1024
    finally:
        shutil.rmtree(work)


def _run_child(folder: Path, size: int, extra: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, str(folder), "--one", str(size), *extra],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, help="processes for extraction (default: auto)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cli", action="store_true",
                        help="time the whole `kg build` instead (validation, all outputs, page)")
    args = parser.parse_args()
    if args.cli:
        print(f"{'articles':>8} {'kg build s':>10} {'total PSS MiB':>13}")
        for size in args.sizes:
            wall, _ = run_cli(args.folder, size, sample=False)
            _, peak = run_cli(args.folder, size, sample=True)
            print(f"{size:8d} {wall:10.2f} {peak:13.0f}", flush=True)
        return
    if args.one:
        print(json.dumps(run_one(args.folder, args.one, args.workers, args.sample)))
        return
    print(f"{'articles':>8} {'build s':>8} {'art/s':>7} {'SHACL s':>8} {'write s':>8} {'triples':>9} "
          f"{'peak MiB':>9} {'worker MiB':>10} {'total PSS MiB':>13} {'art/s sampled':>13}")
    for size in args.sizes:
        extra = ["--workers", str(args.workers)] if args.workers else []
        row, sampled = (
            _run_child(args.folder, size, [*extra, *sample]) for sample in ([], ["--sample"])
        )
        row["total_pss_mib"] = sampled["total_pss_mib"]
        row["sampled_per_s"] = sampled["per_s"]
        print(f"{row['articles']:8.0f} {row['build_s']:8.2f} {row['per_s']:7.1f} {row['shacl_s']:8.2f} "
              f"{row['write_s']:8.2f} {row['triples']:9.0f} {row['peak_mib']:9.0f} {row['worker_mib']:10.0f} "
              f"{row['total_pss_mib']:13.0f} {row['sampled_per_s']:13.1f}")


if __name__ == "__main__":
    main()
