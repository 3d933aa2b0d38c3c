"""Each file gets the config nearest to it, walking up from its own folder (as ruff and
black find theirs), whatever the current directory; `--config` overrides; `cassette
config` says what is in effect."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLES

SAMPLE = SAMPLES / "vcrpy" / "auth_mixed.yaml"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """root/ (the cwd, no config), root/a/ with a config that disables the cookie
    rule, root/b/ with none; the same cassette in both."""
    for folder in ("a/deep", "b"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(SAMPLE, tmp_path / folder / "c.yaml")
    (tmp_path / "a" / ".cassette.toml").write_text('[redact]\ndisable = ["cookie-header"]\n')
    (tmp_path / "b" / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no cassette table: passed by
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules(run, *args: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in run("redact", "--check", "--json", *args).json():
        found.setdefault(finding["file"], set()).add(finding["rule"])
    return found


def test_each_file_gets_the_config_nearest_to_it(tree: Path, run) -> None:
    found = _rules(run, "a/deep/c.yaml", "b/c.yaml")
    assert "cookie-header" not in found["a/deep/c.yaml"]
    assert "cookie-header" in found["b/c.yaml"]


def test_from_another_directory_too(tree: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "b")
    found = _rules(run, str(tree / "a" / "deep" / "c.yaml"))
    assert "cookie-header" not in found[str(tree / "a" / "deep" / "c.yaml")]


def test_config_flag_overrides_for_every_file(tree: Path, run) -> None:
    (tree / "other.toml").write_text('[redact]\nheaders = ["Content-Type"]\n')
    found = _rules(run, "--config", "other.toml", "a/deep/c.yaml", "b/c.yaml")
    assert all({"cookie-header", "custom-header"} <= rules for rules in found.values())


def test_show_masks_by_the_same_config(tree: Path, run) -> None:
    (tree / "a" / ".cassette.toml").write_text('[redact]\nheaders = ["Content-Type"]\n')
    shown = run("show", "--json", "a/deep/c.yaml", "0").json()[0]
    assert shown["request"]["headers"]["Content-Type"] == ["REDACTED"]
    plain = run("show", "--json", "b/c.yaml", "0").json()[0]
    assert plain["request"]["headers"]["Content-Type"] != ["REDACTED"]


def test_a_bad_config_fails_its_files_only(tree: Path, run) -> None:
    (tree / "a" / ".cassette.toml").write_text('[redact]\nheaders = "not a list"\n')
    result = run("redact", "--check", "a/deep/c.yaml", "b/c.yaml")
    assert result.exit_code == 2
    assert result.stderr.count("cassette: error: ") == 1 and ".cassette.toml" in result.stderr
    assert "b/c.yaml" in result.stdout and "a/deep/c.yaml" not in result.stdout


def test_config_command_names_the_file_and_the_settings(tree: Path, run) -> None:
    result = run("config", "--json", "a/deep/c.yaml")
    assert result.exit_code == 0
    described = json.loads(result.stdout)
    assert described["config"] == str((tree / "a" / ".cassette.toml").resolve())
    assert described["disable"] == ["cookie-header"]
    assert "authorization" in described["headers"] and described["replacement"] == "REDACTED"
    text = run("config", "b").stdout
    assert "config: (none found: built-in defaults)" in text
    assert "disable: (none)" in text
