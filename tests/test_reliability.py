"""One article never fails the batch; a failed or killed build never loses the last graph.

The articles here are written for these tests: short English stories (no Kiwi to load) that
provoke each case: one person or outlet spelled two ways by two articles, a fact or a date
that would break the shapes, and builds killed with ``kill -9`` at each step.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal

from kg.cli import main
from kg.graph import ID, SCHEMA
from kg.store import load_graph
from ontology import SUMMIT, validate

if TYPE_CHECKING:
    from conftest import Paused

OUTPUTS = ["kg.ttl", "kg.jsonld", "kg.trig", "kg.nq", "graph.html"]

FORUM = """Seoul forum draws company chiefs

By Dana Reyes

SEOUL, May 22, 2024 - Naver and Kakao signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

"We want rules that travel," said {person}, vice president at Naver, who attended the forum.

Copyright 2024 {outlet}. All rights reserved.
"""

LIST = """Pledge list grows at Seoul gathering

By Omar Haddad

SEOUL, May 22, 2024 - Samsung Electronics and LG AI Research signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

"Trust comes first," said {person}, vice president at Naver, who attended the forum.

Copyright 2024 {outlet}. All rights reserved.
"""

MORE = """Two more firms back the Seoul commitments

By Lena Okafor

SEOUL, May 22, 2024 - IBM and Salesforce signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

Copyright 2024 Harbor Daily. All rights reserved.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _labels(graph: Graph, key: str) -> tuple[list[str], list[str]]:
    node = ID[key]
    return (
        sorted(str(o) for o in graph.objects(node, RDFS.label)),
        sorted(str(o) for o in graph.objects(node, SKOS.altLabel)),
    )


def _union_of_quads(path: Path) -> Graph:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


