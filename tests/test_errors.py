"""The error contract: one line `cassette: error: PATH:LINE:COL: what`, exit 2, others go on."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
) + "version: 1\ninteractions: *j\n"

BAD_INPUTS = [
    pytest.param(b"", "1:1: empty file, not a cassette", id="empty"),
    pytest.param(b"  \n\n", "1:1: empty file, not a cassette", id="blank"),
    pytest.param(b"\x00\x01\x02binary", "1:1: binary file (NUL byte)", id="binary"),
    pytest.param(b"version: 1\nname: caf\xe9\n", "2:10: not valid UTF-8 (byte 0xe9)", id="invalid-utf8"),
    pytest.param(b"version: 1\ninteractions:\n- request: {\n  bad\n", ":5:1: malformed YAML", id="malformed"),
    pytest.param(b"version: 1\ninteractions:\n- request: {uri: \"a\x01b\"}\n", "3:20: unacceptable character #x0001: control characters are not allowed", id="control-character"),
    pytest.param("\ufeffversion: 1\ninteractions:\n- request: {uri: \"\u00e9\x01b\"}\n".encode(), "3:20: unacceptable character #x0001", id="control-character-after-bom-and-non-ascii"),
    pytest.param(b"version: 1\ninteractions:\n" + b"- request: {uri: x}\n" * 60_000 + b"  bad: caf\xe9\n", ":60003:11: not valid UTF-8 (byte 0xe9)", id="invalid-utf8-deep-in-a-big-file"),
    pytest.param(b"version: 1\ninteractions:\n  - a\n - b\n", ":4:2: malformed YAML", id="bad-indent"),
    pytest.param(b"name: my-app\nsteps: [1, 2]\n", "1:1: not a cassette: no 'interactions' or 'http_interactions' key", id="not-a-cassette"),
    pytest.param(b"just a string\n", "1:1: not a cassette: the top level is not a mapping", id="scalar-document"),
    pytest.param(b"version: 1\ninteractions: 3\n", "2:15: interactions must be a list, not a string", id="interactions-not-list"),
    pytest.param(b"---\nhttp_interactions: {}\n", "2:20: http_interactions must be a list, not a mapping", id="http-interactions-not-list"),
    pytest.param(b"version: 1\ninteractions:\n- 3\n", "3:3: interactions[0] must be a mapping, not a string", id="item-not-mapping"),
    pytest.param(b"version: 2\ninteractions:\n- request: []\n  response: {}\n", "3:12: interactions[0].request must be a mapping, not a list", id="request-not-mapping"),
    pytest.param(b"version: 9\ninteractions: []\n", "1:10: unknown cassette version '9'", id="unknown-version"),
    pytest.param(b"interactions: {a: 1}\n", "1:1: not a cassette: no 'version', and 'interactions' is not a list of request/response pairs", id="no-version-no-pairs"),
    pytest.param(b"version: 1\ninteractions: []\nversion: 2\n", "3:1: duplicate key 'version' (first at line 1)", id="duplicate-key"),
    pytest.param(b"- !!python/object/apply:os.system [echo PWNED]\n", "1:3: legacy cassette with language tag '!!python/object/apply:os.system'", id="python-tag"),
    pytest.param(b"--- \n- !ruby/struct:VCR::HTTPInteraction\n  request: {}\n", "2:3: legacy cassette with language tag '!ruby/struct:VCR::HTTPInteraction'", id="ruby-struct"),
    pytest.param(b"version: 1\ninteractions: !custom []\n", "2:15: unsupported YAML tag '!custom'", id="unknown-tag"),
    pytest.param(b"[{\"request\": {}, \"response\": {}}]\n", "1:1: legacy cassette: a list of interactions at the top", id="legacy-list"),
    pytest.param(ALIAS_BOMB.encode(), "interactions must be a list, not an alias (aliases are not followed)", id="alias-bomb"),
    pytest.param(b"version: 1\ninteractions: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nesting deeper than 200 levels", id="deep-nesting"),
    pytest.param(b"version: 1\ninteractions: []\n---\nversion: 1\n", "3:1: more than one YAML document", id="two-documents"),
]


@pytest.mark.parametrize(("content", "expected"), BAD_INPUTS)
@pytest.mark.parametrize("command", [["ls"], ["ls", "--json"]])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, run, content: bytes, expected: str, command: list[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = run(*command, path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"cassette: error: {path}:")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    if "--json" in command:
        assert result.json() == []


def test_bad_file_does_not_stop_the_others(tmp_path: Path, run) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"version: 1\ninteractions: 3\n")
    good = tmp_path / "good.yaml"
    good.write_text("version: 1\ninteractions:\n- request: {method: GET, uri: 'http://x/'}\n  response: {status: {code: 200}}\n")
    result = run("ls", "--json", bad, tmp_path / "missing.yaml", good)
    assert result.exit_code == 2
    assert [row["url"] for row in result.json()] == ["http://x/"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[1] == f"cassette: error: {tmp_path / 'missing.yaml'}: no such file or directory"


def test_missing_path(run, tmp_path: Path) -> None:
    result = run("ls", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"cassette: error: {tmp_path / 'nope.yaml'}: no such file or directory\n"


def test_folder_skips_files_that_are_not_cassettes_quietly_and_lists_them_with_v(tmp_path: Path, run) -> None:
    (tmp_path / "config.yaml").write_text("name: not a cassette\n")
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yml").write_text("---\nhttp_interactions: []\nrecorded_with: VCR 6.0.0\n")
    quiet = run("ls", "--json", tmp_path)
    assert (quiet.exit_code, quiet.json(), quiet.stderr) == (0, [], "")
    result = run("ls", "--json", "-v", tmp_path)
    assert result.exit_code == 0
    assert result.json() == []
    notes = result.stderr.splitlines()
    assert len(notes) == 2
    assert all(line.startswith("cassette: note: skipped ") for line in notes)


def test_bom_is_accepted(tmp_path: Path, run) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfversion: 1\ninteractions:\n- request: {method: get, uri: 'http://x/'}\n  response: {status: {code: 204}}\n")
    result = run("ls", "--json", path)
    assert result.exit_code == 0, result.stderr
    assert [(r["method"], r["status"]) for r in result.json()] == [("GET", 204)]


def test_unsafe_tag_executes_nothing(tmp_path: Path, run) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"version: 1\ninteractions:\n- !!python/object/apply:os.system ['touch {marker}']\n")
    result = run("ls", path)
    assert result.exit_code == 2
    assert not marker.exists()


@pytest.mark.parametrize("content", [ALIAS_BOMB.encode(), b"version: 1\ninteractions: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"], ids=["alias-bomb", "deep"])
def test_hostile_input_answers_quickly_in_bounded_memory(tmp_path: Path, content: bytes) -> None:
    """Run as a real process so a crash or a runaway would show; generous limits, not a benchmark."""
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "sys.argv = ['cassette', 'ls', sys.argv[1]]\n"
        "from cassette_cli.cli import main\n"
        "main()\n"
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 60
    assert proc.returncode == 2
    assert proc.stderr.startswith("cassette: error: ")
    assert "Traceback" not in proc.stderr


def test_usage_error_exits_2(run, tmp_path: Path) -> None:
    result = run("ls", "--status", "abc", tmp_path)
    assert result.exit_code == 2


def test_help_imports_no_heavy_module() -> None:
    """`cassette --help` starts fast: the YAML parser, rich and the rules are imported only
    by the commands that use them."""
    code = (
        "import sys\n"
        "from cassette_cli.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('rich', 'ruamel.yaml', 'cassette_cli.formats', 'cassette_cli.rules.patterns', 'cassette_cli.streams.sse')\n"
        "print('HEAVY=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "HEAVY="


@pytest.mark.parametrize(("command", "usage"), [("ls", "Usage: cassette ls [OPTIONS] PATH..."), ("show", "Usage: cassette show [OPTIONS] PATH... [INDEX]..."), ("redact", "Usage: cassette redact [OPTIONS] PATH..."), ("config", "Usage: cassette config [OPTIONS] [PATH]"), ("diff", "Usage: cassette diff [OPTIONS] OLD NEW | [REV] PATH..."), ("textconv", "Usage: cassette textconv [OPTIONS] PATH"), ("recorder-config", "Usage: cassette recorder-config [OPTIONS] PATH...")])
def test_help_names_its_arguments_plainly(run, command: str, usage: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == usage
    assert "{" not in result.stdout.splitlines()[0]
