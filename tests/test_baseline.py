"""`redact --check --baseline FILE` skips the findings the baseline lists; `--update-baseline`
writes it: file, location, rule and a salted hash, never the value."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cassette_cli.cli import app
from cassette_cli.redact.baseline import Baseline

KEY = "sk-proj-" + "Q2w3E4r5T6y7U8i9O0pA1s2D3f4G5h6J"
OTHER = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"


def cassette(token: str, key: str = KEY) -> str:
    return (
        "interactions:\n- request:\n    body: null\n    headers:\n      Authorization:\n      - Bearer " + key + "\n"
        "    method: GET\n    uri: https://api.example.com/v1\n  response:\n    body:\n      string: '{\"token_used\": \"" + token + "\"}'\n"
        "    headers: {}\n    status:\n      code: 200\n      message: OK\nversion: 1\n"
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout + (result.stderr if result.stderr_bytes is not None else "")


def test_update_then_check_is_clean_and_the_file_holds_no_value(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(cassette("x"))
    code, out = run("redact", "--check", "c.yaml")
    assert code == 1
    code, out = run("redact", "--check", "--baseline", ".cassette-baseline.json", "--update-baseline", "c.yaml")
    assert code == 0 and "Wrote 1 finding" in out
    text = Path(".cassette-baseline.json").read_text()
    assert KEY not in text and KEY[8:20] not in text
    data = json.loads(text)
    assert data["version"] == 1 and len(data["salt"]) == 32
    assert data["findings"] == [{"file": "c.yaml", "location": "interactions[0].request.headers.Authorization[0]", "rule": "authorization-header", "hash": data["findings"][0]["hash"]}]
    assert Path("c.yaml").read_text() == cassette("x")  # nothing redacted
    code, out = run("redact", "--check", "--baseline", ".cassette-baseline.json", "c.yaml")
    assert (code, out) == (0, "")


def test_a_new_value_or_a_moved_one_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(cassette("x"))
    run("redact", "--check", "--baseline", "b.json", "--update-baseline", "c.yaml")
    Path("c.yaml").write_text(cassette("x", key=OTHER))  # another value, same place
    code, out = run("redact", "--check", "--baseline", "b.json", "c.yaml")
    assert code == 1 and "authorization-header" in out
    Path("c.yaml").write_text(cassette(KEY))  # the accepted value, plus a copy elsewhere
    code, out = run("redact", "--check", "--baseline", "b.json", "c.yaml")
    assert code == 1 and "openai-key" in out and out.count("\n") == 1  # the body copy only


def test_updating_keeps_the_salt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(cassette("x"))
    run("redact", "--check", "--baseline", "b.json", "--update-baseline", "c.yaml")
    salt = json.loads(Path("b.json").read_text())["salt"]
    run("redact", "--baseline", "b.json", "--update-baseline", "c.yaml")
    assert json.loads(Path("b.json").read_text())["salt"] == salt


def test_a_bad_baseline_is_one_error_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(cassette("x"))
    Path("b.json").write_text("{not json")
    result = CliRunner().invoke(app, ["redact", "--check", "--baseline", "b.json", "c.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("cassette: error: b.json:1:2: ") and result.stderr.count("\n") == 1


def test_baseline_needs_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["redact", "--baseline", str(tmp_path / "b.json"), str(tmp_path)])
    assert result.exit_code == 2


def test_the_api_matches_by_file_location_rule_and_hash(tmp_path: Path) -> None:
    from cassette_cli import api

    path = tmp_path / "c.yaml"
    path.write_text(cassette("x"))
    reports = api.find_secrets(path.read_bytes(), name=str(path))
    baseline = Baseline.from_reports(reports, tmp_path / "b.json")
    assert baseline.filter(reports) == []
    again = Baseline.load(tmp_path / "missing.json")
    assert len(again) == 0 and again.filter(reports) == reports
    baseline.write(tmp_path / "b.json")
    assert Baseline.load(tmp_path / "b.json").filter(reports) == []
