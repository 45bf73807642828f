"""What users install: the wheel, in a fresh virtual environment, run outside the checkout.

The rest of the suite runs from the editable checkout, where a module left out of the wheel
would never be missed. Here the wheel is built from a copy of the sources, compared with
the checkout file by file, installed into a new venv, and its `kg` command run from a
folder with no sources in it.

The venv sees the dependencies already installed (a ``.pth`` line naming their folder) but
not the checkout: the editable install's own ``.pth`` file in that folder is not read,
since Python reads ``.pth`` files only in site directories, not in folders they name.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "ontology")
NOT_SHIPPED = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def _sources() -> list[str]:
    """Every file of the packages in the checkout, as paths inside the wheel."""
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and not NOT_SHIPPED & set(path.parts) and path.suffix != ".pyc":
                found.append(path.relative_to(ROOT).as_posix())
    return sorted(found)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "out", "*.egg-info", "test-artifacts", ".hypothesis",
        *NOT_SHIPPED))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "--wheel-dir", str(tmp / "dist"),
         str(source)],
        check=True, capture_output=True, text=True,
    )
    (built,) = (tmp / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
             *site.getsitepackages()}
    (Path(purelib) / "_outer_dependencies.pth").write_text(
        "".join(f"{path}\n" for path in sorted(outer) if Path(path).is_dir()))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", "--disable-pip-version-check", str(wheel)],
        check=True, capture_output=True, text=True,
    )
    return env_dir


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    return subprocess.run([str(venv / "bin" / "kg"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_every_module_and_data_file_and_the_licence(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    missing = sorted(set(_sources()) - set(names))
    assert not missing, f"left out of the wheel: {missing}"
    assert "kg/extract/__init__.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/", "notebooks/")) for n in names)


def test_the_installed_command_builds_queries_and_draws_outside_the_checkout(
    venv: Path, tmp_path: Path
) -> None:
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import kg; print(kg.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(venv), where

    version = _run(venv, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("kg 0."), version

    built = _run(venv, tmp_path, "build")
    assert built.returncode == 0, built.stderr
    assert "Built 1 article; the graph conforms" in built.stdout
    assert (tmp_path / "out" / "kg.ttl").stat().st_size > 10_000

    query = _run(venv, tmp_path, "query", "signed-both", "--format", "json")
    assert query.returncode == 0, query.stderr
    rows = json.loads(query.stdout)["results"]["bindings"]
    assert len(rows) >= 3  # Google, Microsoft and Samsung Electronics signed both

    drawn = _run(venv, tmp_path, "draw", "--out", "page.html", "--lang", "ko")
    assert drawn.returncode == 0, drawn.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "삼성전자" in page and "<script src=" not in page
