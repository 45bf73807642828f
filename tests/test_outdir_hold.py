"""`kg.outdir.hold`: a reader (`kg serve`) keeps the build it reads from being deleted by
later builds into the same folder, and only while it holds it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg import outdir
from kg.errors import StoreError


def commit(out: Path, text: bytes) -> Path:
    """A build of one file into `out`; its folder."""
    with outdir.Staging(out) as staging:
        staging.write("kg.ttl", text)
        staging.commit(["kg.ttl"])
        return staging.path


def test_a_held_build_outlives_later_builds_and_goes_with_the_next_after_release(
    tmp_path: Path,
) -> None:
    first = commit(tmp_path, b"<a> <b> <c> .")
    with outdir.hold(tmp_path) as folder:
        assert folder == first
        second = commit(tmp_path, b"<a> <b> <d> .")
        third = commit(tmp_path, b"<a> <b> <e> .")
        # DIR shows the newest build; the one held is still whole; the one in between,
        # held by nobody, is gone.
        assert (tmp_path / "kg.ttl").read_bytes() == b"<a> <b> <e> ."
        assert (folder / "kg.ttl").read_bytes() == b"<a> <b> <c> ."
        assert not second.exists() and third.exists()
    commit(tmp_path, b"<a> <b> <f> .")
    assert not first.exists()


def test_without_a_hold_a_superseded_build_is_deleted(tmp_path: Path) -> None:
    first = commit(tmp_path, b"<a> <b> <c> .")
    commit(tmp_path, b"<a> <b> <d> .")
    assert not first.exists()


def test_a_reader_that_died_holds_nothing(tmp_path: Path) -> None:
    first = commit(tmp_path, b"<a> <b> <c> .")
    # A reader killed while holding: the kernel drops its lock, the file stays behind.
    script = textwrap.dedent(f"""
        import os
        from kg import outdir
        with outdir.hold({str(tmp_path)!r}):
            os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert list((first / outdir.READERS).iterdir())
    commit(tmp_path, b"<a> <b> <d> .")
    assert not first.exists()


def test_two_readers_share_a_build(tmp_path: Path) -> None:
    first = commit(tmp_path, b"<a> <b> <c> .")
    with outdir.hold(tmp_path) as one, outdir.hold(tmp_path) as two:
        assert one == two == first
    with outdir.hold(tmp_path):
        commit(tmp_path, b"<a> <b> <d> .")
        assert first.exists()
    assert os.listdir(first / outdir.READERS) == []


def test_holding_a_folder_without_a_build_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"run `kg build --out .*` first"), outdir.hold(tmp_path):
        pass
