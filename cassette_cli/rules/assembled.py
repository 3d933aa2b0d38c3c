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

import json
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ..document.json_tokens import END, KEY, LITERAL, MAP_START, SEQ_START, STRING, events
from .finding import Finding
from .json_body import json_escape, json_findings, json_unescape_map
from .policy import Policy
from .urls import text_findings

__all__ = ["Pieces", "Run", "assembled_findings", "data_lines", "data_objects"]

Path = tuple[object, ...]


class _Branch:
    """One JSON path of the events: the run of its string pieces (made at its first
    non-empty one) and the paths one step below it, by key or index. Walking an event
    down these finds each piece's run without building and hashing its path's tuple."""

    __slots__ = ("path", "run", "below")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run: Run | None = None
        self.below: dict[object, _Branch] = {}

    def child(self, step: object) -> _Branch:
        """The branch one ``step`` (key or index) below, made on first use."""
        child = self.below.get(step)
        if child is None:
            child = self.below[step] = _Branch((*self.path, step))
        return child


def _leaves(value: object, branch: _Branch, out: list[tuple[_Branch, str]]) -> None:
    """Every non-empty string below ``value`` with the branch of its path, in order
    (``_Branch.child`` spelled out, and a string child taken without a call of its own:
    this runs for every key of every event)."""
    kind = type(value)
    if kind is str:
        if value:
            out.append((branch, value))  # type: ignore[arg-type]
        return
    if kind is dict:
        steps: Iterator[tuple[object, object]] = iter(value.items())  # type: ignore[attr-defined]
    elif kind is list:
        steps = enumerate(value)  # type: ignore[arg-type]
    else:
        return
    below = branch.below
    for step, item in steps:
        child = below.get(step)
        if child is None:
            child = below[step] = _Branch((*branch.path, step))
        item_kind = type(item)
        if item_kind is str:
            if item:
                out.append((child, item))  # type: ignore[arg-type]
        elif item_kind is dict or item_kind is list:
            _leaves(item, child, out)


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


def _json_looking(value: object) -> bool:
    """Whether a subtree holds a string that looks like JSON (such a string is joined and
    scanned even when every event repeats it)."""
    if isinstance(value, str):
        return value.lstrip().startswith(("{", "["))
    if isinstance(value, dict):
        return any(_json_looking(v) for v in value.values())
    if isinstance(value, list):
        return any(_json_looking(v) for v in value)
    return False


class Run:
    """The string pieces of one JSON path, in stream order, held compactly: where each
    piece's event payload starts and where the piece ends in the joined text (machine
    integers in arrays), and the text joined as it comes. A stream of 170,000 one-word
    deltas costs 16 bytes a piece beside its characters, not a tuple, an int and a
    string object each (~25 MB on the benchmark's 7.5 MB stream)."""

    __slots__ = ("starts", "ends", "first", "same", "_joined", "_buffer")
    BUFFER = 4096  # pieces kept as strings before they are joined into one

    def __init__(self) -> None:
        self.starts = array("q")  # where the payload of each piece's event starts in the text
        self.ends = array("q")  # where each piece ends in the joined text
        self.first = ""  # the first piece
        self.same = True  # every piece so far equals the first
        self._joined: list[str] = []
        self._buffer: list[str] = []

    def append(self, start: int, value: str) -> None:
        """One more (non-empty) piece, from the event whose payload starts at ``start``."""
        if not self.starts:
            self.first = value
        elif self.same and value != self.first:
            self.same = False
        self.starts.append(start)
        self.ends.append((self.ends[-1] if self.ends else 0) + len(value))
        buffer = self._buffer
        buffer.append(value)
        if len(buffer) >= self.BUFFER:
            self._joined.append("".join(buffer))
            buffer.clear()

    def __len__(self) -> int:
        return len(self.starts)

    def joined(self) -> str:
        if self._buffer:
            self._joined.append("".join(self._buffer))
            self._buffer.clear()
        if len(self._joined) > 1:
            self._joined[:] = ["".join(self._joined)]
        return self._joined[0] if self._joined else ""

    def parts(self) -> list[tuple[int, str]]:
        """(payload start, piece) of every piece, in order."""
        joined, ends = self.joined(), self.ends
        return [(start, joined[ends[i - 1] if i else 0 : ends[i]]) for i, start in enumerate(self.starts)]


