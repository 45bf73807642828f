"""Benchmark: how long the interactive page takes to settle in headless Chromium.

    python benchmarks/bench_page.py [--runs 7]
    python benchmarks/generate_corpus.py /tmp/corpus --count 100
    python benchmarks/bench_page.py --corpus /tmp/corpus --sizes 10 100
    python benchmarks/bench_page.py --screenshot docs/graph.png

Each run opens the page from disk in a fresh browser context and waits for the page to
say it has settled (vis-network's ``stabilizationIterationsDone``, after which the page
switches physics off). Times are the page's own ``performance.now()`` readings, in ms
from the start of navigation: when the load event ended, and when the layout settled.
The script prints the median, minimum and maximum of each, and the page's size.
Target: the seed page settles in under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from kg.build import build_graph
from kg.draw import render_html, to_network, write_html

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
SAMSUNG = "https://w3id.org/ai-seoul-summit/id/company/samsung-electronics"


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
    found = []
    for name, graph in graphs:
        start = time.perf_counter()
        html = render_html(graph)
        rendered = (time.perf_counter() - start) * 1000
        network = to_network(graph)
        path = write_html(html, folder / f"{name.replace(' ', '-')}.html")
        found.append((name, path, f"{len(network.nodes)} nodes, {len(network.edges)} edges, "
                      f"{len(html.encode()) // 1024} KiB, rendered in {rendered:.0f} ms"))
    return found


def screenshot(browser: Any, path: Path, target: Path) -> None:
    """The seed page with Samsung Electronics clicked, as in the README."""
    context, page = open_settled(browser, path)
    point = page.evaluate("id => kgGraph.network.canvasToDOM(kgGraph.network.getPosition(id))",
                          SAMSUNG)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.screenshot(path=str(target))
    context.close()
    print(f"Wrote {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", help="a folder of articles (benchmarks/generate_corpus.py)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--screenshot", type=Path, help="write a screenshot of the seed page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        found = pages(args, Path(tmp))
        if args.screenshot:
            screenshot(browser, found[0][1], args.screenshot)
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
