"""`redact --check --format text|json|github|sarif`: the text lines stay as they were,
`--json` is `--format json`, GitHub workflow commands are escaped as GitHub documents,
and the SARIF log validates against the SARIF 2.1.0 schema. No format prints a secret."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cassette_cli.output.findings import FORMATS, github_command, rule_text, sarif_log
from cassette_cli.redact.scan import Report
from cassette_cli.rules.registry import RULE_IDS

from .conftest import ROOT, SAMPLES, planted_secrets, sample_files

SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
AUTH_MIXED = "samples/vcrpy/auth_mixed.yaml"

GITHUB_AUTH_MIXED = """\
::error file=samples/vcrpy/auth_mixed.yaml,line=3,col=11,title=json-key::JSON key password at interactions[0].request.body (value: FAKE…, 24 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=3,col=11,title=json-key::JSON key api_key at interactions[0].request.body (value: FAKE…, 45 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=35,col=9,title=set-cookie-header::header Set-Cookie session at interactions[0].response.headers.Set-Cookie[0] (value: FAKE…, 40 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=41,col=84,title=form-key::form key client_secret at interactions[1].request.body (value: FAKE…, 40 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=59,col=15,title=json-key::JSON key access_token at interactions[1].response.body.string (value: eyJh…, 152 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=85,col=17,title=cookie-header::header Cookie session at interactions[2].request.headers.Cookie[0] (value: FAKE…, 40 chars)
::error file=samples/vcrpy/auth_mixed.yaml,line=108,col=9,title=set-cookie-header::header Set-Cookie session at interactions[2].response.headers.Set-Cookie[0] (value: FAKE…, 40 chars)
"""

TEXT_AUTH_MIXED_FIRST = "samples/vcrpy/auth_mixed.yaml:3:11: json-key: JSON key password (value: FAKE…, 24 chars)\n"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def _with_findings() -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in sample_files()]


def test_text_is_the_default_and_unchanged(in_root: Path, run) -> None:
    default = run("redact", "--check", AUTH_MIXED)
    text = run("redact", "--check", "--format", "text", AUTH_MIXED)
    assert (text.exit_code, text.stdout, text.stderr) == (default.exit_code, default.stdout, default.stderr)
    assert default.exit_code == 1
    assert default.stdout.startswith(TEXT_AUTH_MIXED_FIRST)
    assert len(default.stdout.splitlines()) == 7


def test_json_flag_is_format_json(in_root: Path, run) -> None:
    files = _with_findings()
    old = run("redact", "--check", "--json", *files)
    new = run("redact", "--check", "--format", "json", *files)
    both = run("redact", "--check", "--json", "--format", "json", *files)
    assert old.stdout == new.stdout == both.stdout
    assert len(old.json()) == len(run("redact", "--check", *files).stdout.splitlines())


def test_github_golden(in_root: Path, run) -> None:
    result = run("redact", "--check", "--format", "github", AUTH_MIXED)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == GITHUB_AUTH_MIXED


def test_github_escapes_properties_and_data() -> None:
    report = Report("dir,1/a:b%.yaml", 4, 2, "json-key", "interactions[0].request.body", "JSON key we\r\nird%", "s3cr3t-value-here")
    assert github_command(report) == (
        "::error file=dir%2C1/a%3Ab%25.yaml,line=4,col=2,title=json-key::"
        "JSON key we%0D%0Aird%25 at interactions[0].request.body (value: s3cr…, 17 chars)\n"
    )
    assert "s3cr3t-value-here" not in github_command(report)


@pytest.mark.parametrize("kind", FORMATS)
def test_no_format_prints_a_secret(in_root: Path, run, kind: str) -> None:
    result = run("redact", "--check", "--format", kind, *_with_findings())
    assert result.exit_code == 1
    for secret in planted_secrets():
        assert secret not in result.stdout


def test_clean_files_give_an_empty_log(tmp_path: Path, run) -> None:
    path = tmp_path / "clean.yaml"
    path.write_text("interactions: []\nversion: 1\n")
    assert run("redact", "--check", "--format", "github", path).stdout == ""
    log = json.loads(run("redact", "--check", "--format", "sarif", path).stdout)
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "sarif"), "--format goes with --check"),
        (("--check", "--format", "xml"), "'xml' is not one of text, json, github, sarif"),
        (("--check", "--json", "--format", "github"), "--json is --format json"),
    ],
)
def test_format_usage_errors(run, args: tuple[str, ...], message: str) -> None:
    result = run("redact", *args, SAMPLES / "vcrpy" / "auth_mixed.yaml")
    assert result.exit_code == 2
    assert message in result.stderr


def _sarif(run, *files: str) -> dict:
    result = run("redact", "--check", "--format", "sarif", *files)
    assert (result.exit_code, result.stderr) == (1, "")
    return json.loads(result.stdout)


def test_sarif_results_match_the_text_findings(in_root: Path, run) -> None:
    files = _with_findings()
    log = _sarif(run, *files)
    assert log["version"] == "2.1.0"
    (only,) = log["runs"]
    driver = only["tool"]["driver"]
    assert driver["name"] == "cassette"
    from cassette_cli import __version__

    assert driver["version"] == __version__
    rules = [r["id"] for r in driver["rules"]]
    assert rules == sorted(set(rules))
    found = []
    for result in only["results"]:
        assert result["level"] == "error"
        assert rules[result["ruleIndex"]] == result["ruleId"]
        (where,) = result["locations"]
        physical = where["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        found.append(f"{physical['artifactLocation']['uri']}:{region['startLine']}:{region['startColumn']}: {result['ruleId']}")
    text = [line.split(": ", 2)[0] + ": " + line.split(": ", 2)[1] for line in run("redact", "--check", *files).stdout.splitlines()]
    assert found == text


def test_sarif_uris_are_relative_with_forward_slashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    inner = tmp_path / "repo" / "tests" / "cassettes with space"
    inner.mkdir(parents=True)
    (inner / "a.yaml").write_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes())
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes())
    monkeypatch.chdir(tmp_path / "repo")
    log = _sarif(run, os.path.join("tests", "cassettes with space", "a.yaml"), str(outside))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"tests/cassettes%20with%20space/a.yaml", outside.as_uri()}


def test_every_rule_is_described() -> None:
    for rule_id in RULE_IDS:
        described = rule_text(rule_id)
        assert described.id == rule_id
        assert described.short and described.full and described.short != rule_id


def test_configured_patterns_are_described_by_the_policy(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("interactions:\n- request: {method: GET, uri: 'http://x/?q=tok_0123456789abcdef0123456789abcdef'}\n  response: {status: {code: 200}}\nversion: 1\n")
    log = _sarif(run, "--pattern", "tok_[0-9a-f]{32}", str(path))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "custom-pattern-1"
    assert rule["shortDescription"]["text"] == "Custom pattern 1"


@pytest.mark.skipif(not SCHEMA.is_file(), reason="../shared/schemas is not here")
def test_sarif_validates_against_the_schema(in_root: Path, run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    logs = [_sarif(run, *_with_findings()), sarif_log([]), sarif_log([Report("/abs/x.yaml", 1, 1, "custom-pattern-3", "interactions[0]", "d", "secret")], information_uri="https://example.org/cassette")]
    for log in logs:
        errors = sorted(validator.iter_errors(log), key=str)
        assert not errors, "\n".join(str(e) for e in errors[:3])
    broken = logs[0]["runs"][0]["results"][0]
    del broken["message"]
    assert not validator.is_valid(logs[0])  # the schema is really applied
