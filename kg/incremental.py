"""`kg add` and `kg remove`: change the articles of a build without reading the others again.

Every build keeps in its folder each article's triples as extracted and checked alone
(``extracted.trig``, before anything is merged) and the file each came from (``sources``
in ``build.json``). Adding articles extracts only those; an article is known by its IRI,
which is the hash of its bytes, and by its file, so adding a file again, changed or not,
replaces its graph. Removing takes an article's extracted graph out. Either way the
extracted graphs are then merged exactly as `kg.build.build_graph` merges them (union, one
label per language, the checks across articles) and written as a new build with
`kg.build.write_build`, which validates the union and switches the outputs into place at
once. So ``build(A + B)`` and ``build(A)`` then ``add(B)`` give the same graph, and ``add(B)``
then ``remove(B)`` gives back ``build(A)``: facts that only B stated go with it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from kg.build import EXTRACTED, MANIFEST, Build, Progress, build_graph, catalogue_name
from kg.conform import settle
from kg.errors import ArticleError, KGError, StoreError
from kg.graph import Triple, article_iri, article_of_graph, new_graph
from kg.loader import MAX_SIZE, read_article
from kg.outdir import BUILDS, CURRENT


@dataclass
class Change:
    """What `add_articles` or `remove_articles` did, by file name."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def load_build(out_dir: str | Path) -> Build:
    """The last build written into `out_dir`: its articles' extracted graphs and files
    (``extracted``, ``sources``), not merged (`merge` merges them).

    Raises:
        StoreError: `out_dir` holds no build, or one written by a version of kg that kept
            no extracted graphs.
    """
    folder = _current(Path(out_dir))
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        sources = {URIRef(iri): path for iri, path in manifest["sources"].items()}
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise StoreError(f"{out_dir}: its build keeps no list of articles (made by an older kg); "
                         f"build it again with `kg build --out {out_dir}`") from exc
    extracted = _read_extracted(folder / EXTRACTED, out_dir)
    if set(extracted) != set(sources):
        raise StoreError(f"{out_dir}: its extracted graphs and list of articles disagree; "
                         f"build it again with `kg build --out {out_dir}`")
    return Build(graph=new_graph(), extracted=extracted, sources=sources)


def add_articles(out_dir: str | Path, inputs: Sequence[str | Path], *,
                 encoding: str | None = None, max_size: int | None = MAX_SIZE,
                 progress: Progress | None = None, workers: int | None = None,
                 ) -> tuple[Build, Change]:
    """The build in `out_dir` with `inputs` (files or folders) added, or replacing the
    articles of the same content or the same file. Nothing is written (`write_build` does).

    Returns:
        The merged `Build` (its ``failures`` and ``dropped`` are the new articles') and the
        `Change`.

    Raises:
        KGError: no new article could be read or extracted (the first failure), or `out_dir`
            holds no build to add to.
    """
    base = load_build(out_dir)
    new = build_graph(inputs, encoding=encoding, max_size=max_size, check=False, settled=False,
                      progress=progress, workers=workers)
    extracted, sources = dict(base.extracted), dict(base.sources)
    by_file = {os.path.abspath(path): iri for iri, path in sources.items()}
    change, changed = Change(), list[Triple]()
    for article in new.articles:
        iri, path = article_iri(article), os.path.abspath(article.source)
        earlier = by_file.get(path)
        if earlier is not None and earlier != iri:  # the same file, changed
            changed.extend(extracted.pop(earlier))
            del sources[earlier]
        (change.replaced if iri in extracted or earlier else change.added).append(article.source)
        changed.extend(extracted.get(iri, ()))
        extracted[iri], sources[iri] = new.extracted[iri], path
        changed.extend(extracted[iri])
        by_file[path] = iri
    merged = merge(extracted, sources)
    merged.changed = changed
    merged.failures = new.failures
    merged.dropped = new.dropped + merged.dropped
    return merged, change


def remove_articles(out_dir: str | Path, names: Sequence[str | Path]) -> tuple[Build, Change]:
    """The build in `out_dir` without the articles `names`: each a file as given to the
    build (or its name, when only one article's file has it), or a file with the same bytes.

    Raises:
        KGError: a name is not an article of the build, or every article would go.
    """
    base = load_build(out_dir)
    extracted, sources = dict(base.extracted), dict(base.sources)
    change = Change()
    changed: list[Triple] = []
    for name in names:
        iri = _find(str(name), sources)
        if iri is None:
            raise ArticleError(f"{name}: not an article of the build in {out_dir}")
        changed.extend(extracted.pop(iri))
        change.removed.append(sources.pop(iri))
    if not extracted:
        raise ArticleError(f"{out_dir}: removing every article would leave an empty build")
    merged = merge(extracted, sources)
    merged.changed = changed
    return merged, change


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


def _current(out: Path) -> Path:
    link = out / BUILDS / CURRENT
    if not link.is_dir():
        raise StoreError(f"{out}: holds no build; run `kg build --out {out}` first")
    return Path(os.path.realpath(link))


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


def _read_extracted(path: Path, out_dir: str | Path) -> dict[URIRef, tuple[Triple, ...]]:
    """The extracted graphs of a build, by article IRI, read with Oxigraph's parser (several
    times faster than rdflib's, and it keeps every datatype as written)."""
    import pyoxigraph as ox

    from kg.triplestore import rdflib_term

    cache: dict[object, Node] = {}

    def term(value: object) -> Node:
        found = cache.get(value)
        if found is None:
            found = cache[value] = rdflib_term(value)
        return found

    graphs: dict[URIRef, list[Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            name = quad.graph_name
            if not isinstance(name, ox.NamedNode):
                continue
            article = article_of_graph(URIRef(name.value))
            graphs.setdefault(article, []).append(
                (term(quad.subject), term(quad.predicate), term(quad.object)))
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"{out_dir}: cannot read its extracted graphs ({exc}); build it again "
                         f"with `kg build --out {out_dir}`") from exc
    return {iri: tuple(triples) for iri, triples in graphs.items()}
