"""Write a build's files again by copying from the previous build's what did not change.

`kg add` changes a few articles of a build of thousands, so only the subjects and named
graphs those articles touch change. The writers of `kg.serialize` put everything in one
fixed order (subjects, and graphs, sorted by their text) with fixed separators, so the new
file is the old one with a few pieces cut out and a few new pieces put in:

- Named graphs (TriG, N-Quads): a full build notes where each graph's chunk lies in its
  file (from the keys `iter_named_keyed` gives); `splice_named` copies the other graphs
  by that index and writes the changed ones.
- The union (Turtle, JSON-LD): there is no index; `splice_union` finds each changed
  subject's block by a binary search over the old file (blocks are sorted by subject, one
  a paragraph in Turtle, one a line in JSON-LD), reading a few dozen blocks per change.

Both map the old file into memory and give what they copy as `memoryview` slices of it,
not copies: the old file must not be changed in place while they are in use (a build
writes new files and renames them into place, which does not disturb a mapping). Either
checks the old file's header, footer and index before giving anything, and raises
`StoreError` when the old file was not written the way these functions expect (the
caller then writes the file in full). The bytes are exactly those of a full write.

Subjects are told apart by their text, as the writers sort them: an IRI and a blank node
with the same text cannot be (nor can IRIs with spaces or line breaks, not valid in Turtle).
"""

from __future__ import annotations

import itertools
import json
import mmap
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from kg import serialize as fast
from kg.errors import StoreError
from kg.formats import Format
from kg.graph import Triple
from kg.store import JSONLD_CONTEXT, iter_named

Chunk = bytes | memoryview
"""A piece of a file: new bytes, or a slice of the old file."""


def iter_named_keyed(
    graphs: Mapping[URIRef, Iterable[Triple]], fmt: Format
) -> Iterator[tuple[str | None, bytes]]:
    """`kg.store.iter_named`'s chunks, each with the text of its graph's IRI (``None`` for
    TriG's prefix lines), to note where each graph lies in the file.

    >>> from rdflib import Literal
    >>> g = URIRef("http://example.org/g")
    >>> list(iter_named_keyed({g: [(g, g, Literal("x"))]}, Format.NQUADS))
    [('http://example.org/g', b'<http://example.org/g> <http://example.org/g> "x" <http://example.org/g> .\\n')]
    """
    chunks = iter_named(graphs, fmt)
    if fmt is Format.TRIG:
        yield None, next(chunks)
    yield from zip((str(name) for name in sorted(graphs, key=str)), chunks, strict=True)


def splice_named(
    old: str | Path,
    fmt: Format,
    index: Mapping[str, Sequence[int]],
    changed: Mapping[URIRef, Sequence[Triple] | None],
) -> Iterator[tuple[str | None, Chunk]]:
    """The chunks of the named graphs' file `old` with the graphs in `changed` changed, keyed
    as `iter_named_keyed` keys them (so that the new file's index can be noted as it is
    written).

    Args:
        old: a TriG or N-Quads file written by `kg.store.iter_named`.
        fmt: its format.
        index: where each graph's chunk lies in `old`: graph IRI → (offset, length), as
            noted from `iter_named_keyed` (or from this function) when `old` was written.
        changed: graph IRI → all its triples now (an empty sequence: the graph stays,
            empty, as `iter_named` writes an empty graph), or ``None``: the graph goes.
            A graph not in `old` is put in its place in the order.

    Returns:
        The chunks, one per graph: a graph kept is a slice of `old`. Joined, they are the
        bytes of `iter_named` given the new graphs.

    Raises:
        StoreError: `old` cannot be read, does not begin with the prefix lines written
            now, or `index` does not cover it graph after graph in order.
    """
    path = Path(old)
    data, view = _map(path)
    header = b"".join(iter_named({}, fmt))  # TriG's prefix lines; nothing for N-Quads
    if data[: len(header)] != header:
        raise StoreError(f"{path}: its prefix lines are not those kg writes now")
    entries = sorted(index.items(), key=lambda entry: entry[1][0])
    end, previous = len(header), None
    for name, (offset, length) in entries:
        if offset != end or length < 0 or (previous is not None and name <= previous):
            raise StoreError(f"{path}: the index of its graphs does not match it at {name}")
        end, previous = end + length, name
    if end != len(data):
        raise StoreError(f"{path}: the index of its graphs does not cover the file")
    news = sorted(
        ((str(name), name, triples) for name, triples in changed.items()), key=lambda item: item[0]
    )
    return _splice_named(view, fmt, header, entries, news)


