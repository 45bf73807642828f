"""`kg add` and `kg remove`: a build changed article by article equals the build made at once.

The articles written here spell one unknown person two ways, so that the merge has to pick
one ``rdfs:label`` across articles: an incremental merge that started from the last build's
settled graphs instead of the extracted ones would pick differently.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.build import build_graph, write_build
from kg.errors import KGError
from kg.incremental import add_articles, load_build, remove_articles

if TYPE_CHECKING:
    from conftest import Paused

DATA = Path(__file__).parent / "data"
PERSON = URIRef("https://w3id.org/ai-seoul-summit/id/person/kim-min-seo")

FORUM = """Seoul forum draws company chiefs

By Dana Reyes

SEOUL, May 22, 2024 - {orgs} signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

"We want rules that travel," said {person}, vice president at Naver, who attended the forum.
"""


def write(folder: Path, name: str, orgs: str, person: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(FORUM.format(orgs=orgs, person=person), encoding="utf-8")
    return path


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, check=False, timeout=300)


def graphs_of(out: Path) -> tuple[Graph, set[str]]:
    """The union and the named graphs' quads of the build in `out`."""
    quads = set((out / "kg.nq").read_text(encoding="utf-8").splitlines())
    return Graph().parse(out / "kg.ttl"), quads


def same_build(one: Path, other: Path) -> None:
    union, quads = graphs_of(one)
    union_other, quads_other = graphs_of(other)
    assert isomorphic(union, union_other)
    assert quads == quads_other


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    a = tmp_path / "in"
    return {
        "a": write(a, "a.txt", "Naver and Kakao", "Kim Min-seo"),
        "b": write(a, "b.txt", "Samsung Electronics and IBM", "Kim Min Seo"),
        "c": write(a, "c.txt", "Salesforce and Cohere", "Kim Min Seo"),
    }


