"""Make `docs/graph.png`, the README's picture of the interactive page.

    python docs/make_screenshot.py [--out docs/graph.png]

Draws the bundled seed article's page as `kg build` does, opens it from disk in headless
Debian Chromium (``/usr/bin/chromium``, driven by Playwright) in a 1,400 x 900 window,
waits for the layout to settle, clicks Samsung Electronics so that the side panel shows
its facts and evidence, and saves the window. The layout has a fixed seed, so the picture
changes only when the page or the seed's graph does: run this again after either.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.build import build_graph
from kg.draw import render_html, write_html

CHROMIUM = "/usr/bin/chromium"
# As root on a closed network: no sandbox, and none of Chromium's own background traffic.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WINDOW = {"width": 1400, "height": 900}
SELECTED = "https://w3id.org/ai-seoul-summit/id/company/samsung-electronics"
OUT = Path(__file__).resolve().parent / "graph.png"


def make_screenshot(out: Path) -> Path:
    """Write the picture of the seed page, with `SELECTED` clicked, to `out`."""
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = write_html(render_html(build_graph().graph), Path(folder) / "graph.html")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport=WINDOW).new_page()
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-settled=true]", state="attached", timeout=60_000)
        point = page.evaluate(
            "id => kgGraph.network.canvasToDOM(kgGraph.network.getPosition(id))", SELECTED)
        box = page.locator("#graph").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(300)  # the selection drawn
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    print(f"Wrote {make_screenshot(parser.parse_args().out)}")


if __name__ == "__main__":
    main()
