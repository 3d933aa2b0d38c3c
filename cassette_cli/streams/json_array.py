"""Streams that are one JSON array sent a piece at a time: Gemini's
`streamGenerateContent` without `alt=sse` answers `[{GenerateContentResponse},\r\n
{...}\r\n]`, each element what one `data:` line holds in the SSE form. The elements
become events (type `message`, `line` where the element starts), so the Gemini
assembler reads them like the SSE form."""

from __future__ import annotations

import json

from .sse import Event, EventStream

_WHITESPACE = " \t\r\n"


def is_stream_url(url: str) -> bool:
    """Whether a request asks for a JSON-array stream (not its `alt=sse` form)."""
    return ":streamGenerateContent" in url and "alt=sse" not in url


def parse_json_array(text: str) -> EventStream | None:
    """The elements of a top-level JSON array as events; None when the text is not one."""
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if position >= len(text) or text[position] != "[":
        return None
    stream = EventStream()
    position = _skip(text, position + 1)
    line = 1 + text.count("\n", 0, position)
    counted = position
    while position < len(text) and text[position] != "]":
        try:
            value, end = decoder.raw_decode(text, position)
        except ValueError:
            return None
        line += text.count("\n", counted, position)
        counted = position
        stream.events.append(Event(len(stream.events), "message", None, json.dumps(value, ensure_ascii=False), line))
        position = _skip(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
        elif position < len(text) and text[position] != "]":
            return None
    if position >= len(text):
        stream.unterminated = True  # the array was cut off: what was read is shown
    return stream


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def count_elements(text: str) -> int | None:
    """How many elements the array holds (for `ls`), None when it is not an array."""
    stream = parse_json_array(text)
    return None if stream is None else len(stream.events)
