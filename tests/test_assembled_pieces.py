"""The joined stream deltas (cassette_cli/rules/assembled.py) skip the top-level keys
every event repeats, without keeping the events: on every event stream of samples/ and
../shared the findings are those of walking every key of every event."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from cassette_cli.api import load_bytes
from cassette_cli.errors import CassetteError
from cassette_cli.rules.assembled import Pieces, assembled_findings, data_objects
from cassette_cli.rules.policy import default_policy

from .conftest import CORPUS, cassette_files, sample_files

FOLDERS = [CORPUS.parent / "corpus", CORPUS.parent / "real-world"]


def _files() -> list[Path]:
    return sample_files() + [p for folder in FOLDERS if folder.is_dir() for p in cassette_files(folder)]


def _every_key(text: str) -> SimpleNamespace:
    """The pieces of every path of every event, nothing held back (the reference)."""
    by_path: dict[tuple[object, ...], list[tuple[int, int, str]]] = {}

    def walk(value: object, path: tuple[object, ...], start: int) -> None:
        if isinstance(value, str):
            if value:
                by_path.setdefault(path, []).append((start, 0, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key), start)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i), start)

    for start, data in data_objects(text):
        walk(data, (), start)
    return SimpleNamespace(by_path=by_path)


def _stream_texts(path: Path) -> list[str]:
    try:
        cassette = load_bytes(path.read_bytes(), str(path))
    except CassetteError:
        return []
    return [t for i in cassette.interactions if (t := i.response.body.text) and "data:" in t]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_held_back_keys_find_what_walking_every_key_finds(path: Path) -> None:
    policy = default_policy()
    for text in _stream_texts(path):
        assert assembled_findings(text, policy) == assembled_findings(text, policy, pieces=_every_key(text))  # type: ignore[arg-type]


def test_a_key_that_changes_late_gets_its_earlier_pieces() -> None:
    lines = [{"id": "x", "delta": {"text": "sk-proj-"}}, {"id": "x", "delta": {"text": "abc"}}]
    lines += [{"id": "x", "delta": {"text": "abc"}}] * 3
    pieces = Pieces()
    for n, data in enumerate(lines):
        pieces.add(n * 10, data)
    assert pieces.by_path[("delta", "text")] == [(0, 0, "sk-proj-"), (10, 0, "abc"), (20, 0, "abc"), (30, 0, "abc"), (40, 0, "abc")]
    assert ("id",) not in pieces.by_path  # the same in every event: never walked
    late = Pieces()
    for n, data in enumerate([{"k": "a"}, {"k": "a"}, {"k": "b"}, {}]):
        late.add(n, data)
    assert late.by_path[("k",)] == [(0, 0, "a"), (1, 0, "a"), (2, 0, "b")]
