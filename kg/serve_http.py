"""The front server of `kg serve` (see `kg.serve`): pages, named queries, and the
forwarding of the SPARQL protocols to Oxigraph under the time limit."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError
from kg.formats import PAGE_FILE

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.serve import Server

BUFFER = 1 << 20
"""Bytes of a result held back before answering: a result this size or less is checked
whole (cancelled or past the limit: 503); a larger one is streamed."""
CANCELLED = b"The SPARQL operation has been cancelled"
"""What Oxigraph appends to a result body when its --timeout-s stopped the query."""
MAX_BODY = 64 << 20
"""Largest request body forwarded (a query, or a graph with --allow-updates)."""
CHUNK = 1 << 16
FORWARDED = ("accept", "content-type", "accept-language")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "server",
    "te",
    "trailer",
    "upgrade",
    "proxy-authenticate",
}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class Front(ThreadingHTTPServer):
    """`ThreadingHTTPServer` on an IPv4 or IPv6 address; handler threads never block exit."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        *,
        family: socket.AddressFamily = socket.AF_INET,
    ) -> None:
        self.address_family = family
        super().__init__(address, handler)


class Timeout(Exception):
    """The query ran past the limit, or Oxigraph cancelled it."""


@lru_cache(maxsize=1)
def query_page() -> tuple[bytes, str]:
    """The query page and its Content-Security-Policy (its one inline script by hash)."""
    page = (resources.files("kg") / "templates" / "query.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    )
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'"
    )
    return page.encode("utf-8"), policy


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    """The request handler class of one `kg.serve.Server`."""
    state = _State(server)

    class Handler(_Handler):
        pass

    Handler.state = state
    return Handler


