"""Every notebook runs top to bottom on a fresh kernel, and is committed without outputs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TIMEOUT = 600  # seconds per cell; building the graph takes a few


def test_the_tour_is_there() -> None:
    assert "01_tour.ipynb" in [path.name for path in NOTEBOOKS]


@pytest.fixture
def python3_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ``python3`` kernel that runs this interpreter (where kg is installed), whatever
    other ``python3`` kernelspec the machine has."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_runs_without_errors(path: Path, python3_kernel: str, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    work = tmp_path / "work"
    work.mkdir()
    # Raises CellExecutionError, naming the cell, when any cell fails.
    NotebookClient(notebook, kernel_name=python3_kernel, timeout=TIMEOUT,
                   resources={"metadata": {"path": str(work)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    if path.name == "01_tour.ipynb":
        data = [output.get("data", {}) for output in outputs]
        assert any("image/png" in item for item in data), "the matplotlib plot is missing"
        frames = [item["text/html"] for item in data if "<iframe srcdoc=" in item.get("text/html", "")]
        assert frames and "vis.Network" in frames[0], "the interactive graph is missing"
        wrote = [line.split()[1] for output in outputs if output.get("name") == "stdout"
                 for line in output.get("text", "").splitlines() if line.startswith("Wrote ")]
        assert wrote and Path(wrote[-1]).is_file(), "the page was not written"
        assert not Path(wrote[-1]).is_relative_to(path.parent.parent), "written into the checkout"
        assert not any(work.iterdir()), "the notebook left files where it ran"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    dirty = [index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert dirty == [], f"clear the outputs of cells {dirty} before committing"
    assert notebook.metadata["kernelspec"]["name"] == "python3"
