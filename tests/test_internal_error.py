"""A bug of ours (an exception no code expected) ends with one line and exit 3, naming
the exception's type and where it was raised, never its message: a KeyError's message
is the key and a ValueError's may quote the value, text of the file, a secret whole.
CASSETTE_TRACEBACK=1 lets it end the normal way, traceback and all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "sk-proj-T3stOnlyNotARealKey0123456789abcdefABCDEF"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "vcrpy" / "openai_chat_streaming.yaml"

# Each command line runs with the cassette loader replaced by one that raises an
# exception quoting the secret for the files whose name holds "bad" (all of them when
# BAD is empty).
RUN = """
import os
import sys
import cassette_cli.formats as formats
from cassette_cli.cli import main

load = formats.load_cassette

def boom(path, *args, **kwargs):
    if {bad!r} in os.path.basename(path):
        raise {exc}({secret!r})
    return load(path, *args, **kwargs)

formats.load_cassette = boom
sys.argv = ["cassette", *sys.argv[1:]]
main()
"""


def run(args: list[str], exc: str = "KeyError", traceback: bool = False, bad: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "CASSETTE_TRACEBACK"} | (env or {})
    if traceback:
        environment["CASSETTE_TRACEBACK"] = "1"
    code = RUN.format(exc=exc, secret=SECRET, bad=bad)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=environment, timeout=120, check=False)


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
    assert lines[0].startswith(f"cassette: error: {target}: internal error: {exc} in ")
    assert " at cassette_cli/" in lines[0]  # the innermost line of the package it went through
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == Path(sample()).read_bytes()  # nothing written


def test_cassette_traceback_shows_the_traceback() -> None:
    result = run(["ls", sample()], "ValueError", traceback=True)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert SECRET in result.stderr  # asked for: the developer's own file


COMMANDS = [["ls"], ["ls", "--json"], ["show"], ["redact", "--check"], ["redact", "--check", "--json"], ["check"], ["redact"], ["export", "--har"]]


@pytest.mark.parametrize("args", COMMANDS)
def test_the_other_files_are_still_processed(args: list[str], tmp_path: Path) -> None:
    bad, good = tmp_path / "a-bad.yaml", tmp_path / "b.yaml"
    for target in (bad, good):
        target.write_bytes(SAMPLE.read_bytes())
    result = run([*args, str(bad), str(good)], bad="bad")
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"cassette: error: {bad}: internal error: KeyError in ")
    assert SECRET[:12] not in result.stdout + result.stderr
    assert bad.read_bytes() == SAMPLE.read_bytes()
    if args == ["redact"]:
        assert result.stdout == f"Redacted 3 values in {good}\n"
        assert good.read_bytes() != SAMPLE.read_bytes()
    elif args == ["export", "--har"]:
        assert len(json.loads(result.stdout)["log"]["entries"]) == 1  # the good file's one interaction
    else:
        assert str(good) in result.stdout or "https://api.openai.com" in result.stdout
        assert str(bad) not in result.stdout


def test_a_bug_in_the_second_process_is_reported_and_its_other_files_done(tmp_path: Path) -> None:
    names = [f"c{i:02}{'-bad' if i == 9 else ''}.yaml" for i in range(12)]  # the later files go to the child
    for name in names:
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    result = run(["redact", "--check", str(tmp_path)], bad="bad", env={"CASSETTE_SHARE_MIN_BYTES": "0", "CASSETTE_JOBS": ""})
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"cassette: error: {tmp_path / names[9]}: internal error: KeyError in ")
    reported = {text.split(":", 1)[0] for text in result.stdout.splitlines()}
    assert reported == {str(tmp_path / name) for name in names if "bad" not in name}


# The output is written, then the writer of the JSON fails halfway through the bad file's
# first item: the array must hold the good file's items and no half item.
HALFWAY = """
import sys
import cassette_cli.output.findings as findings
import cassette_cli.output.json_out as json_out
from cassette_cli.cli import main

json_out.HELD_CHARS = {held}
real = json_out.write_json

def halfway(value, write):
    if isinstance(value, dict) and "bad" in str(value.get("file", "")):
        write('{{"file": "')
        write("x" * 20)
        raise ValueError({secret!r})
    real(value, write)

json_out.write_json = halfway
findings.write_json = halfway
sys.argv = ["cassette", *sys.argv[1:]]
main()
"""

JSON_COMMANDS = [["ls", "--json"], ["show", "--json"], ["show", "--json", "--decode-sse"], ["redact", "--check", "--json"], ["check", "--format", "json"]]


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    bad, good = tmp_path / "a-bad.yaml", tmp_path / "b.yaml"
    for target in (bad, good):
        target.write_bytes(SAMPLE.read_bytes())
    return bad, good


def _halfway(args: list[str], held: int) -> subprocess.CompletedProcess[str]:
    code = HALFWAY.format(held=held, secret=SECRET)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("args", JSON_COMMANDS)
def test_a_bug_halfway_through_a_json_item_leaves_a_whole_array(args: list[str], tmp_path: Path) -> None:
    bad, good = _two_files(tmp_path)
    result = _halfway([*args, str(bad), str(good)], held=1 << 22)
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"cassette: error: {bad}: internal error: ValueError in ")
    items = json.loads(result.stdout)  # whole: no half item of the bad file
    assert items and {item["file"] for item in items} == {str(good)}
    assert SECRET[:12] not in result.stdout + result.stderr


def test_an_item_written_as_it_came_and_then_failing_cuts_the_array_off(tmp_path: Path) -> None:
    bad, good = _two_files(tmp_path)
    result = _halfway(["show", "--json", str(bad), str(good)], held=8)  # every item goes out as it comes
    assert result.returncode == 3, result.stderr
    assert result.stdout.endswith("x" * 20)  # cut where it broke: no "]", no later item
    with pytest.raises(ValueError):
        json.loads(result.stdout)


@pytest.mark.parametrize("command", [["redact", "--check"], ["check"]])
@pytest.mark.parametrize("failure", ["bug", "malformed"])
def test_a_file_that_could_not_be_checked_keeps_its_baseline_entries(command: list[str], failure: str, tmp_path: Path) -> None:
    bad, good = _two_files(tmp_path)
    baseline = tmp_path / "baseline.json"
    first = run([*command, "--baseline", str(baseline), "--update-baseline", str(bad), str(good)], bad="no file has this in its name")
    assert first.returncode == 0, first.stderr
    entries = json.loads(baseline.read_text())["findings"]
    assert {e["file"] for e in entries} == {"a-bad.yaml", "b.yaml"}
    if failure == "malformed":
        bad.write_text("interactions: [\n")
    update = run([*command, "--baseline", str(baseline), "--update-baseline", str(bad), str(good)], bad="bad" if failure == "bug" else "no file")
    assert update.returncode == (3 if failure == "bug" else 2), update.stderr
    assert json.loads(baseline.read_text())["findings"] == entries  # the bad file's entries kept
    if failure == "malformed":
        bad.write_bytes(SAMPLE.read_bytes())
    again = run([*command, "--baseline", str(baseline), str(bad), str(good)], bad="no file")
    assert again.returncode == 0, again.stdout + again.stderr  # every finding still accepted
