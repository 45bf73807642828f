"""Shared fixtures: the seed article, its extraction and its graph, built once per session."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.build import Build, build_graph
from kg.extract import extract_facts
from kg.loader import Article, read_article, seed_path
from kg.model import Extraction

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return read_article(seed_path())


@pytest.fixture(scope="session")
def seed_extraction(seed_article: Article) -> Extraction:
    return extract_facts(seed_article)


@pytest.fixture(scope="session")
def seed_build() -> Build:
    return build_graph()


@pytest.fixture(scope="session")
def seed_graph(seed_build: Build) -> Graph:
    return seed_build.graph


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads((DEV / "00_seed.json").read_text(encoding="utf-8"))
    return gold


CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# As root on a closed network: no sandbox, and none of Chromium's own background traffic.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if shutil.which(CHROMIUM) is None:
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (the browser tests of the page and of `kg serve`);
    skipped without it, except under CI, where it must run."""
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Paused:
    """Runs `kg` told to stop for a minute at a pause point (``KG_TEST_PAUSE``: the crash
    tests), and kills it there with ``kill -9``, its forked processes with it."""

    @staticmethod
    def start(*args: str, pause: str | None = None) -> subprocess.Popen[str]:
        """``python -m kg ARGS`` in a session of its own, to stop at `pause`."""
        return subprocess.Popen([sys.executable, "-m", "kg", *args],
                                env=dict(os.environ, KG_TEST_PAUSE=pause or ""), text=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)

    @staticmethod
    def kill_at(process: subprocess.Popen[str], point: str) -> None:
        """Wait (60 s at most) until `process` says it paused at `point`; kill its group."""
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        for line in process.stderr:
            if line.strip() == f"kg: paused at {point}" or time.monotonic() > deadline:
                break
        else:
            pytest.fail(f"kg ended before {point}")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL


@pytest.fixture
def paused() -> type[Paused]:
    """`Paused`: start kg to stop at a pause point, and kill it there."""
    return Paused


@pytest.fixture
def kiwi_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many paragraphs each call asks Kiwi to analyse, for the speed tests of Korean:
    Kiwi counted, with batches of 16 paragraphs (`kg.extract.text.KIWI_BATCH`)."""
    from kg.extract import text

    kiwi = text.korean_tokenizer()
    analysed: list[int] = []

    class Counting:
        def split_into_sents(self, texts: object, **options: object) -> object:
            analysed.append(len(texts) if isinstance(texts, list) else 1)
            return kiwi.split_into_sents(texts, **options)

    monkeypatch.setattr(text, "korean_tokenizer", Counting)
    monkeypatch.setattr(text, "KIWI_BATCH", 16)
    return analysed
