"""VCR.py cassettes without `version:` are read as VCR.py reads them (its deserializer
takes `interactions` and never looks at `version`): in each layout VCR.py and people write
(PyYAML block YAML, VCR.py's indented JSON, one-line JSON, empty), every command gives
what it gives for the same file with `version: 1`, and `redact` writes the same bytes
but for the missing line. A file whose `interactions` are not request/response pairs
stays "not a cassette" (skipped by the pre-commit hooks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import SAMPLES

YAML_SAMPLES = sorted((SAMPLES / "vcrpy").glob("*.yaml"))
JSON_SAMPLE = SAMPLES / "json" / "vcrpy_openai_streaming.json"
YAML_VERSION = b"version: 1\n"  # PyYAML sorts keys: last line
JSON_VERSION = b'    "version": 1,\n'  # VCR.py's JSON keeps its dict order: first key


def _without(data: bytes, entry: bytes) -> bytes:
    assert data.count(entry) == 1
    return data.replace(entry, b"")


def _compact_json(data: bytes) -> bytes:
    tree = json.loads(data)
    del tree["version"]
    return json.dumps(tree, ensure_ascii=False).encode() + b"\n"


def _cases() -> list:
    cases = [pytest.param(p.read_bytes(), YAML_VERSION, id=f"yaml-{p.stem}") for p in YAML_SAMPLES]
    cases.append(pytest.param(JSON_SAMPLE.read_bytes(), JSON_VERSION, id="json-indented"))
    return cases


def _in(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir()
    (folder / name).write_bytes(data)
    return folder / name


def _outputs(run, monkeypatch: pytest.MonkeyPatch, path: Path) -> dict[str, tuple[int, str, str]]:
    """Every read-only command on path, run from its folder with the bare name."""
    monkeypatch.chdir(path.parent)
    found = {}
    for args in (("ls",), ("ls", "--json"), ("show", "--json"), ("show", "--decode-sse"), ("redact", "--check", "--json"), ("redact", "--diff")):
        result = run(*args, path.name)
        found[" ".join(args)] = (result.exit_code, result.stdout, result.stderr)
    return found


def _warnings(stderr: str) -> list[str]:
    return [re.sub(r"\A.+?:\d+:(\d+): warning: ", r"\1: ", line) for line in stderr.splitlines()]


@pytest.mark.parametrize(("data", "entry"), _cases())
def test_read_as_with_version_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run, data: bytes, entry: bytes) -> None:
    suffix = ".json" if entry is JSON_VERSION else ".yaml"
    versioned = _in(tmp_path / "with", "c" + suffix, data)
    bare = _in(tmp_path / "without", "c" + suffix, _without(data, entry))
    expected = _outputs(run, monkeypatch, versioned)
    got = _outputs(run, monkeypatch, bare)
    if entry is JSON_VERSION:
        # one line fewer above everything: compare findings without their line numbers
        for label in ("redact --check --json", "redact --diff"):
            expected.pop(label), got.pop(label)
        monkeypatch.chdir(tmp_path)
        with_lines = [(f["line"] - 1, {**f, "line": 0}) for f in run("redact", "--check", "--json", "with/" + versioned.name).json()]
        bare_lines = [(f["line"], {**f, "line": 0}) for f in run("redact", "--check", "--json", "without/" + bare.name).json()]
        assert [(n, {**f, "file": ""}) for n, f in with_lines] == [(n, {**f, "file": ""}) for n, f in bare_lines]
    assert got == expected
    assert {row["format"] for row in json.loads(got["ls --json"][1])} == {"vcrpy"}

    monkeypatch.chdir(tmp_path)
    first = run("redact", versioned)
    second = run("redact", bare)
    # the same warnings (issue 16), but for the file's name and line
    assert (second.exit_code, _warnings(second.stderr)) == (first.exit_code, _warnings(first.stderr))
    assert bare.read_bytes() == _without(versioned.read_bytes(), entry)


def test_one_line_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    versioned = _in(tmp_path / "with", "c.json", JSON_SAMPLE.read_bytes())
    bare = _in(tmp_path / "without", "c.json", _compact_json(JSON_SAMPLE.read_bytes()))
    expected = _outputs(run, monkeypatch, versioned)
    got = _outputs(run, monkeypatch, bare)
    for label in ("ls", "ls --json", "show --json", "show --decode-sse"):
        assert got[label] == expected[label], label
    monkeypatch.chdir(tmp_path)
    assert run("redact", versioned).exit_code == run("redact", bare).exit_code == 1
    assert run("redact", "--check", bare).exit_code == 0
    assert bare.read_bytes() == _compact_json(versioned.read_bytes())


def test_empty(tmp_path: Path, run) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"interactions: []\n")
    assert run("ls", "--json", path).json() == []
    assert "vcrpy · 0 interactions" in run("ls", path).stdout
    result = run("redact", "--check", "--skip-non-cassettes", path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_pre_commit_checks_them_and_skips_other_interactions(tmp_path: Path, run) -> None:
    cassette = tmp_path / "cassette.yaml"
    cassette.write_bytes(_without((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes(), YAML_VERSION))
    other = tmp_path / "chatbot.yaml"
    other.write_bytes(b"name: support bot\ninteractions:\n  greeting: hello\n  farewell: bye\n")
    listed = tmp_path / "steps.yaml"
    listed.write_bytes(b"interactions:\n- click: ok\n- type: text\n")
    result = run("redact", "--check", "--skip-non-cassettes", other, listed, cassette)
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {str(cassette)}
    assert result.stderr == ""
    named = run("ls", other)
    assert named.exit_code == 2
    assert "not a cassette: no 'version', and 'interactions' is not a list of request/response pairs" in named.stderr
