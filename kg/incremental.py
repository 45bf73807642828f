"""`kg add` and `kg remove`: change the articles of a build without reading the others again.

Every build keeps in its folder each article's triples as extracted and checked alone (the
store ``extracted``, before anything is merged), the file each came from (``sources`` in
``build.json``), and where each article's graph lies in the files of named graphs
(``index``). Adding articles extracts only those; an article is known by its IRI, which is
the hash of its bytes, and by its file, so adding a file again, changed or not, replaces its
graph. Removing takes an article's graph out.

Then `kg.delta.plan` works out what the change does to the merge from the articles it
touches, and `Update.write` writes the next build by copying from the last one everything
else: the unchanged named graphs and union subjects byte for byte (`kg.splice`), and the
stores as hard links with the change applied. Only the page is drawn again whole. When the
change reaches too far, or the last build is of an older layout, every extracted graph is
merged again exactly as `kg.build.build_graph` merges them and written as a whole build.
Either way ``build(A + B)`` and ``build(A)`` then ``add(B)`` write the same files, and
``add(B)`` then ``remove(B)`` gives back ``build(A)``: facts that only B stated go with it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef
from rdflib.term import Literal, Node

from kg.build import (
    EXTRACTED,
    MANIFEST,
    Background,
    Build,
    Progress,
    build_graph,
    catalogue_name,
    indexed,
    verdict,
    write_build,
    write_manifest,
)
from kg.conform import settle
from kg.delta import Delta, Stores, plan
from kg.errors import ArticleError, KGError, StoreError, ValidationError
from kg.formats import OUTPUTS, PAGE_FILE, STORE_DIR, Format
from kg.graph import Triple, article_iri, graph_iri, new_graph
from kg.loader import MAX_SIZE, read_article
from kg.outdir import BUILDS, CURRENT

SETTLE_AT_LEAST, SETTLE_SHARE = 50, 10
"""A change that makes more than 50 of the last build's articles, or a tenth of them if more,
to be settled again is merged whole instead (`kg.delta.plan`'s lookups cost more then)."""


@dataclass
class Change:
    """What `add_articles` or `remove_articles` did, by file name."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Update:
    """A change to the build in a folder, worked out and not yet written (`write`).

    Attributes:
        folder: the last build's own folder (``DIR/.builds/<id>``), held from deletion
            until `write` has read it.
        sources: each article's file after the change, by IRI.
        changed: the triples, as extracted, of the articles that go and come (what
            validation looks at: `kg.build.to_validate`).
        delta: what the change does (`kg.delta.Delta`); None when `build` is the whole
            merge instead.
        build: the whole merge, when the change had to be merged with every article.
        failures: (input, error) for each new article that did not build.
        dropped: (article file, reason) for each thing dropped from an article merged again.
        stores: the last build's stores, open read-only until `release`.
        manifest: the last build's ``build.json``.
        gone: the articles of the last build that go (those replaced too), by IRI.
        added: the articles that come, by IRI: their triples as extracted.
    """

    folder: Path
    sources: dict[URIRef, str]
    changed: list[Triple]
    delta: Delta | None = None
    build: Build | None = None
    failures: list[tuple[str, KGError]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    stores: Stores | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    gone: set[URIRef] = field(default_factory=set)
    added: dict[URIRef, tuple[Triple, ...]] = field(default_factory=dict)
    _hold: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    _drawing: Background[bytes] | None = None
    _send: Any = None

    @property
    def articles(self) -> int:
        """How many articles the build holds after the change."""
        return len(self.sources)

    def to_validate(self) -> tuple[Graph, list[Node]]:
        """What validation looks at (`kg.build.to_validate`): the nodes the change names,
        each with what the new union says about it and the classes of what it points to."""
        return _to_validate(self)

    def start_drawing(self) -> None:
        """Start reading the last build's union for the page in a forked process, which then
        waits for the change (`draw`): the reading costs none of this process's time."""
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        store = self.folder / STORE_DIR
        self._drawing = Background(lambda: _draw_changed(store, receive, send), "drawing")
        self._send = send
        receive.close()

    def draw(self, store: Path) -> Background[bytes]:
        """The page of the build after the change, drawn in a forked process: by the one
        `start_drawing` started, or else from the new build's `store`."""
        from kg.draw import render_html
        from kg.triplestore import open_graph

        delta = self.delta
        assert delta is not None
        drawing, send, self._drawing, self._send = self._drawing, self._send, None, None
        if drawing is not None:
            try:
                send.send((delta.added, delta.removed))
                send.close()
                return drawing
            except OSError:  # it died: draw anew
                drawing.cancel()
        return Background(lambda: render_html(open_graph(store)).encode("utf-8"), "drawing")

    def release(self) -> None:
        """Let later builds delete the last build's folder again; stop the drawing process."""
        self.stores = None
        if self._drawing is not None:
            self._drawing.cancel()
            self._drawing = None
        if self._send is not None:
            self._send.close()
            self._send = None
        self._hold.close()

    def write(self, out_dir: str | Path) -> list[Path]:
        """Validate the change and write the next build into `out_dir`, all or none, as
        `kg.build.write_build` does.

        Raises:
            ValidationError: the graph does not conform, and no article is to blame.
            StoreError: `out_dir` cannot be written.
        """
        try:
            if self.delta is not None:
                try:
                    return _write_delta(self, out_dir)
                # the whole merge can repair what is to blame, and writes every file anew
                except (ValidationError, StoreError):
                    self.delta = None
            if self.build is None:
                self.build = _merge_all(self)
            self.release()
            return write_build(self.build, out_dir)
        finally:
            self.release()


def add_articles(out_dir: str | Path, inputs: Sequence[str | Path], *,
                 encoding: str | None = None, max_size: int | None = MAX_SIZE,
                 progress: Progress | None = None, workers: int | None = None,
                 ) -> tuple[Update, Change]:
    """The build in `out_dir` with `inputs` (files or folders) added, or replacing the
    articles of the same content or the same file. Nothing is written (`Update.write`
    does).

    Raises:
        KGError: no new article could be read or extracted (the first failure), or `out_dir`
            holds no build to add to.
    """
    update = _open(out_dir)
    try:
        update.start_drawing()  # reads the last build's union while this process extracts
        new = build_graph(inputs, encoding=encoding, max_size=max_size, check=False,
                          settled=False, progress=progress, workers=workers)
        sources = update.sources
        by_file = {os.path.abspath(path): iri for iri, path in sources.items()}
        change = Change()
        gone: set[URIRef] = set()
        added: dict[URIRef, tuple[Triple, ...]] = {}
        for article in new.articles:
            iri, path = article_iri(article), os.path.abspath(article.source)
            earlier = by_file.get(path)
            if earlier is not None and earlier != iri:  # the same file, changed
                gone.add(earlier)
                del sources[earlier]
            (change.replaced if iri in sources or earlier else change.added).append(
                article.source)
            if iri in sources:
                gone.add(iri)
            added[iri], sources[iri] = new.extracted[iri], path
            by_file[path] = iri
        update.failures = new.failures
        _plan(update, gone, added)
        update.dropped = new.dropped + update.dropped
        return update, change
    except BaseException:
        update.release()
        raise


def remove_articles(out_dir: str | Path, names: Sequence[str | Path]) -> tuple[Update, Change]:
    """The build in `out_dir` without the articles `names`: each a file as given to the
    build (or its name, when only one article's file has it), or a file with the same bytes.

    Raises:
        KGError: a name is not an article of the build, or every article would go.
    """
    update = _open(out_dir)
    try:
        update.start_drawing()
        change = Change()
        gone: set[URIRef] = set()
        for name in names:
            iri = _find(str(name), update.sources)
            if iri is None:
                raise ArticleError(f"{name}: not an article of the build in {out_dir}")
            gone.add(iri)
            change.removed.append(update.sources.pop(iri))
        if not update.sources:
            raise ArticleError(f"{out_dir}: removing every article would leave an empty build")
        _plan(update, gone, {})
        return update, change
    except BaseException:
        update.release()
        raise


def load_build(out_dir: str | Path) -> Build:
    """The last build written into `out_dir`: its articles' extracted graphs and files
    (``extracted``, ``sources``), not merged (`merge` merges them).

    Raises:
        StoreError: `out_dir` holds no build, or one written by a version of kg that kept
            no extracted graphs.
    """
    update = _open(out_dir)
    try:
        assert update.stores is not None
        return Build(graph=new_graph(), extracted=update.stores.graphs(update.stores.extracted),
                     sources=update.sources)
    finally:
        update.release()


def merge(extracted: dict[URIRef, tuple[Triple, ...]], sources: dict[URIRef, str]) -> Build:
    """Merge articles' extracted graphs as `build_graph` does: the union of their triples,
    then `kg.conform.settle` (one label per language, the checks across articles)."""
    build = Build(graph=new_graph(), graphs=dict(extracted), extracted=dict(extracted),
                  sources=dict(sources))
    seen: set[Triple] = set()
    add = build.graph.store.addN
    for triples in extracted.values():
        fresh = [t for t in triples if t not in seen]
        seen.update(fresh)
        add((s, p, o, build.graph) for s, p, o in fresh)
    settle(build.graph, build.graphs, build.report, preferred=catalogue_name)
    return build


def _open(out_dir: str | Path) -> Update:
    """The last build in `out_dir`, held, with its manifest and stores open.

    Raises:
        StoreError: `out_dir` holds no build, or one written by a version of kg that kept
            no extracted graphs.
    """
    from kg.outdir import hold
    from kg.triplestore import open_store

    out = Path(out_dir)
    if not (out / BUILDS / CURRENT).is_dir():
        raise StoreError(f"{out}: holds no build; run `kg build --out {out}` first")
    stack = contextlib.ExitStack()
    try:
        folder = stack.enter_context(hold(out))
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        sources = {URIRef(iri): path for iri, path in manifest["sources"].items()}
        stores = Stores(open_store(folder / STORE_DIR), open_store(folder / EXTRACTED))
        if not isinstance(manifest["index"], dict):
            raise ValueError("no index")
    except (OSError, ValueError, KeyError, AttributeError, KGError) as exc:
        stack.close()
        raise StoreError(f"{out_dir}: its build keeps no extracted graphs (made by an older "
                         f"kg); build it again with `kg build --out {out_dir}`") from exc
    return Update(folder=folder, sources=sources, changed=[], stores=stores,
                  manifest=manifest, _hold=stack)


def _plan(update: Update, gone: set[URIRef], added: dict[URIRef, tuple[Triple, ...]]) -> None:
    """Work out the change (`kg.delta.plan`), or merge every article when it reaches too far."""
    stores = update.stores
    assert stores is not None
    update.gone, update.added = gone, added
    for iri in gone:
        update.changed.extend(stores.graph(stores.extracted, iri))
    for triples in added.values():
        update.changed.extend(triples)
    update.delta = plan(stores, gone, added, catalogue_name,
                        limit=max(SETTLE_AT_LEAST, len(update.sources) // SETTLE_SHARE))
    if update.delta is None:
        update.build = _merge_all(update)
    else:
        update.dropped = [(update.sources.get(iri, str(iri)), why)
                          for iri, why in update.delta.dropped]


def _merge_all(update: Update) -> Build:
    """The whole merge of the build after the change, as `kg build` would merge it."""
    stores = update.stores
    assert stores is not None
    extracted = {iri: triples for iri, triples in stores.graphs(stores.extracted).items()
                 if iri not in update.gone}
    extracted.update(update.added)
    build = merge(extracted, update.sources)
    build.changed = update.changed
    update.dropped = build.dropped
    return build


def _write_delta(update: Update, out_dir: str | Path) -> list[Path]:
    """Write the next build from the last one and the delta: the stores copied as hard links
    with the change applied, the files spliced (`kg.splice`), the nodes the change names
    validated, and the page drawn again from the new store beside all that."""
    from kg.outdir import Staging, pause_point
    from kg.splice import splice_named, splice_union
    from ontology import validate

    delta, stores, old = update.delta, update.stores, update.folder
    assert delta is not None and stores is not None
    with Staging(out_dir) as staging:
        named = {graph_iri(iri): triples for iri, triples in delta.graphs.items()}
        pause_point(f"write:{STORE_DIR}")
        _copy_store(stores.union, staging.path / STORE_DIR, named, delta)
        _copy_store(stores.extracted, staging.path / EXTRACTED,
                    {graph_iri(iri): triples for iri, triples in delta.extracted.items()}, None)
        drawing = update.draw(staging.path / STORE_DIR)  # most of the time, beside the rest
        index: dict[str, dict[str, list[int]]] = {}
        try:
            _unchanged(old, update.manifest)
            data, focus = update.to_validate()
            pause_point("validate")
            verdict(*validate(data, focus=focus))
            for fmt in (Format.TURTLE, Format.JSONLD):
                staging.write(fmt.value, splice_union(old / fmt.value, fmt, delta.subjects))
            for fmt in (Format.NQUADS, Format.TRIG):
                staging.write(fmt.value, indexed(splice_named(
                    old / fmt.value, fmt, update.manifest["index"][fmt.value], named),
                    index, fmt.value))
            page = drawing.result()
        finally:
            drawing.cancel()
        staging.write(PAGE_FILE, page)
        triples = update.manifest["triples"] + len(delta.added) - len(delta.removed)
        write_manifest(staging, len(update.sources), triples, update.sources, index)
        update.release()
        return staging.commit((*OUTPUTS, STORE_DIR))


def _draw_changed(store: Path, receive: Any, send: Any) -> bytes:
    """In the forked process of `Update.start_drawing`: the page of the last build's union
    (read from its `store`) with the change it receives applied."""
    import gc

    from kg.draw import GraphIndex, render_html
    from kg.triplestore import open_graph

    send.close()  # this process's copy: the parent's end alone keeps the pipe open
    # a million triples make millions of dictionaries and lists, none in a cycle: the
    # collector would walk them again and again (a quarter of the time) for nothing to free
    # in a process that ends as soon as it has sent the page
    gc.disable()
    index = GraphIndex(open_graph(store))
    try:
        added, removed = receive.recv()
    except EOFError as exc:
        raise KGError("drawing: the change never came") from exc
    index.update(added, removed)
    return render_html(index).encode("utf-8")


def _unchanged(folder: Path, manifest: dict[str, Any]) -> None:
    """Check that the last build's files are the size they were written (none was edited
    in place), before copying from them.

    Raises:
        StoreError: one is missing or changed.
    """
    for fmt in Format:
        path = folder / fmt.value
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise StoreError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
        if size != manifest["files"][fmt.value]["bytes"]:
            raise StoreError(f"{path}: changed since it was written")


def _copy_store(source: Any, target: Path, graphs: dict[URIRef, tuple[Triple, ...] | None],
                delta: Delta | None) -> None:
    """A copy of a store (hard links to its files), with `graphs` (graph IRI → new triples,
    None: gone) replaced and, for the union's store, the default graph changed by `delta`."""
    import pyoxigraph as ox

    from kg.triplestore import oxigraph_term

    def quad(triple: Triple, graph: Any) -> Any:
        s, p, o = (oxigraph_term(t) for t in triple)
        return ox.Quad(s, p, o, graph)  # type: ignore[arg-type]

    try:
        source.backup(str(target))
        store = ox.Store(str(target))
        for name, triples in graphs.items():
            graph = ox.NamedNode(str(name))
            store.remove_graph(graph)
            if triples:
                store.extend(quad(t, graph) for t in triples)
        if delta is not None:
            default = ox.DefaultGraph()
            for triple in delta.removed:
                store.remove(quad(triple, default))
            store.extend(quad(t, default) for t in delta.added)
        store.flush()
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"{target}: cannot write the store ({exc})") from exc
    del store


def _to_validate(update: Update) -> tuple[Graph, list[Node]]:
    """What `kg.build.to_validate` gives for a change: the nodes the change names, each
    with everything the new union says about it and the classes of the nodes it points to."""
    delta, stores = update.delta, update.stores
    assert delta is not None and stores is not None

    def about(node: Node) -> tuple[Triple, ...]:
        found = delta.subjects.get(node)
        return tuple(stores.about(node)) if found is None else found

    focus = sorted({node for triple in update.changed for node in (triple[0], triple[2])
                    if not isinstance(node, Literal)}, key=str)
    data = new_graph()
    for node in focus:
        for triple in about(node):
            data.add(triple)
            o = triple[2]
            if not isinstance(o, Literal):
                for t in about(o):
                    if t[1] == RDF.type:
                        data.add(t)
    return data, focus


@contextlib.contextmanager
def updating(out_dir: str | Path) -> Iterator[None]:
    """Hold the lock that makes `kg add` and `kg remove` on one folder wait for each other
    (each reads the last build and writes the next: two at once would lose one's change)."""
    import fcntl

    builds = Path(out_dir) / BUILDS
    if not builds.is_dir():
        raise StoreError(f"{out_dir}: holds no build; run `kg build --out {out_dir}` first")
    try:
        fd = os.open(builds / "update.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{out_dir}: cannot lock the build ({exc.strerror or exc})") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _find(name: str, sources: dict[URIRef, str]) -> URIRef | None:
    """The article a name given to `kg remove` means (see `remove_articles`)."""
    wanted = os.path.abspath(name)
    for iri, path in sources.items():
        if path == wanted:
            return iri
    if os.path.isfile(name):
        try:
            same: URIRef | None = article_iri(read_article(name, max_size=None))
        except KGError:
            same = None
        if same in sources:
            return same
    named = [iri for iri, path in sources.items() if os.path.basename(path) == name]
    return named[0] if len(named) == 1 else None
