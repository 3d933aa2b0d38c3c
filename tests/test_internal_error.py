"""A bug of ours (an exception no code expected) ends with one line and exit 3, naming
the exception's type and where it was raised, never its message: a KeyError's message
is the key and a ValueError's may quote the value, text of the file, a secret whole.
CASSETTE_TRACEBACK=1 lets it end the normal way, traceback and all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "sk-proj-T3stOnlyNotARealKey0123456789abcdefABCDEF"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "vcrpy" / "openai_chat_streaming.yaml"

# Each command line runs with the cassette loader replaced by one that raises an
# exception quoting the secret.
RUN = """
import sys
import cassette_cli.formats as formats
from cassette_cli.cli import main

def boom(*args, **kwargs):
    raise {exc}({secret!r})

formats.load_cassette = boom
sys.argv = ["cassette", *sys.argv[1:]]
main()
"""


def run(args: list[str], exc: str = "KeyError", traceback: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CASSETTE_TRACEBACK"}
    if traceback:
        env["CASSETTE_TRACEBACK"] = "1"
    code = RUN.format(exc=exc, secret=SECRET)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def sample() -> str:
    return str(SAMPLE)


@pytest.mark.parametrize("args", [["ls"], ["ls", "--json"], ["show", "--decode-sse"], ["redact", "--check"], ["redact", "--check", "--json"], ["check"], ["redact"]])
@pytest.mark.parametrize("exc", ["KeyError", "ValueError", "RuntimeError"])
def test_an_unexpected_exception_is_one_line_without_its_message(args: list[str], exc: str, tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_bytes(Path(sample()).read_bytes())
    result = run([*args, str(target)], exc)
    assert result.returncode == 3, result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert SECRET[:12] not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"cassette: error: internal error: {exc} in ")
    assert " at cassette_cli/" in lines[0]  # the innermost line of the package it went through
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == Path(sample()).read_bytes()  # nothing written


def test_cassette_traceback_shows_the_traceback() -> None:
    result = run(["ls", sample()], "ValueError", traceback=True)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert SECRET in result.stderr  # asked for: the developer's own file
