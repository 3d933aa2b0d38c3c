"""The joined stream deltas (cassette_cli/rules/assembled.py) skip the top-level keys
every event repeats, without keeping the events: on every event stream of samples/ and
../shared the findings are those of walking every key of every event."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.rules.assembled import Pieces, Run, assembled_findings, data_objects
from cassette_cli.rules.policy import default_policy

from .conftest import samples_corpus_and_real_world, stream_texts


def _every_key(text: str) -> Pieces:
    """The pieces of every path of every event, nothing held back (the reference): each
    leaf handed to ``Pieces.append`` by a walk of its own."""
    pieces = Pieces()

    def walk(value: object, path: tuple[object, ...], start: int) -> None:
        if isinstance(value, str):
            pieces.append(path, start, value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key), start)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i), start)

    for start, data in data_objects(text):
        walk(data, (), start)
    return pieces


@pytest.mark.parametrize("path", samples_corpus_and_real_world(), ids=lambda p: p.name)
def test_held_back_keys_find_what_walking_every_key_finds(path: Path) -> None:
    policy = default_policy()
    for text in stream_texts(path):
        assert assembled_findings(text, policy) == assembled_findings(text, policy, pieces=_every_key(text))


def test_a_key_that_changes_late_gets_its_earlier_pieces() -> None:
    lines = [{"id": "x", "delta": {"text": "sk-proj-"}}, {"id": "x", "delta": {"text": "abc"}}]
    lines += [{"id": "x", "delta": {"text": "abc"}}] * 3
    pieces = Pieces()
    for n, data in enumerate(lines):
        pieces.add(n * 10, data)
    assert pieces.by_path[("delta", "text")].parts() == [(0, "sk-proj-"), (10, "abc"), (20, "abc"), (30, "abc"), (40, "abc")]
    assert ("id",) not in pieces.by_path  # the same in every event: never walked
    late = Pieces()
    for n, data in enumerate([{"k": "a"}, {"k": "a"}, {"k": "b"}, {}]):
        late.add(n, data)
    assert late.by_path[("k",)].parts() == [(0, "a"), (1, "a"), (2, "b")]


def test_a_run_joins_its_pieces_across_its_buffer_and_says_where_each_ends() -> None:
    run = Run()
    words = [f"w{n}" for n in range(Run.BUFFER * 2 + 3)]  # past two joins of the buffer
    for n, word in enumerate(words):
        run.append(n * 7, word)
    assert run.joined() == "".join(words)
    assert run.parts() == [(n * 7, word) for n, word in enumerate(words)]
    assert len(run) == len(words) and run.first == "w0" and not run.same
    same = Run()
    for n in range(3):
        same.append(n, "citation")
    assert same.same and same.joined() == "citation" * 3


def test_a_secret_split_over_many_events_is_cut_into_each_piece() -> None:
    secret = "sk-proj-" + "A1b2C3d4E5f6G7h8J9k0" * 3
    chunks = [secret[i : i + 3] for i in range(0, len(secret), 3)]
    lines = [f'data: {{"id":"x","delta":{{"text":"{c}"}}}}' for c in ["Key: ", *chunks, " done"]]
    text = "\n\n".join(lines) + "\n\n"
    found = assembled_findings(text, default_policy())
    assert "".join(f.secret for f in found) == secret
    assert [text[f.start : f.end] for f in found] == chunks
    assert [f.new for f in found][1:] == [""] * (len(chunks) - 1)


def test_data_lines_are_the_lines_a_regex_finds() -> None:
    """``data_lines`` (str.find) against a regex for a ``data:`` line after any line break
    (CR, LF, CRLF) on random texts of line breaks, ``data:`` pieces and non-ASCII text."""
    import random
    import re

    from cassette_cli.rules.assembled import data_lines

    reference = re.compile(r"(?:^|(?<=[\r\n]))data: ?([^\r\n]*)")
    rng = random.Random(5)
    parts = ["data:", "data: ", "data:  ", "\n", "\r", "\r\n", "x", "é", "🙂", '{"a":1}', "event: e", " ", ":", "dat"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        assert list(data_lines(text)) == [(m.start(1), m.group(1)) for m in reference.finditer(text)], repr(text)


def test_a_secret_split_over_the_events_of_a_cr_only_stream_is_found() -> None:
    """Lines ended by CR alone are lines of an event stream too: their deltas are joined."""
    secret = "sk-proj-" + "A1b2C3d4E5f6G7h8J9k0" * 3
    halves = [secret[:20], secret[20:]]
    text = "".join(f'data: {{"delta":{{"text":"{h}"}}}}\r\r' for h in ["Key: ", *halves, " done"])
    found = assembled_findings(text, default_policy())
    assert [text[f.start : f.end] for f in found] == halves


_VALUES = st.one_of(
    st.sampled_from(["a", "b", "", "{\"k\": 1}", "sk-"]),
    st.integers(0, 2),
    st.none(),
    st.lists(st.sampled_from(["a", "b", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["t", "u"]), st.sampled_from(["a", "b", ""]), max_size=2),
)
_EVENTS = st.lists(st.dictionaries(st.sampled_from(["id", "type", "delta", "usage"]), _VALUES, max_size=4), max_size=12)


@settings(max_examples=400, deadline=None)
@given(_EVENTS, st.sets(st.integers(0, 12)))
def test_held_values_give_the_pieces_of_walking_every_event(events: list[dict[str, object]], read_at: set[int]) -> None:
    """Values held while they repeat (changing back and forth, going missing, turning
    into numbers, read half-way) give every path the pieces a walk of every event gives;
    a path left out is one whose pieces would all be the same non-JSON string."""
    held, reference = Pieces(), Pieces()
    for n, data in enumerate(events):
        if n in read_at:
            held.by_path  # noqa: B018 - brings the runs up to date half-way
        held.add(n, data)

        def walk(value: object, path: tuple[object, ...]) -> None:
            if isinstance(value, str):
                if value:
                    reference.append(path, n, value)
            elif isinstance(value, (dict, list)):
                for step, item in value.items() if isinstance(value, dict) else enumerate(value):
                    walk(item, (*path, step))

        walk(data, ())
    got, want = held.by_path, reference.by_path
    for path, run in want.items():
        if path in got:
            assert got[path].parts() == run.parts(), path
        else:
            assert run.same and not run.first.lstrip().startswith(("{", "[")), path
    assert set(got) <= set(want)
