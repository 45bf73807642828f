"""The `kg` command as a user runs it: help, build, why, and one-line errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.loader import seed_path

COMMANDS = ["build", "why", "query", "stats", "export", "eval", "add", "remove", "push"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, check=False)


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: kg")
    assert "--out" in out if command == ["build"] else True


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("cli")
    return folder, run("build", cwd=folder)


def test_build_without_arguments_builds_the_seed_into_out(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, result = built
    assert result.returncode == 0, result.stderr
    assert "Built 1 article" in result.stdout
    assert "signed 18" in result.stdout and "Person 16" in result.stdout
    graph = Graph().parse(folder / "out" / "kg.ttl")
    assert len(graph) > 500
    document = json.loads((folder / "out" / "kg.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["summit"] == "https://w3id.org/ai-seoul-summit/ontology#"
    assert len(Graph().parse(folder / "out" / "kg.jsonld", format="json-ld")) == len(graph)
    page = (folder / "out" / "graph.html").read_text(encoding="utf-8")  # drawn in another process
    assert page.startswith("<!DOCTYPE html>") and "삼성전자" in page and page.rstrip().endswith("</html>")


def test_why_prints_the_sentence_with_offsets(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = built
    result = run("why", "앤트로픽", "signed", "Seoul AI Business Pledge", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "[2438:2550]" in result.stdout and "엔트로픽" in result.stdout


def test_why_unknown_name_is_one_line_error(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = built
    result = run("why", "Nobody Inc", "signed", "Seoul AI Business Pledge", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Nobody Inc" in result.stderr


SEED_TEXT = seed_path().read_text(encoding="utf-8")


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty_dir = tmp / "empty-folder"
    empty_dir.mkdir()
    cases = {
        "missing": (tmp / "nope.txt", "no such file"),
        "folder without articles": (empty_dir, "no article files"),
        "empty": (tmp / "empty.txt", "empty"),
        "whitespace": (tmp / "blank.txt", "empty"),
        "binary": (tmp / "image.txt", "binary"),
        "latin-1": (tmp / "latin.txt", "not UTF-8"),
        "no event": (tmp / "recipe.txt", "nothing about a summit"),
    }
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\t\n ")
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp / "latin.txt").write_bytes("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e at the AI Seoul Summit.".encode("latin-1"))
    (tmp / "recipe.txt").write_text("김치찌개는 돼지고기와 김치를 넣고 끓인 찌개다. 두부를 넣어도 좋다.\n",
                                     encoding="utf-8")
    return cases


CASES = ["missing", "folder without articles", "empty", "whitespace", "binary", "latin-1", "no event"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gets_one_line_error_and_leaves_the_output_alone(case: str, tmp_path: Path) -> None:
    path, expected = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("stale", encoding="utf-8")
    result = run("build", str(path), "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and expected in lines[0]
    assert list(out.iterdir()) == [out / "kg.ttl"]  # what was there stays, nothing is added
    assert (out / "kg.ttl").read_text(encoding="utf-8") == "stale"


def test_cp949_article_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "seed-cp949.txt"
    path.write_bytes(SEED_TEXT.replace("℃", "도").replace("ⓒ", "(c)").replace("′", "'")
                     .replace("•", "*").replace("▲", "^").encode("cp949", errors="strict"))
    result = run("build", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "signed 18" in result.stdout


def test_partial_failure_builds_the_rest_and_names_the_failure(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    result = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "bad.txt" in result.stderr and "empty" in result.stderr
    assert (tmp_path / "out" / "kg.ttl").is_file()


def test_build_that_does_not_conform_keeps_the_last_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Validation runs beside the writing; a graph that fails it (with nothing an article
    can be blamed for) puts no output in place, and the outputs of the last build stay."""
    import kg.build

    out = tmp_path / "out"
    assert main(["build", str(seed_path()), "--out", str(out), "--quiet"]) == 0
    assert (out / "kg.ttl").is_file()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    monkeypatch.setattr(kg.build, "validate",
                        lambda graph, focus=None: (False, "Results (1): a broken label"))
    assert main(["build", str(seed_path()), "--out", str(out), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("kg build: error: the graph does not conform to the SHACL shapes")
    assert "a broken label" in error
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert len(before) == 5


def test_build_reports_a_validation_that_crashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import kg.build

    def crash(graph: Graph, focus: object = None) -> tuple[bool, str]:
        raise RuntimeError("shapes unreadable")

    monkeypatch.setattr(kg.build, "validate", crash)
    assert main(["build", str(seed_path()), "--out", str(tmp_path), "--quiet"]) == 1
    assert "validation stopped: shapes unreadable" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_build_reports_a_page_that_failed_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The page is drawn in the validating process; its failure still reaches the user."""
    import kg.draw
    from kg.errors import DrawError

    def broken(graph: Graph, **_: object) -> str:
        raise DrawError("no template")

    monkeypatch.setattr(kg.draw, "render_html", broken)
    assert main(["build", str(seed_path()), "--out", str(tmp_path), "--quiet"]) == 1
    assert "no template" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
