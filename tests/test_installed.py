"""careboard as a council's IT would install it: built into a wheel and run away from the checkout.

Whatever a command reads (its SQL, TOML, templates, the published figures, the demo council's settings)
must be inside the package and named in pyproject.toml's package data; otherwise the checkout works and
an installed careboard does not. Building the wheel fetches setuptools from the package registry, as
setting up the checkout does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli_runs import DATA

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A folder holding careboard as its wheel installs it (the dependencies are this environment's)."""
    base = tmp_path_factory.mktemp("installed")
    source = base / "source"        # a copy, so the build leaves nothing in the checkout
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(ROOT / "careboard", source / "careboard", ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                            "--wheel-dir", str(base / "wheel"), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    site = base / "site"
    with zipfile.ZipFile(next((base / "wheel").glob("careboard-*.whl"))) as wheel:
        wheel.extractall(site)
    return site


def _careboard(site: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "CAREBOARD_HOME": str(cwd / "home")}
    env.pop("CAREBOARD_DB", None)
    return subprocess.run([sys.executable, "-m", "careboard", *argv], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_package_is_the_one_run(installed, tmp_path):
    run = subprocess.run([sys.executable, "-c", "import careboard; print(careboard.__file__)"], cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(installed)}, capture_output=True, text=True)
    assert Path(run.stdout.strip()).is_relative_to(installed)


@pytest.mark.parametrize("argv, code", [
    (["demo", "--children", "20", "--years", "2", "--as-at", "30/11/2025", "--out", "demo"], 0),
    (["validate", str(DATA / "council"), "--output", "errors.html"], 1),
    (["load", str(DATA / "foreign"), "--db", "store.duckdb"], 0),
    (["docs"], 0),
    (["init", "--la", "Peterborough", "--out", "council.toml"], 0),
    (["benchmarks", "show"], 0),
], ids=lambda v: v[0] if isinstance(v, list) else None)
def test_every_command_runs_from_the_installed_package(installed, tmp_path, argv, code):
    run = _careboard(installed, tmp_path, *argv)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == code, run.stderr[-3000:]
