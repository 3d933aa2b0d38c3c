"""What is wrong with an event stream, for `incomplete-stream`: cut off (its last event
has no blank line after it), never ended (no `[DONE]` or finish_reason, `message_stop`,
`response.completed`, Gemini `finishReason`), or failed (a provider error event). Told
from the events that decide it, and from a long stream's ends when they settle it;
imported only when a cassette holds an event stream."""

from __future__ import annotations

import re

from ..bodies import Kind
from ..streams import anthropic, bedrock
from ..streams.assembly import PROVIDERS, Assembly, decided_kind, detect_kind
from ..streams.aws import EventStreamError, bedrock_to_event_stream
from ..streams.sse import Event, EventStream, parse_event_stream
from ..streams.deltas import Collector, DeltaKind, load_json_object

RESPONSES_END = frozenset({"response.completed", "response.incomplete", "response.failed"})
ANTHROPIC_END = frozenset({"message_stop", "messageStop"})
ERROR_TYPES = frozenset({"error", "response.failed"})
MODEL_TYPES = anthropic.EVENT_TYPES | bedrock.CONVERSE_TYPES


# Words every event that fails a stream holds: `{"error": ...}`, `"type": "error"`,
# `response.failed`, Bedrock's `...Exception` frames.
FAILURE_WORDS = ("rror", "xception", "failed")
END = {"openai-chat": "[DONE] or a finish_reason", "openai-responses": "response.completed", "anthropic": "message_stop", "gemini": "a finishReason", "bedrock": "message_stop"}


# What the text of a stream that can end holds, per provider (a necessary condition):
# OpenAI's end is `[DONE]` or a finish_reason with a value (a chunk of a stream cut
# short says `"finish_reason":null`), its key written as providers write it, unescaped.
END_EVIDENCE = {"openai-chat": re.compile(r'\[DONE\]|"finish_reason"\s*:\s*"[^"]')}


def _type(event: str, data: str) -> str:
    if event and event != "message":
        return event
    obj = load_json_object(data) if '"type"' in data else None
    value = obj.get("type") if obj is not None else None
    return value if isinstance(value, str) else event


def _ended(kind: str, types: set[str], deltas: set[DeltaKind]) -> bool:
    if kind == "openai-chat":  # [DONE]; Perplexity and other lookalikes end on a finish_reason and send no [DONE]
        return DeltaKind.DONE in deltas or DeltaKind.FINISH in deltas
    if kind == "openai-responses":
        return bool(types & RESPONSES_END)
    if kind == "anthropic":
        return bool(types & ANTHROPIC_END)
    if kind == "gemini":
        return DeltaKind.FINISH in deltas
    if kind == "bedrock":  # a model's stream (Anthropic events or Converse); an agent's (trace, chunk) has no end event
        return bool(types & ANTHROPIC_END) or DeltaKind.FINISH in deltas or not types & MODEL_TYPES
    return True  # a stream of no known provider has no end event to wait for


def problems(kind: str, types: set[str], deltas: set[DeltaKind], unterminated: bool) -> list[str]:
    """What is wrong with a decoded stream: the event types and the kinds of delta of
    its events (all of them, or those :func:`deciding` picks), whether its last event
    was left unterminated."""
    found = []
    if unterminated:
        found.append("the last event is unterminated (no blank line after it: a parser drops it)")
    if not _ended(kind, types, deltas):
        found.append(f"no end event ({END[kind]}) in the {kind} stream")
    if kind == "bedrock":
        failed = any(t == "error" or t.endswith("Exception") for t in types)  # exception frames; other types are events
    else:
        failed = DeltaKind.ERROR in deltas or bool(types & ERROR_TYPES)
    if failed:
        found.append("the provider sent an error event")
    return found


def verdict_of_assembly(stream: EventStream, assembly: Assembly) -> list[str]:
    """The problems, told from every event of a stream and its whole assembly (what
    :func:`deciding` must agree with: tests compare them on every real stream)."""
    deltas = {d.kind for s in assembly.summaries for d in s}
    return problems(assembly.kind, {_type(e.event, e.data) for e in stream.events}, deltas, stream.unterminated)


