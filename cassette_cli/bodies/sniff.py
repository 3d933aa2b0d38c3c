"""Is this body an event stream? Decided from the body itself, for bodies recorded
without the right content type.

Three tests, each for one caller's need:

* :func:`starts_like_event_stream` -- cheap: the first line begins like an event-stream
  line. Redaction uses it (editing line by line is safe on any text);
* :func:`reads_as_event_stream` -- strict: every line is an event-stream line and an
  event is dispatched. ``show --decode-sse`` uses it before it decodes and shows one;
* :func:`starts_like_aws_event_stream` -- the first binary frame's prelude is plausible
  and its CRC is right.
"""

from __future__ import annotations

import re
import struct
import zlib

__all__ = [
    "EVENT_STREAM_FIELDS",
    "reads_as_event_stream",
    "split_event_stream_lines",
    "starts_like_aws_event_stream",
    "starts_like_event_stream",
]

#: The only three line terminators of an event stream.
_LINE_END = re.compile(r"\r\n|\r|\n")

_BOM = "\ufeff"

#: Field names that the WHATWG standard gives a meaning to.
EVENT_STREAM_FIELDS = frozenset({"data", "event", "id", "retry"})

_LINE_STARTS = ("data:", "event:", "id:", "retry:", ":")

_AWS_PRELUDE = struct.Struct(">III")
_AWS_MIN_FRAME = 16  # prelude + message CRC


def split_event_stream_lines(text: str) -> tuple[list[str], str]:
    """Return (complete lines, trailing partial line) with one BOM stripped.

    Lines end at CRLF, LF or CR only (``str.splitlines`` would split on more). The
    partial line is the text after the last terminator: ``""`` when the input ends
    with one (or is empty).
    """
    if text.startswith(_BOM):
        text = text[1:]
    parts = text.split("\n") if "\r" not in text else _LINE_END.split(text)
    return parts[:-1], parts[-1]


def starts_like_event_stream(text: str) -> bool:
    """True when the first non-blank line begins with a field name and colon, or is a comment."""
    return text.lstrip("\ufeff\r\n").startswith(_LINE_STARTS)


def reads_as_event_stream(text: str) -> bool:
    """True only if ``text`` plainly is an event stream: the first non-blank line is a
    comment or a ``data``/``event``/``id``/``retry`` field, every other non-blank line
    is one of those too, and at least one event is dispatched."""
    lines, partial = split_event_stream_lines(text)
    if partial:
        lines = [*lines, partial]
    seen_field = False
    pending = False
    events = 0
    for line in lines:
        if not line:
            if pending:
                events += 1
                pending = False
            continue
        if line[0] == ":":
            continue
        name = line.partition(":")[0]
        if name not in EVENT_STREAM_FIELDS:
            return False
        seen_field = True
        if name == "data":
            pending = True
    # The partial line (if any) was appended without a blank line after it,
    # so a pending event there is not counted, as in the parser.
    return seen_field and events > 0


def starts_like_aws_event_stream(data: bytes) -> bool:
    """Cheap check: the first frame's prelude is plausible and its CRC is right."""
    if len(data) < _AWS_MIN_FRAME:
        return False
    length, headers_len, prelude_crc = _AWS_PRELUDE.unpack_from(data, 0)
    return bool(
        length >= _AWS_MIN_FRAME
        and headers_len <= length - _AWS_MIN_FRAME
        and zlib.crc32(data[:8]) == prelude_crc
    )
