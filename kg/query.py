"""Named SPARQL queries over the built graph, run with parameters bound as values.

The named queries are ``.rq`` files shipped in ``kg/queries/``. Each starts with a one-line
``# description``; lines ``# param NAME (KIND): help`` declare its parameters, where KIND
says how a value given as text becomes an RDF term:

* ``entity``: any label, spelling or IRI of an entity → its IRI (`kg.why.resolve`);
* ``relation``: ``signed``, ``attended``, … → the property's IRI;
* ``object``: an entity as above, or a whole number → an ``xsd:integer``;
* ``text``: a plain string literal.

Values are bound with rdflib's ``initBindings`` and never pasted into the query text, so a
value cannot change what the query asks. A query that mentions ``?lang`` gets it bound to
the display language (``attendees`` picks the title in that language with it). The named
queries order their rows by IRI, which for people and organizations follows the English
name, so that rows come in the same order in every language and every run.

Results are `kg.results.QueryResult` objects; `format_result` (from `kg.results`, and
importable from here) writes them as a table, CSV, TSV, JSON or Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.formats import DEFAULT_LANG, LANGUAGES, Language, ResultFormat
from kg.results import (
    NAMESPACES,
    QueryResult,
    collect_labels,
    format_result,
    text_table,
)
from kg.store import offline
from kg.triplestore import labels_of, oxigraph_of, select, with_values
from kg.why import relation_property, resolve

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "DEFAULT_LANG", "LANGUAGES", "Language", "NamedQuery", "ParamKind", "Parameter", "QueryResult",
    "ResultFormat", "format_result", "named_queries", "parse_query", "read_query", "run_query",
    "text_table",
]
_PARAM = re.compile(r"#\s*param\s+(\w+)\s*\((\w+)\)\s*:\s*(.*)")
_NAME = re.compile(r"[A-Za-z][\w-]*")


class ParamKind(str, Enum):
    """How a parameter's text becomes an RDF term (see the module docstring)."""

    ENTITY = "entity"
    RELATION = "relation"
    OBJECT = "object"
    TEXT = "text"


@dataclass(frozen=True)
class Parameter:
    """A parameter a query declares: its variable name, kind and one-line help."""

    name: str
    kind: ParamKind
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with a name, a one-line description and its declared parameters."""

    name: str
    description: str
    text: str
    parameters: tuple[Parameter, ...] = ()


def parse_query(text: str, name: str = "query") -> NamedQuery:
    """A query text with its header comments read: description and ``# param`` lines.

    Raises:
        QueryError: a ``# param`` line names an unknown kind.
    """
    description, parameters = "", []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            break
        match = _PARAM.fullmatch(line)
        if match:
            if match[2] not in {kind.value for kind in ParamKind}:
                kinds = ", ".join(kind.value for kind in ParamKind)
                raise QueryError(f"{name}: parameter {match[1]} has kind {match[2]!r}; use {kinds}")
            parameters.append(Parameter(match[1], ParamKind(match[2]), match[3].strip()))
        elif line.lstrip("#").strip() and not description:
            description = line.lstrip("#").strip()
    return NamedQuery(name, description, text, tuple(parameters))


@lru_cache(maxsize=1)
def _packaged() -> tuple[NamedQuery, ...]:
    folder = resources.files("kg") / "queries"
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".rq")),
                   key=lambda item: item.name)
    return tuple(parse_query(item.read_text(encoding="utf-8"), item.name[:-3]) for item in files)


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped with the package, by name, in name order.

    >>> queries = named_queries()
    >>> queries["signatories"].description
    'Organizations that signed a pledge (every pledge when none is given).'
    >>> [p.name for p in queries["evidence"].parameters]
    ['subject', 'relation', 'object']
    """
    return {query.name: query for query in _packaged()}


