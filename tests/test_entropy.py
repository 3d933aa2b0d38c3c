"""The opt-in high-entropy rule: off by default; with --entropy (or `entropy = true`) it
finds standalone base64/hex strings in header, query and JSON string values, and leaves
ids, hashes, etags and request ids alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cassette_cli import api
from cassette_cli.cli import app
from cassette_cli.rules.entropy import entropy, high_entropy

BLOB = "q8Zt3Lk9Vw2Xs7Rb4Nm6Pc1Hd5Gf0Ja8Ke"  # 34 chars, ~5.0 bits/char
HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def vcrpy(headers: dict[str, str], uri: str, body: object) -> bytes:
    hs = "".join(f"      {json.dumps(k)}:\n      - {json.dumps(v)}\n" for k, v in {**headers, "Content-Type": "application/json"}.items())
    return (
        f"interactions:\n- request:\n    body: null\n    headers: {{}}\n    method: GET\n    uri: {json.dumps(uri)}\n"
        f"  response:\n    body:\n      string: {json.dumps(json.dumps(body))}\n    headers:\n{hs}    status:\n      code: 200\n      message: OK\nversion: 1\n"
    ).encode()


def test_the_measure() -> None:
    assert entropy("aaaa") == 0.0 and entropy("abcd") == 2.0
    assert high_entropy(BLOB) and high_entropy(HEX)
    assert not high_entropy("3f2a9c1e-7b4d-4e8a-9f6c-2d1b0a9e8c7f")  # a UUID
    assert not high_entropy("the quick brown fox jumps")
    assert not high_entropy("abcdefghijklmnopqrstuvwxyz")  # letters only


@pytest.mark.parametrize(
    "place",
    ["header", "query", "json"],
)
def test_off_by_default_on_when_asked(place: str) -> None:
    data = vcrpy(
        {"X-Session": BLOB} if place == "header" else {},
        f"https://api.example.com/v1?session={BLOB}" if place == "query" else "https://api.example.com/v1",
        {"session": BLOB} if place == "json" else {},
    )
    assert api.find_secrets(data) == []
    reports = api.find_secrets(data, {"entropy": True})
    assert [r.rule for r in reports] == ["high-entropy"]
    assert BLOB.encode() not in api.redact_bytes(data, {"entropy": True})


def test_ids_hashes_etags_and_request_ids_stay() -> None:
    data = vcrpy(
        {"ETag": HEX, "X-Request-Id": BLOB, "X-Amz-Content-Sha256": HEX},
        f"https://api.example.com/v1?id={BLOB}&cursor={BLOB}",
        {"id": BLOB, "request_id": BLOB, "sha256": HEX, "etag": HEX, "file_hash": HEX, "model": "gpt-4o-mini", "n": 12345678901234567890},
    )
    assert api.find_secrets(data, {"entropy": True}) == []


def test_the_flag_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(vcrpy({"X-Session": BLOB}, "https://api.example.com/v1", {}))
    assert CliRunner().invoke(app, ["redact", "--check", str(path)]).exit_code == 0
    result = CliRunner().invoke(app, ["redact", "--check", "--entropy", str(path)])
    assert result.exit_code == 1 and "high-entropy" in result.stdout and BLOB not in result.stdout


def test_rules_lists_it_off_by_default() -> None:
    rows = json.loads(CliRunner().invoke(app, ["rules", "--json"]).stdout)
    (row,) = [r for r in rows if r["id"] == "high-entropy"]
    assert row["default"] is False and row["enabled"] is False


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")
def test_noise_on_the_corpus_is_what_the_readme_says() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import rule_counts

    result = rule_counts.count(str(CORPUS))
    assert len(result["entropy"]) == 3  # README: Rules, --entropy