class Pieces:
    """The string pieces of each JSON path, event by event, keeping no event whole. A
    top-level key whose value so far equals the first event's is held back (only where
    the events start is kept): a key equal in every event (Perplexity's citations and
    search results, ids, model names) has no pieces to join and is never walked; once a
    value differs (or the key is missing), the events before get the first event's
    pieces and the key is walked from then on. Keys holding a JSON-looking string are
    walked from the start."""

    def __init__(self) -> None:
        self.by_path: dict[Path, Run] = {}
        self._root = _Branch(())
        self._first: dict[str, object] | None = None
        self._held: dict[str, None] = {}  # keys every event so far had with the first event's value, in its order
        self._starts = array("q")  # where each event's payload starts, while a key is held

    def append(self, path: Path, start: int, value: str) -> None:
        """One piece at ``path`` of the event whose payload starts at ``start``; empty
        strings have nothing to join and are left out."""
        branch = self._root
        for step in path:
            branch = branch.child(step)
        self._append([(branch, value)] if value else [], start)

    def _append(self, leaves: list[tuple[_Branch, str]], start: int) -> None:
        by_path = self.by_path
        for branch, value in leaves:
            run = branch.run
            if run is None:
                run = branch.run = by_path[branch.path] = Run()
            run.append(start, value)

    def add(self, start: int, data: dict[str, object]) -> None:
        """One event's object (``start``: where its payload starts in the text)."""
        if self._first is None:
            self._first = data
            try:
                self._held = {key: None for key, value in data.items() if not _json_looking(value)}
            except RecursionError:  # nested deeper than anything a provider sends: every key is walked
                self._held = {}
        first, held, root = self._first, self._held, self._root
        pending: list[tuple[list[tuple[_Branch, str]], int]] = []  # (leaves, at) to append, in order
        released: list[str] = []
        present = 0  # held keys this event has
        try:
            for key, item in data.items():
                if key in held:
                    present += 1
                    if item == first[key]:
                        continue
                    released.append(key)
                    pending += self._held_pieces(key)
                leaves: list[tuple[_Branch, str]] = []
                _leaves(item, root.child(key), leaves)
                pending.append((leaves, start))
            if present < len(held):
                for key in held:
                    if key not in data:
                        released.append(key)
                        pending += self._held_pieces(key)
        except RecursionError:
            return  # nested deeper than anything a provider sends: the event is left out
        for key in released:
            del held[key]
        if held:
            self._starts.append(start)
        for leaves, at in pending:
            self._append(leaves, at)

    def _held_pieces(self, key: str) -> list[tuple[list[tuple[_Branch, str]], int]]:
        """The first event's pieces under ``key``, for every event it was held back in."""
        assert self._first is not None
        leaves: list[tuple[_Branch, str]] = []
        _leaves(self._first[key], self._root.child(key), leaves)
        return [(leaves, at) for at in self._starts]


_SCAN = json.JSONDecoder().scan_once  # json.loads without its three Python frames per call
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what json.loads allows after the value


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
    whose payload is a JSON object, one at a time: parsed once, for the line scan and
    for the joined deltas. Each payload is read as ``json.loads`` reads it (a value,
    then only whitespace), by the decoder's scanner called directly."""
    for start, payload in data_lines(text):
        if not payload.startswith("{"):
            continue
        try:
            data, end = _SCAN(payload, 0)
        except (StopIteration, ValueError, RecursionError):
            continue  # not JSON, or nested deeper than anything a provider sends
        if end != len(payload) and _WHITESPACE.match(payload, end).end() != len(payload):  # type: ignore[union-attr]
            continue  # more after the object
        if isinstance(data, dict):
            yield start, data


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
    """Where the string at ``path`` of the data line starting at ``payload_start`` sits."""
    end = text.find("\n", payload_start)
    end = len(text) if end < 0 else end
    if "\r" in text[payload_start:end]:
        end = text.index("\r", payload_start, end)
    payload = text[payload_start:end]
    for p, start, stop in _string_spans(payload):
        if p == path:
            return payload_start + start, payload_start + stop
    return None
