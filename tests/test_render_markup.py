"""What a cassette holds is printed as text, never read as rich markup: a form key
`user[role]`, a header value `[red]...`, a content type with brackets, a `[/]` that
rich would refuse (it raised a MarkupError traceback before). Piped and on a wide
terminal, `show` and `ls` print each as it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CASSETTE = """\
interactions:
- request:
    body: user%5Bname%5D=ann&user[role]=[bold]admin&x=[/]
    headers:
      Content-Type:
      - application/x-www-form-urlencoded
      X-Note:
      - '[red]not a style'
    method: POST
    uri: https://example.test/users
  response:
    body:
      string: "data: {\\"a\\": 1}\\n\\n"
    headers:
      Content-Type:
      - text/[red]event-stream
    status:
      code: 200
      message: OK
version: 1
"""


def _run(args: list[str], columns: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR")}
    if columns is not None:
        env["COLUMNS"] = columns  # rich draws for a terminal this wide
    return subprocess.run([sys.executable, "-m", "cassette_cli", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("columns", [None, "200"], ids=["piped", "wide"])
def test_brackets_in_a_cassette_are_printed_as_they_are(tmp_path: Path, columns: str | None) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(CASSETTE)
    shown = _run(["show", str(path), "0"], columns)
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
    for text in ("user[role]", "[bold]admin", "[/]", "[red]not a style", "text/[red]event-stream"):
        assert text in shown.stdout, text
    listed = _run(["ls", str(path)], columns)
    assert listed.returncode == 0 and listed.stderr == ""
    assert "text/[red]event-stream" in listed.stdout
