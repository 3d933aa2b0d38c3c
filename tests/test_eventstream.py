"""AWS event-stream framing and Bedrock conversion: cassette_cli.streams.aws."""

from __future__ import annotations

import base64
import json
import struct
import uuid
import zlib
from typing import Any

import pytest

from cassette_cli.bodies.sniff import starts_like_aws_event_stream
from cassette_cli.streams.assembly import ToolCall, assemble
from cassette_cli.streams.aws import (
    EventStreamError,
    Frame,
    bedrock_to_event_stream,
    decode_frames,
)

# --------------------------------------------------------------------------- a tiny encoder


def _header(name: str, vtype: int, raw: bytes = b"") -> bytes:
    encoded = name.encode()
    return bytes([len(encoded)]) + encoded + bytes([vtype]) + raw


def _string(name: str, value: str) -> bytes:
    data = value.encode()
    return _header(name, 7, struct.pack(">H", len(data)) + data)


def frame(headers: bytes, payload: bytes) -> bytes:
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event_frame(event_type: str, payload: bytes) -> bytes:
    headers = (
        _string(":event-type", event_type)
        + _string(":content-type", "application/json")
        + _string(":message-type", "event")
    )
    return frame(headers, payload)


def chunk(inner: dict[str, Any]) -> bytes:
    wrapped = base64.b64encode(json.dumps(inner).encode()).decode()
    return event_frame("chunk", json.dumps({"bytes": wrapped, "p": "abcdef"}).encode())


# --------------------------------------------------------------------------- framing


def test_roundtrip_all_header_types() -> None:
    an_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    headers = (
        _header("t", 0)
        + _header("f", 1)
        + _header("b", 2, struct.pack(">b", -2))
        + _header("s", 3, struct.pack(">h", -300))
        + _header("i", 4, struct.pack(">i", 70000))
        + _header("l", 5, struct.pack(">q", -(2**40)))
        + _header("raw", 6, struct.pack(">H", 3) + b"\x00\xff\x01")
        + _string("str", "h\u00e9llo")
        + _header("ts", 8, struct.pack(">q", 1_700_000_000_000))
        + _header("id", 9, an_id.bytes)
    )
    data = frame(headers, b"payload-1") + frame(b"", b"") + frame(_string("x", "y"), b"\x00\x01")
    frames = decode_frames(data)
    assert frames[0] == Frame(
        headers={
            "t": True,
            "f": False,
            "b": -2,
            "s": -300,
            "i": 70000,
            "l": -(2**40),
            "raw": b"\x00\xff\x01",
            "str": "h\u00e9llo",
            "ts": 1_700_000_000_000,
            "id": str(an_id),
        },
        payload=b"payload-1",
        offset=0,
    )
    assert frames[1] == Frame(headers={}, payload=b"", offset=len(frame(headers, b"payload-1")))
    assert frames[2].headers == {"x": "y"}
    assert frames[2].payload == b"\x00\x01"
    assert frames[2].offset == len(data) - len(frame(_string("x", "y"), b"\x00\x01"))
    assert decode_frames(b"") == []


def test_bad_prelude_crc() -> None:
    good = event_frame("chunk", b"{}")
    bad = bytearray(good + good)
    bad[len(good) + 8] ^= 0xFF  # second frame's prelude CRC
    with pytest.raises(EventStreamError, match=rf"frame 1 at offset {len(good)}: bad prelude CRC"):
        decode_frames(bytes(bad))


def test_bad_message_crc() -> None:
    bad = bytearray(event_frame("chunk", b'{"a": 1}'))
    bad[-6] ^= 0x01  # a payload byte
    with pytest.raises(EventStreamError, match="frame 0 at offset 0: bad message CRC"):
        decode_frames(bytes(bad))


@pytest.mark.parametrize("cut", [1, 5, 11, 12, 20])
def test_truncated(cut: int) -> None:
    data = event_frame("chunk", b'{"a": 1}')
    with pytest.raises(EventStreamError, match="truncated"):
        decode_frames(data + data[:cut])


def test_impossible_lengths() -> None:
    prelude = struct.pack(">II", 20, 10)  # headers longer than the frame allows
    data = prelude + struct.pack(">I", zlib.crc32(prelude)) + b"\x00" * 8
    with pytest.raises(EventStreamError, match="impossible lengths"):
        decode_frames(data)


def test_bad_header_type() -> None:
    with pytest.raises(EventStreamError, match="unknown value type 12"):
        decode_frames(frame(_header("x", 12), b""))


def test_header_value_overruns() -> None:
    with pytest.raises(EventStreamError, match="header 'x' value truncated"):
        decode_frames(frame(_header("x", 7, struct.pack(">H", 50) + b"ab"), b""))


def test_starts_like_aws_event_stream() -> None:
    data = event_frame("chunk", b"{}")
    assert starts_like_aws_event_stream(data)
    assert starts_like_aws_event_stream(data[:16])  # only the prelude is checked
    assert not starts_like_aws_event_stream(b"data: {}\n\n" * 3)
    assert not starts_like_aws_event_stream(b"")
    corrupted = bytearray(data)
    corrupted[9] ^= 0xFF
    assert not starts_like_aws_event_stream(bytes(corrupted))


