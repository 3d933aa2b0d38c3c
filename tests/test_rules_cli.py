"""`cassette rules`: every registry rule, on by default, and in effect under the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from cassette_cli.rules.registry import REGISTRY


def test_rules_lists_every_rule(run) -> None:  # type: ignore[no-untyped-def]
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["id", "looks"]
    assert [line.split()[0] for line in lines[1:]] == [r.id for r in REGISTRY]


def test_rules_json_has_one_object_per_rule(run) -> None:  # type: ignore[no-untyped-def]
    rows = run("rules", "--json").json()
    assert [r["id"] for r in rows] == [r.id for r in REGISTRY]
    assert all(set(r) == {"id", "description", "looks_at", "default", "enabled"} for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["gitlab-token"] == {"id": "gitlab-token", "description": "GitLab personal access token", "looks_at": "text", "default": True, "enabled": True}
    assert by_id["custom-header"]["default"] is False and by_id["custom-header"]["enabled"] is False


@pytest.mark.parametrize("name", [".cassette.toml", "pyproject.toml"])
def test_rules_follows_the_config_of_the_current_folder(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # type: ignore[no-untyped-def]
    table = "[redact]" if name == ".cassette.toml" else "[tool.cassette.redact]"
    (tmp_path / name).write_text(f'{table}\ndisable = ["jwt", "groq-key"]\nheaders = ["X-Internal-Secret"]\n')
    monkeypatch.chdir(tmp_path)
    rows = {r["id"]: r for r in run("rules", "--json").json()}
    assert rows["jwt"]["default"] is True and rows["jwt"]["enabled"] is False
    assert rows["groq-key"]["enabled"] is False
    assert rows["custom-header"]["enabled"] is True
    assert rows["openai-key"]["enabled"] is True


def test_rules_takes_an_explicit_config(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "c.toml"
    config.write_text('[redact]\ndisable = ["vault-token"]\n')
    rows = {r["id"]: r for r in run("rules", "--json", "--config", str(config)).json()}
    assert rows["vault-token"]["enabled"] is False
    text = run("rules", "--config", str(config)).stdout
    line = next(line for line in text.splitlines() if line.startswith("vault-token "))
    assert line.split()[1:4] == ["text", "on", "no"]


def test_rules_reports_a_bad_config(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "c.toml"
    config.write_text('[redact]\ndisable = ["no-such-rule"]\n')
    assert run("rules", "--config", str(config)).exit_code != 0
