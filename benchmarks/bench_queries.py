"""Benchmark: every named query on the seed graph, median of N runs after one warm-up.

    python benchmarks/bench_queries.py [--runs 50] [--graph out/kg.ttl]

Each query goes through `kg.query.run_query` as `kg query` does it: name lookup, parameter
resolution (a name to its IRI), evaluation by rdflib, and the labels of the IRIs in the
result. A query that takes parameters runs twice: with the example values below (the
usual use) and with none (every row). The first call of each query also parses it; that
time is shown as ``first``, since `kg query` pays it once per process. ``median``, ``min``
and ``max`` are wall-clock times of the timed runs; ``cpu`` is the median processor time,
which other work on a shared machine disturbs less. Target: the median of each query with
its parameters under 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Mapping

from rdflib import Graph

from kg.build import build_graph
from kg.query import format_result, named_queries, run_query, text_table
from kg.store import load_graph

EXAMPLES: dict[str, dict[str, str]] = {
    "signatories": {"pledge": "서울 AI 기업 서약"},
    "attendees": {"event": "AI Global Forum"},
    "signatory-people": {"pledge": "Frontier AI Safety Commitments"},
    "quotes": {"person": "Han Duck-soo"},
    "evidence": {"subject": "Anthropic", "relation": "signed",
                 "object": "Seoul AI Business Pledge"},
}


def time_query(graph: Graph, name: str, params: Mapping[str, str], runs: int) -> list[str]:
    """One table row: the query, its parameters, rows, and its times in ms."""
    start = time.perf_counter()
    result = run_query(graph, name, params=params)
    first = time.perf_counter() - start
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run_query(graph, name, params=params)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    shown = ", ".join(f"{key}={value}" for key, value in params.items()) or "-"
    return [name, shown, str(len(result)),
            *(f"{seconds * 1000:.1f}" for seconds in (first, statistics.median(wall), min(wall),
                                                       max(wall), statistics.median(cpu)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query (default 50)")
    parser.add_argument("--graph", help="a graph file to query instead of building the seed")
    args = parser.parse_args()
    graph = load_graph(args.graph) if args.graph else build_graph().graph
    format_result(run_query(graph, "events"))  # load rdflib's SPARQL machinery once
    rows = []
    for name, query in named_queries().items():
        example = EXAMPLES.get(name, {})
        rows.append(time_query(graph, name, example, args.runs))
        if query.parameters and example:
            rows.append(time_query(graph, name, {}, args.runs))
    print(f"{len(graph)} triples; {args.runs} runs per query after one warm-up; times in ms")
    print(text_table(["query", "parameters", "rows", "first", "median", "min", "max", "cpu"], rows))


if __name__ == "__main__":
    main()