# ---------------------------------------------------------------------------
# 1. Merging articles that spell one name two ways
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_two_spellings_of_a_person_and_an_outlet_build_into_one_conforming_graph(
    tmp_path: Path, order: str, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = [
        _write(tmp_path / "in", "a.txt", FORUM.format(person="Kim Min-seo", outlet="THE LEDGER")),
        _write(tmp_path / "in", "b.txt", LIST.format(person="Kim Min Seo", outlet="The Ledger")),
    ]
    if order == "reversed":
        articles.reverse()
    out = tmp_path / "out"
    code = main(["build", *map(str, articles), "--out", str(out), "--quiet"])
    assert code == 0, capsys.readouterr().err
    graph = Graph().parse(out / "kg.ttl")
    assert validate(graph)[0]
    # one rdfs:label per language, the same whichever article came first; the rest altLabels
    assert _labels(graph, "person/kim-min-seo") == (["Kim Min Seo"], ["Kim Min-seo"])
    outlet = next(str(s)[len(str(ID)) :] for s in graph.subjects(RDF.type, SUMMIT.NewsOutlet))
    assert _labels(graph, outlet) == (["The Ledger"], ["THE LEDGER"])
    # the articles' own graphs say the same, so that reading kg.nq gives the same union
    assert set(_union_of_quads(out / "kg.nq")) == set(graph)


def test_one_spelling_stays_the_label_with_no_alternative(tmp_path: Path) -> None:
    article = _write(
        tmp_path / "in", "a.txt", FORUM.format(person="Kim Min-seo", outlet="THE LEDGER")
    )
    assert main(["build", str(article), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    graph = Graph().parse(tmp_path / "out" / "kg.ttl")
    assert _labels(graph, "person/kim-min-seo") == (["Kim Min-seo"], [])


# ---------------------------------------------------------------------------
# 1. A fact that would break the shapes is dropped, with its file
# ---------------------------------------------------------------------------


def test_the_project_articles_lose_nothing_to_the_checks() -> None:
    """The counter-example: articles that conform keep every triple, and every label."""
    from kg.build import build_graph

    from .conftest import DEV

    build = build_graph([DEV], check=True)
    assert build.dropped == [] and build.failures == []
    union = {t for triples in build.graphs.values() for t in triples}
    assert union == set(build.graph)


def _inject_bad_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """bad.txt's graph gets a negative signatory count, a time with no zone and a person
    who signs a pledge: each breaks a shape."""
    import kg.build
    from kg.graph import article_iri

    original = kg.build.to_triples

    def to_triples(article, extraction):  # type: ignore[no-untyped-def]
        triples = original(article, extraction)
        if article.source.endswith("bad.txt"):
            pledge = ID["pledge/seoul-ai-business-pledge"]
            person = next(s for s, p, o in triples if p == RDF.type and o == SUMMIT.Person)
            stamp = Literal("2024-05-22T16:37:53", datatype=XSD.dateTime)
            triples |= {
                (pledge, SUMMIT.statedSignatoryCount, Literal(-3, datatype=XSD.integer)),
                (person, SUMMIT.signed, pledge),
                (article_iri(article), SCHEMA.datePublished, stamp),
            }
        return triples

    monkeypatch.setattr(kg.build, "to_triples", to_triples)


def _check_dropped(out: Path, error: str) -> None:
    lines = [line for line in error.splitlines() if line.startswith("kg build: dropped:")]
    assert lines and all("bad.txt" in line for line in lines), error
    assert "article/" not in error  # the file is named, not an article IRI
    assert "Traceback" not in error
    reasons = " ".join(lines)
    assert "statedSignatoryCount" in reasons and "-3" in reasons
    assert "signed" in reasons
    graph = Graph().parse(out / "kg.ttl")
    assert validate(graph)[0]
    signed = {str(s).rsplit("/", 1)[-1] for s in graph.subjects(SUMMIT.signed, None)}
    assert {"naver", "kakao"} <= signed  # the good article's facts
    assert {"samsung-electronics"} <= signed  # the bad article's other facts
    assert not set(graph.subjects(RDF.type, SUMMIT.Person)) & set(
        graph.subjects(SUMMIT.signed, None)
    )
    assert Literal(-3, datatype=XSD.integer) not in set(
        graph.objects(None, SUMMIT.statedSignatoryCount)
    )
    assert set(_union_of_quads(out / "kg.nq")) == set(graph)


def test_a_fact_that_breaks_the_shapes_is_dropped_and_its_file_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _inject_bad_facts(monkeypatch)
    _write(tmp_path / "in", "good.txt", FORUM.format(person="Kim Min-seo", outlet="The Ledger"))
    _write(tmp_path / "in", "bad.txt", LIST.format(person="Ahn Ji-ho", outlet="The Ledger"))
    out = tmp_path / "out"
    assert (
        main(["build", str(tmp_path / "in"), "--out", str(out), "--quiet", "--workers", "1"]) == 3
    )
    error = capsys.readouterr().err
    _check_dropped(out, error)
    assert "time zone" in error


def test_the_shacl_gate_traces_what_the_python_checks_miss_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the cheap checks switched off, the SHACL run of the union still finds the
    article to blame, drops what it blames, and the build writes a conforming graph."""
    import kg.build
    import kg.conform

    _inject_bad_facts(monkeypatch)
    monkeypatch.setattr(kg.build, "check_article", lambda triples: [])
    monkeypatch.setattr(kg.conform, "_union_problems", lambda graph: {})
    _write(tmp_path / "in", "good.txt", FORUM.format(person="Kim Min-seo", outlet="The Ledger"))
    _write(tmp_path / "in", "bad.txt", LIST.format(person="Ahn Ji-ho", outlet="The Ledger"))
    out = tmp_path / "out"
    assert (
        main(["build", str(tmp_path / "in"), "--out", str(out), "--quiet", "--workers", "1"]) == 3
    )
    _check_dropped(out, capsys.readouterr().err)


# ---------------------------------------------------------------------------
# 2. Failed, concurrent and read-only builds
# ---------------------------------------------------------------------------


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def test_legacy_plain_outputs_are_migrated_and_temporary_files_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:  # what an older version left: plain files, and a killed run's temp
        (out / name).write_text(f"old {name}", encoding="utf-8")
    (out / ".kg.ttl.k2j4h1x9").write_bytes(b"half a graph")
    bad = _write(tmp_path / "in", "empty.txt", "")
    assert main(["build", str(bad), "--out", str(out), "--quiet"]) == 1
    assert _snapshot(out) == {name: f"old {name}".encode() for name in OUTPUTS}
    good = _write(tmp_path / "in", "a.txt", MORE)
    assert main(["build", str(good), "--out", str(out), "--quiet"]) == 0
    assert all((out / name).is_symlink() for name in OUTPUTS)
    assert len(Graph().parse(out / "kg.ttl")) > 50
    assert not (out / ".kg.ttl.k2j4h1x9").exists()
    assert sorted(p.name for p in (out / ".builds").iterdir()) == sorted(
        ["lock", "current", os.readlink(out / ".builds" / "current")]
    )


def _can_make_read_only(path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    return (
        shutil.which("chattr") is not None
        and subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode
        == 0
    )


@pytest.fixture
def read_only() -> Iterator[list[Path]]:
    """Paths to make read-only (for root, immutable); made writable again afterwards."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-R", "-i", str(path)], capture_output=True, check=False)
        for folder, _, _ in os.walk(path):
            os.chmod(folder, 0o755)


@pytest.mark.parametrize("layout", ["plain files of an older version", "builds"])
def test_read_only_out_gets_one_line_and_keeps_its_outputs(
    tmp_path: Path, layout: str, read_only: list[Path]
) -> None:
    out = tmp_path / "out"
    article = _write(tmp_path / "in", "a.txt", MORE)
    if layout == "builds":
        assert main(["build", str(article), "--out", str(out), "--quiet"]) == 0
    else:
        out.mkdir()
        for name in OUTPUTS:
            (out / name).write_text(f"old {name}", encoding="utf-8")
    before = _snapshot(out)
    if not _can_make_read_only(out):
        # as root only chattr +i makes a folder read-only; without it (or on a file system
        # that takes no flags) there is nothing to test with, which CI must not hide
        reason = "cannot make a folder read-only here (root without a working chattr +i)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test: {reason}")
        pytest.skip(reason)
    read_only.append(out)
    if os.geteuid() == 0:
        # (symlinks take no flags: chattr names them and sets the rest)
        subprocess.run(["chattr", "-R", "+i", str(out)], capture_output=True, check=False)
    else:
        for folder, _, _ in os.walk(out):
            os.chmod(folder, 0o555)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(article), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot write output" in result.stderr, result.stderr
    assert _snapshot(out) == before


