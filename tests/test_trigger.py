"""The literal prefilter has two engines (cassette_cli/rules/trigger.py): the regex, and
Hyperscan on long texts. They must agree: Hyperscan's positions hold every position the
regex reports (it also reports an occurrence that starts inside the one before), each
at an occurrence of a literal; and every finding is the same whichever engine runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cassette_cli import api
from cassette_cli.errors import CassetteError
from cassette_cli.rules import trigger as trigger_module
from cassette_cli.rules.json_body import BODY_LITERAL_SEARCH, BODY_LITERALS
from cassette_cli.rules.patterns import PATTERN_LITERAL_SEARCH
from cassette_cli.rules.trigger import anchor_index

from .conftest import corpus_files, sample_files

hyperscan = pytest.importorskip("hyperscan")

FILES = sample_files() + corpus_files()


def _bodies(path: Path) -> list[str]:
    try:
        cassette = api.load_bytes(path.read_bytes(), str(path))
    except CassetteError:
        return []
    return [t for i in cassette.interactions for t in (i.request.body.text, i.response.body.text) if t]


def _at_a_literal(text: str, position: int) -> bool:
    return any(text.startswith(lit, position - anchor_index(lit)) for lit in BODY_LITERALS if lit[anchor_index(lit)] == text[position])


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    monkeypatch.setattr(trigger_module, "NATIVE_MIN", 0)
    monkeypatch.setattr(trigger_module, "FOUND_NATIVE_MIN", 0)
    native = BODY_LITERAL_SEARCH.positions(text)
    monkeypatch.setattr(trigger_module, "native_available", lambda: False)
    regex = BODY_LITERAL_SEARCH.positions(text)
    monkeypatch.undo()
    return native, regex


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_native_positions_hold_the_regex_positions(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _bodies(path):
        native, regex = _both(text, monkeypatch)
        assert set(regex) <= set(native)
        assert native == sorted(set(native))
        assert all(_at_a_literal(text, p) for p in native)


def test_positions_are_character_offsets_in_non_ascii_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ('{"a": "caf\u00e9 \U0001F60A", "u": "https://x.test/?k=1", "s": "\ud800 sk-", "e": "\\u00e9"}\n') * 50
    native, regex = _both(text, monkeypatch)
    assert native and set(regex) <= set(native)
    assert all(_at_a_literal(text, p) for p in native)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_findings_are_the_same_with_either_engine(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    try:
        monkeypatch.setattr(trigger_module, "NATIVE_MIN", 0)
        monkeypatch.setattr(trigger_module, "FOUND_NATIVE_MIN", 0)
        native = api.find_secrets(data, name=str(path))
        monkeypatch.setattr(trigger_module, "native_available", lambda: False)
        regex = api.find_secrets(data, name=str(path))
    except CassetteError:
        return
    assert native == regex


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_native_literals_found_hold_the_regex_ones(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _bodies(path):
        monkeypatch.setattr(trigger_module, "NATIVE_MIN", 0)
        monkeypatch.setattr(trigger_module, "FOUND_NATIVE_MIN", 0)
        native = PATTERN_LITERAL_SEARCH.found(text)
        monkeypatch.setattr(trigger_module, "native_available", lambda: False)
        regex = PATTERN_LITERAL_SEARCH.found(text)
        monkeypatch.undo()
        assert regex <= native
        assert all(literal in text for literal in native)