# --------------------------------------------------------------------------- Bedrock


def test_bedrock_invoke_stream_of_anthropic_events() -> None:
    data = b"".join(
        [
            chunk({"type": "message_start", "message": {"model": "claude", "usage": {"input_tokens": 16, "output_tokens": 1}}}),
            chunk({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            chunk({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Ol\u00e1! "}}),
            chunk({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "\U0001f44b"}}),
            chunk({"type": "content_block_stop", "index": 0}),
            chunk({"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "toolu_bdrk_1", "name": "weather", "input": {}}}),
            chunk({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": '{"city":'}}),
            chunk({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": ' "Rome"}'}}),
            chunk({"type": "content_block_stop", "index": 1}),
            chunk({"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 18}}),
            chunk({"type": "message_stop", "amazon-bedrock-invocationMetrics": {"inputTokenCount": 16, "outputTokenCount": 18}}),
        ]
    )
    stream = bedrock_to_event_stream(data)
    assert [e.event for e in stream.events][:3] == ["message_start", "content_block_start", "content_block_delta"]
    assert [e.line for e in stream.events] == list(range(1, 12))
    assert stream.comments == [] and stream.unterminated is False and stream.retry is None
    assert json.loads(stream.events[2].data)["delta"]["text"] == "Ol\u00e1! "
    result = assemble(stream, "bedrock")
    assert result.kind == "bedrock"
    assert result.text == "Ol\u00e1! \U0001f44b"
    assert result.tool_calls == [ToolCall(id="toolu_bdrk_1", name="weather", arguments='{"city": "Rome"}', valid_json=True)]
    assert result.finish_reason == "tool_use"
    assert result.usage == {"input_tokens": 16, "output_tokens": 18}
    assert result.warnings == []
    assert result.summaries[-1].text == "message_stop; bedrock in=16 out=18"
    # detection recognises Anthropic-on-Bedrock by its invocation metrics
    assert assemble(stream).kind == "bedrock"


def test_bedrock_converse_stream() -> None:
    def ev(name: str, body: dict[str, Any]) -> bytes:
        return event_frame(name, json.dumps(body).encode())

    data = b"".join(
        [
            ev("messageStart", {"role": "assistant", "p": "abc"}),
            ev("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"text": "Think."}}}),
            ev("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"text": "Hello"}}),
            ev("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"text": " there"}}),
            ev("contentBlockStop", {"contentBlockIndex": 1}),
            ev("contentBlockStart", {"contentBlockIndex": 2, "start": {"toolUse": {"toolUseId": "tu_1", "name": "lookup"}}}),
            ev("contentBlockDelta", {"contentBlockIndex": 2, "delta": {"toolUse": {"input": '{"q":'}}}),
            ev("contentBlockDelta", {"contentBlockIndex": 2, "delta": {"toolUse": {"input": '"ruby"}'}}}),
            ev("messageStop", {"stopReason": "tool_use"}),
            ev("metadata", {"usage": {"inputTokens": 5, "outputTokens": 7, "totalTokens": 12}, "metrics": {"latencyMs": 9}}),
        ]
    )
    result = assemble(bedrock_to_event_stream(data))
    assert result.kind == "bedrock"
    assert result.text == "Hello there"
    assert result.reasoning == "Think."
    assert result.tool_calls == [ToolCall(id="tu_1", name="lookup", arguments='{"q":"ruby"}', valid_json=True)]
    assert result.finish_reason == "tool_use"
    assert result.usage == {"inputTokens": 5, "outputTokens": 7, "totalTokens": 12}
    assert result.warnings == []
    assert result.summaries[2].text == 'text "Hello"'
    assert result.summaries[-1].text == "usage in=5 out=7"


def test_bedrock_exception_frame() -> None:
    headers = _string(":exception-type", "throttlingException") + _string(":content-type", "application/json") + _string(":message-type", "exception")
    data = chunk({"type": "message_start", "message": {}}) + frame(headers, b'{"message":"Too many requests"}')
    stream = bedrock_to_event_stream(data)
    assert [(e.event, e.data) for e in stream.events][1] == ("throttlingException", '{"message":"Too many requests"}')
    result = assemble(stream, "bedrock")
    assert result.warnings == ["error event: throttlingException: Too many requests"]


def test_bedrock_error_frame_uses_headers() -> None:
    headers = _string(":error-code", "InternalFailure") + _string(":error-message", "boom") + _string(":message-type", "error")
    stream = bedrock_to_event_stream(frame(headers, b""))
    assert [(e.event, e.data) for e in stream.events] == [("InternalFailure", "boom")]
    assert assemble(stream, "bedrock").warnings == ["error event: InternalFailure: boom"]


def test_bedrock_broken_framing_raises() -> None:
    data = chunk({"type": "ping"})
    with pytest.raises(EventStreamError):
        bedrock_to_event_stream(data[:-1])
