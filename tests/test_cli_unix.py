"""The `kg` command behaves like a Unix tool: pipes, stderr, fast help, formats from names."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.cli import main
from kg.model import Relation

HEAVY = ("rdflib", "pyshacl", "pyvis", "kiwipiepy", "networkx")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, check=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding out/, the seed article's build."""
    where = tmp_path_factory.mktemp("unix")
    result = run("build", "--quiet", cwd=where)
    assert result.returncode == 0, result.stderr
    return where


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["build", "--bogus"],
                                  ["--version"]])
def test_help_version_and_usage_errors_load_no_graph_library(args: list[str]) -> None:
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['kg', *{args!r}]\n"
        "try:\n    runpy.run_module('kg', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('LOADED', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "LOADED []" in result.stderr, result.stderr


def test_version_names_the_installed_release() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"kg {version('ai-seoul-summit-kg')}"


@pytest.mark.parametrize("command", [["query", "attendees"], ["stats"], ["query", "--list"],
                                     ["why", "Naver", "signed", "Seoul AI Business Pledge"]])
def test_a_reader_that_goes_away_gets_no_traceback(folder: Path, command: list[str]) -> None:
    # `kg … | head -1`, with the reader gone before kg writes: exit 141, as a shell reports
    # for any tool that SIGPIPE stopped, and nothing on stderr.
    kg = subprocess.Popen([sys.executable, "-m", "kg", *command], cwd=folder,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert kg.stdout is not None and kg.stderr is not None
    kg.stdout.close()
    error = kg.stderr.read().decode()
    assert kg.wait(timeout=120) == 141
    assert error == ""


def test_why_for_a_fact_not_held_goes_to_stderr(folder: Path) -> None:
    result = run("why", "Kakao", "signed", "Frontier AI Safety Commitments", cwd=folder)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "does not hold" in result.stderr


@pytest.mark.parametrize(("typed", "meant"), [("Antropic", "Anthropic"), ("삼성전지", "삼성전자"),
                                               ("naver corp", "Naver")])
def test_a_name_that_matches_no_entity_suggests_the_closest(folder: Path, typed: str,
                                                            meant: str) -> None:
    result = run("why", typed, "signed", "Seoul AI Business Pledge", cwd=folder)
    assert result.returncode == 1 and result.stdout == ""
    assert "did you mean" in result.stderr and repr(meant) in result.stderr, result.stderr


def test_a_name_far_from_every_label_suggests_nothing(folder: Path) -> None:
    result = run("why", "Qwxzv", "signed", "Seoul AI Business Pledge", cwd=folder)
    assert result.returncode == 1 and "did you mean" not in result.stderr


def test_why_help_lists_every_relation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["why", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for relation in Relation:
        assert relation.value in out
    assert "…" not in out


def test_eval_help_explains_the_gold_format_itself(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = capsys.readouterr().out
    assert ".py" not in out
    for key in ('"article"', '"signed"', '"attended"', '"affiliation"', '"stated_counts"',
                '"org"', '"pledge"', '"person"', '"event"', '"title"', '"count"'):
        assert key in out


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_export_takes_the_format_from_the_extension(folder: Path, suffix: str) -> None:
    result = run("export", "--out", f"net.{suffix}", cwd=folder)
    assert result.returncode == 0, result.stderr
    root = ET.parse(folder / f"net.{suffix}").getroot()
    assert root.tag.endswith(suffix)  # {…gexf…}gexf or {…graphml}graphml


def test_export_refuses_a_format_that_contradicts_the_extension(folder: Path) -> None:
    result = run("export", "--out", "wrong.gexf", "--format", "graphml", cwd=folder)
    assert result.returncode == 1
    assert "wrong.gexf" in result.stderr and "gexf" in result.stderr
    assert not (folder / "wrong.gexf").exists()


def test_export_without_a_format_or_a_known_extension_says_so(folder: Path) -> None:
    result = run("export", "--out", "network.xml", cwd=folder)
    assert result.returncode == 1 and "network.xml" in result.stderr
    assert not (folder / "network.xml").exists()
    given = run("export", "--out", "network.xml", "--format", "gexf", cwd=folder)
    assert given.returncode == 0, given.stderr
    assert ET.parse(folder / "network.xml").getroot().tag.endswith("gexf")


@pytest.mark.parametrize(("flag", "overview"), [([], False), (["--overview"], True),
                                                (["--no-overview"], False)])
def test_draw_opens_on_the_entity_network_when_asked(folder: Path, flag: list[str],
                                                     overview: bool) -> None:
    import json
    import re

    result = run("draw", "--out", "page.html", *flag, cwd=folder)
    assert result.returncode == 0, result.stderr
    page = (folder / "page.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script[^>]*id="kg-data"[^>]*>(.*?)</script>', page,
                                re.DOTALL).group(1))  # type: ignore[union-attr]
    assert data["overview"] is overview
    assert ("Quotation" in data["hiddenClasses"]) is overview


def test_out_of_memory_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    import kg.build

    def exhausted(*_: object, **__: object) -> None:
        raise MemoryError

    monkeypatch.setattr(kg.build, "build_graph", exhausted)
    assert main(["build", "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert error == "kg build: error: out of memory; try fewer or smaller inputs, or --workers 1\n"