class _State:
    """What every request of one server shares: the server, and the graph of the named
    queries (opened at the first use, one query at a time)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.lock = threading.Lock()
        self._graph: Graph | None = None

    def graph(self) -> Graph:
        if self._graph is None:
            from kg.store import load_graph

            assert self.server.build is not None
            self._graph = load_graph(self.server.build)
        return self._graph


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    timeout = 120  # an idle keep-alive connection frees its thread after this
    state: _State
    _read_body = False

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a request log on stderr would drown the one line kg prints

    def do_GET(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def do_PUT(self) -> None:
        self._route()

    def do_DELETE(self) -> None:
        self._route()

    def _route(self) -> None:
        server = self.state.server
        self._read_body = False
        if is_loopback_bind(server.host) and not _loopback_host(self.headers.get("Host", "")):
            # a web page on another site reaching 127.0.0.1 by DNS rebinding names its own host
            return self._text(
                HTTPStatus.FORBIDDEN, f"this server answers requests to {server.url} only"
            )
        path = urllib.parse.urlsplit(self.path).path
        reads = self.command in ("GET", "HEAD")
        routes: dict[str, Callable[[], None]] = {
            "/": self._page,
            "/index.html": self._page,
            "/graph.html": self._graph_page,
            "/named": self._named_list,
        }
        if path in routes and reads:
            return routes[path]()
        if path.startswith("/named/") and reads:
            return self._named(urllib.parse.unquote(path[len("/named/") :]))
        if path == "/query" and self.command in ("GET", "HEAD", "POST"):
            return self._forward()
        if path == "/store" and reads:
            return self._forward()
        if path == "/update" or (path == "/store" and self.command in ("POST", "PUT", "DELETE")):
            if server.allow_updates:
                return self._forward()
            return self._text(
                HTTPStatus.FORBIDDEN,
                "read-only: this server refuses updates "
                "(the store is a build's; start kg serve --allow-updates to "
                "change a scratch copy)",
            )
        if path in routes or path in ("/query", "/store") or path.startswith("/named/"):
            return self._text(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} {path}: not allowed")
        self._text(HTTPStatus.NOT_FOUND, f"{path}: not found; see / for the query page")

    # --- answers of our own -----------------------------------------------------------------

    def _send(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        self._drain()
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _json(self, status: int, document: object) -> None:
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _page(self) -> None:
        page, policy = query_page()
        self._send(
            HTTPStatus.OK,
            page,
            "text/html; charset=utf-8",
            {"Content-Security-Policy": policy, "Cache-Control": "no-cache"},
        )

    def _graph_page(self) -> None:
        assert self.state.server.build is not None
        try:
            page = (self.state.server.build / PAGE_FILE).read_bytes()
        except OSError:
            return self._text(HTTPStatus.NOT_FOUND, f"the build has no {PAGE_FILE}")
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", {"Cache-Control": "no-cache"})

    def _named_list(self) -> None:
        from kg.query import named_queries
        from kg.results import NAMESPACES

        queries = [
            {
                "name": q.name,
                "description": q.description,
                "parameters": [
                    {"name": p.name, "kind": p.kind.value, "help": p.help} for p in q.parameters
                ],
            }
            for q in named_queries().values()
        ]
        self._json(HTTPStatus.OK, {"queries": queries, "prefixes": NAMESPACES})

    def _named(self, name: str) -> None:
        """Run a named query by `kg.query.run_query`: the standard SPARQL results JSON, with
        ``labels`` added (each IRI's label in ``lang``, as `kg query` shows it)."""
        from kg.formats import LANGUAGES
        from kg.query import format_result, named_queries, run_query

        if name not in named_queries():
            return self._text(HTTPStatus.NOT_FOUND, f"{name!r}: no such named query")
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        lang = params.pop("lang", "en")
        if lang not in LANGUAGES:
            return self._text(
                HTTPStatus.BAD_REQUEST, f"lang={lang!r}: use {' or '.join(LANGUAGES)}"
            )
        try:
            with self.state.lock:
                result = run_query(self.state.graph(), name, params=params, lang=lang)
        except QueryError as exc:
            return self._text(HTTPStatus.BAD_REQUEST, str(exc))
        except KGError as exc:
            return self._text(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        document = json.loads(format_result(result, "json"))
        document["labels"] = {str(iri): result.display(iri, lang) for iri in result.labels}
        self._json(HTTPStatus.OK, document)

    def _drain(self) -> None:
        """Read an unread request body, so that the connection can carry the next request."""
        length = int(self.headers.get("Content-Length") or 0)
        if self._read_body:
            return
        if 0 < length <= MAX_BODY:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    # --- forwarding -------------------------------------------------------------------------

    def _forward(self) -> None:
        server = self.state.server
        deadline = time.monotonic() + server.timeout
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            return self._text(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self._text(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"a request body of more than {MAX_BODY >> 20} MiB",
            )
        body = self.rfile.read(length) if length else None
        self._read_body = True
        headers = {name: value for name, value in self.headers.items() if name.lower() in FORWARDED}
        upstream = http.client.HTTPConnection(*server.upstream, timeout=server.timeout)
        try:
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
            except TimeoutError:
                return self._stopped()
            except (OSError, http.client.HTTPException) as exc:
                return self._text(
                    HTTPStatus.BAD_GATEWAY, f"the Oxigraph server does not answer ({exc})"
                )
            self._relay(upstream, response, deadline)
        finally:
            upstream.close()

    def _stopped(self) -> None:
        self._text(
            HTTPStatus.SERVICE_UNAVAILABLE,
            "the query ran longer than "
            f"{self.state.server.timeout:g} s and was stopped (kg serve --timeout)",
        )

    def _relay(
        self,
        upstream: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        deadline: float,
    ) -> None:
        """Answer with Oxigraph's response: whole when it is small, else streamed."""
        held = bytearray()
        try:
            for chunk in _chunks(upstream, response, deadline):
                held += chunk
                if len(held) > BUFFER:
                    return self._stream(upstream, response, deadline, held)
        except Timeout:
            return self._stopped()
        except (OSError, http.client.HTTPException) as exc:
            return self._text(HTTPStatus.BAD_GATEWAY, f"the Oxigraph server failed ({exc})")
        if response.status == 200 and held.endswith(CANCELLED):
            return self._stopped()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        length = response.getheader("Content-Length") if self.command == "HEAD" else None
        self.send_header("Content-Length", length or str(len(held)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(held)

    def _stream(
        self,
        upstream: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        deadline: float,
        held: bytearray,
    ) -> None:
        """Stream a large result chunked; cut it off (no last chunk) when it fails."""
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        tail = len(CANCELLED)
        try:
            for chunk in _chunks(upstream, response, deadline):
                held += chunk
                if len(held) > CHUNK + tail:  # the end is held back: it may be CANCELLED
                    self._chunk(held[:-tail])
                    del held[:-tail]
            if held.endswith(CANCELLED):
                raise Timeout
            self._chunk(held)
            self.wfile.write(b"0\r\n\r\n")
        except (Timeout, OSError, http.client.HTTPException):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)

    def _chunk(self, data: bytes | bytearray) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))


def _chunks(
    upstream: http.client.HTTPConnection, response: http.client.HTTPResponse, deadline: float
) -> Iterator[bytes]:
    """The response body as it comes, until `deadline` (then `Timeout`)."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Timeout
        if upstream.sock is not None:
            upstream.sock.settimeout(remaining)
        try:
            chunk = response.read1(CHUNK)
        except TimeoutError as exc:
            raise Timeout from exc
        if not chunk:
            return
        yield chunk


def is_loopback_bind(host: str) -> bool:
    from kg.serve import is_loopback

    return is_loopback(host)


def _loopback_host(header: str) -> bool:
    """Whether a Host header names this machine (with or without a port)."""
    host = header.strip().lower()
    if host.startswith("["):
        host = host[: host.find("]") + 1]
    elif host.count(":") == 1:
        host = host.split(":")[0]
    if host in LOOPBACK_NAMES:
        return True
    from kg.serve import is_loopback

    return is_loopback(host.strip("[]"))
