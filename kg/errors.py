"""The errors `kg` raises on purpose.

Every error the library raises for bad input or a failed step is a `KGError`;
anything else escaping the library is a bug. The tree::

    KGError
    ├── ArticleError       an article file cannot be read or has no usable text
    ├── CatalogueError     the bundled catalogue of known entities is malformed
    ├── ExtractionError    an article yields nothing about any summit event
    ├── ValidationError    the built graph does not conform to the SHACL shapes
    ├── StoreError         a graph cannot be read or written
    ├── QueryError         a SPARQL query is unknown or malformed
    ├── DrawError          the interactive page cannot be drawn
    ├── GoldError          a gold file for evaluation is missing or malformed
    ├── PushError          a build cannot be pushed to a SPARQL store
    └── ServeError         the SPARQL endpoint of `kg serve` cannot start or stopped
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.push import PushReport


class KGError(Exception):
    """Base class of every error the project raises on purpose."""


class ArticleError(KGError):
    """An article file cannot be read, decoded or has no text."""


class CatalogueError(KGError):
    """The catalogue of known entities is malformed."""


class ExtractionError(KGError):
    """An article yields nothing about any summit event."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""


class StoreError(KGError):
    """A graph cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query is unknown or malformed."""


class DrawError(KGError):
    """The interactive page cannot be drawn (unknown language, vis-network script missing)."""


class GoldError(KGError):
    """A gold file is missing, not JSON, or not in the gold format."""


class PushError(KGError):
    """A build cannot be pushed to a SPARQL store; ``report`` holds what got there before."""

    def __init__(self, message: str, report: PushReport | None = None) -> None:
        super().__init__(message)
        self.report = report


class ServeError(KGError):
    """The endpoint cannot start (address taken, no ``oxigraph`` program) or its store
    server stopped."""
