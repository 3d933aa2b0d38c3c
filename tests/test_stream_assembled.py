"""A secret split across event-stream deltas is found in the joined text and removed part
by part, each part in its own event: the file, the events and the assembled message all
lose it; the events keep their structure."""

from __future__ import annotations

import json

from cassette_cli import api
from cassette_cli.rules.assembled import assembled_findings
from cassette_cli.rules.policy import default_policy

KEY = "sk-ant-api03-" + "Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"
ARGS = json.dumps({"city": "Paris", "client_secret": "cs-Q1w2E3r4T5y6U7i8"})


def anthropic_stream(key: str = KEY, args: str = ARGS) -> str:
    events = [
        ("message_start", {"type": "message_start", "message": {"id": "msg_1", "role": "assistant", "content": []}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "your key is " + key[:9]}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": key[9:30]}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": key[30:] + ", keep it"}}),
        ("content_block_start", {"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "tu_1", "name": "weather", "input": {}}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": args[:42]}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": args[42:]}}),
        ("message_stop", {"type": "message_stop"}),
    ]
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)


def cassette(body: str) -> bytes:
    return (
        "interactions:\n- request:\n    body: null\n    headers: {}\n    method: POST\n    uri: https://api.anthropic.com/v1/messages\n"
        f"  response:\n    body:\n      string: {json.dumps(body)}\n    headers:\n      Content-Type:\n      - text/event-stream\n"
        "    status:\n      code: 200\n      message: OK\nversion: 1\n"
    ).encode()


def test_the_parts_are_found_in_their_own_events() -> None:
    text = anthropic_stream()
    found = assembled_findings(text, default_policy())
    key_parts = [f for f in found if f.rule == "anthropic-key"]
    assert [f.secret for f in key_parts] == [KEY[:9], KEY[9:30], KEY[30:]]
    assert [f.new for f in key_parts] == ["REDACTED", "", ""]
    secret_parts = [f for f in found if f.rule == "json-key"]
    assert [f.secret for f in secret_parts] == ["cs-Q1w", "2E3r4T5y6U7i8"]  # the value, cut where the events cut it
    assert [f.new for f in secret_parts] == ["REDACTED", ""]


def test_redact_removes_the_split_key_and_the_key_inside_tool_arguments() -> None:
    new = api.redact_bytes(cassette(anthropic_stream()))
    text = new.decode()
    assert KEY[9:30] not in text and KEY[30:] not in text and "cs-Q1w2" not in text and "E3r4T5y6U7i8" not in text
    (item,) = api.masked(api.load_bytes(new))
    stream = item.stream
    assert stream is not None
    assert stream.assembly.text == "your key is REDACTED, keep it"
    assert json.loads(stream.assembly.tool_calls[0].arguments) == {"city": "Paris", "client_secret": "REDACTED"}
    assert len(stream.stream.events) == 8  # every event stays, only its text changes
    assert api.redact_bytes(new) == new


def test_views_mask_it_without_a_rewrite() -> None:
    (item,) = api.masked(api.load_bytes(cassette(anthropic_stream())))
    assert item.stream is not None
    assert KEY[:20] not in item.stream.assembly.text
    assert all(KEY[9:30] not in (e.data or "") for e in item.stream.stream.events)


def test_a_stream_without_secrets_is_left() -> None:
    body = anthropic_stream("no key here at all, sorry, friend!!!", json.dumps({"city": "Paris", "units": "metric", "days": "three"}))
    old = cassette(body)
    assert api.redact_bytes(old) == old


def test_a_whole_key_in_one_delta_does_not_eat_the_next_delta() -> None:
    events = [{"choices": [{"delta": {"content": "a " + KEY}}]}, {"choices": [{"delta": {"content": "tok8 next"}}]}]
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    new = api.redact_bytes(cassette(body)).decode()
    assert KEY not in new and "tok8 next" in new


def test_with_duplicate_keys_the_value_a_json_reader_keeps_is_the_one_cut() -> None:
    # json.loads keeps the last of duplicate keys, so the joined text holds the last
    # "text" of each event; its parts must be cut there, not at the first "text"
    lines = [
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"DECOY","text":%s}}' % json.dumps(part)
        for part in (KEY[:9], KEY[9:30], KEY[30:])
    ]
    body = "".join(f"data: {line}\n\n" for line in lines)
    found = [f for f in assembled_findings(body, default_policy()) if f.rule == "anthropic-key"]
    assert [f.secret for f in found] == [KEY[:9], KEY[9:30], KEY[30:]]
    assert [body[f.start : f.end] for f in found] == [f.secret for f in found]
    new = api.redact_bytes(cassette(body))
    (item,) = api.masked(api.load_bytes(new))
    assert item.stream is not None
    events = [json.loads(e.data) for e in item.stream.stream.events]  # each still JSON
    assert [e["delta"]["text"] for e in events] == ["REDACTED", "", ""]
    assert new.decode().count("DECOY") == 3 and KEY[9:30] not in new.decode()

