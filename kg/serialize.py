"""Fast, streaming writers for Turtle, TriG and JSON-LD.

rdflib's own serialisers look for the prettiest layout and grow slower than linearly;
a corpus graph of a few hundred thousand triples takes minutes. These writers group
triples by subject, use the project's prefixes, and take time linear in the graph.
The output parses back to the same graph (the tests compare by isomorphism).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPE = re.compile(r'[\\"\n\r\t]')
_TYPE = RDF.type  # looked up once: a namespace's attribute costs microseconds a time


class _Names:
    """Turns terms into Turtle text, with prefixed names where the local part allows."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.cache: dict[URIRef, str] = {}

    def iri(self, iri: URIRef) -> str:
        text = self.cache.get(iri)
        if text is None:
            text = f"<{iri}>"
            for prefix, namespace in self.prefixes:
                if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
                    text = f"{prefix}:{iri[len(namespace):]}"
                    break
            self.cache[iri] = text
        return text

    def term(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            quoted = '"' + _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], str(term)) + '"'
            if term.language:
                return f"{quoted}@{term.language}"
            if term.datatype is not None:
                return f"{quoted}^^{self.iri(term.datatype)}"
            return quoted
        raise TypeError(f"not an RDF term: {term!r}")


def _block(names: _Names, triples: Iterable[Triple], indent: str = "") -> Iterable[str]:
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    for subject in sorted(by_subject, key=str):
        predicates = by_subject[subject]
        parts = []
        for predicate in sorted(predicates, key=lambda p: (p != _TYPE, str(p))):
            verb = "a" if predicate == _TYPE else names.iri(predicate)  # type: ignore[arg-type]
            objects = ", ".join(sorted(names.term(o) for o in predicates[predicate]))
            parts.append(f"{verb} {objects}")
        yield f"{indent}{names.term(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n"


def _header(names: _Names) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.prefixes)) + "\n"


def turtle(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> str:
    """Triples as Turtle text."""
    names = _Names(prefixes)
    return _header(names) + "\n".join(_block(names, triples))


def trig(graphs: Mapping[URIRef, Iterable[Triple]], prefixes: Mapping[str, str]) -> str:
    """Named graphs as TriG text."""
    return "".join(iter_trig(graphs, prefixes))


def iter_trig(graphs: Mapping[URIRef, Iterable[Triple]], prefixes: Mapping[str, str]) -> Iterator[str]:
    """`trig` one named graph at a time, so that a large corpus is never one string."""
    names = _Names(prefixes)
    yield _header(names)
    for name in sorted(graphs, key=str):
        yield f"{names.iri(name)} {{\n" + "".join(_block(names, graphs[name], indent="    ")) + "}\n\n"


def jsonld(triples: Iterable[Triple], context: Mapping[str, str]) -> str:
    """Triples as compact JSON-LD: one node object per subject, under ``@graph``."""
    return "".join(iter_jsonld(triples, context))


def iter_jsonld(triples: Iterable[Triple], context: Mapping[str, str]) -> Iterator[str]:
    """`jsonld` one node object at a time, each on a line of its own: only the triples
    grouped by subject are held, not a dictionary per value of the whole graph."""
    names = _Names(context)

    def compact(iri: URIRef) -> str:
        text = names.iri(iri)
        return text[1:-1] if text.startswith("<") else text

    def value(term: Node) -> dict[str, Any]:
        if isinstance(term, URIRef):
            return {"@id": compact(term)}
        if isinstance(term, BNode):
            return {"@id": f"_:{term}"}
        assert isinstance(term, Literal)
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is not None:
            return {"@value": str(term), "@type": compact(term.datatype)}
        return {"@value": str(term)}

    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in triples:
        by_subject[s].append((p, o))
    head = json.dumps({"@context": dict(context)}, ensure_ascii=False, indent=1)
    yield head[: head.rindex("}")].rstrip() + ',\n "@graph": ['
    for number, subject in enumerate(sorted(by_subject, key=str)):
        node: dict[str, Any] = {"@id": value(subject)["@id"]}
        # sorted, as Turtle's blocks are: a set's order changes with PYTHONHASHSEED
        for p, o in sorted(by_subject[subject], key=_order):
            if p == _TYPE and isinstance(o, URIRef):
                node.setdefault("@type", []).append(compact(o))
            else:
                node.setdefault(compact(p), []).append(value(o))  # type: ignore[arg-type]
        # one node per line: without `indent`, json uses its C encoder (five times faster)
        text = json.dumps(node, ensure_ascii=False)
        yield ("\n  " if number == 0 else ",\n  ") + text
    yield "\n ]\n}"


def _order(pair: tuple[Node, Node]) -> tuple[bool, str, str, str]:
    """Predicate and object, ``rdf:type`` first; the object by its kind and text."""
    predicate, term = pair
    kind = type(term).__name__
    detail = f"{term.language or ''}|{term.datatype or ''}" if isinstance(term, Literal) else ""
    return predicate != _TYPE, str(predicate), kind + detail, str(term)


def nquads(graphs: Mapping[URIRef, Iterable[Triple]]) -> str:
    """Named graphs as N-Quads text, one quad per line."""
    return "".join(iter_nquads(graphs))


def iter_nquads(graphs: Mapping[URIRef, Iterable[Triple]]) -> Iterator[str]:
    """`nquads` one named graph at a time."""
    names = _Names({})
    for name in sorted(graphs, key=str):
        graph = names.iri(name)
        # sorted, so that two builds of the same input write the same bytes
        yield "".join(sorted(f"{names.term(s)} {names.term(p)} {names.term(o)} {graph} .\n"
                             for s, p, o in graphs[name]))
