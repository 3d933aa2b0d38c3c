"""`incomplete-stream`: an event stream cut off or failed: its last event has no blank
line after it (a WHATWG parser discards it), the provider's end event never came
(`[DONE]` or a `finish_reason`, `message_stop`, `response.completed`/`.incomplete`/`.failed`, a Gemini
`finishReason`), or the provider sent an error event inside it. Streams are decoded by
cassette_cli.streams from the raw body (a finding prints no part of it)."""

from __future__ import annotations

from collections.abc import Iterator

from ..bodies import Kind, kind_of
from ..streams import anthropic, bedrock
from ..streams.assembly import PROVIDERS, Assembly, detect_kind
from ..streams.aws import EventStreamError, bedrock_to_event_stream
from ..streams.sse import Event, EventStream, parse_event_stream
from ..streams.deltas import Collector, DeltaKind, load_json_object
from .places import body_offset
from .rule import CheckRule, Context, Hit, Options

RESPONSES_END = frozenset({"response.completed", "response.incomplete", "response.failed"})
ANTHROPIC_END = frozenset({"message_stop", "messageStop"})
ERROR_TYPES = frozenset({"error", "response.failed"})
MODEL_TYPES = anthropic.EVENT_TYPES | bedrock.CONVERSE_TYPES


# Words every event that fails a stream holds: `{"error": ...}`, `"type": "error"`,
# `response.failed`, Bedrock's `...Exception` frames.
FAILURE_WORDS = ("rror", "xception", "failed")
END = {"openai-chat": "[DONE] or a finish_reason", "openai-responses": "response.completed", "anthropic": "message_stop", "gemini": "a finishReason", "bedrock": "message_stop"}


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
    events = stream.events
    kind = kind or detect_kind(events)
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
        return problems(kind, types, deltas, stream.unterminated)
    looked = set()
    words = FAILURE_WORDS if body is None else tuple(word for word in FAILURE_WORDS if word in body)
    for ev in events if words else ():
        if any(word in ev.data or word in ev.event for word in words):
            look(ev)
            looked.add(ev.index)
    for ev in reversed(events):
        if _ended(kind, types, deltas):
            break
        if ev.index not in looked:
            look(ev)
    return problems(kind, types, deltas, stream.unterminated)


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


def check(context: Context, options: Options) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        response = interaction.response
        body = response.body
        if response.node is None or (body.node is None and body.structured is None):
            continue
        text = body.text
        kind = kind_of(response.content_type, text, data=body.data if body.base64 else None, strict=True)
        if kind is not Kind.EVENT_STREAM and kind is not Kind.AWS_EVENT_STREAM or kind is Kind.EVENT_STREAM and text is None:
            continue
        stream, provider, undecodable = decoded(kind, text, body.data)
        provider = provider or detect_kind(stream.events)
        found = deciding(stream, provider, text if kind is Kind.EVENT_STREAM else None) + undecodable
        if found:
            masked = context.masked[interaction.index]
            where = f"{context.where(interaction.index)}.response.body"
            yield Hit(body_offset(body, response.node), f"event stream of {masked.method} {masked.url}: {'; '.join(found)}", where, extra={"stream_kind": provider})


RULE = CheckRule(
    id="incomplete-stream",
    description="an event stream cut off (last event unterminated, no [DONE] / message_stop / response.completed / finishReason) or holding a provider error event",
    default=True,
    check=check,
    fires=("data: {...chunk...}\\n\\n with no data: [DONE]", "an Anthropic stream ending before message_stop", "event: error in the stream", "data: [DONE] with no blank line after it"),
    quiet=("an OpenAI stream ending in data: [DONE]\\n\\n", "a Gemini stream whose last chunk has finishReason", "a JSON body that mentions [DONE]"),
    fix="Record the stream again, letting the test read it to the end.",
)
