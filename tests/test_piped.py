"""Piped output is plain text with nothing wrapped, cut to a width or padded; on a
terminal, tables fit its width, the URL column giving way first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LONG_URL = "https://api.example.com/v1/search?" + "&".join(f"field{i}=value{i:04d}" for i in range(22))
LONG_LINE = "word " * 1000  # one 5,000-character line of a text body


def _cassette(tmp_path: Path) -> Path:
    data = {
        "interactions": [
            {
                "request": {"body": None, "headers": {"Accept": ["text/plain"]}, "method": "GET", "uri": LONG_URL},
                "response": {
                    "body": {"string": LONG_LINE.strip()},
                    "headers": {"Content-Type": ["text/plain"], "X-Long": ["h" * 400]},
                    "status": {"code": 200, "message": "OK"},
                },
            }
        ],
        "version": 1,
    }
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data))
    return path


PIPED = {"COLUMNS": None, "FORCE_COLOR": None, "NO_COLOR": None}


def test_long_url_and_lines_are_whole_when_piped(tmp_path: Path, run) -> None:
    assert len(LONG_URL) > 396
    path = _cassette(tmp_path)
    listing = run("ls", path, env=PIPED).stdout
    assert any(LONG_URL in line for line in listing.splitlines())
    shown = run("show", path, env=PIPED).stdout
    lines = shown.splitlines()
    assert f"GET {LONG_URL}" in lines
    assert LONG_LINE.strip() in lines
    assert any(line.endswith("h" * 400) for line in lines)
    for out in (listing, shown, run("show", "--decode-sse", path, env=PIPED).stdout):
        assert all(line == line.rstrip() for line in out.splitlines()), "no line padded"
        assert "\x1b[" not in out


def test_piped_output_is_the_same_at_any_width_setting(tmp_path: Path, run) -> None:
    """Nothing is fitted to a width when piped (COLUMNS asks for a width on purpose)."""
    path = _cassette(tmp_path)
    assert run("show", path, env=PIPED).stdout == run("show", path, env={**PIPED, "LINES": "10"}).stdout


@pytest.mark.parametrize("width", [60, 80])
def test_narrow_terminals_shrink_the_url_column_first(tmp_path: Path, run, width: int) -> None:
    path = _cassette(tmp_path)
    out = run("ls", path, env={"COLUMNS": str(width), "FORCE_COLOR": None}).stdout
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    header = next(line for line in lines if line.lstrip().startswith("#"))
    for column in ("method", "url", "status", "req", "resp"):
        assert column in header.split(), (column, header)
    row = next(line for line in lines if line.lstrip().startswith("0 "))
    assert "GET" in row and "200" in row and "B" in row


def _stored_response_body(path: Path, index: int) -> bytes:
    """The response body's bytes as PyYAML reads the file (independently of the tool)."""
    import base64

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node)))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    interactions = data.get("interactions") or data.get("http_interactions")
    body = interactions[index]["response"]["body"]
    value = body.get("string") if "string" in body else base64.b64decode(body["base64_string"])
    return value if isinstance(value, bytes) else value.encode("utf-8")


@pytest.mark.parametrize(
    ("name", "index"),
    [("vcrpy/gzip_models.yaml", 0), ("ruby-vcr/binary_bodies.yml", 0), ("ruby-vcr/binary_bodies.yml", 1), ("vcrpy/bedrock_eventstream.yaml", 0)],
)
def test_raw_piped_is_the_exact_body(name: str, index: int, run) -> None:
    import gzip
    import subprocess
    import sys

    from .conftest import SAMPLES

    path = SAMPLES / name
    expected = _stored_response_body(path, index)
    # a real process, so that the bytes on stdout are what a `> file` would get
    proc = subprocess.run([sys.executable, "-m", "cassette_cli", "show", "--raw", str(path), str(index)], capture_output=True, timeout=60, env={k: v for k, v in __import__("os").environ.items() if k not in ("COLUMNS", "FORCE_COLOR")})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected
    if expected[:2] == b"\x1f\x8b":
        assert gzip.decompress(proc.stdout)  # still gzip, as recorded
