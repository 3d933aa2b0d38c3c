"""Packaging: the wheel built from a copy of the source, offline (`pip wheel --no-deps
--no-build-isolation --no-index`, with the setuptools of the test extras), carries the
SPDX licence and the LICENSE file, the one version (cassette_cli.__version__) and the
`cassette` command. `pipx install .` and the README's first command run in .ci/run, on a
fresh clone (they need the package index)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from cassette_cli import __version__

from .conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _setuptools_major() -> int:
    try:
        return int(metadata.version("setuptools").split(".")[0])
    except metadata.PackageNotFoundError:
        return 0


def test_one_version_source() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cassette_cli.__version__"}


def test_the_backend_supports_spdx_licences() -> None:
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The cassette developers\n")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if _setuptools_major() < 77:
        pytest.skip("setuptools 77 or newer is not installed (pip install -e '.[test]')")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "cassette_cli", source / "cassette_cli", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_metadata(wheel: Path) -> None:
    assert wheel.name == f"cassette_cli-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        info = f"cassette_cli-{__version__}.dist-info"
        fields = archive.read(f"{info}/METADATA").decode().split("\n\n", 1)[0].splitlines()
        assert f"Version: {__version__}" in fields
        assert "License-Expression: MIT" in fields
        assert "License-File: LICENSE" in fields
        assert archive.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        assert "cassette = cassette_cli.cli:main" in archive.read(f"{info}/entry_points.txt").decode()
        tops = {name.split("/")[0] for name in archive.namelist()}
        assert tops == {"cassette_cli", info}
