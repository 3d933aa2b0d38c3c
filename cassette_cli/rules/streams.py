"""Line-oriented bodies (event streams, NDJSON): each line edited on its own, line
endings (CR, LF, CRLF) kept as they are.

Each ``data:`` line of an event stream is treated as JSON when it parses (each whole
line for NDJSON); other lines get the patterns. Big streams are mostly lines without
anything a rule looks for: those are found in one pass of the trigger and never split
or parsed."""

from __future__ import annotations

import re

from .finding import Finding, splice
from .json_body import body_hits, json_findings, json_keys
from .policy import Policy
from .urls import text_findings

__all__ = ["candidate_lines", "lines_with_triggers", "redact_event_stream", "redact_lines"]

Result = tuple[str, list[Finding]]

_LINE_BREAK_RE = re.compile(r"(\r\n|\r|\n)")
_LINE_ENDS = "\r\n"


def redact_lines(text: str, policy: Policy, *, event_stream: bool, apply: bool = True) -> Result:
    """Redact a line-oriented body, keeping every line ending as it is.

    With ``event_stream`` the JSON of each ``data:`` line is edited (after the
    one optional space); otherwise each whole line is tried as JSON (NDJSON).
    Lines that are not JSON get the patterns.
    """
    found: list[Finding] = []
    pieces = None
    parsed: set[int] = set()  # where the payloads known to be JSON start
    if event_stream:
        from .assembled import Pieces, data_objects

        pieces = Pieces()
        for at, data in data_objects(text):
            parsed.add(at)
            pieces.add(at, data)
    for start, end, hits in lines_with_triggers(text, policy):
        part = text[start:end]
        payload_at = 0
        if event_stream and part.startswith("data:"):
            payload_at = 6 if part.startswith("data: ") else 5
        payload = part[payload_at:]
        inner = None
        if payload_at or not event_stream:
            at = start + payload_at
            mine = None if hits is None else [h - at for h in hits if h >= at]
            inner = json_findings(payload, policy, hits=mine, valid=at in parsed) if payload.strip() else []
            if inner:
                inner.sort(key=lambda f: f.start)
        if inner is None:
            inner = text_findings(payload, policy)
        offset = start + payload_at
        found += [f.shifted(offset) for f in inner]
    if event_stream:
        from .assembled import assembled_findings

        found += assembled_findings(text, policy, found, pieces)
    return (splice(text, found) if apply and found else text), found


def candidate_lines(text: str, policy: Policy) -> list[tuple[int, int]]:
    """The (start, end) of each line that could hold something to redact, in order.

    A line can only hold a finding if it holds a trigger: a key shape's literal, a
    possible secret key, a URL with a query, or an escape that could hide one. With
    custom patterns every line is a candidate."""
    return [(start, end) for start, end, _ in lines_with_triggers(text, policy)]


def lines_with_triggers(text: str, policy: Policy) -> list[tuple[int, int, list[int] | None]]:
    """:func:`candidate_lines`, each with the positions of its triggers in ``text``
    (None when every string is scanned: then every line is a candidate)."""
    if policy.scans_every_string:
        every_line: list[tuple[int, int, list[int] | None]] = []
        offset = 0
        for part in _LINE_BREAK_RE.split(text):
            if part and part[0] not in _LINE_ENDS:
                every_line.append((offset, offset + len(part), None))
            offset += len(part)
        return every_line
    hits = body_hits(text, json_keys(policy))
    spans: list[tuple[int, int, list[int] | None]] = []
    last_end = -1
    has_cr = "\r" in text
    for at in hits:
        if at < last_end:
            spans[-1][2].append(at)  # type: ignore[union-attr]
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if has_cr:
            start = max(start, text.rfind("\r", start, at) + 1)
            cr = text.find("\r", at, end)
            end = end if cr == -1 else cr
        spans.append((start, end, [at]))
        last_end = end
    return spans


def redact_event_stream(text: str, policy: Policy) -> Result:
    """Redact a ``text/event-stream`` body (see :func:`redact_lines`)."""
    return redact_lines(text, policy, event_stream=True)
