"""Query results: what a query returned, and how it reads as text, CSV, TSV, JSON or Markdown.

A `QueryResult` holds the rows of a SELECT (or an ASK answer, or a CONSTRUCT graph) together
with the labels of the IRIs in it, so that it can be shown in either language without the
graph. `format_result` writes it; `text_table` aligns columns for a terminal, counting a
Hangul syllable as two columns.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.formats import DEFAULT_LANG, LANGUAGES, Language, ResultFormat
from kg.graph import PREFIXES

NAMESPACES = {**{p: str(ns) for p, ns in PREFIXES.items()}, "rdf": str(RDF), "rdfs": str(RDFS),
              "xsd": str(XSD)}


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query, with the labels of the IRIs in it.

    Attributes:
        variables: the column names of a SELECT query.
        rows: one tuple per solution, ``None`` where a variable is unbound.
        labels: for each IRI in the rows, its ``rdfs:label`` by language (``""`` untagged).
        boolean: the answer of an ASK query.
        triples: the graph a CONSTRUCT or DESCRIBE query made.
    """

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    labels: Mapping[URIRef, Mapping[str, str]] = field(default_factory=dict, repr=False)
    boolean: bool | None = None
    triples: Graph | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def display(self, node: Node | None, lang: Language = DEFAULT_LANG) -> str:
        """A term as a person reads it: an IRI's label in `lang` (else the other), a literal's text.

        An IRI without a label is shown as a prefixed name, an unbound variable as ``""``.
        """
        if node is None:
            return ""
        if isinstance(node, URIRef):
            names = self.labels.get(node, {})
            other = next(code for code in LANGUAGES if code != lang)
            return names.get(lang) or names.get(other) or names.get("") or shorten(node)
        if isinstance(node, BNode):
            return f"_:{node}"
        return str(node)

    def records(self, lang: Language = DEFAULT_LANG) -> list[dict[str, str]]:
        """The rows as dicts of display text, e.g. for ``pandas.DataFrame(result.records())``."""
        return [{var: self.display(node, lang)
                 for var, node in zip(self.variables, row, strict=True)} for row in self.rows]


def shorten(iri: URIRef) -> str:
    """An IRI as a prefixed name when a project prefix covers it (``summit:signed``)."""
    for prefix, namespace in sorted(NAMESPACES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return str(iri)


def collect_labels(graph: Graph,
                   rows: Sequence[tuple[Node | None, ...]]) -> dict[URIRef, dict[str, str]]:
    """The ``rdfs:label`` of each IRI in the rows, by language (``""`` for untagged)."""
    return {node: by_language(graph.objects(node, RDFS.label))
            for node in {node for row in rows for node in row if isinstance(node, URIRef)}}


def by_language(labels: Iterable[Node]) -> dict[str, str]:
    """One label per language (``""`` for untagged): the first in order, as every reader
    picks it."""
    names: dict[str, str] = {}
    for label in sorted(label for label in labels if isinstance(label, Literal)):
        names.setdefault(label.language or "", str(label))
    return names


def format_result(result: QueryResult, fmt: ResultFormat | str = ResultFormat.TABLE, *,
                  lang: Language = DEFAULT_LANG) -> str:
    """A result as text: an aligned table, CSV, TSV, SPARQL results JSON, or Markdown.

    Every format but JSON shows IRIs by their label in `lang` (the other language when
    there is none). In CSV and TSV a cell that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) starts with
    ``'`` instead. JSON is the standard SPARQL 1.1 results document, IRIs as IRIs. An ASK
    answer is ``true`` or ``false``; a CONSTRUCT graph is Turtle (JSON-LD for ``json``).

    Raises:
        QueryError: an unknown format.

    >>> result = QueryResult(("n", "s"), ((Literal(1), Literal("한국")),))
    >>> print(format_result(result, "markdown"))
    | n | s |
    | --- | --- |
    | 1 | 한국 |
    """
    try:
        fmt = ResultFormat(fmt)
    except ValueError as exc:
        names = ", ".join(f.value for f in ResultFormat)
        raise QueryError(f"{fmt!r}: unknown result format; use one of {names}") from exc
    if result.triples is not None:
        return result.triples.serialize(format="json-ld" if fmt is ResultFormat.JSON else "turtle")
    if fmt is ResultFormat.JSON:
        return _json(result)
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    cells = [[result.display(node, lang) for node in row] for row in result.rows]
    if fmt is ResultFormat.CSV:
        return "\n".join(",".join(_csv_field(_inert(c)) for c in row)
                         for row in [result.variables, *cells])
    if fmt is ResultFormat.TSV:
        return "\n".join("\t".join(_one_line(_inert(c), " ") for c in row)
                         for row in [result.variables, *cells])
    if fmt is ResultFormat.MARKDOWN:
        lines = [result.variables, ["---"] * len(result.variables), *cells]
        return "\n".join("| " + " | ".join(_one_line(c, " ").replace("|", "\\|") for c in row)
                         + " |" for row in lines)
    count = len(cells)
    return f"{text_table(result.variables, cells)}\n({count} row{'s' if count != 1 else ''})"


def _csv_field(cell: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180): the
    csv module quotes only the line ending it writes, and would leave a bare carriage return."""
    if any(char in cell for char in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: one starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a leading ``'`` (OWASP's advice for CSV files)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _one_line(text: str, space: str) -> str:
    return re.sub(r"[\t\r\n]+", space, text)


def _json(result: QueryResult) -> str:
    document: dict[str, object]
    if result.boolean is not None:
        document = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{var: _json_term(node) for var, node in zip(result.variables, row, strict=True)
                     if node is not None} for row in result.rows]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    term = {"type": "literal", "value": str(node)}
    if isinstance(node, Literal) and node.language:
        term["xml:lang"] = node.language
    elif isinstance(node, Literal) and node.datatype:
        term["datatype"] = str(node.datatype)
    return term


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as columns aligned for a terminal (a Hangul syllable is two columns wide).

    >>> print(text_table(["name", "n"], [["구글", "2"], ["Meta", "1"]]))
    name  n
    ----  -
    구글  2
    Meta  1
    """
    lines = [[_one_line(str(cell), " ") for cell in row] for row in [headers, *rows]]
    widths = [max(map(_width, column)) for column in zip(*lines, strict=True)] if lines[0] else []
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join("  ".join(cell + " " * (width - _width(cell))
                               for cell, width in zip(line, widths, strict=True)).rstrip()
                     for line in lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
