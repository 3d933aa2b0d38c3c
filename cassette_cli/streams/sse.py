"""Server-sent events: parse a ``text/event-stream`` body the way a browser does.

The parser follows the WHATWG HTML standard, section "Server-sent events",
subsections *Parsing an event stream* and *Interpreting an event stream*:

* one leading U+FEFF (BOM) is stripped, and only one;
* a line ends at CRLF, LF or CR -- and at nothing else (``str.splitlines`` would
  also split on ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and U+2029,
  which may legitimately appear inside event data);
* a line starting with ``:`` is a comment;
* otherwise the field name is the text before the first ``:`` and the value the
  text after it, with ONE leading space removed; a line without ``:`` is a field
  whose value is empty;
* ``data`` appends the value plus LF to the data buffer, ``event`` sets the event
  type buffer, ``id`` sets the last event ID unless the value contains NUL (the ID
  persists across events), ``retry`` is used only when it is all ASCII digits, and
  any other field is ignored;
* an empty line dispatches: when the data buffer is empty nothing is dispatched
  (and the type buffer is reset), otherwise one trailing LF is stripped from the
  data and the type defaults to ``message``;
* at the end of the input whatever is pending is discarded: an event whose
  blank line never came is not dispatched (:attr:`EventStream.unterminated`).

Everything here works on ``str``; decode bytes as UTF-8 with ``errors="replace"``
first, as the standard does. Whether a body is an event stream at all is decided in
:mod:`cassette_cli.bodies.sniff`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..bodies.sniff import split_event_stream_lines

__all__ = [
    "Comment",
    "Event",
    "EventStream",
    "count_events",
    "parse_event_stream",
]

_BOM = "\ufeff"


@dataclass(frozen=True)
class Event:
    """One dispatched event.

    ``line`` is the 1-based line number (in the text given to the parser, the
    BOM not counting as a line) of the first *field* line that belongs to the
    event -- comments are not fields, and neither are lines before the previous
    blank line.  Streams built from binary frames (see
    :mod:`cassette_cli.streams.aws`) use the 1-based frame number instead.
    """

    index: int
    event: str
    id: str | None
    data: str
    line: int


@dataclass(frozen=True)
class Comment:
    """A comment line (``:`` followed by text).

    ``text`` is what follows the colon with ONE leading space removed -- the same
    convention as field values -- so ``: OPENROUTER PROCESSING`` gives
    ``"OPENROUTER PROCESSING"``, ``:ping`` gives ``"ping"`` and ``:  x`` gives
    ``" x"``.  ``after_event`` is how many events had been dispatched when the
    comment was read, so a renderer can interleave comments with events.
    """

    text: str
    line: int
    after_event: int


@dataclass
class EventStream:
    """The result of interpreting a whole event stream.

    ``retry`` is the last valid ``retry`` value (milliseconds), ``None`` when the
    stream never set one.  ``unterminated`` is true when data was pending at the
    end of the input -- a final event with no blank line after it, which the
    standard discards.
    """

    events: list[Event] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    retry: int | None = None
    unterminated: bool = False


def _field(line: str) -> tuple[str, str]:
    """Split a non-empty, non-comment line into (name, value)."""
    name, sep, value = line.partition(":")
    if sep and value.startswith(" "):
        value = value[1:]
    return name, value


def _is_data_line(line: str) -> bool:
    """True for a ``data`` field line (``data``, ``data:...``)."""
    return line.startswith("data") and (len(line) == 4 or line[4] == ":")


def parse_event_stream(text: str) -> EventStream:
    """Interpret ``text`` as an event stream (see the module docstring)."""
    lines, partial = split_event_stream_lines(text)
    events: list[Event] = []
    comments: list[Comment] = []
    retry: int | None = None

    data: list[str] = []
    event_type = ""
    last_id: str | None = None
    first_line = 0  # line number of the first field line of the pending event

    for number, line in enumerate(lines, 1):
        if not line:
            if data:
                events.append(
                    Event(
                        index=len(events),
                        event=event_type or "message",
                        id=last_id,
                        data="\n".join(data),
                        line=first_line,
                    )
                )
                data = []
            event_type = ""
            first_line = 0
            continue
        if line[0] == ":":
            body = line[1:]
            if body.startswith(" "):
                body = body[1:]
            comments.append(Comment(text=body, line=number, after_event=len(events)))
            continue
        if not first_line:
            first_line = number
        name, value = _field(line)
        if name == "data":
            data.append(value)
        elif name == "event":
            event_type = value
        elif name == "id":
            if "\x00" not in value:
                last_id = value
        elif name == "retry":
            if value.isascii() and value.isdigit():
                retry = int(value)
        # any other field name is ignored

    unterminated = bool(data) or _is_data_line(partial)
    return EventStream(events=events, comments=comments, retry=retry, unterminated=unterminated)


# A data field's line inside one block of an LF-only or CRLF-only stream.
_DATA_LINE = {"\n": re.compile(r"(?:\A|\n)data(?::|\n|\Z)"), "\r\n": re.compile(r"(?:\A|\r\n)data(?::|\r\n|\Z)")}


def count_events(text: str) -> int:
    """Number of events :func:`parse_event_stream` would dispatch, without building them.

    An event is dispatched at an empty line when a ``data`` field came since the last
    one. LF-only and CRLF-only streams (most recordings) are cut at their empty lines
    by ``str.split`` and each block is looked at once; other streams are parsed line by
    line."""
    if "\r" not in text:
        ending = "\n"
    elif text.count("\r\n") == text.count("\r") == text.count("\n"):
        ending = "\r\n"
    else:
        ending = ""
    if ending:
        if text.startswith(_BOM):  # one, as split_event_stream_lines strips for the parser
            text = text[1:]
        data_line = _DATA_LINE[ending].search
        blocks = text.split(ending + ending)
        blocks.pop()  # after the last empty line: not dispatched
        field = ending + "data:"  # a line of the block that starts with "data:"
        return sum(
            1
            for block in blocks
            if block.startswith("data:") or field in block or ("data" in block and data_line(block) is not None)
        )
    lines, _partial = split_event_stream_lines(text)
    count = 0
    pending = False
    for line in lines:
        if not line:
            if pending:
                count += 1
                pending = False
        elif not pending and line.startswith("data") and (len(line) == 4 or line[4] == ":"):
            pending = True
    return count
