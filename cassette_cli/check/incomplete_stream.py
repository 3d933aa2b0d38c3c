"""`incomplete-stream`: an event stream cut off or failed: its last event has no blank
line after it (a WHATWG parser discards it), the provider's end event never came
(`[DONE]` or a `finish_reason`, `message_stop`, `response.completed`/`.incomplete`/`.failed`, a Gemini
`finishReason`), or the provider sent an error event inside it. Streams are decoded by
cassette_cli.streams, from the masked body."""

from __future__ import annotations

from collections.abc import Iterator

from ..bodies import Kind, kind_of
from ..streams import anthropic, bedrock
from ..streams.deltas import DeltaKind, load_json_object
from .places import body_offset
from .rule import CheckRule, Context, Hit, Options

RESPONSES_END = frozenset({"response.completed", "response.incomplete", "response.failed"})
ANTHROPIC_END = frozenset({"message_stop", "messageStop"})
ERROR_TYPES = frozenset({"error", "response.failed"})
MODEL_TYPES = anthropic.EVENT_TYPES | bedrock.CONVERSE_TYPES


def _type(event: str, data: str) -> str:
    if event and event != "message":
        return event
    obj = load_json_object(data) if '"type"' in data else None
    value = obj.get("type") if obj is not None else None
    return value if isinstance(value, str) else event


def problems(kind: str, events: list[tuple[str, str]], deltas: set[DeltaKind], unterminated: bool) -> list[str]:
    """What is wrong with a decoded stream: (event type, data) of each event, the kinds of
    delta its summaries hold, whether its last event was left unterminated."""
    found = []
    if unterminated:
        found.append("the last event is unterminated (no blank line after it: a parser drops it)")
    types = {_type(e, d) for e, d in events}
    ended = {
        # [DONE]; Perplexity and other lookalikes end on a finish_reason and send no [DONE]
        "openai-chat": DeltaKind.DONE in deltas or DeltaKind.FINISH in deltas,
        "openai-responses": bool(types & RESPONSES_END),
        "anthropic": bool(types & ANTHROPIC_END),
        "gemini": DeltaKind.FINISH in deltas,
        # a model's stream (Anthropic events or Converse); an agent's (trace, chunk) has no end event
        "bedrock": bool(types & ANTHROPIC_END) or DeltaKind.FINISH in deltas or not types & MODEL_TYPES,
    }.get(kind, True)  # a stream of no known provider has no end event to wait for
    if not ended:
        end = {"openai-chat": "[DONE] or a finish_reason", "openai-responses": "response.completed", "anthropic": "message_stop", "gemini": "a finishReason", "bedrock": "message_stop"}[kind]
        found.append(f"no end event ({end}) in the {kind} stream")
    if kind == "bedrock":
        failed = any(t == "error" or t.endswith("Exception") for t in types)  # exception frames; other types are events
    else:
        failed = DeltaKind.ERROR in deltas or bool(types & ERROR_TYPES)
    if failed:
        found.append("the provider sent an error event")
    return found


def check(context: Context, options: Options) -> Iterator[Hit]:
    for interaction, masked in zip(context.cassette.interactions, context.masked):
        response = interaction.response
        body = response.body
        if response.node is None or (body.node is None and body.structured is None):
            continue
        text = body.text
        # told from the raw body (nothing printed); decoded from the masked one
        if kind_of(response.content_type, text, data=body.data if body.base64 else None, strict=True) not in (Kind.EVENT_STREAM, Kind.AWS_EVENT_STREAM):
            continue
        stream = masked.stream
        if stream is None:
            continue
        assembly = stream.assembly
        deltas = {d.kind for s in assembly.summaries for d in s}
        events = [(e.event, e.data) for e in stream.stream.events]
        found = problems(assembly.kind, events, deltas, stream.stream.unterminated)
        found += [w for w in assembly.warnings if w.startswith("cannot decode")]
        if found:
            where = f"{context.where(interaction.index)}.response.body"
            yield Hit(body_offset(body, response.node), f"event stream of {masked.method} {masked.url}: {'; '.join(found)}", where, extra={"stream_kind": assembly.kind})


RULE = CheckRule(
    id="incomplete-stream",
    description="an event stream cut off (last event unterminated, no [DONE] / message_stop / response.completed / finishReason) or holding a provider error event",
    default=True,
    check=check,
    fires=("data: {...chunk...}\\n\\n with no data: [DONE]", "an Anthropic stream ending before message_stop", "event: error in the stream", "data: [DONE] with no blank line after it"),
    quiet=("an OpenAI stream ending in data: [DONE]\\n\\n", "a Gemini stream whose last chunk has finishReason", "a JSON body that mentions [DONE]"),
    fix="Record the stream again, letting the test read it to the end.",
)
