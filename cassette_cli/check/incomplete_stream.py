"""`incomplete-stream`: an event stream cut off or failed: its last event has no blank
line after it (a WHATWG parser discards it), the provider's end event never came
(`[DONE]` or a `finish_reason`, `message_stop`, `response.completed`/`.incomplete`/`.failed`, a Gemini
`finishReason`), or the provider sent an error event inside it. Streams are decoded
from the raw body (a finding prints no part of it) by .stream_verdict."""

from __future__ import annotations

from collections.abc import Iterator

from ..bodies import Kind, kind_of
from .places import body_offset
from .rule import CheckRule, Context, Hit, Options


def check(context: Context, options: Options) -> Iterator[Hit]:
    verdict = None
    for interaction in context.cassette.interactions:
        response = interaction.response
        body = response.body
        if response.node is None or (body.node is None and body.structured is None):
            continue
        text = body.text
        kind = kind_of(response.content_type, text, data=body.data if body.base64 else None, strict=True)
        if kind is not Kind.EVENT_STREAM and kind is not Kind.AWS_EVENT_STREAM or kind is Kind.EVENT_STREAM and text is None:
            continue
        if verdict is None:
            from . import stream_verdict as verdict  # the stream decoders, for files that hold a stream
        quick = verdict.from_ends(text) if kind is Kind.EVENT_STREAM and text is not None else None
        if quick is not None:
            provider, found = quick
        else:
            stream, provider, undecodable = verdict.decoded(kind, text, body.data)
            provider = provider or verdict.detect_kind(stream.events)
            found = verdict.deciding(stream, provider, text if kind is Kind.EVENT_STREAM else None) + undecodable
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
