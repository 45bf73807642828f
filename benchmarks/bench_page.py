"""Benchmark: how long the interactive page takes to settle in headless Chromium.

    python benchmarks/bench_page.py [--runs 7]
    python benchmarks/generate_corpus.py /tmp/corpus --count 100
    python benchmarks/bench_page.py --corpus /tmp/corpus --sizes 10 100
    kg build /tmp/corpus --out /tmp/corpus-out
    python benchmarks/bench_page.py --pages /tmp/corpus-out/graph.html

Each run opens the page from disk in a fresh browser context and waits for the page to
say it has settled (vis-network's ``stabilizationIterationsDone``, after which the page
switches physics off). Times are the page's own ``performance.now()`` readings, in ms
from the start of navigation: when the load event ended (the data parsed and the network
made), and when the layout settled. The script prints the median, minimum and maximum of
each, and what the page holds. ``--pages`` times pages already written (by ``kg build``
or ``kg draw``) as they are. Targets: the seed page settles in under 1 s, the page of
1,000 generated articles in under 5 s.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from kg.build import build_graph
from kg.draw import render_html, write_html

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}


def open_settled(browser: Any, path: Path) -> tuple[Any, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=120_000)
    return context, page


def measure(browser: Any, path: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"load": [], "settled": []}
    for _ in range(runs):
        context, page = open_settled(browser, path)
        times["load"].append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].loadEventEnd"))
        times["settled"].append(page.evaluate("kgGraph.settledAt"))
        context.close()
    return times


def pages(args: argparse.Namespace, folder: Path) -> list[tuple[str, Path, str]]:
    """(name, page file, what it holds) for the seed and each corpus size."""
    graphs = [("seed", build_graph().graph)]
    if args.corpus:
        articles = sorted(Path(args.corpus).glob("*.txt"))
        graphs += [(f"{size} articles", build_graph(articles[:size]).graph)
                   for size in args.sizes]
    found = [(f"{path.parent.name}/{path.name}", path.resolve(), _holds(path))
             for path in args.pages]
    for name, graph in graphs:
        start = time.perf_counter()
        html = render_html(graph)
        rendered = (time.perf_counter() - start) * 1000
        path = write_html(html, folder / f"{name.replace(' ', '-')}.html")
        found.append((name, path, f"{_holds(path)}, rendered in {rendered:.0f} ms"))
    return found


def _holds(path: Path) -> str:
    """What a written page holds: its nodes, edges (drawn at first of all) and size."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    if found is None:
        return f"{len(text.encode()) // 1024} KiB"
    data = json.loads(found[1])
    drawn = [node for node in data["nodes"] if not node.get("hidden")]
    # A page since issue 11 holds each evidence item and each sentence once.
    evidence = (f", {len(data['evidence'])} evidence items, {len(data['texts'])} sentences"
                if "texts" in data else "")
    return (f"{len(data['nodes'])} nodes ({len(drawn)} drawn at first), "
            f"{len(data['edges'])} edges{evidence}, {len(text.encode()) // 1024} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", help="a folder of articles (benchmarks/generate_corpus.py)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--pages", type=Path, nargs="+", default=[],
                        help="pages already written (kg build, kg draw), timed as they are")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        found = pages(args, Path(tmp))
        print(f"{'page':14} {'load ms':>22} {'settled ms':>22}   holds")
        for name, path, holds in found:
            times = measure(browser, path, args.runs)
            cells = [f"{statistics.median(v):6.0f} ({min(v):4.0f}-{max(v):4.0f})"
                     for v in times.values()]
            print(f"{name:14} {cells[0]:>22} {cells[1]:>22}   {holds}")
        browser.close()
    print(f"median (min-max) of {args.runs} runs, ms from the start of navigation")


if __name__ == "__main__":
    main()
