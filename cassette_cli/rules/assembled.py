"""Secrets an event stream only shows once its deltas are joined.

A streamed message arrives in pieces: the same JSON path (``choices[0].delta.content``,
``delta.text``, ``delta.partial_json``, ``...function.arguments``) carries a new piece of
text in each event. A key split over two events is in no single line, and a key inside
tool-call arguments sits JSON-escaped in a string where no key rule looks. So the string
pieces of each path are joined in stream order, the joined text is scanned (patterns and
URLs; and as JSON when it is JSON, for the key rules), and each finding is cut back into
the pieces it spans: the first piece gets the replacement, the others lose their part,
each in its own event. Provider-agnostic: no provider's field names are needed."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ..document.json_tokens import END, KEY, LITERAL, MAP_START, SEQ_START, STRING, events
from .event_data import data_lines, data_objects
from .finding import Finding
from .json_body import json_escape, json_findings, json_unescape_map
from .pieces import Path, Pieces, Run
from .policy import Policy
from .urls import text_findings

__all__ = ["Pieces", "Run", "assembled_findings", "data_lines", "data_objects"]


def _string_spans(payload: str) -> Iterator[tuple[Path, int, int]]:
    """(path, start, end) of every string value of a JSON text, inside its quotes."""
    stack: list[list[object]] = []  # per open collection: [is_map, key or next index]
    for kind, start, end, value in events(payload, values=False):
        if kind is KEY:
            stack[-1][1] = value
            continue
        if kind is END:
            stack.pop()
            if stack and not stack[-1][0]:
                stack[-1][1] += 1  # type: ignore[operator]
            continue
        path = tuple(frame[1] for frame in stack)
        if kind is MAP_START or kind is SEQ_START:
            stack.append([kind is MAP_START, None if kind is MAP_START else 0])
            continue
        if kind is STRING:
            yield path, start + 1, end - 1
        if kind in (STRING, LITERAL) and stack and not stack[-1][0]:
            stack[-1][1] += 1  # type: ignore[operator]


def assembled_findings(text: str, policy: Policy, taken: Sequence[Finding] = (), pieces: Pieces | None = None) -> list[Finding]:
    """Findings in the joined string pieces of an event stream's ``text``, as spans of
    ``text`` (outside ``taken``); ``pieces``: the text's :class:`Pieces`, when the caller
    gathered them."""
    if pieces is None:
        pieces = Pieces()
        for start, data in data_objects(text):
            pieces.add(start, data)
    spans = [(f.start, f.end) for f in taken]
    found: list[Finding] = []
    for path, run in pieces.by_path.items():
        first = run.first
        json_looking = first.lstrip().startswith(("{", "["))
        if len(run) < 2 and not json_looking:
            continue  # one piece: the line's own scan saw it whole
        if run.same and not json_looking:
            continue  # the same value in every event (citations, ids): no deltas to join
        joined = run.joined()
        inner = []
        if joined.lstrip()[:1] in ("{", "["):
            inner = json_findings(joined, policy) or []
        inner += [f for f in text_findings(joined, policy) if not any(f.start < g.end and g.start < f.end for g in inner)]
        for f in sorted(inner, key=lambda f: f.start):
            found += _cut(text, path, run, joined, f, spans)
    return found


def _cut(text: str, path: Path, run: Run, joined: str, finding: Finding, spans: list[tuple[int, int]]) -> list[Finding]:
    """The finding of the joined text as findings of the pieces it spans; none when a
    piece of it was already found on its own line (that line's scan has it, and the
    joined match may run on into the next event's text)."""
    pieces: list[tuple[int, int, str]] = []
    ends = run.ends
    i = bisect_right(ends, finding.start)  # the first piece ending after the finding starts
    while i < len(ends) and (a := ends[i - 1] if i else 0) < finding.end:
        b = ends[i]
        value = joined[a:b]
        lo, hi = max(finding.start, a) - a, min(finding.end, b) - a
        source = _source_span(text, run.starts[i], path)
        i += 1
        if source is None:
            return []
        s_start, s_end = source
        raw = text[s_start:s_end]
        if "\\" in raw:
            _, offsets = json_unescape_map(raw)
            start, end = s_start + offsets[lo], s_start + offsets[hi]
        else:
            start, end = s_start + lo, s_start + hi
        if any(start < t_end and t_start < end for t_start, t_end in spans):
            return []
        pieces.append((start, end, value[lo:hi]))
    out = []
    for i, (start, end, secret) in enumerate(pieces):
        spans.append((start, end))
        new = json_escape(finding.new or "") if i == 0 else ""
        out.append(Finding(finding.rule, start, end, secret, f"{finding.detail} (joined from the stream's events)", new))
    return out


def _source_span(text: str, payload_start: int, path: Path) -> tuple[int, int] | None:
    """Where the string at ``path`` of the data line starting at ``payload_start`` sits:
    with duplicate keys, the last one, which is the one a JSON reader keeps and so the
    one in the joined text (this is only asked for a line whose value there is a string,
    so the last string at the path is that value)."""
    end = text.find("\n", payload_start)
    end = len(text) if end < 0 else end
    if "\r" in text[payload_start:end]:
        end = text.index("\r", payload_start, end)
    payload = text[payload_start:end]
    last = None
    for p, start, stop in _string_spans(payload):
        if p == path:
            last = payload_start + start, payload_start + stop
    return last
