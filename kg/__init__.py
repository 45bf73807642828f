"""kg: a knowledge graph of news coverage of the AI Seoul Summit, with evidence for every fact.

>>> import kg
>>> build = kg.build_graph()
>>> len(kg.explain(build.graph, "Anthropic", "signed", "Seoul AI Business Pledge"))
1
"""

from __future__ import annotations

from kg.analysis import co_signatures, stats_report, to_networkx, write_network
from kg.build import Build, build_graph
from kg.draw import render_html, to_network, write_html
from kg.errors import KGError
from kg.explain import explain
from kg.extract import extract_facts
from kg.graph import to_graph
from kg.loader import Article, read_article, seed_path
from kg.query import QueryResult, format_result, named_queries, run_query
from kg.store import load_graph

__all__ = [
    "Article",
    "Build",
    "KGError",
    "QueryResult",
    "build_graph",
    "co_signatures",
    "explain",
    "extract_facts",
    "format_result",
    "load_graph",
    "named_queries",
    "read_article",
    "render_html",
    "run_query",
    "seed_path",
    "stats_report",
    "to_graph",
    "to_network",
    "to_networkx",
    "write_html",
    "write_network",
]
