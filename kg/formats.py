"""The names of formats, files, languages and views, and their defaults: values, not code.

They live here, apart from the modules that use them, so that the command line can build
its help and check its arguments without importing rdflib, pyshacl, pyvis or Kiwi
(`kg --help` answers in a fraction of the time a graph import takes). Every other module
takes them from here.
"""

from __future__ import annotations

import typing
from enum import Enum
from pathlib import Path

Language = typing.Literal["en", "ko"]
LANGUAGES: tuple[Language, ...] = ("en", "ko")
DEFAULT_LANG: Language = "en"

DEFAULT_OUT = Path("out")
GRAPH_FILE = "kg.ttl"
PAGE_FILE = "graph.html"
STORE_DIR = "store"
"""The folder of a build's Oxigraph store (`kg.triplestore`), beside the files."""


class Format(str, Enum):
    """Serialisations the project writes, with their file names."""

    TURTLE = "kg.ttl"
    JSONLD = "kg.jsonld"
    TRIG = "kg.trig"
    NQUADS = "kg.nq"


OUTPUTS: tuple[str, ...] = (*(f.value for f in Format), PAGE_FILE)
"""The files `kg build` writes into its output folder, in the order it names them."""


class ResultFormat(str, Enum):
    """How `kg.query.format_result` writes a result."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    MARKDOWN = "markdown"


class NetworkFormat(str, Enum):
    """File formats `kg.analysis.write_network` writes (both open in Gephi)."""

    GRAPHML = "graphml"
    GEXF = "gexf"


View = typing.Literal["entities", "signed", "attended", "co-signatures"]
VIEWS: tuple[View, ...] = ("entities", "signed", "attended", "co-signatures")
DEFAULT_TOP = 10


def network_format(path: str | Path, fmt: NetworkFormat | str | None = None) -> NetworkFormat:
    """The network format to write `path` in: `fmt`, else the one its extension names.

    Raises:
        StoreError: no format is given and the extension names none, or the two disagree
            (GraphML written into ``x.gexf`` would not open in Gephi).
        ValueError: `fmt` is not a `NetworkFormat`.

    >>> network_format("out/kg.gexf").value
    'gexf'
    >>> network_format("out/kg.gexf", "graphml")
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: out/kg.gexf: the extension says gexf but the format asked for is graphml
    """
    from kg.errors import StoreError

    suffix = Path(path).suffix.lower().lstrip(".")
    named = NetworkFormat(suffix) if suffix in {f.value for f in NetworkFormat} else None
    if fmt is None:
        if named is None:
            raise StoreError(f"{path}: cannot tell the format from the extension; name the file "
                             ".graphml or .gexf, or give the format")
        return named
    wanted = NetworkFormat(fmt)
    if named is not None and named is not wanted:
        raise StoreError(f"{path}: the extension says {named.value} but the format asked for "
                         f"is {wanted.value}")
    return wanted
