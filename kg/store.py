"""Read and write graphs: Turtle, JSON-LD, and (for corpora) TriG and N-Quads.

Files are written to a temporary name in the target folder and renamed into place
only when every one of them is complete, so a failed run leaves no partial output.
(`kg build` writes its five outputs through `kg.outdir` instead, which switches a whole
build into place at once and keeps the last complete one when a build fails.)
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg import serialize as fast
from kg.errors import KGError, StoreError
from kg.formats import GRAPH_FILE, Format
from kg.graph import PREFIXES, Triple

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


def load_graph(path: str | Path) -> Graph:
    """Open the graph of a build folder, or read a graph file written by `kg build`.

    A build folder (``kg build --out DIR``) holds an Oxigraph store (`kg.triplestore`): the
    graph returned reads from it, read-only, and nothing is parsed (a folder without a store,
    from an older version, has its ``kg.ttl`` parsed). A file is parsed by its
    suffix: Turtle, JSON-LD, TriG or N-Quads. Nothing is fetched while reading: a JSON-LD
    file must carry its ``@context`` inline (as `kg build` writes it), and one that refers to
    a context by IRI is refused.

    Raises:
        StoreError: the file is missing, a folder without a store, or not a readable graph.
    """
    path = Path(path)
    fmt = {".ttl": "turtle", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}.get(
        path.suffix, "turtle"
    )
    if path.is_dir():
        from kg.formats import STORE_DIR
        from kg.triplestore import open_graph, store_path

        store = store_path(path)
        if store is not None:
            return _bound(open_graph(store))
        if not (path / GRAPH_FILE).is_file():  # a build of an older version has no store
            raise StoreError(f"{path}: is a folder with neither a {STORE_DIR}/ nor a "
                             f"{GRAPH_FILE} in it; run `kg build --out {path}` first")
        path, fmt = path / GRAPH_FILE, "turtle"
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; run `kg build` first")
    try:
        with offline(path):
            if fmt == "json-ld":
                graph = _parse_jsonld(path)
            elif fmt in ("trig", "nquads"):
                dataset = Dataset()
                dataset.parse(path, format=fmt)
                graph = Graph()
                for s, p, o, _ in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            else:
                graph = Graph().parse(path, format=fmt)
    except (KGError, MemoryError):
        raise
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the graph ({exc.strerror or exc})") from exc
    except Exception as exc:  # rdflib's parsers raise anything on a malformed file
        # the Turtle parser appends the whole text around the error: keep where and why
        reason = str(exc).split(" at ^ in:")[0].replace(" of <>:", ":")
        raise StoreError(f"{path}: not a readable {fmt} graph ({one_line(reason)})") from exc
    return _bound(graph)


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def one_line(error: BaseException | str, limit: int = 160) -> str:
    """An error's text on one line, cut at `limit` characters (parsers quote whole lines)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_jsonld(path: Path) -> Graph:
    """A JSON-LD file as a graph, read with rdflib only after checking that it fetches nothing."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not a readable json-ld graph (not UTF-8)") from exc
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if not isinstance(document, dict | list):
        kind = type(document).__name__
        raise StoreError(f"{path}: not a JSON-LD graph (the document is a {kind}, not an object)")
    problem = _jsonld_problem(document)
    if problem:
        raise StoreError(f"{path}: {problem}")
    return Graph().parse(data=document, format="json-ld",  # type: ignore[arg-type]
                         base=path.absolute().as_uri())


_CONTEXT_STRINGS = ("@base", "@vocab", "@language", "@direction")


def _jsonld_problem(document: object) -> str | None:
    """What in a JSON-LD document would make rdflib fetch a URL or fail, or ``None``.

    rdflib loads every ``@context`` given as an IRI (at the top, in a node, in a term's
    scoped context, in a list of contexts) and every ``@import``, over the network or from
    a file; a file that `kg build` wrote never has one.
    """
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if key == "@import":
                return f"JSON-LD @import of {one_line(repr(value), 80)} refused: kg never fetches a context"
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    problem = _context_problem(context)
                    if problem:
                        return problem
            stack.append(value)
    return None


def _context_problem(context: object) -> str | None:
    """What is wrong with one context of a ``@context`` (an IRI to fetch, a wrong type)."""
    if isinstance(context, str):
        return (f"remote JSON-LD @context {one_line(context, 80)!r} refused: "
                "kg never fetches a context; put it inline")
    if context is not None and not isinstance(context, dict):
        return f"JSON-LD @context must be an object, not {one_line(repr(context), 40)}"
    for word in _CONTEXT_STRINGS:
        if isinstance(context, dict) and not isinstance(context.get(word), str | None):
            return f"JSON-LD @context: {word} must be a string, not {one_line(repr(context[word]), 40)}"
    return None


# Network access is refused while a graph is read or a query runs, on top of the checks
# above: rdflib reaches the network through urllib (JSON-LD contexts, SPARQL SERVICE,
# FROM), which raises the ``urllib.Request`` audit event first (see rdflib's "Security
# considerations"). The hook is installed once and acts only inside `offline`.
_OFFLINE: contextvars.ContextVar[tuple[str, type[KGError]] | None] = contextvars.ContextVar(
    "kg_offline", default=None)
_NETWORK_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo"})
_hooked = False


def _refuse_network(event: str, args: tuple[object, ...]) -> None:
    if event in _NETWORK_EVENTS:
        refusal = _OFFLINE.get()
        if refusal is not None:
            source, error = refusal
            target = args[1] if event == "socket.connect" else args[0]
            raise error(f"{source}: refused to reach the network ({one_line(str(target), 80)})")


@contextlib.contextmanager
def offline(source: str | Path, error: type[KGError] = StoreError) -> Iterator[None]:
    """Within the block, any attempt to reach the network raises `error` naming `source`."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_refuse_network)
        _hooked = True
    token = _OFFLINE.set((str(source), error))
    try:
        yield
    finally:
        _OFFLINE.reset(token)
