"""The ``data:`` lines of an event stream and the JSON objects they carry, read once for
the line scan and for the joined deltas.

A payload is read as ``json.loads`` reads it: one value, then only whitespace. Where
orjson is installed it reads first (half the time of the standard decoder on the
bench's streams); what it refuses is read again by the standard decoder, which also
takes what orjson does not (NaN, Infinity, numbers out of a double's range, lone
surrogates), so the two give the same objects. A payload that could nest deeper than
the standard decoder goes (it stops near the interpreter's recursion limit, orjson at
1,024 levels) is read by the standard decoder alone. The one difference left is an
integer beyond 64 bits, which orjson gives as a float: no rule reads numbers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["FAST_BRACKETS", "data_lines", "data_objects", "fast_loads", "json_value"]

_SCAN = json.JSONDecoder().scan_once  # json.loads without its three Python frames per call
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what json.loads allows after the value


# More brackets than this (in strings too: an upper bound of the nesting) and a payload
# skips orjson, which would take nesting the standard decoder refuses.
FAST_BRACKETS = 500


def _fast_loads() -> Callable[[str], Any] | None:
    try:
        from orjson import loads
    except ImportError:
        return None
    return loads  # type: ignore[no-any-return]


fast_loads = _fast_loads()  # None where orjson is not installed


def json_value(payload: str) -> Any:
    """``payload`` as ``json.loads`` reads it; ValueError (or RecursionError, nested
    deeper than the interpreter's stack) when it is not one JSON value."""
    if fast_loads is not None and (len(payload) <= FAST_BRACKETS or payload.count("{") + payload.count("[") <= FAST_BRACKETS):
        try:
            return fast_loads(payload)
        except ValueError:  # orjson.JSONDecodeError is one
            pass
    return _standard(payload)


def _standard(payload: str) -> Any:
    """:func:`json_value` by the standard decoder alone, which has the last word."""
    try:
        value, end = _SCAN(payload, 0)
    except StopIteration as stop:
        raise ValueError(f"no JSON value at {stop.value}") from None
    if end != len(payload) and _WHITESPACE.match(payload, end).end() != len(payload):  # type: ignore[union-attr]
        raise ValueError(f"more after the value at {end}")
    return value


def data_lines(text: str) -> Iterator[tuple[int, str]]:
    """(where its payload starts, the payload) of each ``data:`` line of an event stream:
    one that starts the text or follows a line break (CR, LF or CRLF: the stream format
    allows each), its payload after one optional space, up to the line's end. Found with
    ``str.find``: a regex's ``[^\\r\\n]*`` steps through a 37 MB stream with non-ASCII
    text a character at a time (0.55 s where this takes 0.05)."""
    at, n = 0, len(text)
    while (found := text.find("data:", at)) >= 0:
        line_end = text.find("\n", found)
        line_end = n if line_end < 0 else line_end
        cr = text.find("\r", found, line_end)
        line_end = line_end if cr < 0 else cr
        if found == 0 or text[found - 1] in "\r\n":
            start = found + 6 if text.startswith(" ", found + 5) else found + 5
            yield start, text[start:line_end]
        at = line_end


def data_objects(text: str) -> Iterator[tuple[int, dict[str, object]]]:
    """(where its payload starts, the object) of each ``data:`` line of an event stream
    whose payload is a JSON object, one at a time."""
    for start, payload in data_lines(text):
        if not payload.startswith("{"):
            continue
        try:
            data = json_value(payload)
        except (ValueError, RecursionError):
            continue  # not JSON, or nested deeper than anything a provider sends
        if isinstance(data, dict):
            yield start, data