# ---------------------------------------------------------------------------
# 3-4. kill -9 at every step leaves one complete build, and the next build cleans up
# ---------------------------------------------------------------------------


def _complete_build(out: Path) -> dict[str, object]:
    """The manifest of the one build `out` shows, after checking that every output is there,
    from that one build, whole (its size and hash as written down when it was built)."""
    folders = {Path(os.path.realpath(out / name)).parent for name in [*OUTPUTS, "store"]}
    assert len(folders) == 1, folders
    folder = folders.pop()
    manifest: dict[str, object] = json.loads((folder / "build.json").read_text())
    import hashlib

    files = manifest["files"]
    assert isinstance(files, dict) and set(files) >= set(OUTPUTS)
    for name in OUTPUTS:
        data = (out / name).read_bytes()
        assert (
            len(data) == files[name]["bytes"]
            and hashlib.sha256(data).hexdigest() == files[name]["sha256"]
        )
    assert (
        len(Graph().parse(out / "kg.ttl"))
        == manifest["triples"]
        == len(_union_of_quads(out / "kg.nq"))
        == len(load_graph(out))  # the store, whole
    )
    return manifest


def _debris(out: Path) -> list[str]:
    current = os.readlink(out / ".builds" / "current")
    inside = [
        p.name for p in (out / ".builds").iterdir() if p.name not in ("lock", "current", current)
    ]
    return inside + [p.name for p in out.iterdir() if p.name.startswith(".kg.")]


POINTS = ["extract", "validate", *(f"write:{name}" for name in [*OUTPUTS, "store"]), "commit",
          "switched"]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("corpora")
    old = folder / "old"
    _write(old, "a.txt", MORE)
    new = folder / "new"
    _write(new, "a.txt", FORUM.format(person="Kim Min-seo", outlet="THE LEDGER"))
    _write(new, "b.txt", LIST.format(person="Kim Min Seo", outlet="The Ledger"))
    _write(new, "c.txt", MORE)
    return old, new


@pytest.mark.parametrize("point", POINTS)
def test_kill_9_leaves_the_old_build_or_the_new_one_and_the_next_build_cleans_up(
    tmp_path: Path, corpora: tuple[Path, Path], point: str, paused: type[Paused]
) -> None:
    old, new = corpora
    out = tmp_path / "out"
    assert (
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(old), "--out", str(out), "-q"], check=False
        ).returncode
        == 0
    )
    assert _complete_build(out)["articles"] == 1
    paused.kill_at(paused.start("build", str(new), "--out", str(out), "--workers", "2",
                                pause=point), point)
    shown = _complete_build(out)
    assert shown["articles"] == (3 if point == "switched" else 1)
    # the killed build's folder (or, once switched, the old one) is left behind; a build
    # killed while it extracts has not touched the folder yet
    assert bool(_debris(out)) == (point != "extract")
    finished = paused.start("build", str(new), "--out", str(out))
    assert finished.wait(timeout=120) == 0, finished.stderr.read() if finished.stderr else ""
    assert _complete_build(out)["articles"] == 3
    assert _debris(out) == []


def test_a_build_in_progress_is_never_cleaned_by_another(
    tmp_path: Path, corpora: tuple[Path, Path], paused: type[Paused]
) -> None:
    old, new = corpora
    out = tmp_path / "out"
    slow = paused.start("build", str(new), "--out", str(out), pause="commit")  # written, not yet switched
    assert slow.stderr is not None
    assert slow.stderr.readline().strip() == "kg: paused at commit"
    (folder,) = [p for p in (out / ".builds").iterdir() if p.is_dir()]
    assert main(["build", str(_write(tmp_path, "empty.txt", "")), "--out", str(out), "-q"]) == 1
    assert main(["build", str(old), "--out", str(out), "-q"]) == 0  # commits and cleans
    assert (folder / "kg.ttl").is_file() and (folder / "graph.html").is_file()
    assert _complete_build(out)["articles"] == 1
    os.killpg(slow.pid, signal.SIGKILL)
    slow.wait(timeout=30)
    assert main(["build", str(old), "--out", str(out), "-q"]) == 0
    assert not folder.exists() and _debris(out) == []


def test_a_child_outliving_a_killed_build_does_not_keep_its_folder(
    tmp_path: Path, corpora: tuple[Path, Path], paused: type[Paused]
) -> None:
    """Only the main process is killed; the forked validator lives on (paused), and the next
    build still cleans the dead build's folder: the child does not hold its lock."""
    old, new = corpora
    out = tmp_path / "out"
    build = paused.start("build", str(new), "--out", str(out), pause="validate")
    try:
        assert build.stderr is not None
        assert build.stderr.readline().strip() == "kg: paused at validate"
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        assert main(["build", str(old), "--out", str(out), "-q"]) == 0
        assert _complete_build(out)["articles"] == 1
        assert _debris(out) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
