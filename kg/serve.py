"""`kg serve`: a build's store as a SPARQL endpoint on this machine.

Two servers, one address::

    client ──► front (Python, --bind 127.0.0.1:7878) ──► Oxigraph server (127.0.0.1:<free port>)
               /            the query page (kg/templates/query.html)
               /graph.html  the interactive page of the build
               /named/...   the named queries, run by `kg.query.run_query`
               /query       SPARQL 1.1 Protocol          ┐ forwarded to Oxigraph's own
               /store       Graph Store Protocol, reads  ┘ server (``oxigraph serve-read-only``)
               /update, writes to /store                   403 unless --allow-updates

The SPARQL protocol is Oxigraph's, not ours: the front only forwards, refuses writes, and
keeps the time limit. Oxigraph's ``--timeout-s`` cancels a query that computes too long,
but it has sent ``200 OK`` by then and ends the body with its error text; and a query that
streams rows for longer is not stopped by it. So the front reads the answer before it
answers: a result that is complete within the limit and fits in `BUFFER` goes out whole,
with its status, and one that is cancelled or runs past the limit becomes ``503``; a larger
result is streamed (chunked) and, if cancelled or past the limit, cut off without the last
chunk, which every HTTP client reports as an error rather than a short result.

The server reads the build that ``DIR`` showed when it started, held with
`kg.outdir.hold` so that a later `kg build` into ``DIR`` cannot delete it; restart the
server to serve the new build. With ``allow_updates`` the store is copied into a scratch
folder that Oxigraph may change and that is deleted when the server stops: a build's own
store is never written.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import IO

from kg.errors import ServeError
from kg.formats import STORE_DIR

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT = 30.0
"""Seconds a query may take before it is stopped (``kg serve --timeout``)."""
START_TIMEOUT = 30.0
"""Seconds the Oxigraph server may take to answer its first query."""
STOP_TIMEOUT = 5.0
"""Seconds the Oxigraph server has to exit after SIGTERM before it is killed."""


def parse_bind(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as a host and a port.

    Raises:
        ServeError: not ``HOST:PORT`` with a port from 0 to 65535.

    >>> parse_bind("127.0.0.1:7878"), parse_bind("[::1]:0")
    (('127.0.0.1', 7878), ('::1', 0))
    """
    host, _, port = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not host or not port.isdecimal() or int(port) > 65535:
        raise ServeError(f"{text!r}: not HOST:PORT (e.g. {DEFAULT_BIND})")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def oxigraph_program() -> str:
    """The ``oxigraph`` program of the ``oxigraph`` package (beside this Python first).

    Raises:
        ServeError: none is installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if os.access(beside, os.X_OK) else shutil.which("oxigraph")
    if found is None:
        raise ServeError("no `oxigraph` program; pip install oxigraph")
    return found


class Server:
    """The endpoint of one build folder: start it, read `url`, stop it.

    Start it from the thread that will stop it (on Linux the Oxigraph server is told to
    die with that thread, so that not even ``kill -9`` of this process leaves it behind).

    Args:
        out_dir: a folder written by ``kg build --out``.
        bind: ``HOST:PORT`` of the front server; port 0 picks a free one.
        timeout: seconds a query may run before it is stopped.
        allow_updates: forward SPARQL updates and Graph Store writes to a scratch copy of
            the store (deleted on stop) instead of refusing them with 403.
    """

    def __init__(
        self,
        out_dir: str | Path,
        *,
        bind: str = DEFAULT_BIND,
        timeout: float = DEFAULT_TIMEOUT,
        allow_updates: bool = False,
    ) -> None:
        self.out = Path(out_dir)
        self.host, self.port = parse_bind(bind)
        if timeout <= 0:
            raise ServeError(f"--timeout {timeout}: must be more than 0 seconds")
        self.timeout = timeout
        self.allow_updates = allow_updates
        self.build: Path | None = None
        self.child: subprocess.Popen[bytes] | None = None
        self.upstream = ("127.0.0.1", 0)
        """Where the Oxigraph server listens (a free port, chosen at start)."""
        self._front: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._log: IO[bytes] | None = None
        self._stack = contextlib.ExitStack()

    @property
    def url(self) -> str:
        """The base URL clients use (``http://127.0.0.1:7878``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Hold the build, bind the front, start Oxigraph and wait until it answers.

        Raises:
            ServeError: the address is taken, no ``oxigraph``, or it did not start.
            StoreError: ``DIR`` holds no build or no store.
        """
        from kg import outdir

        try:
            self.build = self._stack.enter_context(outdir.hold(self.out))
            store = self.build / STORE_DIR
            if not (store / "CURRENT").is_file():
                raise ServeError(
                    f"{self.out}: the build has no {STORE_DIR}/; run "
                    f"`kg build --out {self.out}` first"
                )
            program = oxigraph_program()
            if self.allow_updates:
                store = self._scratch_copy(store)
            self._front = self._bind()
            self.port = int(self._front.server_address[1])
            self._start_oxigraph(program, store)
            self._thread = threading.Thread(
                target=self._front.serve_forever, name="kg-serve", daemon=True
            )
            self._thread.start()
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        """Block until the Oxigraph server exits (or `stop` is called from another thread).

        Raises:
            ServeError: the Oxigraph server stopped on its own.
        """
        while self.child is not None and self.child.poll() is None:
            time.sleep(0.2)
        if self.child is not None:
            raise ServeError(
                f"the Oxigraph server stopped (exit {self.child.returncode}): {self._log_tail()}"
            )

    def stop(self) -> None:
        """Stop both servers and release the build; safe to call twice."""
        if self._front is not None:
            if self._thread is not None:
                self._front.shutdown()
                self._thread.join(timeout=STOP_TIMEOUT)
            self._front.server_close()
            self._front = self._thread = None
        child, self.child = self.child, None
        if child is not None:
            _end_group(child)
        if self._log is not None:
            self._log.close()
            self._log = None
        self._stack.close()

    def _scratch_copy(self, store: Path) -> Path:
        scratch = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        self._stack.callback(shutil.rmtree, scratch, ignore_errors=True)
        try:
            return Path(shutil.copytree(store, scratch / STORE_DIR))
        except OSError as exc:
            raise ServeError(f"{store}: cannot copy the store for --allow-updates ({exc})") from exc

    def _bind(self) -> ThreadingHTTPServer:
        from kg.serve_http import Front, make_handler

        assert self.build is not None
        handler = make_handler(self)
        try:
            family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            return Front((self.host, self.port), handler, family=family)
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {self.host}:{self.port} ({exc.strerror or exc})"
            ) from exc

    def _start_oxigraph(self, program: str, store: Path) -> None:
        port = _free_port()
        command = [
            program,
            "serve" if self.allow_updates else "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(max(1, round(self.timeout))),
        ]
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the child runs)
        self.child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            start_new_session=True,
            preexec_fn=_die_with_parent(),
        )
        self.upstream = ("127.0.0.1", port)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.child.poll() is not None:
                raise ServeError(f"the Oxigraph server did not start: {self._log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection(*self.upstream, timeout=2)
                connection.request("GET", "/query?query=ASK%7B%7D")
                if connection.getresponse().status == 200:
                    return
            time.sleep(0.1)
        raise ServeError(f"the Oxigraph server did not answer within {START_TIMEOUT:.0f} s")

    def _log_tail(self) -> str:
        if self._log is None:
            return "no log"
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1][:200] if lines else "no message"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a function that makes the child get SIGKILL when the thread that started
    it ends (``PR_SET_PDEATHSIG``), so that even ``kill -9`` of kg leaves no Oxigraph."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig = 1

    def arm() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return arm


def _end_group(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM the child's process group, then SIGKILL if it lingers; reap it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt (as Ctrl-C does) while in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(
    out_dir: str | Path,
    *,
    bind: str = DEFAULT_BIND,
    timeout: float = DEFAULT_TIMEOUT,
    allow_updates: bool = False,
    ready: Callable[[Server], None] | None = None,
) -> None:
    """Serve a build folder until Ctrl-C or SIGTERM; `ready` is called once it answers.

    Raises:
        ServeError: the endpoint cannot start, or the Oxigraph server stopped.
        StoreError: ``DIR`` holds no build.
    """
    server = Server(out_dir, bind=bind, timeout=timeout, allow_updates=allow_updates)
    with _stopped_by_sigterm():
        try:
            server.start()
            if ready is not None:
                ready(server)
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()


__all__ = [
    "DEFAULT_BIND",
    "DEFAULT_TIMEOUT",
    "ServeError",
    "Server",
    "is_loopback",
    "parse_bind",
    "serve",
]
