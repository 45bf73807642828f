"""Benchmark: reading the graph from the build's Oxigraph store against parsing kg.ttl.

    python benchmarks/bench_store.py [--sizes 1000 5000] [--work /tmp/kg-bench-store]

For each size, generates that many synthetic articles (`generate_corpus.py`), builds them
once with ``kg build`` (not timed here: see bench_corpus.py), and then measures, each
command in a fresh process as a user runs it (wall seconds from process start to exit,
and the process's peak resident memory):

* ``kg query signatories --graph DIR``: the store (what ``kg query`` does by default), five
  times: the median wall time and the largest peak memory;
* ``kg query signatories --graph DIR/kg.ttl``: rdflib parsing the Turtle (the old way);
* loading the build's union (kg.ttl) and named graphs (kg.nq) into a new on-disk store,
  as ``kg build`` does, with the number of quads loaded;
* ``kg add`` of one new article to the build, and ``kg remove`` of it again, against the
  ``kg build`` of everything.

Targets (issue 12): the query under 1 s and 200 MiB at 1,000 and 5,000 articles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(command: list[str]) -> tuple[float, float]:
    """Run `command`; (wall seconds, peak resident MiB) of that one process (`run`)."""
    wall, mib, _ = run(command)
    return wall, mib


def run(command: list[str]) -> tuple[float, float, str]:
    """Run `command`; (wall seconds, peak resident MiB, what it printed) of that process.

    Linux counts in a child's peak the memory of the process it was forked from, up to the
    exec: this script therefore never grows (it loads no graph or store itself), so that
    the peaks are the commands' own (plus this script's few tens of MiB).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)  # files: never full
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 3):
            error = err.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command)}: exit {code}: {error[-400:]}")
        return wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


_LOAD = """
import sys, time, pyoxigraph
from kg.triplestore import write_store
start = time.perf_counter()
write_store(sys.argv[1], sys.argv[2], sys.argv[3])
seconds = time.perf_counter() - start
print(seconds, len(pyoxigraph.Store.read_only(sys.argv[1])))
"""


def load_store(out: Path) -> tuple[float, int]:
    """Seconds to load the build's kg.ttl and kg.nq into a new store (in a process of its
    own, see `measure`); quads loaded."""
    target = Path(tempfile.mkdtemp(prefix="store-", dir=out.parent))
    shutil.rmtree(target)
    _, _, printed = run([sys.executable, "-c", _LOAD, str(target), str(out / "kg.ttl"),
                         str(out / "kg.nq")])
    seconds, quads = printed.split()
    shutil.rmtree(target)
    return float(seconds), int(quads)


def run_size(size: int, work: Path) -> list[str]:
    corpus, out = work / f"corpus-{size}", work / f"out-{size}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus),
                        "--count", str(size)], check=True)
    build_wall, build_mib = measure(kg("build", str(corpus), "--out", str(out), "-q"))
    store = sorted(measure(kg("query", "signatories", "--graph", str(out))) for _ in range(5))
    parse = measure(kg("query", "signatories", "--graph", str(out / "kg.ttl")))
    load_seconds, quads = load_store(out)
    extra = work / f"extra-{size}"
    if not extra.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(extra),
                        "--count", "1", "--seed", "777"], check=True)
    article = str(next(extra.glob("*.txt")))
    add_wall, add_mib = measure(kg("add", article, "--out", str(out), "-q"))
    remove_wall, remove_mib = measure(kg("remove", article, "--out", str(out), "-q"))
    median, most = store[len(store) // 2][0], max(mib for _, mib in store)
    return [f"{size:,}", f"{median:.2f} s, {most:.0f} MiB", f"{parse[0]:.1f} s, {parse[1]:.0f} MiB",
            f"{quads:,} quads in {load_seconds:.1f} s",
            f"{add_wall:.1f} s ({100 * add_wall / build_wall:.0f} %), {add_mib:.0f} MiB",
            f"{remove_wall:.1f} s, {remove_mib:.0f} MiB", f"{build_wall:.1f} s, {build_mib:.0f} MiB"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-store")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    headers = ["articles", "kg query (store)", "kg query (parse kg.ttl)", "store load",
               "kg add 1 article (of the build)", "kg remove it", "kg build (all)"]
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for size in args.sizes:
        print("| " + " | ".join(run_size(size, args.work)) + " |", flush=True)


if __name__ == "__main__":
    main()