def _splice_named(
    view: memoryview,
    fmt: Format,
    header: bytes,
    entries: list[tuple[str, Sequence[int]]],
    news: list[tuple[str, URIRef, Sequence[Triple] | None]],
) -> Iterator[tuple[str | None, Chunk]]:
    if fmt is Format.TRIG:
        yield None, header
    at = 0
    for key, name, triples in news:
        while at < len(entries) and entries[at][0] < key:
            kept, (offset, length) = entries[at]
            yield kept, view[offset : offset + length]
            at += 1
        if at < len(entries) and entries[at][0] == key:
            at += 1  # replaced, or gone
        if triples is not None:
            yield key, b"".join(iter_named({name: triples}, fmt))[len(header) :]
    for kept, (offset, length) in entries[at:]:
        yield kept, view[offset : offset + length]


@dataclass(frozen=True)
class _Layout:
    """How a union file is laid out: header, blocks, footer. Blocks follow `lead` (the
    first) or `sep` (the others); `marker` (the end of a block, then `sep`) is found only
    between two blocks."""

    header: bytes
    lead: bytes
    sep: bytes
    footer: bytes
    marker: bytes


def _layout(fmt: Format) -> _Layout:
    if fmt is Format.TURTLE:
        header = fast.turtle((), JSONLD_CONTEXT).encode("utf-8")
        return _Layout(header, b"", b"\n", b"", b".\n\n")  # a block ends " .\n"
    if fmt is Format.JSONLD:
        head, foot = (chunk.encode("utf-8") for chunk in fast.iter_jsonld((), JSONLD_CONTEXT))
        return _Layout(head, b"\n  ", b",\n  ", foot, b"},\n  ")  # one node object a line
    raise StoreError(f"{fmt.value}: not a format of the union (Turtle or JSON-LD)")


def splice_union(
    old: str | Path, fmt: Format, changed: Mapping[Node, Sequence[Triple]]
) -> Iterator[Chunk]:
    """The bytes of the union file `old` with the subjects in `changed` changed.

    Args:
        old: a Turtle or JSON-LD file written by `kg.store.serialize` or `iter_union`.
        fmt: its format.
        changed: each subject whose triples changed → all its triples in the new union
            (none: the subject is gone). A subject not in `old` is put in its place.

    Returns:
        The pieces; joined, they are the bytes a full write of the new union gives.
        Unchanged stretches of blocks come as slices of `old`.

    Raises:
        StoreError: `old` cannot be read or was not written with the header, footer and
            layout written now (also while iterating, at a block that is not one).
        ValueError: a triple in `changed` is not about the subject it is listed under, or
            two subjects there have the same text.

    >>> from rdflib import Literal
    >>> import tempfile
    >>> s, t = URIRef("https://example.org/s"), URIRef("https://example.org/t")
    >>> before, after = [(s, s, Literal("a"))], [(t, s, Literal("b"))]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "kg.ttl")
    ...     _ = path.write_text(fast.turtle(before, JSONLD_CONTEXT), encoding="utf-8")
    ...     spliced = b"".join(splice_union(path, Format.TURTLE, {t: after}))
    >>> spliced == fast.turtle(before + after, JSONLD_CONTEXT).encode("utf-8")
    True
    """
    layout = _layout(fmt)
    path = Path(old)
    news: list[tuple[str, bytes | None]] = []
    for subject, triples in changed.items():
        if any(triple[0] != subject for triple in triples):
            raise ValueError(f"{subject}: a triple listed under it is about another subject")
        news.append((str(subject), _block(fmt, layout, triples) if triples else None))
    news.sort(key=lambda item: item[0])
    if any(one[0] == two[0] for one, two in itertools.pairwise(news)):
        raise ValueError("two subjects to change have the same text")
    blocks = _Blocks(path, layout)
    return _splice_union(blocks, news)


def _block(fmt: Format, layout: _Layout, triples: Sequence[Triple]) -> bytes:
    """One subject's block as a full write writes it, without the separator before it."""
    if fmt is Format.TURTLE:
        return fast.turtle(triples, JSONLD_CONTEXT).encode("utf-8")[len(layout.header) :]
    _, node, _ = fast.iter_jsonld(triples, JSONLD_CONTEXT)
    return node.encode("utf-8")[len(layout.lead) :]


