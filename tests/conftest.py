"""Shared fixtures: the seed article, its extraction and its graph, built once per session."""

from __future__ import annotations

import json
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
