"""A pyproject.toml that cannot define `tool.cassette` is passed by without parsing it
(most projects' files have no such table); every way TOML has of spelling the table is
still read, by `redact`, `check` and the masking views alike."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from cassette_cli.redact.config_files import may_define_tool_cassette

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _names(word: str) -> list[str]:
    return [word, f'"{word}"', f"'{word}'"]


def _spellings() -> list[str]:
    """TOML texts that define tool.cassette.redact, each a different way."""
    texts = []
    for tool, cassette, left, right in itertools.product(_names("tool"), _names("cassette"), ["", " ", "\t"], ["", " "]):
        dotted = f"{tool}{left}.{right}{cassette}"
        texts += [
            f"[{left}{dotted}.redact{right}]\nkeys = ['pin']\n",
            f"[[{dotted}.redact]]\nkeys = ['pin']\n",
            f"{dotted}.redact.keys = ['pin']\n",
            f"[project]\nname = 'x'\n\n[{dotted}]\nredact = {{ keys = ['pin'] }}\n",
        ]
    for tool, cassette in itertools.product(_names("tool"), _names("cassette")):
        texts += [
            f"[{tool}]\n{cassette}.redact.keys = ['pin']\n",
            f"  [ {tool} ]  # the tool table\n{cassette} = {{ redact = {{ keys = ['pin'] }} }}\n",
            f"{tool} = {{ {cassette} = {{ redact = {{ keys = ['pin'] }} }} }}\n",
            f"{tool}={{{cassette}.redact.keys=['pin']}}\n",
        ]
    texts += [
        '[tool."\\u0063assette".redact]\nkeys = ["pin"]\n',  # an escape spelling the name
        '["\\u0074ool".cassette.redact]\nkeys = ["pin"]\n',
        '["\\U00000074ool"]\ncassette.redact.keys = ["pin"]\n',
    ]
    return texts


def _toml_1_1() -> list[str]:
    """Spellings with TOML 1.1's `\\x` escape (tomli reads them from 2.4; tomllib from
    Python 3.15): looked at too, though this Python's reader may refuse them."""
    return ['[tool."\\x63assette".redact]\nkeys = ["pin"]\n', '["\\x74ool"]\ncassette.redact.keys = ["pin"]\n']


@pytest.mark.parametrize("text", _toml_1_1())
def test_an_escape_of_a_later_toml_is_looked_at(text: str) -> None:
    assert may_define_tool_cassette(text.encode())


@pytest.mark.parametrize("text", _spellings())
def test_every_spelling_of_the_table_is_looked_at(text: str) -> None:
    doc = tomllib.loads(text)
    assert "redact" in doc["tool"]["cassette"]  # the text does define it
    assert may_define_tool_cassette(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),  # this project's: "cassette" is its name and command
        "[project]\nname = 'cassette-helper'\n\n[tool.ruff]\nline-length = 100\n\n[tool.pytest.ini_options]\naddopts = '-q'\n",
        "[build-system]\nrequires = ['setuptools']\n",
    ],
)
def test_a_file_without_the_table_is_passed_by(text: str) -> None:
    assert "cassette" not in tomllib.loads(text).get("tool", {})
    assert not may_define_tool_cassette(text.encode())


CASSETTE = """interactions:
- request:
    body: '{"user": "ann", "pin": "4711-0815-2342"}'
    headers: {}
    method: POST
    uri: https://example.com/login
  response:
    body:
      string: ok
    headers: {}
    status:
      code: 200
      message: OK
version: 1
"""


@pytest.mark.parametrize("text", [t for t in _spellings() if not t.startswith("[[")])
def test_redact_reads_the_table_however_it_is_spelled(text: str, tmp_path: Path, run) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(CASSETTE, encoding="utf-8")
    assert run("redact", "--check", str(target)).exit_code == 0  # "pin" is no secret key by default
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("redact", "--check", str(target))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "json-key: JSON key pin" in result.stdout


def test_a_broken_pyproject_of_another_tool_does_not_stop_the_run(tmp_path: Path, run) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(CASSETTE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert run("redact", "--check", str(target)).exit_code == 0  # passed by, unparsed
    (tmp_path / "pyproject.toml").write_text("[project\n[tool.cassette.redact]\nkeys = ['pin']\n", encoding="utf-8")
    broken = run("redact", "--check", str(target))
    assert broken.exit_code == 2 and "invalid TOML" in broken.stderr  # one that may hold the table is read
