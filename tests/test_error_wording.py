"""A syntax error names the format the file was read as: `malformed JSON: ...` for a file
that starts with `{` or `[` or is named *.json, `malformed YAML: ...` for the others;
always one line, `cassette: error: PATH:LINE:COL: ...`, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

TSCONFIG = b"""{
  // what tsc reads
  "compilerOptions": {
    "strict": true, /* and a block comment */
  },
}
"""

CASES = [
    pytest.param("tsconfig.json", TSCONFIG, "2:3: malformed JSON: a comment (JSON has none)", id="tsconfig-comments"),
    pytest.param("lead.json", b"// generated\n{\"interactions\": []}\n", "1:1: malformed JSON: a comment", id="json-starting-with-a-comment"),
    pytest.param("cassette.json", b'{"interactions": [\n  {"request": {"uri": "x"}\n  {"response": {}}\n]}\n', "3:3: malformed JSON: Expecting ',' delimiter", id="json-missing-comma"),
    pytest.param("noext", b'[\n  {"request": {} "response": {}}\n]\n', "2:18: malformed JSON: Expecting ',' delimiter", id="json-by-shape-not-name"),
    pytest.param("bom.json", b'\xef\xbb\xbf{"a" 1}\n', "1:7: malformed JSON: Expecting ':' delimiter", id="json-bom-counts-a-column"),
    pytest.param("trail.json", b'{"interactions": [{"a": 1},], "x": @}\n', "1:28: malformed JSON: a trailing comma (JSON allows none)", id="json-trailing-comma"),
    pytest.param("ctl.json", b'{"interactions": [{"a": "x\x01y"}]}\n', "1:27: malformed JSON: Invalid control character", id="json-control-character"),
    pytest.param("tabs.yaml", b"interactions:\n\t- request: {}\n", "2:1: malformed YAML: found character that cannot start any token", id="yaml-tab-indentation"),
    pytest.param("bad.yml", b"version: 1\ninteractions:\n  - a\n - b\n", "4:2: malformed YAML:", id="yaml-bad-indent"),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
@pytest.mark.parametrize("command", [["ls"], ["redact", "--check"], ["redact"]])
def test_error_names_the_format(tmp_path: Path, run, name: str, content: bytes, expected: str, command: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(*command, path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"cassette: error: {path}:")
    assert f"{path}:{expected}" in lines[0] if expected[0].isdigit() else expected in lines[0]
    wrong = "YAML" if "JSON" in expected else "JSON"
    assert wrong not in lines[0]
    assert path.read_bytes() == content  # nothing written


def test_library_error_names_json(tmp_path: Path) -> None:
    from cassette_cli import api
    from cassette_cli.errors import CassetteError

    with pytest.raises(CassetteError) as caught:
        api.load_bytes(TSCONFIG, "tsconfig.json")
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert caught.value.message.startswith("malformed JSON: ")


def test_valid_yaml_in_a_json_file_is_still_read(tmp_path: Path, run) -> None:
    """A *.json file holding YAML flow text is read as YAML when it parses: the JSON
    wording is only for what neither reads."""
    path = tmp_path / "flow.json"
    path.write_bytes(b'{version: 1, interactions: []}\n')
    result = run("ls", path)
    assert result.exit_code == 0, result.stderr
