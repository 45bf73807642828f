"""kg: a knowledge graph of news coverage of the AI Seoul Summit, with evidence for every fact.

>>> import kg
>>> build = kg.build_graph()
>>> len(kg.explain(build.graph, "Anthropic", "signed", "Seoul AI Business Pledge"))
1
"""

from __future__ import annotations

from kg.build import Build, build_graph
from kg.errors import KGError
from kg.explain import explain
from kg.extract import extract_facts
from kg.graph import to_graph
from kg.loader import Article, read_article, seed_path
from kg.store import load_graph

__all__ = [
    "Article",
    "Build",
    "KGError",
    "build_graph",
    "explain",
    "extract_facts",
    "load_graph",
    "read_article",
    "seed_path",
    "to_graph",
]