def _splice_union(blocks: _Blocks, news: list[tuple[str, bytes | None]]) -> Iterator[Chunk]:
    layout = blocks.layout
    yield layout.header
    started, at = False, blocks.first
    for key, block in news:
        target, found = blocks.seek(at, key)
        if target > at:  # the old blocks before it, with the separators between them
            yield layout.sep if started else layout.lead
            yield blocks.view[at : target - len(layout.sep)]
            started = True
        at = blocks.after(target) if found else target
        if block is not None:
            yield layout.sep if started else layout.lead
            yield block
            started = True
    if at < blocks.end:
        yield layout.sep if started else layout.lead
        yield blocks.view[at : blocks.end - len(layout.sep)]
    yield layout.footer


class _Blocks:
    """The blocks of an old union file: where each begins, and which subject it is about.

    A block is known by where it begins; `end` stands for the beginning of a block after
    the last one (the last block ends `len(sep)` bytes before it).
    """

    def __init__(self, path: Path, layout: _Layout) -> None:
        self.path, self.layout = path, layout
        self.data, self.view = _map(path)
        data, size = self.data, len(self.data)
        body, stop = len(layout.header), size - len(layout.footer)
        if data[:body] != layout.header or stop < body or data[stop:] != layout.footer:
            raise StoreError(f"{path}: its header or footer is not the one kg writes now")
        self.stop = stop  # where the last block ends
        self.end = stop + len(layout.sep)
        if stop == body:  # no blocks at all
            self.first = self.end
            return
        ending = layout.marker[: len(layout.marker) - len(layout.sep)]  # how a block ends
        first, last = data[body : body + len(layout.lead)], data[stop - len(ending) : stop]
        if first != layout.lead or last != ending:
            raise StoreError(f"{path}: its first or last block is cut short")
        self.first = body + len(layout.lead)
        self.subject(self.first)

    def after(self, start: int) -> int:
        """Where the block after the one at `start` begins (or `end`)."""
        found = self.data.find(self.layout.marker, start, self.stop)
        return found + len(self.layout.marker) if found >= 0 else self.end

    def seek(self, low: int, key: str) -> tuple[int, bool]:
        """The first block from `low` on whose subject's text is `key` or after it, and
        whether it is `key`'s, by halving the stretch of the file from `low` to the end."""
        high, high_key = self.end, None
        marker = self.layout.marker
        while low < high:
            middle = (low + high) // 2
            found = self.data.rfind(marker, low, min(middle, self.stop))
            start = found + len(marker) if found >= 0 else low  # the last start <= middle
            text = self.subject(start)
            if text >= key:
                high, high_key = start, text
            else:
                low = self.after(start)
        return low, high_key == key

    def subject(self, start: int) -> str:
        """The text of the subject of the block at `start` (an IRI, or a blank node's id)."""
        turtle = self.layout.sep == b"\n"
        if turtle:  # the subject, then a space
            stop = self.data.find(b" ", start, self.stop)
            text = bytes(self.data[start:stop]).decode("utf-8") if stop > start else ""
            if text.startswith("<") and text.endswith(">"):
                return text[1:-1]
        else:  # {"@id": "...", ...
            text = self._node_id(start)
        if text.startswith("_:"):
            return text[2:]
        prefix, colon, local = text.partition(":")
        namespace = JSONLD_CONTEXT.get(prefix) if colon else None
        if namespace is not None:
            return namespace + local
        if turtle:
            raise StoreError(f"{self.path}: byte {start} does not begin a subject's block")
        return text  # JSON-LD writes an IRI that no prefix fits as it is

    def _node_id(self, start: int) -> str:
        opening = b'{"@id": "'
        if self.data[start : start + len(opening)] != opening:
            raise StoreError(f"{self.path}: byte {start} does not begin a node object")
        stop = start + len(opening)
        while True:  # the closing quote: one not escaped by an odd number of backslashes
            stop = self.data.find(b'"', stop, self.stop)
            slashes = stop
            while slashes > 0 and self.data[slashes - 1] == 0x5C:
                slashes -= 1
            if stop < 0 or (stop - slashes) % 2 == 0:
                break
            stop += 1
        if stop < 0:
            raise StoreError(f"{self.path}: the node object at byte {start} does not end")
        text: str = json.loads(bytes(self.data[start + len(opening) - 1 : stop + 1]))
        return text


def _map(path: Path) -> tuple[mmap.mmap | bytes, memoryview]:
    """The file's bytes, mapped into memory (read only), and a view of them to slice."""
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size == 0:  # an empty file cannot be mapped
                return b"", memoryview(b"")
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot read the previous build's file ({exc.strerror or exc})"
        ) from exc
    return mapped, memoryview(mapped)
