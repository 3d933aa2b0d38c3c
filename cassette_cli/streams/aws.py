"""AWS event stream (``application/vnd.amazon.eventstream``) decoding.

Bedrock's ``invoke-with-response-stream`` and ``converse-stream`` answer with
this binary framing rather than with server-sent events.  Each frame (AWS calls
it a message) is::

    total_length    u32 big-endian, the whole frame including both CRCs
    headers_length  u32 big-endian
    prelude_crc     u32 big-endian, CRC32 of the 8 bytes above
    headers         headers_length bytes
    payload         total_length - headers_length - 16 bytes
    message_crc     u32 big-endian, CRC32 of everything before it

A header is ``name_len`` (u8), the UTF-8 name, a value type (u8) and the value:

====  =========  =============================================================
type  name       value as decoded here
====  =========  =============================================================
0     true       ``True`` (no bytes)
1     false      ``False`` (no bytes)
2     byte       ``int`` (signed, 1 byte)
3     short      ``int`` (signed, 2 bytes)
4     integer    ``int`` (signed, 4 bytes)
5     long       ``int`` (signed, 8 bytes)
6     bytes      ``bytes`` (u16 length + bytes)
7     string     ``str`` (u16 length + UTF-8 bytes, bad bytes replaced)
8     timestamp  ``int``: milliseconds since the Unix epoch (signed, 8 bytes)
9     uuid       ``str`` in the canonical 8-4-4-4-12 hex form (16 bytes)
====  =========  =============================================================

:func:`bedrock_to_event_stream` turns the frames of a Bedrock response into an
:class:`~cassette_cli.streams.sse.EventStream` that
:func:`cassette_cli.streams.assembly.assemble` understands (kind ``"bedrock"``). The
cheap test for a body that starts with a frame is
:func:`cassette_cli.bodies.sniff.starts_like_aws_event_stream`.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
import uuid
import zlib
from dataclasses import dataclass

from .sse import Event, EventStream

__all__ = [
    "EventStreamError",
    "Frame",
    "bedrock_to_event_stream",
    "decode_frames",
]

_PRELUDE = struct.Struct(">III")
_CRC = struct.Struct(">I")
_PRELUDE_LEN = 12
_MIN_FRAME = 16  # prelude + message CRC

#: Fixed-size header value types: type -> (struct format, size).
_FIXED = {
    2: (">b", 1),
    3: (">h", 2),
    4: (">i", 4),
    5: (">q", 8),
    8: (">q", 8),
}


class EventStreamError(ValueError):
    """A malformed AWS event stream; the message names the frame and byte offset."""


@dataclass(frozen=True)
class Frame:
    """One decoded frame: its headers, raw payload and byte offset in the stream."""

    headers: dict[str, object]
    payload: bytes
    offset: int


def _where(number: int, offset: int) -> str:
    return f"frame {number} at offset {offset}"


def _decode_headers(raw: bytes, number: int, offset: int) -> dict[str, object]:
    headers: dict[str, object] = {}
    pos = 0
    end = len(raw)
    while pos < end:
        name_len = raw[pos]
        pos += 1
        if pos + name_len + 1 > end:
            raise EventStreamError(f"{_where(number, offset)}: header name overruns the headers")
        name = raw[pos : pos + name_len].decode("utf-8", "replace")
        pos += name_len
        vtype = raw[pos]
        pos += 1
        value: object
        if vtype == 0:
            value = True
        elif vtype == 1:
            value = False
        elif vtype in _FIXED:
            fmt, size = _FIXED[vtype]
            if pos + size > end:
                raise EventStreamError(f"{_where(number, offset)}: header {name!r} value truncated")
            value = struct.unpack_from(fmt, raw, pos)[0]
            pos += size
        elif vtype in (6, 7):
            if pos + 2 > end:
                raise EventStreamError(f"{_where(number, offset)}: header {name!r} length truncated")
            length = int.from_bytes(raw[pos : pos + 2], "big")
            pos += 2
            if pos + length > end:
                raise EventStreamError(f"{_where(number, offset)}: header {name!r} value truncated")
            chunk = raw[pos : pos + length]
            pos += length
            value = chunk if vtype == 6 else chunk.decode("utf-8", "replace")
        elif vtype == 9:
            if pos + 16 > end:
                raise EventStreamError(f"{_where(number, offset)}: header {name!r} value truncated")
            value = str(uuid.UUID(bytes=raw[pos : pos + 16]))
            pos += 16
        else:
            raise EventStreamError(
                f"{_where(number, offset)}: header {name!r} has unknown value type {vtype}"
            )
        headers[name] = value
    return headers


def decode_frames(data: bytes) -> list[Frame]:
    """Decode every frame of ``data``; raise :class:`EventStreamError` on any defect.

    Frames are numbered from 0 in error messages.
    """
    frames: list[Frame] = []
    view = memoryview(data)
    offset = 0
    total = len(data)
    while offset < total:
        number = len(frames)
        if total - offset < _PRELUDE_LEN:
            raise EventStreamError(
                f"{_where(number, offset)}: truncated prelude "
                f"({total - offset} bytes left, {_PRELUDE_LEN} needed)"
            )
        length, headers_len, prelude_crc = _PRELUDE.unpack_from(data, offset)
        if zlib.crc32(view[offset : offset + 8]) != prelude_crc:
            raise EventStreamError(f"{_where(number, offset)}: bad prelude CRC")
        if length < _MIN_FRAME or headers_len > length - _MIN_FRAME:
            raise EventStreamError(
                f"{_where(number, offset)}: impossible lengths "
                f"(total {length}, headers {headers_len})"
            )
        if offset + length > total:
            raise EventStreamError(
                f"{_where(number, offset)}: truncated frame "
                f"({length} bytes declared, {total - offset} present)"
            )
        crc_at = offset + length - 4
        (message_crc,) = _CRC.unpack_from(data, crc_at)
        if zlib.crc32(view[offset:crc_at]) != message_crc:
            raise EventStreamError(f"{_where(number, offset)}: bad message CRC")
        headers_start = offset + _PRELUDE_LEN
        payload_start = headers_start + headers_len
        headers = _decode_headers(bytes(view[headers_start:payload_start]), number, offset)
        frames.append(Frame(headers=headers, payload=bytes(view[payload_start:crc_at]), offset=offset))
        offset += length
    return frames


def _unwrap_chunk(payload: bytes) -> str | None:
    """The inner JSON text of a Bedrock ``chunk`` payload ``{"bytes": base64}``, or None."""
    try:
        outer = json.loads(payload)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(outer, dict) or not isinstance(outer.get("bytes"), str):
        return None
    try:
        inner = base64.b64decode(outer["bytes"], validate=True)
    except (binascii.Error, ValueError):
        return None
    return inner.decode("utf-8", "replace")


def _inner_type(text: str) -> str | None:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("type"), str) and obj["type"]:
        return str(obj["type"])
    return None


def bedrock_to_event_stream(data: bytes) -> EventStream:
    """Turn a Bedrock event-stream body into an :class:`EventStream`.

    * A ``chunk`` frame (InvokeModelWithResponseStream) carries
      ``{"bytes": base64(provider JSON)}``; it becomes an event whose data is the
      decoded provider JSON and whose type is that JSON's ``type`` (Anthropic's
      ``message_start``, ``content_block_delta``...), or ``chunk`` if it has none.
    * Any other event frame (ConverseStream: ``messageStart``,
      ``contentBlockDelta``, ``messageStop``, ``metadata``...) becomes an event
      typed by its ``:event-type`` header, with the payload text as data.
    * A frame whose ``:message-type`` is ``exception`` becomes an event typed by
      its ``:exception-type``; one whose ``:message-type`` is ``error`` one typed by
      its ``:error-code``.  Data is the payload text (or ``:error-message``).

    ``Event.line`` is the 1-based frame number and ``Event.id`` is None.  Raises
    :class:`EventStreamError` when the framing is broken.
    """
    events: list[Event] = []
    for number, frame in enumerate(decode_frames(data), 1):
        headers = frame.headers
        message_type = headers.get(":message-type", "event")
        text = frame.payload.decode("utf-8", "replace")
        if message_type == "exception":
            name = str(headers.get(":exception-type") or "exception")
        elif message_type == "error":
            name = str(headers.get(":error-code") or "error")
            if not text and isinstance(headers.get(":error-message"), str):
                text = str(headers[":error-message"])
        else:
            name = str(headers.get(":event-type") or "message")
            if name == "chunk":
                inner = _unwrap_chunk(frame.payload)
                if inner is not None:
                    text = inner
                    name = _inner_type(inner) or "chunk"
        events.append(Event(index=len(events), event=name, id=None, data=text, line=number))
    return EventStream(events=events, comments=[], retry=None, unterminated=False)
