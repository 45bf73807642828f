"""Read and write graphs: Turtle, JSON-LD, and (for corpora) TriG and N-Quads.

Files are written to a temporary name in the target folder and renamed into place
only when every one of them is complete, so a failed run leaves no partial output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError

from kg import serialize as fast
from kg.errors import StoreError
from kg.graph import PREFIXES, Triple

DEFAULT_OUT = Path("out")
GRAPH_FILE = "kg.ttl"


class Format(str, Enum):
    """Serialisations the project writes, with their file names."""

    TURTLE = "kg.ttl"
    JSONLD = "kg.jsonld"
    TRIG = "kg.trig"
    NQUADS = "kg.nq"


JSONLD_CONTEXT = {prefix: str(ns) for prefix, ns in PREFIXES.items()} | {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def serialize(graph: Graph, fmt: Format) -> bytes:
    """One graph (or dataset, for TriG and N-Quads) as bytes in a format."""
    if fmt is Format.TURTLE:
        return fast.turtle(graph, JSONLD_CONTEXT).encode("utf-8")
    if fmt is Format.JSONLD:
        return b"".join(iter_union(graph, fmt))
    if fmt is Format.TRIG and isinstance(graph, Dataset):
        named = {ctx.identifier: ctx for ctx in graph.graphs() if len(ctx)}
        return fast.trig(named, JSONLD_CONTEXT).encode("utf-8")  # type: ignore[arg-type]
    return graph.serialize(format="trig" if fmt is Format.TRIG else "nquads", encoding="utf-8")


def iter_union(graph: Graph, fmt: Format) -> Iterator[bytes]:
    """`serialize` in pieces, for the formats written piece by piece (JSON-LD)."""
    if fmt is not Format.JSONLD:
        yield serialize(graph, fmt)
        return
    for chunk in fast.iter_jsonld(graph, JSONLD_CONTEXT):
        yield chunk.encode("utf-8")


def serialize_named(graphs: Mapping[URIRef, Iterable[Triple]], fmt: Format) -> bytes:
    """Named graphs (graph IRI → triples) as TriG or N-Quads bytes."""
    return b"".join(iter_named(graphs, fmt))


def iter_named(graphs: Mapping[URIRef, Iterable[Triple]], fmt: Format) -> Iterator[bytes]:
    """`serialize_named` in pieces, one named graph at a time (for `write_files`)."""
    if fmt is Format.TRIG:
        chunks = fast.iter_trig(graphs, JSONLD_CONTEXT)
    elif fmt is Format.NQUADS:
        chunks = fast.iter_nquads(graphs)
    else:
        raise StoreError(f"{fmt.value}: not a format for named graphs")
    return (chunk.encode("utf-8") for chunk in chunks)


def write_files(out_dir: str | Path,
                files: Mapping[str, Callable[[], bytes | Iterable[bytes]]],
                *, before_commit: Callable[[], object] | None = None) -> list[Path]:
    """Write several files into `out_dir` all at once, or none of them.

    Args:
        out_dir: the folder (created if missing).
        files: file name → a function producing its bytes (at once, or in pieces).
        before_commit: called once every file is written under a temporary name and
            before any is renamed into place (what it returns is ignored); if it raises,
            nothing is put in place.

    Returns:
        The paths written.

    Raises:
        StoreError: the folder cannot be created or a file cannot be written.
    """
    folder = Path(out_dir)
    temporary: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, produce in files.items():
            handle, scratch = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            temporary.append((Path(scratch), folder / name))
            with os.fdopen(handle, "wb") as stream:
                data = produce()
                stream.writelines([data] if isinstance(data, bytes) else data)
            os.chmod(scratch, 0o644)
        if before_commit is not None:
            before_commit()
        for done, final in temporary:
            os.replace(done, final)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write output ({exc.strerror or exc})") from exc
    finally:
        for tmp, _ in temporary:
            tmp.unlink(missing_ok=True)
    return [final for _, final in temporary]


def remove_stale(out_dir: str | Path, names: Iterable[str]) -> list[Path]:
    """Delete earlier outputs of ours from `out_dir`, so a failed run leaves none behind."""
    removed = []
    for name in names:
        path = Path(out_dir) / name
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def load_graph(path: str | Path) -> Graph:
    """Read a graph written by `kg build` (Turtle, JSON-LD, TriG or N-Quads by suffix).

    Raises:
        StoreError: the file is missing or not a readable graph.
    """
    path = Path(path)
    fmt = {".ttl": "turtle", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}.get(
        path.suffix, "turtle"
    )
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; run `kg build` first")
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = Graph().parse(path, format=fmt)
    except (ParserError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not a readable {fmt} graph ({exc})") from exc
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
