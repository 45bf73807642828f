"""Benchmark: corpus throughput (articles per second) and peak memory, for 10, 100, 1000 articles.

    python benchmarks/generate_corpus.py /tmp/corpus --count 1000
    python benchmarks/bench_corpus.py /tmp/corpus [--sizes 10 100 1000]

Each size runs in a fresh process. Models (Kiwi, the catalogue, the shapes) are loaded by
building one article first; the clock then covers reading, extraction, RDF, merging and
SHACL validation of the whole corpus, and, separately, writing Turtle and TriG.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def run_one(folder: Path, size: int) -> dict[str, float]:
    from kg.build import build_graph
    from kg.store import Format, serialize

    paths = sorted(folder.glob("*.txt"))[:size]
    build_graph(paths[:1])  # load the models
    start = time.perf_counter()
    build = build_graph(paths)
    built = time.perf_counter() - start
    start = time.perf_counter()
    serialize(build.graph, Format.TURTLE)
    serialize(build.dataset(), Format.TRIG)
    written = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(build.articles), "failed": len(build.failures), "build_s": built,
            "per_s": len(build.articles) / built, "write_s": written, "triples": len(build.graph),
            "peak_mib": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.folder, args.one)))
        return
    print(f"{'articles':>8} {'build s':>8} {'art/s':>7} {'write s':>8} {'triples':>9} {'peak MiB':>9}")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, str(args.folder), "--one", str(size)],
                             capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(f"{row['articles']:8.0f} {row['build_s']:8.2f} {row['per_s']:7.1f} {row['write_s']:8.2f} "
              f"{row['triples']:9.0f} {row['peak_mib']:9.0f}")


if __name__ == "__main__":
    main()
