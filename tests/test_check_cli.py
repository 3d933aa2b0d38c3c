"""`cassette check` on the command line: the output line, the formats (SARIF validated),
exit codes, --select / --ignore, [tool.cassette.check] with per-file-ignores and rule
option tables, --list-rules, bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .check_fixtures import build, item
from .conftest import ROOT

SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cassette_cli", "check", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "tests" / "legacy").mkdir(parents=True)
    (tmp_path / "tests" / "err.yaml").write_text(build("vcrpy-yaml", [item(status=503, reason="Service Unavailable", req_headers={"Authorization": f"Bearer {KEY}"})]))
    (tmp_path / "tests" / "legacy" / "old.yml").write_text(build("ruby-yaml", [item(status=500, reason="Error", recorded_at="Tue, 01 Nov 2011 04:58:44 GMT")]))
    (tmp_path / "tests" / "clean.json").write_text(build("vcrpy-json", [item()]))
    return tmp_path


LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z-]+): (?P<message>.+)$")


def test_text_lines_and_exit_1(repo: Path) -> None:
    done = run("tests", cwd=repo)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    rules = {(LINE.match(line)["path"], LINE.match(line)["rule"]) for line in lines}  # type: ignore[index]
    assert rules == {("tests/err.yaml", "error-status"), ("tests/err.yaml", "secret"), ("tests/legacy/old.yml", "error-status")}
    assert KEY not in done.stdout and KEY[:12] not in done.stdout
    assert "tests/err.yaml:" in done.stdout and "secret: authorization-header: header Authorization (value: sk-p…, 36 chars)" in done.stdout


def test_clean_file_exits_0(repo: Path) -> None:
    done = run("tests/clean.json", cwd=repo)
    assert (done.returncode, done.stdout) == (0, "")


def test_unreadable_input_exits_2_and_the_rest_is_checked(repo: Path) -> None:
    (repo / "tests" / "broken.yaml").write_text("interactions: [\n")
    done = run("tests/broken.yaml", "tests/err.yaml", "tests/missing.yaml", cwd=repo)
    assert done.returncode == 2
    assert "error-status" in done.stdout
    errors = done.stderr.splitlines()
    assert len(errors) == 2 and all(e.startswith("cassette: error: tests/") for e in errors), errors


def test_skip_non_cassettes(repo: Path) -> None:
    (repo / "config.yaml").write_text("name: not a cassette\n")
    assert run("config.yaml", cwd=repo).returncode == 2
    done = run("--skip-non-cassettes", "config.yaml", "tests/clean.json", cwd=repo)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_select_and_ignore(repo: Path) -> None:
    only = run("--select", "secret", "tests", cwd=repo)
    assert {LINE.match(line)["rule"] for line in only.stdout.splitlines()} == {"secret"}  # type: ignore[index]
    none = run("--ignore", "error-status,secret", "tests", cwd=repo)
    assert (none.returncode, none.stdout) == (0, "")
    opt_in = run("--extend-select", "stale-recording", "tests", cwd=repo)
    assert "stale-recording: recorded 2011-11-01" in opt_in.stdout
    bad = run("--select", "no-such-rule", "tests", cwd=repo)
    assert bad.returncode == 2 and "unknown check rule 'no-such-rule'" in bad.stderr


def test_config_table_per_file_ignores_and_options(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.cassette.check]\nextend-select = ["stale-recording"]\nignore = ["secret"]\n'
        'per-file-ignores = { "tests/legacy/*" = ["error-status"] }\n\n'
        "[tool.cassette.check.stale-recording]\nmax-age = 100000\n\n"
        "[tool.cassette.check.error-status]\nallow-status = [500]\n"
    )
    done = run("tests", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert [LINE.match(line)["rule"] for line in done.stdout.splitlines()] == ["error-status"]  # type: ignore[index]
    assert done.stdout.startswith("tests/err.yaml:")
    (repo / "pyproject.toml").write_text("[tool.cassette.check.stale-recording]\nmax-days = 3\n")
    bad = run("tests", cwd=repo)
    assert bad.returncode == 2 and "key 'stale-recording.max-days': unknown option of stale-recording (its options: max-age)" in bad.stderr


def test_config_file_with_only_a_check_table(repo: Path) -> None:
    (repo / "lint.toml").write_text('[check]\nselect = ["secret"]\n')
    done = run("--config", "lint.toml", "tests", cwd=repo)
    assert {LINE.match(line)["rule"] for line in done.stdout.splitlines()} == {"secret"}, done.stderr  # type: ignore[index]


def test_json_and_github(repo: Path) -> None:
    data = json.loads(run("--format", "json", "tests/err.yaml", cwd=repo).stdout)
    assert {d["rule"] for d in data} == {"secret", "error-status"}
    assert all({"file", "line", "column", "rule", "message", "location"} <= d.keys() for d in data)
    assert next(d for d in data if d["rule"] == "error-status")["status"] == 503
    github = run("--format", "github", "tests/err.yaml", cwd=repo).stdout
    assert re.search(r"^::error file=tests/err.yaml,line=\d+,col=\d+,title=error-status::recorded response 503", github, re.M), github
    assert KEY not in github


@pytest.mark.skipif(not SCHEMA.is_file(), reason="../shared/schemas is not here")
def test_sarif_validates(repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    log = json.loads(run("--format", "sarif", "--extend-select", "ALL", "tests", cwd=repo).stdout)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {"secret", "error-status", "stale-recording"}
    assert all(r["help"]["text"] and "cassette redact FILE" not in r["help"]["text"] or r["id"] == "secret" for r in rules)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {r["id"] for r in rules}


def test_list_rules(tmp_path: Path) -> None:
    from cassette_cli.check import CHECK_IDS

    text = run("--list-rules", cwd=tmp_path)
    assert text.returncode == 0
    assert [line.split()[0] for line in text.stdout.splitlines()[1:]] == list(CHECK_IDS)
    rows = json.loads(run("--list-rules", "--format", "json", cwd=tmp_path).stdout)
    assert {r["id"]: r["default"] for r in rows}["email"] is False
    assert {r["id"]: r["options"] for r in rows}["stale-recording"] == {"max-age": 365}
    assert run(cwd=tmp_path).returncode == 2