def deciding(stream: EventStream, kind: str | None = None, body: str | None = None) -> list[str]:
    """The problems, told from the events that decide them: from the last event back
    to the end event (one or two in a stream that ended), and every event holding one
    of FAILURE_WORDS; a Bedrock stream's every event (any frame type may be an
    exception). The rest of the stream is neither parsed nor summarized. ``body``, the
    text the stream was parsed from, if given: no event holds a word the body lacks."""
    kind = kind or detect_kind(stream.events)
    words = FAILURE_WORDS if body is None else tuple(word for word in FAILURE_WORDS if word in body)
    evidence = END_EVIDENCE.get(kind)
    can_end = body is None or evidence is None or evidence.search(body) is not None
    types, deltas = _looked_at(stream, kind, words, tail=can_end)
    return problems(kind, types, deltas, stream.unterminated)


def _looked_at(stream: EventStream, kind: str, words: tuple[str, ...], *, tail: bool = True) -> tuple[set[str], set[DeltaKind]]:
    """The event types and delta kinds of the events :func:`deciding` looks at (the
    tail back to the end event unless ``tail`` is False: no event can end it)."""
    events = stream.events
    summarize = PROVIDERS[kind]
    state = Collector(kind)
    types: set[str] = set()
    deltas: set[DeltaKind] = set()

    def look(ev: Event) -> None:
        types.add(_type(ev.event, ev.data))
        deltas.update(d.kind for d in summarize(state, ev))

    if kind == "bedrock":
        for ev in events:
            look(ev)
        return types, deltas
    looked = set()
    for ev in events if words else ():
        if any(word in ev.data or word in ev.event for word in words):
            look(ev)
            looked.add(ev.index)
    for ev in reversed(events) if tail else ():
        if _ended(kind, types, deltas):
            break
        if ev.index not in looked:
            look(ev)
    return types, deltas


# How much of a long stream's start and end is parsed first (the end event is in the
# last few events, the provider shows in the first); a blank line ends each event.
SEGMENT = 4 * 1024
BLANK_LINES = ("\n\n", "\r\n\r\n", "\r\r")


def from_ends(text: str) -> tuple[str, list[str]] | None:
    """(provider, problems) of a long event stream told from its first and last events
    only, when they settle it: no event can hold a failure word (the text holds none),
    the first events show the provider, and the last ones hold the end event. None when
    they do not: the whole stream is parsed then. The same verdict as the whole
    stream's (tests/test_incomplete_stream_deciding.py)."""
    if len(text) < 4 * SEGMENT or any(word in text for word in FAILURE_WORDS):
        return None
    head_end = min((i + len(sep) for sep in BLANK_LINES if (i := text.find(sep, SEGMENT)) >= 0), default=None)
    tail_start = max((i + len(sep) for sep in BLANK_LINES if (i := text.rfind(sep, 0, len(text) - SEGMENT)) >= 0), default=None)
    if head_end is None or tail_start is None or tail_start < head_end:
        return None
    provider = decided_kind(parse_event_stream(text[:head_end]).events)
    if provider is None or provider == "bedrock" or provider == "anthropic" and anthropic.BEDROCK_METRICS in text:
        return None  # told by all the events, or (Anthropic or Bedrock) by any of them
    tail = parse_event_stream(text[tail_start:])
    types, deltas = _looked_at(tail, provider, ())
    if not _ended(provider, types, deltas):
        return None
    return provider, problems(provider, types, deltas, tail.unterminated)


def decoded(kind: Kind, text: str | None, data: bytes) -> tuple[EventStream, str | None, list[str]]:
    """The stream, its provider kind if known, and what could not be decoded, from the
    raw body: only the rule's verdict comes from it (a finding prints the masked URL
    and fixed text), so the body is not masked first."""
    if kind is Kind.AWS_EVENT_STREAM:
        try:
            return bedrock_to_event_stream(data), "bedrock", []
        except EventStreamError as exc:  # its message names a frame and a byte offset, no content
            return EventStream(), "bedrock", [f"cannot decode the AWS event stream: {exc}"]
    return parse_event_stream(text or ""), None, []
