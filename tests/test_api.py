"""The library API (cassette_cli.api): pure, and the same answers as the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cassette_cli import api
from cassette_cli.errors import CassetteError

from .conftest import SAMPLES, corpus_files, needs_corpus, sample_files

OPENROUTER = SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml"


def _cli_writes(path: Path, tmp_path: Path, run) -> tuple[int, bytes]:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    result = run("redact", copy)
    return result.exit_code, copy.read_bytes()


def _same_as_cli(path: Path, tmp_path: Path, run) -> None:
    data = path.read_bytes()
    code, written = _cli_writes(path, tmp_path, run)
    if code == 2:
        with pytest.raises(CassetteError):
            api.redact_bytes(data, name=str(path))
        return
    assert api.redact_bytes(data, name=str(path)) == written
    assert (code == 1) == (written != data)


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_redact_bytes_is_what_redact_writes_on_samples(path: Path, tmp_path: Path, run) -> None:
    _same_as_cli(path, tmp_path, run)


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_redact_bytes_is_what_redact_writes_on_the_corpus(path: Path, tmp_path: Path, run) -> None:
    _same_as_cli(path, tmp_path, run)


def test_load_bytes_reads_interactions() -> None:
    cassette = api.load_bytes(OPENROUTER.read_bytes(), "x.yaml")
    first = cassette.interactions[0]
    assert (first.request.method, first.request.url, first.response.status) == ("POST", "http://127.0.0.1:18080/api/v1/chat/completions", 200)
    assert cassette.path == "x.yaml" and cassette.format == "go-vcr-v2"


def test_find_secrets_is_what_check_reports(run) -> None:
    data = (SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes()
    findings = api.find_secrets(data, name="auth_mixed.yaml")
    assert findings, "the sample holds planted secrets"
    reported = run("redact", "--check", "--json", SAMPLES / "vcrpy" / "auth_mixed.yaml").json()
    assert [(f.rule, f.line, f.column, f.location, f.preview) for f in findings] == [(r["rule"], r["line"], r["column"], r["location"], r["preview"]) for r in reported]


def test_config_as_table_or_policy() -> None:
    data = OPENROUTER.read_bytes()
    table = {"headers": ["Content-Type"], "replacement": "GONE"}
    by_table = api.redact_bytes(data, table)
    assert by_table == api.redact_bytes(data, api.policy(table))
    assert b"GONE" in by_table
    assert b"GONE" not in api.redact_bytes(data)


def test_nothing_to_redact_gives_the_input_itself() -> None:
    data = api.redact_bytes(OPENROUTER.read_bytes())
    assert api.redact_bytes(data) == data
    assert api.find_secrets(data) == []


def test_bad_input_raises_a_located_error() -> None:
    with pytest.raises(CassetteError) as caught:
        api.load_bytes(b"version: 1\ninteractions: [\n", "bad.yaml")
    assert caught.value.path == "bad.yaml" and caught.value.line is not None


def test_masked_interactions_hide_secrets() -> None:
    cassette = api.load_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes(), "auth_mixed.yaml")
    shown = api.masked(cassette)
    headers = [value for item in shown for _, values in item.request.headers for value in values]
    assert any("REDACTED" in value for value in headers)


def test_the_api_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    data = (SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes()
    api.find_secrets(data)
    api.redact_bytes(data)
    api.masked(api.load_bytes(data))
    assert capsys.readouterr() == ("", "")
