"""`kg.splice`: a file spliced from the previous build's is byte for byte the file a full
write of the new graph gives, and reads back as the new graph."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.term import Node

from kg.build import Build
from kg.errors import StoreError
from kg.formats import Format
from kg.graph import ID, SCHEMA, Triple
from kg.splice import iter_named_keyed, splice_named, splice_union
from kg.store import iter_named, iter_union, serialize, serialize_named
from ontology import SUMMIT

UNION = (Format.TURTLE, Format.JSONLD)
NAMED = (Format.NQUADS, Format.TRIG)
# namespaces a prefix fits, one it nearly fits, and ones none does; "urn:" sorts after "https:"
NAMESPACES = (
    str(ID),
    str(SCHEMA),
    str(SUMMIT),
    "http://www.wikidata.org/entity/",
    f"{ID}article/",
    "http://example.org/",
    "urn:x:",
    "http://例.jp/",
)
LOCALS = ("a", "B", "x_1", "seoul-2024", "1st", "a.b", "서울", "")
TEXTS = (
    "plain",
    'say "hi"',
    "two\nlines",
    "para\n\npara",
    "}",
    '{"@id": "x"}',
    "back\\slash",
    " .\n\n",
    "},\n  ",
    "@prefix a: <b> .",
    "tab\there",
    "cr\r\nlf",
    "서울 정상회의",
    "\u2028",
    "_:b0 a",
    "",
)
BLANKS = ("b0", "b1", "Z9", "zz")  # "Z9" sorts before every IRI, "zz" after every one

iris = st.builds(
    lambda ns, local: URIRef(ns + local), st.sampled_from(NAMESPACES), st.sampled_from(LOCALS)
)
blanks = st.sampled_from(BLANKS).map(BNode)
literals = st.one_of(
    st.sampled_from(TEXTS).map(Literal),
    st.builds(
        lambda text, lang: Literal(text, lang=lang),
        st.sampled_from(TEXTS),
        st.sampled_from(("en", "ko")),
    ),
    st.integers(-5, 500).map(lambda n: Literal(str(n), datatype=XSD.integer)),
    st.builds(
        lambda text, dt: Literal(text, datatype=URIRef(dt)),
        st.sampled_from(TEXTS),
        st.sampled_from((f"{SUMMIT}Code", "http://example.org/dt")),
    ),
)
predicates = st.one_of(
    st.just(RDF.type),
    st.sampled_from(
        (SCHEMA.name, SUMMIT.signed, URIRef("http://example.org/p"), URIRef("urn:x:p"))
    ),
)
subjects = st.one_of(iris, blanks)
triples = st.tuples(subjects, predicates, st.one_of(iris, blanks, literals))
graphs: st.SearchStrategy[set[Triple]] = st.lists(triples, max_size=40).map(set)

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def union_of(triples: set[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder, name)
    path.write_bytes(data)
    return path


def assert_reads_as(data: bytes, fmt: Format, expected: Graph) -> None:
    parsed = Graph()
    if fmt is Format.JSONLD:
        parsed.parse(data=json.loads(data), format="json-ld")
    else:
        parsed.parse(data=data.decode("utf-8"), format="turtle")
    if not isomorphic(parsed, expected):
        _, missing, extra = graph_diff(expected, parsed)
        raise AssertionError(f"missing {sorted(missing)}, extra {sorted(extra)}")


def spliced_union(old: Graph, fmt: Format, changed: Mapping[Node, Sequence[Triple]]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, fmt.value, serialize(old, fmt))
        return b"".join(splice_union(path, fmt, changed))


def changes(new: set[Triple], subjects: set[Node]) -> dict[Node, list[Triple]]:
    """What `kg add` passes: each subject touched → all its triples in the new union."""
    return {s: sorted((t for t in new if t[0] == s), key=str) for s in subjects}


@st.composite
def union_edits(draw: st.DrawFn) -> tuple[set[Triple], set[Triple], set[Node]]:
    """An old union, a new one, and the subjects whose triples differ (and maybe more)."""
    old: set[Triple] = draw(graphs)
    olds = sorted({t[0] for t in old}, key=str)
    touched: set[Node] = set(draw(st.lists(st.sampled_from(olds), max_size=6))) if olds else set()
    touched |= set(draw(st.lists(subjects, max_size=4)))  # new ones, or old ones again
    added: set[Triple] = {t for t in draw(graphs) if t[0] in touched}
    kept = {t for t in old if t[0] not in touched or draw(st.booleans())}
    return old, kept | added, touched


@pytest.mark.parametrize("fmt", UNION, ids=lambda f: f.name)
@FAST
@given(edit=union_edits())
def test_union_spliced_is_the_full_write(
    fmt: Format, edit: tuple[set[Triple], set[Triple], set[Node]]
) -> None:
    old, new, touched = edit
    spliced = spliced_union(union_of(old), fmt, changes(new, touched))
    assert spliced == serialize(union_of(new), fmt)
    assert_reads_as(spliced, fmt, union_of(new))


def lines(n: int, prefix: str = "s") -> set[Triple]:
    return {
        (URIRef(f"http://example.org/{prefix}{i:02d}"), SCHEMA.name, Literal(f"n{i}"))
        for i in range(n)
    }


EDGES: dict[str, tuple[set[Triple], set[Triple]]] = {
    # old graph, new graph: the cases where a separator or the header goes wrong first
    "emptied": (lines(3), set()),
    "from empty": (set(), lines(2)),
    "first goes": (lines(3), lines(3) - lines(1)),
    "last goes": (lines(3), lines(2)),
    "before all": (lines(2), lines(2) | {(BNode("A"), SCHEMA.name, Literal("first"))}),
    "after all": (lines(2), lines(2) | {(URIRef("urn:zz"), SCHEMA.name, Literal("last"))}),
    "all replaced": (lines(3), lines(3, "t")),
    "only one, changed": (
        lines(1),
        {
            (
                URIRef("http://example.org/s00"),
                SCHEMA.name,
                Literal('"}\n\n{"@id": "http://example.org/s99"}'),
            )
        },
    ),
}


@pytest.mark.parametrize("fmt", UNION, ids=lambda f: f.name)
@pytest.mark.parametrize("case", EDGES)
def test_union_edges(fmt: Format, case: str) -> None:
    old, new = EDGES[case]
    touched = {t[0] for t in old ^ new}
    spliced = spliced_union(union_of(old), fmt, changes(new, touched))
    assert spliced == serialize(union_of(new), fmt)
    assert_reads_as(spliced, fmt, union_of(new))


@pytest.mark.parametrize("fmt", UNION, ids=lambda f: f.name)
def test_unchanged_stretches_are_slices_of_the_old_file(fmt: Format, tmp_path: Path) -> None:
    """The blocks before and after a change come as two slices of the old file, not copied
    block by block."""
    old = union_of(lines(5))
    s03 = URIRef("http://example.org/s03")
    changed: dict[Node, list[Triple]] = {s03: [(s03, SCHEMA.name, Literal("new"))]}
    path = write(str(tmp_path), fmt.value, serialize(old, fmt))
    pieces = list(splice_union(path, fmt, changed))
    assert sum(isinstance(piece, memoryview) for piece in pieces) == 2
    old.set((s03, SCHEMA.name, Literal("new")))
    assert b"".join(pieces) == serialize(old, fmt)


@st.composite
def named_edits(
    draw: st.DrawFn,
) -> tuple[dict[URIRef, set[Triple]], dict[URIRef, set[Triple] | None]]:
    """Old named graphs, and the graphs that change: replaced, emptied, gone (None), new."""
    names = st.builds(
        lambda ns, local: URIRef(f"{ns}graph{local}"),
        st.sampled_from(NAMESPACES),
        st.sampled_from(("", "/a", "_b", "-c", "/서울")),
    )
    old: dict[URIRef, set[Triple]] = draw(st.dictionaries(names, graphs, max_size=8))
    targets = draw(
        st.lists(
            st.one_of(st.sampled_from(sorted(old)), names) if old else names,
            max_size=5,
            unique=True,
        )
    )
    changed: dict[URIRef, set[Triple] | None] = {
        name: draw(st.one_of(st.none(), graphs)) for name in targets
    }
    return old, changed


def graphs_after(
    old: dict[URIRef, set[Triple]], changed: Mapping[URIRef, set[Triple] | None]
) -> dict[URIRef, set[Triple]]:
    new = dict(old)
    for name, triples in changed.items():
        if triples is None:
            new.pop(name, None)
        else:
            new[name] = triples
    return new


def spliced_named(
    old: dict[URIRef, set[Triple]],
    fmt: Format,
    changed: Mapping[URIRef, Sequence[Triple] | None],
) -> list[tuple[str | None, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        index: dict[str, tuple[int, int]] = {}
        with open(Path(folder, fmt.value), "wb") as stream:
            for key, chunk in iter_named_keyed(old, fmt):
                if key is not None:
                    index[key] = (stream.tell(), len(chunk))
                stream.write(chunk)
        return [
            (key, bytes(chunk))
            for key, chunk in splice_named(Path(folder, fmt.value), fmt, index, changed)
        ]


def assert_named_reads_as(data: bytes, fmt: Format, expected: dict[URIRef, set[Triple]]) -> None:
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format="trig" if fmt is Format.TRIG else "nquads")
    parsed = {ctx.identifier: ctx for ctx in dataset.graphs() if len(ctx)}
    assert set(parsed) == {name for name, triples in expected.items() if triples}
    for name, graph in parsed.items():
        assert isomorphic(graph, union_of(expected[name])), name  # type: ignore[index]


@pytest.mark.parametrize("fmt", NAMED, ids=lambda f: f.name)
@FAST
@given(edit=named_edits())
def test_named_spliced_is_the_full_write(
    fmt: Format, edit: tuple[dict[URIRef, set[Triple]], dict[URIRef, set[Triple] | None]]
) -> None:
    old, changed = edit
    new = graphs_after(old, changed)
    as_lists = {name: None if t is None else sorted(t, key=str) for name, t in changed.items()}
    chunks = spliced_named(old, fmt, as_lists)
    # the same chunks, under the same keys, as a full write: so the new index is right too
    assert chunks == list(iter_named_keyed(new, fmt))
    data = b"".join(chunk for _, chunk in chunks)
    assert data == serialize_named(new, fmt)
    assert_named_reads_as(data, fmt, new)


def test_named_edges() -> None:
    a, b, c = (URIRef(f"{ID}graph/{name}") for name in "abc")
    old = {a: lines(2), b: lines(1), c: lines(3)}
    cases: list[dict[URIRef, list[Triple] | None]] = [
        {a: None},
        {c: None},
        {a: None, b: None, c: None},
        {b: [], a: None},
        {URIRef("urn:zz"): sorted(lines(1)), URIRef("http://a"): sorted(lines(1))},
    ]
    for fmt in NAMED:
        for changed in cases:
            new = graphs_after(old, {k: None if v is None else set(v) for k, v in changed.items()})
            data = b"".join(chunk for _, chunk in spliced_named(old, fmt, changed))
            assert data == serialize_named(new, fmt), (fmt, changed)


def test_a_stale_index_or_a_foreign_header_is_refused(tmp_path: Path) -> None:
    a, b = URIRef(f"{ID}graph/a"), URIRef(f"{ID}graph/b")
    graphs = {a: lines(2), b: lines(1)}
    path = write(str(tmp_path), "kg.nq", serialize_named(graphs, Format.NQUADS))
    first, second = (len(chunk) for chunk in iter_named(graphs, Format.NQUADS))
    good = {str(a): (0, first), str(b): (first, second)}
    assert b"".join(c for _, c in splice_named(path, Format.NQUADS, good, {})) == path.read_bytes()
    for stale in (
        {str(a): (0, first)},
        {str(a): (0, first - 1), str(b): (first - 1, second)},
        {str(b): (0, first), str(a): (first, second)},
    ):
        with pytest.raises(StoreError, match="index"):
            splice_named(path, Format.NQUADS, stale, {})
    trig = write(str(tmp_path), "kg.trig", b"@prefix x: <http://x/> .\n\n")
    with pytest.raises(StoreError, match="prefix lines"):
        splice_named(trig, Format.TRIG, {}, {})
    for fmt in UNION:
        other = write(str(tmp_path), fmt.value, serialize(union_of(lines(2)), fmt)[1:])
        with pytest.raises(StoreError, match="header"):
            splice_union(other, fmt, {})
    cut = write(str(tmp_path), "cut.ttl", serialize(union_of(lines(2)), Format.TURTLE)[:-1])
    with pytest.raises(StoreError, match="cut short"):
        splice_union(cut, Format.TURTLE, {})
    with pytest.raises(StoreError, match="cannot read"):
        splice_union(tmp_path / "missing.ttl", Format.TURTLE, {})


def test_a_triple_under_another_subject_is_refused(tmp_path: Path) -> None:
    path = write(str(tmp_path), "kg.ttl", serialize(union_of(lines(2)), Format.TURTLE))
    s, t = URIRef("http://example.org/s00"), URIRef("http://example.org/s01")
    with pytest.raises(ValueError, match="another subject"):
        splice_union(path, Format.TURTLE, {s: [(t, SCHEMA.name, Literal("x"))]})


def test_seed_build_spliced(seed_build: Build, tmp_path: Path) -> None:
    """The real graph of the seed article: a subject changed, one gone, one before every
    other and one after; the article's graph replaced and another one added."""
    union = set(seed_build.graph)
    by_subject = sorted({t[0] for t in union}, key=str)
    gone, edited = by_subject[0], by_subject[len(by_subject) // 2]
    first, last = BNode("0"), URIRef("urn:zz")
    new = {t for t in union if t[0] != gone}
    new |= {
        (edited, SCHEMA.description, Literal('a "new"\n\nline}', lang="ko")),
        (first, RDF.type, SUMMIT.Organization),
        (last, SCHEMA.name, Literal("zz")),
    }
    touched = {gone, edited, first, last}
    for fmt in UNION:
        old = write(str(tmp_path), fmt.value, b"".join(iter_union(seed_build.graph, fmt)))
        spliced = b"".join(splice_union(old, fmt, changes(new, touched)))
        assert spliced == serialize(union_of(new), fmt)
        assert_reads_as(spliced, fmt, union_of(new))
    named = {name: set(t) for name, t in seed_build.named_graphs().items()}
    (article,) = named
    extra = URIRef(f"{ID}graph/0000")
    changed: dict[URIRef, set[Triple] | None] = {
        article: {t for t in named[article] if t[0] != gone},
        extra: set(lines(2)),
    }
    for fmt in NAMED:
        chunks = spliced_named(
            named, fmt, {k: sorted(v or (), key=str) for k, v in changed.items()}
        )
        data = b"".join(chunk for _, chunk in chunks)
        assert data == serialize_named(graphs_after(named, changed), fmt)
        assert_named_reads_as(data, fmt, graphs_after(named, changed))


def test_chunks_write_through_a_stream(tmp_path: Path) -> None:
    """What a writer does with the pieces (memoryviews of a mapped file) works after the
    generator is done with them."""
    path = write(str(tmp_path), "kg.jsonld", serialize(union_of(lines(4)), Format.JSONLD))
    pieces = list(splice_union(path, Format.JSONLD, {}))
    stream = io.BytesIO()
    stream.writelines(pieces)
    assert stream.getvalue() == path.read_bytes()