def test_build_then_add_equals_one_build_and_remove_gives_it_back(
        articles: dict[str, Path], tmp_path: Path) -> None:
    a, b, c = articles["a"], articles["b"], articles["c"]
    assert kg("build", a, b, c, "--out", tmp_path / "all", "-q").returncode == 0
    assert kg("build", a, "--out", tmp_path / "step", "-q").returncode == 0
    assert kg("build", a, "--out", tmp_path / "only-a", "-q").returncode == 0
    added = kg("add", b, c, "--out", tmp_path / "step")
    assert added.returncode == 0, added.stderr
    assert "Added 2, replaced 0" in added.stdout and "holds 3 articles" in added.stdout
    same_build(tmp_path / "all", tmp_path / "step")
    # the spelling two articles use is the label, whichever came first
    union, _ = graphs_of(tmp_path / "step")
    assert set(union.objects(PERSON, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == {
        Literal("Kim Min Seo", lang="en")}
    removed = kg("remove", b, "c.txt", "--out", tmp_path / "step")
    assert removed.returncode == 0, removed.stderr
    same_build(tmp_path / "only-a", tmp_path / "step")
    # what only b and c stated is gone, with the page and the store
    assert "Samsung" not in (tmp_path / "step" / "graph.html").read_text(encoding="utf-8")
    assert kg("query", "signatories", "--graph", tmp_path / "step").stdout.count("Kakao") == 1
    assert "Cohere" not in kg("query", "signatories", "--graph", tmp_path / "step").stdout


def test_adding_a_changed_file_replaces_its_article(articles: dict[str, Path],
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", articles["a"], articles["b"], "--out", out, "-q").returncode == 0
    write(articles["b"].parent, "b.txt", "Samsung Electronics and Adobe", "Kim Min Seo")
    done = kg("add", articles["b"], "--out", out)
    assert done.returncode == 0 and "Added 0, replaced 1" in done.stdout, done.stdout + done.stderr
    rows = kg("query", "signatories", "--graph", out).stdout
    assert "Adobe" in rows and "IBM" not in rows
    assert kg("build", articles["a"], articles["b"], "--out", tmp_path / "again", "-q").returncode == 0
    same_build(out, tmp_path / "again")


FILES = ("kg.ttl", "kg.jsonld", "kg.nq", "kg.trig", "graph.html")


def same_files(one: Path, other: Path) -> list[str]:
    """The output files that differ between two builds (byte for byte)."""
    return [name for name in FILES if (one / name).read_bytes() != (other / name).read_bytes()]


@pytest.mark.parametrize("seed", [20240521, 20240522])
def test_random_splits_of_the_test_articles_write_the_same_files(tmp_path: Path,
                                                                 seed: int) -> None:
    paths = sorted(p for name in ("dev", "heldout") for p in (DATA / name).glob("*.txt"))
    rng = random.Random(seed)
    rng.shuffle(paths)
    cut = rng.randint(2, len(paths) // 2)
    first, second = paths[cut:], paths[:cut]
    write_build(build_graph(paths), tmp_path / "whole")
    write_build(build_graph(first), tmp_path / "first")
    shutil.copytree(tmp_path / "first", tmp_path / "step", symlinks=True)
    update, change = add_articles(tmp_path / "step", second)
    assert update.delta is not None  # worked out from the articles it touches
    assert len(change.added) == len(second) and not change.replaced
    assert update.articles == len(paths)
    update.write(tmp_path / "step")
    assert same_files(tmp_path / "whole", tmp_path / "step") == []
    update, change = remove_articles(tmp_path / "step", [str(p) for p in second])
    assert update.delta is not None and len(change.removed) == len(second)
    update.write(tmp_path / "step")
    assert same_files(tmp_path / "first", tmp_path / "step") == []
    # the stores follow: a query on the changed build answers as on the one built at once
    for out in (tmp_path / "first", tmp_path / "step"):
        assert kg("query", "signatories", "--graph", out).returncode == 0
    assert (kg("query", "attendees", "--graph", tmp_path / "step", "--format", "csv").stdout
            == kg("query", "attendees", "--graph", tmp_path / "first", "--format", "csv").stdout)


@pytest.mark.parametrize("knob", ["rounds", "limit"])
def test_a_change_that_reaches_too_far_is_merged_whole_to_the_same_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, knob: str) -> None:
    import kg.delta
    import kg.incremental

    paths = sorted((DATA / "dev").glob("*.txt"))
    write_build(build_graph(paths), tmp_path / "whole")
    write_build(build_graph(paths[3:]), tmp_path / "step")
    if knob == "rounds":
        monkeypatch.setattr(kg.delta, "ROUNDS", 0)
    else:  # any article of the last build to settle again is too many
        monkeypatch.setattr(kg.incremental, "SETTLE_AT_LEAST", 0)
        monkeypatch.setattr(kg.incremental, "SETTLE_SHARE", 10**6)
    update, _ = add_articles(tmp_path / "step", paths[:3])
    assert update.delta is None and update.build is not None
    update.write(tmp_path / "step")
    assert same_files(tmp_path / "whole", tmp_path / "step") == []


def test_a_failed_add_leaves_the_build_as_it_was(articles: dict[str, Path],
                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", articles["a"], "--out", out, "-q").returncode == 0
    before = {name: (out / name).read_bytes() for name in ("kg.ttl", "kg.nq", "graph.html")}
    bad = tmp_path / "binary.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    for args in (["add", bad], ["add", tmp_path / "missing.txt"], ["remove", "nowhere.txt"],
                 ["remove", articles["a"]]):
        done = kg(*args, "--out", out)
        assert done.returncode == 1, args
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert before == {name: (out / name).read_bytes() for name in before}


def test_add_to_a_folder_without_a_build_is_one_line(articles: dict[str, Path],
                                                    tmp_path: Path) -> None:
    done = kg("add", articles["a"], "--out", tmp_path / "empty")
    assert done.returncode == 1 and "holds no build" in done.stderr
    assert not (tmp_path / "empty").exists()


def test_a_build_of_an_older_kg_says_to_build_again(articles: dict[str, Path],
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", articles["a"], "--out", out, "-q").returncode == 0
    current = Path(os.path.realpath(out / ".builds" / "current"))
    shutil.rmtree(current / "extracted")
    with pytest.raises(KGError, match="build it again"):
        load_build(out)
    shutil.rmtree(current)
    with pytest.raises(KGError, match="holds no build"):
        load_build(out)


def test_after_add_the_validation_covers_every_node_the_new_articles_name(
        articles: dict[str, Path], tmp_path: Path) -> None:
    from rdflib import RDF, RDFS

    from ontology import validate

    out = tmp_path / "out"
    write_build(build_graph([articles["a"]]), out)
    update, _ = add_articles(out, [articles["b"]])
    assert update.delta is not None
    data, focus = update.to_validate()
    samsung = URIRef("https://w3id.org/ai-seoul-summit/id/company/samsung-electronics")
    kakao = URIRef("https://w3id.org/ai-seoul-summit/id/company/kakao")
    assert samsung in focus and kakao not in focus
    assert (samsung, RDF.type, None) in data and (kakao, None, None) not in data
    assert validate(data, focus=focus)[0]
    # what the new article named, broken: the label of Samsung gone from the new union
    update.delta.subjects[samsung] = tuple(
        t for t in update.delta.subjects.get(samsung, ()) if t[1] != RDFS.label)
    data, focus = update.to_validate()
    conforms, report = validate(data, focus=focus)
    assert not conforms and "samsung-electronics" in report
    update.release()


@pytest.mark.parametrize("point", ["write:store", "validate", "write:kg.nq", "write:graph.html",
                                   "commit", "switched"])
def test_kill_9_during_add_leaves_the_old_build_or_the_new_one(
        articles: dict[str, Path], tmp_path: Path, point: str, paused: type[Paused]) -> None:
    import json

    def shown(out: Path) -> int:
        """How many articles the one build `out` shows has, after checking its files are
        whole and from that build."""
        folders = {Path(os.path.realpath(out / name)).parent for name in (*FILES, "store")}
        assert len(folders) == 1, folders
        manifest = json.loads((folders.pop() / "build.json").read_text(encoding="utf-8"))
        for name in FILES:
            assert (out / name).stat().st_size == manifest["files"][name]["bytes"], name
        return int(manifest["articles"])

    out = tmp_path / "out"
    assert kg("build", articles["a"], "--out", out, "-q").returncode == 0
    paused.kill_at(paused.start("add", str(articles["b"]), "--out", str(out), pause=point), point)
    assert shown(out) == (2 if point == "switched" else 1)
    again = kg("add", articles["b"], "--out", out)
    assert again.returncode == 0, again.stderr
    assert shown(out) == 2
    assert kg("build", articles["a"], articles["b"], "--out", tmp_path / "whole", "-q"
              ).returncode == 0
    assert same_files(tmp_path / "whole", out) == []


def test_a_last_build_edited_by_hand_is_written_whole(articles: dict[str, Path],
                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", articles["a"], "--out", out, "-q").returncode == 0
    with open(out / "kg.ttl", "a", encoding="utf-8") as stream:  # through the link, in place
        stream.write("<urn:x> <urn:y> <urn:z> .\n")
    assert kg("add", articles["b"], "--out", out, "-q").returncode == 0
    assert kg("build", articles["a"], articles["b"], "--out", tmp_path / "whole", "-q"
              ).returncode == 0
    assert same_files(tmp_path / "whole", out) == []
