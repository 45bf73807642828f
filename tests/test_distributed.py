"""Extraction on a Dask cluster makes the same graph as extraction on this machine.

The cluster is a `LocalCluster` of two worker processes (each loads Kiwi once, on its first
Korean article), started once for the module.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import dask.config
import pytest
from distributed import Client, KilledWorker, LocalCluster
from rdflib import RDFS, SKOS, Graph
from rdflib.compare import graph_diff, to_isomorphic

import kg
import kg.distributed as dist
from kg.build import Build, build_graph
from kg.cli import main
from kg.errors import ArticleError, KGError
from kg.loader import read_article, seed_path

DATA = Path(__file__).parent / "data"
BINARY = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
OFF_TOPIC = (
    "Busan beaches reopen for the summer\n\n"
    "The city of Busan said on Monday that its seven beaches will open on 1 June, with "
    "lifeguards on duty from nine in the morning until six in the evening.\n\n"
    "Officials expect more visitors than last year because of the warm spring.\n"
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def address(cluster: LocalCluster) -> str:
    return str(cluster.scheduler_address)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dev articles, a binary file (fails to read) and an article about no summit event
    (fails in extraction, on a worker), in one folder."""
    folder = tmp_path_factory.mktemp("mixed")
    for source in sorted((DATA / "dev").glob("*.txt"))[:6]:
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "03a_binary.txt").write_bytes(BINARY)
    (folder / "04a_busan_beaches.txt").write_text(OFF_TOPIC, encoding="utf-8")
    return folder


def assert_same_build(local: Build, remote: Build) -> None:
    """The union, each article's named graph, the articles, failures and drops agree."""
    if set(local.graph) != set(remote.graph):
        _, only_local, only_remote = graph_diff(
            to_isomorphic(local.graph), to_isomorphic(remote.graph)
        )
        pytest.fail(
            "the graphs differ:\nonly local:\n"
            + only_local.serialize(format="nt")
            + "only on the cluster:\n"
            + only_remote.serialize(format="nt")
        )
    named_local, named_remote = local.named_graphs(), remote.named_graphs()
    assert list(named_local) == list(named_remote)
    for iri, triples in named_local.items():
        assert set(triples) == set(named_remote[iri]), iri
    assert [a.source for a in local.articles] == [a.source for a in remote.articles]
    assert [(name, str(e)) for name, e in local.failures] == [
        (name, str(e)) for name, e in remote.failures
    ]
    assert local.dropped == remote.dropped


@pytest.mark.parametrize("inputs", [["dev"], ["heldout", "unseen"], ["fresh"]])
def test_a_cluster_builds_the_graph_this_machine_builds(address: str, inputs: list[str]) -> None:
    paths = [DATA / name for name in inputs]
    local = build_graph(paths, check=False)
    remote = build_graph(paths, check=False, scheduler=address)
    assert len(remote.articles) >= 8
    assert_same_build(local, remote)


def test_failures_are_the_same_articles_with_the_same_messages(address: str, mixed: Path) -> None:
    local = build_graph([mixed], check=False)
    remote = build_graph([mixed], check=False, scheduler=address)
    failed = [Path(name).name for name, _ in remote.failures]
    assert failed == ["03a_binary.txt", "04a_busan_beaches.txt"]
    assert "binary" in str(remote.failures[0][1])
    assert_same_build(local, remote)


