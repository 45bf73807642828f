"""Benchmark: `kg serve` under load, from many client threads on this machine.

    python benchmarks/bench_serve.py --out DIR [--queries 2000] [--threads 8]

Starts `kg.serve.Server` on a free port of 127.0.0.1 for the build in DIR (a copy is
best: the server holds the build it reads), then sends QUERIES SPARQL queries from THREADS
threads, each query a new connection by ``urllib`` as an ordinary client makes it, the
named queries in turn with the parameters below bound in a VALUES row, results as SPARQL
JSON. The same load then goes straight to the Oxigraph server behind the front, to show
what the front costs. Reported: throughput (queries per second, wall clock), latency
percentiles per query, and errors (any status but 200, or a body that is not the JSON of
a result). The server is stopped, and its Oxigraph process with it, even on failure.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from rdflib import Graph

from kg.query import named_queries, run_query
from kg.serve import Server
from kg.store import load_graph
from kg.triplestore import with_values
from kg.why import relation_property, resolve

CASES: list[tuple[str, dict[str, str]]] = [
    ("signatories", {"pledge": "Seoul AI Business Pledge"}),
    ("signatories", {}),
    ("signed-both", {}),
    ("pledges", {}),
    ("events", {}),
    ("attendees", {"event": "AI Seoul Summit"}),
    ("quotes", {"person": "?"}),  # "?": the person quoted most often in the build
    (
        "evidence",
        {
            "subject": "Samsung Electronics",
            "relation": "signed",
            "object": "Seoul AI Business Pledge",
        },
    ),
]
"""The mix: what a person asks of the graph, a name bound where the query takes one. The
named queries with no name given (every attendee, quotation or piece of evidence of the
corpus, megabytes per answer) measure the size of a result more than the server, and
are left out."""


def query_texts(out: Path) -> dict[str, str]:
    """Each case's query text with its parameters bound, as `kg query` binds them."""
    graph = load_graph(out)
    texts = {}
    for name, params in CASES:
        query = named_queries()[name]
        params = {
            key: most_frequent(graph, name, key) if value == "?" else value
            for key, value in params.items()
        }
        kinds = {p.name: p.kind.value for p in query.parameters}
        values = {
            key: relation_property(value) if kinds[key] == "relation" else resolve(graph, value)
            for key, value in params.items()
        }
        text = with_values(re.sub(r"[?$]lang\b", '"en"', query.text), values)
        assert text is not None, name
        shown = ", ".join(f"{key}={value}" for key, value in params.items())
        texts[f"{name}({shown})"] = text
    return texts


def most_frequent(graph: Graph, name: str, variable: str) -> str:
    """The IRI that the query answers most often in `variable`."""
    result = run_query(graph, name)
    column = result.variables.index(variable)
    return str(Counter(row[column] for row in result.rows).most_common(1)[0][0])


def load(
    endpoint: str, texts: dict[str, str], queries: int, threads: int
) -> tuple[float, list[float], list[str]]:
    """Send the queries; wall-clock seconds, each latency, and the errors."""
    urls = [f"{endpoint}?{urllib.parse.urlencode({'query': text})}" for text in texts.values()]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(queries))

    def client() -> None:
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            request = urllib.request.Request(
                urls[number % len(urls)], headers={"Accept": "application/sparql-results+json"}
            )
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    body = response.read()
                json.loads(body)["results"]["bindings"]
                problem = None
            except (OSError, ValueError, KeyError, http.client.HTTPException) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start, latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, wall: float, latencies: list[float], errors: list[str]) -> str:
    ms = [seconds * 1000 for seconds in latencies]
    return (
        f"| {label} | {len(latencies)} | {len(latencies) / wall:.0f} | "
        f"{statistics.median(ms):.1f} | {percentile(ms, 0.9):.1f} | "
        f"{percentile(ms, 0.99):.1f} | {max(ms):.1f} | {len(errors)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="the build folder")
    parser.add_argument("--queries", type=int, default=2000, help="queries in all (2000)")
    parser.add_argument("--threads", type=int, default=8, help="client threads (8)")
    args = parser.parse_args()
    texts = query_texts(args.out)
    with Server(args.out, bind="127.0.0.1:0") as server:
        host, port = server.upstream
        print(
            f"{args.queries} queries from {args.threads} threads; mix: {', '.join(texts)}\n",
            flush=True,
        )
        print("| through | queries | per second | p50 ms | p90 ms | p99 ms | max ms | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        load(f"{server.url}/query", texts, len(texts) * 2, 2)  # warm-up: caches, first plans
        for label, endpoint in (
            ("kg serve (front + Oxigraph)", f"{server.url}/query"),
            ("Oxigraph server alone", f"http://{host}:{port}/query"),
        ):
            wall, latencies, errors = load(endpoint, texts, args.queries, args.threads)
            print(report(label, wall, latencies, errors), flush=True)
            for error in sorted(set(errors))[:5]:
                print(f"  error: {error}")


if __name__ == "__main__":
    main()
