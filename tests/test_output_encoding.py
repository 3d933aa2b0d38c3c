"""What UTF-8 cannot encode is still written: a lone surrogate that a JSON cassette holds
(`\\ud800`, valid JSON) is written as its escape, so text output shows it and JSON output
reads back as the same string; a byte of a non-UTF-8 file name is written as that byte.
An output that cannot be written at all (a full disk) ends the run with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASSETTE = {
    "http_interactions": [
        {
            "request": {"method": "get", "uri": "http://example.com/a", "body": {"encoding": "UTF-8", "string": ""}, "headers": {"X-A": ["x\ud800y"]}},
            "response": {"status": {"code": 200, "message": "OK"}, "headers": {"X-B": ["1"]}, "body": {"encoding": "UTF-8", "string": "o\udfffk"}},
            "recorded_at": "Mon, 02 Mar 2026 10:00:00 GMT",
        }
    ],
    "recorded_with": "VCR 6.0.0",
}


def cassette(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | kwargs
    return subprocess.run([sys.executable, "-m", "cassette_cli", *args], timeout=120, check=False, **streams)  # type: ignore[call-overload, no-any-return]


@pytest.fixture
def lone(tmp_path: Path) -> Path:
    path = tmp_path / "lone.json"
    path.write_text(json.dumps(CASSETTE), encoding="ascii")  # the surrogates as \\u escapes: valid JSON
    return path


@pytest.mark.parametrize("args", [["show", "--json"], ["show", "--json", "--decode-sse"], ["ls", "--json"]])
def test_json_output_reads_back_as_the_same_strings(args: list[str], lone: Path) -> None:
    result = cassette([*args, str(lone)])
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)
    if args[0] == "show":
        assert item["request"]["headers"] == {"X-A": ["x\ud800y"]}
        assert item["response"]["body"] == "o\udfffk"


def test_text_output_shows_the_escape(lone: Path) -> None:
    result = cassette(["show", str(lone)])
    assert result.returncode == 0, result.stderr
    assert b"x\\ud800y" in result.stdout and b"o\\udfffk" in result.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a Linux file system")
def test_a_file_name_that_is_not_utf8_is_written_as_its_bytes(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "vcrpy" / "openai_chat_streaming.yaml"
    name = os.fsencode(tmp_path) + b"/c\xff.yaml"
    with open(name, "wb") as out:
        out.write(sample.read_bytes())
    for args in (["ls"], ["redact", "--check"], ["redact", "--check", "--json"]):
        result = cassette([*args, str(tmp_path)], env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"})
        assert result.returncode in (0, 1), result.stderr
        assert b"c\xff.yaml" in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parent.parent / "samples"
    with open("/dev/full", "w") as full:
        result = cassette(["ls", str(samples)], stdout=full)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == ["cassette: error: cannot go on: No space left on device"]


def test_an_output_that_is_not_utf8_gets_json_escapes(tmp_path: Path) -> None:
    """Where stdout's encoding cannot hold a character (an ASCII pipe, a Windows console),
    it is written as its JSON escape (a pair above U+FFFF), so --json still reads back."""
    path = tmp_path / "emoji.json"
    data = json.loads(json.dumps(CASSETTE))
    data["http_interactions"][0]["response"]["body"]["string"] = "caf\u00e9 \U0001f600"
    path.write_text(json.dumps(data), encoding="ascii")
    result = cassette(["show", "--json", str(path)], env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    (item,) = json.loads(result.stdout)
    assert item["response"]["body"] == "caf\u00e9 \U0001f600"