def test_articles_too_large_to_embed_in_a_task_are_scattered_first(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every article counts as large, and Dask warns of any task graph over 1 kB: the
    # articles must travel as scattered data, not inside the tasks.
    monkeypatch.setattr(dist, "LARGE", 0)
    local = build_graph([DATA / "heldout"], check=False)
    with (
        warnings.catch_warnings(record=True) as caught,
        dask.config.set({"distributed.admin.large-graph-warning-threshold": "1kB"}),
    ):
        warnings.simplefilter("always")
        remote = build_graph([DATA / "heldout"], check=False, scheduler=address)
    assert not [w for w in caught if "large graph" in str(w.message)]
    assert_same_build(local, remote)


def test_an_error_on_a_worker_is_that_articles_failure(address: str) -> None:
    good = [read_article(path) for path in sorted((DATA / "dev").glob("*.txt"))[:3]]
    broken = dataclasses.replace(good[1], source="broken.txt", body=(None,))  # type: ignore[arg-type]
    outcomes = list(dist.extract_on_cluster([good[0], broken, good[2]], address))
    assert not isinstance(outcomes[0], KGError) and not isinstance(outcomes[2], KGError)
    assert isinstance(outcomes[1], KGError)
    assert str(outcomes[1]).startswith("broken.txt: failed on a Dask worker: AttributeError")


class _Killed:
    """A future whose worker was killed, as Dask reports it after its retries."""

    def result(self) -> Any:
        raise KilledWorker("kg-extract", SimpleNamespace(address="tcp://127.0.0.1:1"), 3)


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class _Client:
    """Runs each task here; a task holding the article named `poison` loses its worker."""

    def __init__(self, poison: str, status: str = "running") -> None:
        self.poison, self.status, self.tasks = poison, status, 0

    def submit(self, function: Any, articles: list[Any], pure: bool = False) -> Any:
        self.tasks += 1
        if any(article.source == self.poison for article in articles):
            return _Killed()
        return _Done(function(articles))


def test_a_killed_worker_fails_only_the_article_that_killed_it() -> None:
    articles = [read_article(path) for path in sorted((DATA / "dev").glob("*.txt"))[:4]]
    client = _Client(poison=articles[2].source)
    outcomes = dist._gather(client, _Killed(), articles, "tcp://x:8786")  # type: ignore[arg-type]
    assert [isinstance(o, KGError) for o in outcomes] == [False, False, True, False]
    assert str(outcomes[2]) == (
        f"{articles[2].source}: failed on the Dask cluster: its worker "
        "was killed each time it tried (most often because it ran out "
        "of memory)"
    )
    assert client.tasks == 4  # each article of the chunk tried alone


def test_a_scheduler_that_dies_midway_ends_the_build_in_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = _closed_port()
    where = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"], stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", where, "--nthreads", "1",
         "--no-dashboard"], stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def kill_the_scheduler(done: int, total: int, name: str) -> None:
        if done == 1:
            scheduler.kill()

    try:
        with Client(where, timeout=60) as ready:
            ready.wait_for_workers(1, timeout=60)
        with (
            dask.config.set({"distributed.comm.timeouts.connect": "2s"}),  # to give up on it
            pytest.raises(KGError) as failed,
        ):
            build_graph([DATA / "dev"], check=False, scheduler=where, progress=kill_the_scheduler)
    finally:
        for process in (scheduler, worker):
            process.kill()
            process.wait()
    assert str(failed.value) == (
        f"lost the connection to the Dask scheduler at {where} before every article was extracted"
    )
    # and Dask logs no error with a traceback on stderr beside it
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def test_extract_article_is_one_articles_graph_before_labels_are_settled() -> None:
    dev = sorted((DATA / "dev").glob("*.txt"))
    build = build_graph([DATA / "dev"], check=False)
    named = build.named_graphs()
    relabelled = 0
    for path in dev:
        alone = kg.extract_article(path)
        assert alone == kg.extract_article(read_article(path))  # a path or an Article
        assert alone.source == str(path) and alone.dropped == ()
        built = set(named[alone.graph])
        # Only the choice of rdfs:label among an entity's spellings depends on the others.
        for s, p, o in set(alone.triples) ^ built:
            assert p in (RDFS.label, SKOS.altLabel), (s, p, o)
            other = SKOS.altLabel if p == RDFS.label else RDFS.label
            assert (s, other, o) in set(alone.triples) | built
        relabelled += set(alone.triples) != built
    assert 0 < relabelled < len(dev)
    seed = kg.extract_article(seed_path())
    assert set(seed.triples) == set(build_graph(check=False).named_graphs()[seed.graph])


def test_extract_article_raises_the_articles_own_error(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(BINARY)
    with pytest.raises(ArticleError, match="binary"):
        kg.extract_article(tmp_path / "binary.txt")
    (tmp_path / "beaches.txt").write_text(OFF_TOPIC, encoding="utf-8")
    with pytest.raises(KGError, match=r"beaches\.txt"):
        kg.extract_article(tmp_path / "beaches.txt")


# The command line.


@pytest.fixture(scope="module")
def local_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    assert main(["build", str(DATA / "dev"), "--out", str(out), "--quiet"]) == 0
    return out


def test_kg_build_on_a_cluster_writes_the_same_files(
    address: str, local_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert (
        main(["build", str(DATA / "dev"), "--out", str(out), "--quiet", "--scheduler", address])
        == 0
    )
    for name in ("kg.ttl", "kg.nq", "kg.trig", "kg.jsonld"):
        assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
    assert len(Graph().parse(out / "kg.ttl")) > 3000


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _state(out: Path) -> tuple[str, bytes, list[str]]:
    return (
        os.readlink(out / ".builds" / "current"),
        (out / "kg.ttl").read_bytes(),
        sorted(p.name for p in (out / ".builds").iterdir()),
    )


def test_an_unreachable_scheduler_is_one_line_and_nothing_written(
    local_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _state(local_out)
    where = f"tcp://127.0.0.1:{_closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["build", str(DATA / "dev"), "--out", str(local_out), "--scheduler", where])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith(f"kg build: error: cannot reach the Dask scheduler at {where} (")
    assert _state(local_out) == before


def test_a_scheduler_with_no_worker_is_an_error_not_a_wait_forever() -> None:
    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty,
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(KGError, match=r"^the Dask scheduler at \S+ has no worker \(waited 1 s\)$"),
    ):
        build_graph(check=False, scheduler=empty.scheduler_address)


def test_without_dask_the_user_is_told_what_to_install(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "sys.modules['distributed'] = None  # as if it were not installed\n"
        "from kg.cli import main\n"
        f"sys.exit(main(['build', '--out', {str(tmp_path / 'out')!r}, "
        "'--scheduler', 'tcp://127.0.0.1:8786']))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        "kg build: error: running on a Dask cluster needs dask.distributed: "
        "pip install 'ai-seoul-summit-kg[cluster]'\n"
    )
    assert not (tmp_path / "out").exists()


def test_neither_kg_build_help_nor_the_library_imports_dask() -> None:
    probe = (
        "import sys, runpy\n"
        "import kg, kg.distributed\n"
        "kg.extract_article\n"
        "sys.argv = ['kg', 'build', '--help']\n"
        "try:\n    runpy.run_module('kg', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('dask', 'distributed') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "--scheduler ADDRESS" in result.stdout
    assert "LOADED []" in result.stderr, result.stderr
