"""The literal prefilter has two engines (cassette_cli/rules/trigger.py): the regex, and
Hyperscan on long texts. They must agree: Hyperscan's positions hold every position the
regex reports (it also reports an occurrence that starts inside the one before), each
at an occurrence of a literal; and every finding is the same whichever engine runs."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import pytest

from cassette_cli import api
from cassette_cli.errors import CassetteError
from cassette_cli.rules import trigger as trigger_module
from cassette_cli.rules.json_body import BODY_LITERAL_SEARCH, BODY_LITERALS
from cassette_cli.rules.patterns import PATTERN_LITERAL_SEARCH
from cassette_cli.rules.policy import default_policy
from cassette_cli.rules.trigger import Trigger, anchor_index
from cassette_cli.rules.urls import text_findings

from .conftest import corpus_files, sample_files

hyperscan = pytest.importorskip("hyperscan")

T = TypeVar("T")

FILES = sample_files() + corpus_files()


def _bodies(path: Path) -> list[str]:
    try:
        cassette = api.load_bytes(path.read_bytes(), str(path))
    except CassetteError:
        return []
    return [t for i in cassette.interactions for t in (i.request.body.text, i.response.body.text) if t]


def _at_a_literal(text: str, position: int) -> bool:
    return any(text.startswith(lit, position - anchor_index(lit)) for lit in BODY_LITERALS if lit[anchor_index(lit)] == text[position])


def _each_engine(ask: Callable[[], T], monkeypatch: pytest.MonkeyPatch) -> tuple[T, T]:
    """(Hyperscan's answer, the regex's answer) to ``ask``, whatever the text's length."""
    monkeypatch.setattr(trigger_module, "NATIVE_MIN", 0)
    monkeypatch.setattr(trigger_module, "FOUND_NATIVE_MIN", 0)
    native = ask()
    monkeypatch.setattr(trigger_module, "native_available", lambda: False)
    regex = ask()
    monkeypatch.undo()
    return native, regex


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    return _each_engine(lambda: BODY_LITERAL_SEARCH.positions(text), monkeypatch)


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
        native, regex = _each_engine(lambda: api.find_secrets(data, name=str(path)), monkeypatch)
    except CassetteError:
        return
    assert native == regex


def _found_both(trigger: Trigger, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[set[str], set[str]]:
    return _each_engine(lambda: trigger.found(text), monkeypatch)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_literals_found_are_exactly_those_in_the_text(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _bodies(path):
        native, regex = _found_both(PATTERN_LITERAL_SEARCH, text, monkeypatch)
        assert native == regex == {literal for literal in PATTERN_LITERAL_SEARCH.literals if literal in text}


def _overlapping_pairs() -> list[str]:
    """Texts where one literal's anchor lies inside another's match: the regex steps
    over the inner one unless `found` looks inside each match."""
    literals = PATTERN_LITERAL_SEARCH.literals
    texts = []
    for outer in literals:
        for inner in literals:
            for cut in range(1, len(outer)):
                if inner != outer and inner.startswith(outer[cut:]) and len(inner) > len(outer) - cut:
                    texts.append("x " + outer + inner[len(outer) - cut :] + " y")
    return texts


OVERLAPS = _overlapping_pairs()


def test_overlapping_literals_are_all_found(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(OVERLAPS) > 50  # `SG.atlasv1.`, `ops_eyJ...`, `dop_v1_live_`...
    for text in OVERLAPS:
        native, regex = _found_both(PATTERN_LITERAL_SEARCH, text, monkeypatch)
        assert native == regex == {literal for literal in PATTERN_LITERAL_SEARCH.literals if literal in text}, text


def test_a_token_behind_another_literal_is_found_in_a_short_text() -> None:
    token = "abcdefghijkl" + "SG.atlasv1." + "A" * 64  # the SendGrid literal `SG.` overlaps Terraform Cloud's
    assert [f.rule for f in text_findings("note " + token, default_policy())] == ["terraform-cloud-token"]


@pytest.mark.parametrize("filler", [0, 40, 5_000])
def test_patterns_run_on_short_and_long_texts_alike(filler: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A short text is asked of the regex, a long one of Hyperscan (which literals it
    holds): a key shape deep in a long string and a custom pattern in a text without any
    literal are found the same either way, by either engine."""
    from cassette_cli.redact.config import build_policy
    from cassette_cli.rules.strings import find_patterns

    policy = build_policy({}, patterns=[r"tok_[0-9a-f]{32}"])
    pad = "lorem ipsum dolor " * (filler // 18 + 1)
    github = "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8"
    custom = "tok_" + "0123456789abcdef" * 2
    cases = {
        pad + github + " " + pad: ["github-token"],
        pad + custom + " " + pad: ["custom-pattern-1"],
        pad + custom + " " + github: ["custom-pattern-1", "github-token"],
        pad: [],
    }
    for text, rules in cases.items():
        native, regex = _each_engine(lambda: [(f.rule, f.secret) for f in find_patterns(text, policy)], monkeypatch)
        assert native == regex
        assert [rule for rule, _ in regex] == rules, (len(text), regex)
        assert [secret for _, secret in regex] == [s for s in (custom, github) if s in text]


@pytest.mark.parametrize("filler", [0, 5_000])
def test_a_pattern_given_a_built_in_id_runs_on_short_and_long_texts(filler: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A policy made by hand may give its own regex a built-in rule's id: it has no
    literals of its own, so it runs on every text, short or long, with either engine."""
    import re

    from cassette_cli.rules.patterns import BUILTIN_PATTERNS, Pattern
    from cassette_cli.rules.policy import Policy
    from cassette_cli.rules.strings import find_patterns

    policy = Policy(patterns=(Pattern("github-token", re.compile(r"mytok_[0-9]{8}"), "mine"), *BUILTIN_PATTERNS))
    text = "lorem " * (filler // 6) + "mytok_12345678 end"
    native, regex = _each_engine(lambda: [(f.rule, f.secret) for f in find_patterns(text, policy)], monkeypatch)
    assert native == regex == [("github-token", "mytok_12345678")]
    assert policy.scans_every_string  # so JSON strings and URLs without a query are looked at too
    from cassette_cli.rules.json_body import json_findings
    from cassette_cli.rules.urls import url_findings

    assert [f.secret for f in json_findings('{"a": "mytok_12345678"}', policy) or []] == ["mytok_12345678"]
    assert [f.secret for f in url_findings("https://h/mytok_12345678", policy)] == ["mytok_12345678"]
