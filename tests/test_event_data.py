"""An event's JSON is read by orjson where it is installed and by the standard decoder
otherwise (cassette_cli/rules/event_data.py): both must take and refuse the same
payloads and give the same objects, as ``json.loads`` does, on real streams and on
the payloads where orjson and ``json`` part ways."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.rules import event_data
from cassette_cli.rules.event_data import data_objects, json_value

from .conftest import samples_corpus_and_real_world, stream_texts

# Where orjson refuses what json.loads takes, or takes what it refuses, and plain cases.
_EDGES = [
    '{"x":NaN}', '{"x":-Infinity}', '{"x":1e400}', '{"x":1.7976931348623157e309}', '{"x":"\\ud800"}',
    '{"x":"\\udc00\\ud800"}', '{"x":"a\x01b"}', '{"x":"a\tb"}', '{"x":1} \t ', '{"x":1}\x0c', '{"x":1}\u00a0',
    '{"x":1} x', '{"x":1}{"y":2}', '{"x":.5}', '{"x":[1,]}', '{"x":1,}', '{"x":01}', '{"a":1,"a":2}',
    '{"x":"\\/\\u00e9🙂"}', '{"x":-0.0}', '{"x":9223372036854775807}', "{" * 2000 + "}" * 2000, "{", "{}",
    '{"x":"\x7f"}', '{"x":true,"y":null,"z":[false]}', '{"x": 1E5}', '{ "x" : "y" }',
    # nesting either side of where orjson is not asked (FAST_BRACKETS) and beyond the
    # interpreter's recursion limit, where json.loads refuses and orjson (to 1,024) would not
    *('{"k":' + "[" * depth + "]" * depth + "}" for depth in (400, 498, 499, 600, 1010, 1020)),
    *('{"k":' + '{"k":' * depth + "1" + "}" * depth + "}" for depth in (400, 600, 1010, 1020)),
    '{"k":"' + "[" * 600 + '"}',  # brackets inside a string count too: read the slow way, the same
]


def _standard(payload: str) -> object:
    """json.loads, the reference (RecursionError counted as a refusal)."""
    try:
        return json.loads(payload)
    except (ValueError, RecursionError):
        return "refused"


def _ours(payload: str) -> object:
    try:
        return json_value(payload)
    except (ValueError, RecursionError):
        return "refused"


def _same(a: object, b: object) -> bool:
    """Equal, NaN equal to NaN, keys in the same order, ints not floats (a loop, not a
    recursion: some payloads nest 1,000 deep)."""
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        if isinstance(x, dict) and isinstance(y, dict):
            if list(x) != list(y):
                return False
            pending += [(x[k], y[k]) for k in x]
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            pending += list(zip(x, y))
        elif type(x) is not type(y) or x != y:
            return False
    return True


@pytest.mark.parametrize("payload", _EDGES)
@pytest.mark.parametrize("engine", ["orjson", "standard"])
def test_a_payload_reads_as_json_loads_reads_it(payload: str, engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if engine == "orjson":
        pytest.importorskip("orjson")
        assert event_data.fast_loads is not None
    else:
        monkeypatch.setattr(event_data, "fast_loads", None)
    assert _same(_ours(payload), _standard(payload)), payload
    text = f"data: {payload}\n\n"
    expected = _standard(payload)
    want = [(6, expected)] if isinstance(expected, dict) else []
    got = list(data_objects(text))
    assert len(got) == len(want) and all(g[0] == w[0] and _same(g[1], w[1]) for g, w in zip(got, want)), payload


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _JSON, max_size=4), st.sampled_from(["", " ", "\t", "  \t"]))
def test_both_engines_give_the_objects_json_loads_gives(value: dict[str, object], tail: str) -> None:
    """Random objects (64-bit integers: beyond them orjson gives a float, which no rule
    reads), written by json.dumps with and without NaN, Infinity and escapes."""
    fast = event_data.fast_loads
    for ensure_ascii in (True, False):
        payload = json.dumps(value, ensure_ascii=ensure_ascii) + tail
        assert _same(_ours(payload), json.loads(payload))
        event_data.fast_loads = None  # the standard decoder alone (a fixture would not reset per example)
        try:
            assert _same(_ours(payload), json.loads(payload))
        finally:
            event_data.fast_loads = fast


@pytest.mark.parametrize("path", samples_corpus_and_real_world(), ids=lambda p: p.name)
def test_every_real_stream_reads_the_same_by_either_engine(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson")
    for text in stream_texts(path):
        fast = list(data_objects(text))
        monkeypatch.setattr(event_data, "fast_loads", None)
        standard = list(data_objects(text))
        monkeypatch.undo()
        assert len(fast) == len(standard) and all(a[0] == b[0] and _same(a[1], b[1]) for a, b in zip(fast, standard))