def read_query(path: str | Path) -> NamedQuery:
    """A query from a ``.rq`` file, named after the file.

    Raises:
        QueryError: the file is missing or not UTF-8 text.
    """
    path = Path(path)
    try:
        return parse_query(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError as exc:
        raise QueryError(f"{path}: no such query file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query ({exc})") from exc


def run_query(graph: Graph, query: str | NamedQuery, *, params: Mapping[str, str] | None = None,
              lang: Language = DEFAULT_LANG) -> QueryResult:
    """Run a named query, or SPARQL text, over a graph.

    Args:
        graph: a graph built by `kg.build_graph` or read by `kg.load_graph`.
        query: a name from `named_queries`, SPARQL text, or a `NamedQuery`.
        params: values by parameter name, as text (names resolve to IRIs; see the module).
        lang: bound to ``?lang`` when the query uses it (as ``attendees`` does for titles).

    Returns:
        The `QueryResult`: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT.

    Raises:
        QueryError: an unknown query name or parameter, a name that matches no entity,
            or SPARQL that does not parse (with the line and column).

    >>> from kg.build import build_graph
    >>> graph = build_graph().graph
    >>> result = run_query(graph, "signed-both")
    >>> [row["organization"] for row in result.records()]
    ['Google', 'Microsoft', 'Samsung Electronics']
    >>> result = run_query(graph, "signatories", params={"pledge": "프론티어 AI 안전 서약"}, lang="ko")
    >>> [row["organization"] for row in result.records("ko")]
    ['구글', '메타', '마이크로소프트', '삼성전자']
    """
    named = _as_query(query)
    store = oxigraph_of(graph)
    # The packaged queries are known to parse and to fetch nothing: on a store they go
    # straight to Oxigraph, without loading rdflib's SPARQL parser (a third of a second).
    trusted = store is not None and named in _packaged()
    if not trusted:
        _refuse_remote(_prepare(named.text, named.name), named.name)
    bindings = _bindings(graph, named, params or {})
    if re.search(r"[?$]lang\b", named.text):
        bindings.setdefault("lang", Literal(lang))
    text = with_values(named.text, bindings) if store is not None else None
    if store is not None and text is not None:
        return _on_oxigraph(store, _with_prefixes(text), named.name)
    prepared = _prepare(named.text, named.name)
    with offline(named.name, QueryError):
        result = graph.query(prepared, initBindings=bindings)
    if result.type == "ASK":
        return QueryResult(boolean=bool(result.askAnswer))
    if result.type != "SELECT":
        return QueryResult(triples=result.graph)
    variables = tuple(str(var) for var in result.vars or ())
    rows = tuple(tuple(binding.get(var) for var in result.vars or ())
                 for binding in result.bindings)
    return QueryResult(variables, rows, collect_labels(graph, rows))


def _on_oxigraph(store: pyoxigraph.Store, text: str, source: str) -> QueryResult:
    """Run the query on Oxigraph's own engine (see `kg.triplestore`)."""
    outcome = select(store, text, source)
    if isinstance(outcome, bool):
        return QueryResult(boolean=outcome)
    if isinstance(outcome, Graph):
        return QueryResult(triples=outcome)
    variables, rows = outcome
    return QueryResult(variables, tuple(rows), labels_of(store, rows))


def _with_prefixes(text: str) -> str:
    """`text` with a PREFIX line for each of the project's prefixes it does not declare
    (rdflib's ``initNs`` gives them to queries; Oxigraph needs them written)."""
    declared = {match.lower() for match in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in sorted(NAMESPACES.items())
             if prefix.lower() not in declared]
    return "\n".join([*lines, text])


def _as_query(query: str | NamedQuery) -> NamedQuery:
    if isinstance(query, NamedQuery):
        return query
    queries = named_queries()
    if query.strip() in queries:
        return queries[query.strip()]
    if _NAME.fullmatch(query.strip()):
        raise QueryError(f"{query.strip()!r}: no such named query; use one of {', '.join(queries)}")
    return parse_query(query)


@lru_cache(maxsize=128)
def _prepare(text: str, source: str) -> Query:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=NAMESPACES)
    except ParseBaseException as exc:
        where = f"line {exc.lineno}, column {exc.col}"
        near = exc.line.strip()[:40]
        raise QueryError(f"{source}: bad SPARQL at {where} (near {near!r}): {exc.msg}") from exc
    except Exception as exc:
        # rdflib reports an undeclared prefix as a bare Exception; anything else is a bug.
        prefix = re.fullmatch(r"Unknown namespace prefix : (\S*)", str(exc))
        if type(exc) is not Exception or prefix is None:
            raise
        raise QueryError(f"{source}: bad SPARQL at {_locate(text, prefix[1] + ':')}: "
                         f"undeclared prefix {prefix[1]}:") from exc


def _refuse_remote(query: Query, source: str) -> None:
    """Refuse what rdflib or Oxigraph would answer by fetching: ``SERVICE`` (a federated
    call) and ``FROM``.

    Read from the parsed query, so that the word in a string or a comment is no reason.
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    if query.algebra.get("datasetClause"):
        raise QueryError(f"{source}: FROM and FROM NAMED are not supported: a query runs over "
                         "the loaded graph only and never fetches another")
    stack: list[object] = [query.algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                words = str(getattr(node, "service_string", None) or "").split()
                target = next((word for word in words[1:3] if word.upper() != "SILENT"), "")
                raise QueryError(f"{source}: SERVICE {target[:80]} refused: kg never sends a "
                                 "query to another endpoint")
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)


def _locate(text: str, token: str) -> str:
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(token)
        if column >= 0 and not line.lstrip().startswith("#"):
            return f"line {number}, column {column + 1}"
    return "line 1, column 1"


def _bindings(graph: Graph, query: NamedQuery,
              params: Mapping[str, str]) -> dict[str, Identifier]:
    declared = {parameter.name: parameter.kind for parameter in query.parameters}
    strict = bool(declared) or query in _packaged()
    bindings: dict[str, Identifier] = {}
    for name, value in params.items():
        if strict and name not in declared:
            takes = ", ".join(declared) or "none"
            raise QueryError(f"{query.name}: no parameter {name!r}; it takes {takes}")
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"{query.name}: {name!r} is not a variable name")
        try:
            bindings[name] = _term(graph, declared.get(name), value)
        except QueryError as exc:
            raise QueryError(f"{query.name}: {name}: {exc}") from exc
    return bindings


def _term(graph: Graph, kind: ParamKind | None, value: str) -> Identifier:
    if kind is ParamKind.TEXT:
        return Literal(value)
    if kind is ParamKind.RELATION:
        return URIRef(value) if _is_iri(value) else relation_property(value)
    if kind is not ParamKind.ENTITY and value.isdecimal():
        return Literal(int(value))
    if kind is not None:
        return resolve(graph, value)
    # An undeclared parameter of the user's own query: an IRI, a number, a name, or text.
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    try:
        return resolve(graph, value)
    except QueryError:
        return Literal(value)


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://"))


