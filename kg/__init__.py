"""kg: a knowledge graph of news coverage of the AI Seoul Summit, with evidence for every fact.

The public names below are imported on first use (PEP 562), so that ``import kg.cli`` and
``kg --help`` do not load rdflib, pySHACL, pyvis or Kiwi.

>>> import kg
>>> build = kg.build_graph()
>>> len(kg.explain(build.graph, "Anthropic", "signed", "Seoul AI Business Pledge"))
1
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from kg.analysis import co_signatures, stats_report, to_networkx, write_network
    from kg.build import Build, build_graph, write_build
    from kg.distributed import ArticleGraph, extract_article
    from kg.draw import render_html, to_network, write_html
    from kg.errors import KGError
    from kg.extract import extract_facts
    from kg.graph import to_graph
    from kg.loader import Article, read_article, seed_path
    from kg.query import QueryResult, format_result, named_queries, run_query
    from kg.store import load_graph
    from kg.why import explain

_MODULE_OF = {
    "Article": "kg.loader",
    "ArticleGraph": "kg.distributed",
    "Build": "kg.build",
    "KGError": "kg.errors",
    "QueryResult": "kg.query",
    "build_graph": "kg.build",
    "co_signatures": "kg.analysis",
    "explain": "kg.why",
    "extract_article": "kg.distributed",
    "extract_facts": "kg.extract",
    "format_result": "kg.query",
    "load_graph": "kg.store",
    "named_queries": "kg.query",
    "read_article": "kg.loader",
    "render_html": "kg.draw",
    "run_query": "kg.query",
    "seed_path": "kg.loader",
    "stats_report": "kg.analysis",
    "to_graph": "kg.graph",
    "to_network": "kg.draw",
    "to_networkx": "kg.analysis",
    "write_html": "kg.draw",
    "write_build": "kg.build",
    "write_network": "kg.analysis",
}

__all__ = [
    "Article",
    "ArticleGraph",
    "Build",
    "KGError",
    "QueryResult",
    "build_graph",
    "co_signatures",
    "explain",
    "extract_article",
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
    "write_build",
    "write_html",
    "write_network",
]


def __getattr__(name: str) -> _typing.Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
