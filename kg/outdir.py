"""The output folder: each build written into a hidden folder of its own, then switched into
place by one atomic rename, so that a reader, a failed build or a ``kill -9`` never leaves a
mix of two builds or a partial one.

::

    DIR/kg.ttl -> .builds/current/kg.ttl          one symlink per output, made once
    DIR/.builds/current -> 20261127T150102Z-4242-k3j9   the build readers see
    DIR/.builds/20261127T150102Z-4242-k3j9/       kg.ttl kg.jsonld kg.trig kg.nq graph.html
    DIR/.builds/20261127T150230Z-4301-a8x2/       a build in progress (its .lock is held)
    DIR/.builds/lock                              held while a build starts or switches

A build makes its folder, writes every file into it, and renames a new ``current`` symlink
over the old one: the one step that changes what ``DIR/kg.ttl`` and the rest resolve to,
all at once. Then, still holding ``lock``, it deletes what earlier builds left behind:
superseded build folders, folders of killed builds (their ``.lock`` is free), and the
``.kg.ttl.*`` temporary files of older versions. A build in progress holds its folder's
``.lock`` (``fcntl.flock``, released by the kernel when the process dies), and is never
touched by another. Plain output files that an older version wrote are moved into a build
folder of their own (hard links, so nothing is copied or lost) before the first switch.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import StoreError

BUILDS = ".builds"
CURRENT = "current"
LOCK = "lock"
OWN_LOCK = ".lock"
PAUSE_VARIABLE = "KG_TEST_PAUSE"
"""Names a point where a build stops for a minute (``kg: paused at POINT`` on stderr): the
tests kill the process there. Unset in normal use."""


def pause_point(point: str) -> None:
    """Stop for a minute at `point` when `PAUSE_VARIABLE` names it (for the crash tests)."""
    if os.environ.get(PAUSE_VARIABLE) == point:
        print(f"kg: paused at {point}", file=sys.stderr, flush=True)
        time.sleep(60)


_HELD: set[int] = set()
"""The descriptors of the ``.lock`` files this process holds."""


def _forget_held() -> None:
    """In a forked child (validation, drawing): close the inherited ``.lock`` descriptors, so
    that a child outliving a killed build does not keep its folder from being cleaned (the
    parent's lock stays: it is released only when every descriptor is closed)."""
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


@functools.cache
def _watch_forks() -> None:
    os.register_at_fork(after_in_child=_forget_held)


def _fail(folder: Path, exc: OSError) -> StoreError:
    return StoreError(f"{folder}: cannot write output ({exc.strerror or exc})")


@contextlib.contextmanager
def _locked(builds: Path) -> Iterator[None]:
    """Hold ``.builds/lock``; the lock file is the same one every process opens (a build
    that removes it is checked for: the file locked must still be the one at the path)."""
    import fcntl  # POSIX only, like the forked workers: imported where it is used

    while True:
        fd = os.open(builds / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_ino == os.stat(builds / LOCK).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)


class Staging:
    """A build's own folder in ``DIR/.builds``: write the outputs, then `commit` or `discard`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with Staging(out) as staging:
    ...     _ = staging.write("kg.ttl", b"<a> <b> <c> .")
    ...     _ = staging.commit(["kg.ttl"])
    >>> (out / "kg.ttl").read_bytes(), (out / "kg.ttl").is_symlink()
    (b'<a> <b> <c> .', True)
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.builds = self.out / BUILDS
        self._lock: int | None = None
        self.committed = False
        import fcntl

        try:
            self.builds.mkdir(parents=True, exist_ok=True)
            with _locked(self.builds):
                stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
                self.path = Path(
                    tempfile.mkdtemp(prefix=f"{stamp}-{os.getpid()}-", dir=self.builds)
                )
                os.chmod(self.path, 0o777 & ~_umask())  # mkdtemp's 0700 would hide it from others
                self._lock = os.open(self.path / OWN_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self._lock, fcntl.LOCK_EX)
                _watch_forks()
                _HELD.add(self._lock)
        except OSError as exc:
            raise _fail(self.out, exc) from exc
        self.id = self.path.name
        self.files: dict[str, tuple[int, str]] = {}

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def write(self, name: str, data: bytes | Iterable[bytes | memoryview]) -> Path:
        """Write one output into the build's folder; its size and SHA-256 are kept."""
        path = self.path / name
        digest, size = hashlib.sha256(), 0
        try:
            with open(path, "wb") as stream:
                for chunk in [data] if isinstance(data, bytes) else data:
                    stream.write(chunk)
                    digest.update(chunk)
                    if not size:
                        pause_point(f"write:{name}")
                    size += len(chunk)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as exc:
            raise _fail(self.out, exc) from exc
        self.files[name] = (size, digest.hexdigest())
        return path

    def write_store(self, name: str, union: str | None, named: str) -> Path:
        """Load the build's files `union` (Turtle; None: none) and `named` (N-Quads), written
        already, into an Oxigraph store in the folder `name` (replacing one an earlier
        attempt left)."""
        from kg.triplestore import write_store

        path = self.path / name
        pause_point(f"write:{name}")
        shutil.rmtree(path, ignore_errors=True)
        write_store(path, None if union is None else self.path / union, self.path / named)
        return path

    def forget(self, name: str) -> None:
        """Delete a file written only to load a store from."""
        self.files.pop(name, None)
        (self.path / name).unlink(missing_ok=True)

    def commit(self, names: Iterable[str]) -> list[Path]:
        """Make this build the one ``DIR/<name>`` shows, for every name at once; then delete
        what earlier builds left behind.

        Returns:
            ``DIR/<name>`` for each name.

        Raises:
            StoreError: the folder cannot be written (nothing changed for readers).
        """
        names = list(names)
        pause_point("commit")
        try:
            _fsync_dir(self.path)
            with _locked(self.builds):
                self._migrate(names)
                _point(self.builds / CURRENT, self.id)
                self.committed = True
                _fsync_dir(self.builds)
                pause_point("switched")
                for name in names:
                    link = self.out / name
                    if os.path.islink(link) and os.readlink(link) == _target(name):
                        continue
                    _point(link, _target(name))
                self._release()
                (self.path / OWN_LOCK).unlink(missing_ok=True)
                clean(self.out, keep=self.id)
        except OSError as exc:
            raise _fail(self.out, exc) from exc
        return [self.out / name for name in names]

    def discard(self) -> None:
        """Delete the build's folder unless it was committed; leave ``DIR`` as it was."""
        if self._lock is None or self.committed:
            self._release()
            return
        shutil.rmtree(self.path, ignore_errors=True)
        self._release()
        with contextlib.suppress(OSError), _locked(self.builds):
            if [p.name for p in self.builds.iterdir()] == [LOCK]:
                (self.builds / LOCK).unlink()
                self.builds.rmdir()

    def _release(self) -> None:
        if self._lock is not None:
            _HELD.discard(self._lock)
            os.close(self._lock)
            self._lock = None

    def _migrate(self, names: list[str]) -> None:
        """Plain output files from an older version become a build folder of their own,
        shown through the symlinks, so that the switch that follows is still one rename."""
        plain = [
            n
            for n in names
            if os.path.lexists(self.out / n)
            and not (os.path.islink(self.out / n) and os.readlink(self.out / n) == _target(n))
        ]
        if not plain:
            return
        legacy = Path(tempfile.mkdtemp(prefix="legacy-", dir=self.builds))
        for name in names:
            source = self.out / name if name in plain else self.builds / CURRENT / name
            if source.is_file():
                try:
                    os.link(source, legacy / name)
                except OSError:
                    shutil.copy2(source, legacy / name)
        _point(self.builds / CURRENT, legacy.name)
        for name in plain:
            if (self.out / name).is_dir() and not os.path.islink(self.out / name):
                raise StoreError(f"{self.out / name}: is a folder where kg writes an output file")
            _point(self.out / name, _target(name))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(name: str) -> str:
    return f"{BUILDS}/{CURRENT}/{name}"


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` in one rename (readers see the old or the new one)."""
    scratch = link.with_name(f".{link.name}.{os.getpid()}.link")
    scratch.unlink(missing_ok=True)
    os.symlink(target, scratch)
    os.replace(scratch, link)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean(out_dir: str | Path, *, keep: str | None = None) -> list[Path]:
    """Delete what killed or superseded builds left in `out_dir`; call with ``.builds/lock`` held.

    Kept: the build ``current`` names (and `keep`), every build whose process still
    holds its ``.lock``, and every build a reader holds (`hold`).

    Returns:
        The paths deleted.
    """
    out = Path(out_dir)
    builds = out / BUILDS
    current = os.readlink(builds / CURRENT) if os.path.islink(builds / CURRENT) else None
    removed: list[Path] = []
    for entry in builds.iterdir():
        if entry.name in (LOCK, CURRENT, current, keep):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if _in_progress(entry) or _read(entry):
                continue
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    # temporary files of older versions (``.kg.ttl.x8f2k1ab``) and our own link scratch
    for entry in out.iterdir():
        if entry.name.startswith((".kg.", ".graph.html.")) and entry.is_file():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _in_progress(folder: Path) -> bool:
    """Whether a live process still builds into `folder` (holds its ``.lock``)."""
    return _locked_by_another(folder / OWN_LOCK)


def _locked_by_another(path: Path) -> bool:
    """Whether a live process holds an ``flock`` on the file `path` (False when it is gone)."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


READERS = ".readers"
"""In a build folder: one file per process that reads the build (`hold`), flock-shared."""


@contextlib.contextmanager
def hold(out_dir: str | Path) -> Iterator[Path]:
    """Keep the build that ``DIR`` shows now from being deleted by later builds, while reading it.

    A later build into ``DIR`` still switches ``current`` to itself; it only leaves this
    build's folder in place (`clean` skips it) until the hold ends. The hold is a shared
    ``flock`` on ``.readers/<pid>-…`` inside the folder, released by the kernel if the
    reader dies; the folder is then deleted by the next build.

    Yields:
        The build folder (``DIR/.builds/<id>``), which does not change while held.

    Raises:
        StoreError: ``DIR`` holds no build (`kg build --out DIR` was never run).

    >>> out = Path(tempfile.mkdtemp())
    >>> with Staging(out) as staging:
    ...     _ = staging.write("kg.ttl", b"<a> <b> <c> .")
    ...     _ = staging.commit(["kg.ttl"])
    >>> with hold(out) as folder:
    ...     (folder / "kg.ttl").read_bytes()
    b'<a> <b> <c> .'
    """
    import fcntl

    builds = Path(out_dir) / BUILDS
    if not os.path.islink(builds / CURRENT):
        raise StoreError(f"{out_dir}: holds no build; run `kg build --out {out_dir}` first")
    try:
        with _locked(builds):  # no build can switch and clean between reading and holding
            folder = builds / os.readlink(builds / CURRENT)
            (folder / READERS).mkdir(exist_ok=True)
            reader = tempfile.NamedTemporaryFile(  # noqa: SIM115 (held until the finally)
                prefix=f"{os.getpid()}-", dir=folder / READERS)
            fcntl.flock(reader.fileno(), fcntl.LOCK_SH)
    except OSError as exc:
        raise StoreError(f"{out_dir}: cannot hold the build ({exc.strerror or exc})") from exc
    try:
        yield folder
    finally:
        reader.close()  # deletes the file and releases the lock


def _read(folder: Path) -> bool:
    """Whether a live reader holds `folder` (`hold`)."""
    try:
        readers = list((folder / READERS).iterdir())
    except OSError:
        return False
    return any(_locked_by_another(path) for path in readers)
