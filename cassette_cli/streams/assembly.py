"""Reassemble what an LLM provider streamed: text, reasoning, tool calls, usage.

:func:`assemble` takes an :class:`~cassette_cli.streams.sse.EventStream` (from
:func:`~cassette_cli.streams.sse.parse_event_stream`, or from
:func:`~cassette_cli.streams.aws.bedrock_to_event_stream` for Bedrock) and returns an
:class:`Assembly`. Each provider is one module of this package, registered in
:data:`PROVIDERS` by its kind: ``openai-chat``, ``openai-responses``, ``anthropic``,
``gemini``, ``bedrock``, ``cohere``, ``openai-assistants``, ``gemini-interactions``,
``cloudflare``; ``unknown`` is anything else (no text; summaries are the escaped data).

Conventions:

* "event N" in warnings is :attr:`Event.index <cassette_cli.streams.sse.Event.index>` (0-based).
* ``ToolCall.arguments`` is the concatenation of the streamed fragments; an empty
  string means "no arguments" and counts as valid JSON (read it as ``{}``).
  Invalid arguments set ``valid_json=False`` AND add a warning.
* Server-side tool calls (Anthropic ``server_tool_use``/``mcp_tool_use``,
  Converse ``toolUse`` started by the server) are listed as tool calls too.
* ``pings`` counts ``ping`` events plus comments whose text is ``ping``
  (optionally followed by more words, as in Perplexity's ``: ping - <time>``).
* ``reasoning`` is ``None`` when no reasoning text was streamed.
* Warnings about data that is not a JSON object are capped at
  :data:`~.deltas.MAX_JSON_WARNINGS`, followed by one line counting the rest.

Summaries: one :class:`~.deltas.Summary` per event, never truncated, made of typed
deltas whose text reads ``text "<json-quoted>"``, ``reasoning "..."`` (OpenAI wording)
or ``thinking "..."`` (Anthropic, Gemini, Converse), ``tool_call[N] <name> <fragment>``,
``finish <reason>``, ``usage in=<n> out=<n>``, ``[DONE]``, ``error <message>``,
``signature (<n> chars)``, and otherwise the event's own type with a detail
(``content_block_start[1] text``, ``response.created``...), joined with ``"; "``.
Data that is not JSON is shown with control characters escaped (:func:`escape`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import anthropic, bedrock, cloudflare, cohere, gemini, gemini_interactions, openai_assistants, openai_chat, openai_responses
from .deltas import MAX_JSON_WARNINGS, Collector, Delta, DeltaKind, Summary, error_message, escape, is_done, load_json_object, raw_delta
from .sse import Event, EventStream

__all__ = [
    "KINDS",
    "PROVIDERS",
    "Assembly",
    "Delta",
    "DeltaKind",
    "Summary",
    "ToolCall",
    "assemble",
    "detect_kind",
    "escape",
]

#: How a provider reads one event: what it adds goes into the collector, and the
#: event's deltas come back.
Summarize = Callable[[Collector, Event], list[Delta]]


@dataclass
class ToolCall:
    """A tool (function) call reassembled from its fragments."""

    id: str | None
    name: str
    arguments: str
    valid_json: bool


@dataclass
class Assembly:
    """What a stream adds up to; ``summaries`` has one entry per event, in order."""

    kind: str
    text: str
    reasoning: str | None
    tool_calls: list[ToolCall]
    finish_reason: str | None
    usage: dict[str, Any] | None
    warnings: list[str]
    pings: int
    summaries: list[Summary]


def _unknown(state: Collector, ev: Event) -> list[Delta]:
    obj = load_json_object(ev.data)
    if obj is not None:
        message = error_message(obj)
        if message is not None:
            state.warnings.append(f"error event: {message}")
    return [raw_delta(ev.data)]


#: Every provider by its kind, in the order :func:`detect_kind` names them.
PROVIDERS: dict[str, Summarize] = {
    openai_chat.KIND: openai_chat.summarize,
    openai_responses.KIND: openai_responses.summarize,
    anthropic.KIND: anthropic.summarize,
    gemini.KIND: gemini.summarize,
    bedrock.KIND: bedrock.summarize,
    cohere.KIND: cohere.summarize,
    openai_assistants.KIND: openai_assistants.summarize,
    gemini_interactions.KIND: gemini_interactions.summarize,
    cloudflare.KIND: cloudflare.summarize,
    "unknown": _unknown,
}

KINDS = tuple(PROVIDERS)


def detect_kind(events: list[Event]) -> str:
    """Guess the provider format of a list of events (see :data:`KINDS`) from the first
    event that shows it (:func:`decided_kind`). A stream no provider's shape fits is
    ``unknown`` (its events are shown as they are), never a provider it only resembles:
    ``[DONE]`` alone says nothing, Cohere, Cloudflare and others send it too; an error
    object before it is OpenRouter's (OpenAI-compatible) way of failing a stream."""
    kind = decided_kind(events)
    if kind is not None:
        return kind
    done_seen = any(is_done(ev.data) for ev in events)
    error_seen = any((obj := load_json_object(ev.data)) is not None and "error" in obj for ev in events if not is_done(ev.data))
    return openai_chat.KIND if done_seen and error_seen else "unknown"


def decided_kind(events: list[Event]) -> str | None:
    """The provider format the first telling event shows, or None when no event tells
    (:func:`detect_kind` then decides from all of them). Anthropic or Bedrock is told
    apart by any event carrying Bedrock's metrics."""
    for ev in events:
        etype = ev.event
        if etype.startswith("response."):
            return openai_responses.KIND
        if etype in bedrock.CONVERSE_TYPES:
            return bedrock.KIND
        if etype in anthropic.EVENT_TYPES:
            return _anthropic_or_bedrock(events)
        if etype in cohere.EVENT_TYPES:
            return cohere.KIND
        if etype.startswith("thread."):
            return openai_assistants.KIND
        if etype in gemini_interactions.EVENT_TYPES:
            return gemini_interactions.KIND
        if is_done(ev.data):
            continue
        obj = load_json_object(ev.data)
        if obj is None:
            continue
        dtype = obj.get("type")
        if isinstance(dtype, str):
            if dtype.startswith("response."):
                return openai_responses.KIND
            if dtype in anthropic.EVENT_TYPES:
                return _anthropic_or_bedrock(events)
            if dtype in cohere.EVENT_TYPES:
                return cohere.KIND
        event_type = obj.get("event_type")
        if isinstance(event_type, str) and event_type in gemini_interactions.EVENT_TYPES:
            return gemini_interactions.KIND
        thread_object = obj.get("object")
        if isinstance(thread_object, str) and thread_object.startswith("thread."):
            return openai_assistants.KIND
        if "candidates" in obj or "usageMetadata" in obj or "promptFeedback" in obj:
            return gemini.KIND
        if "choices" in obj or thread_object == "chat.completion.chunk":
            return openai_chat.KIND
        if cloudflare.looks_like(obj):
            return cloudflare.KIND
    return None


def _anthropic_or_bedrock(events: list[Event]) -> str:
    if any(anthropic.BEDROCK_METRICS in ev.data for ev in events):
        return bedrock.KIND
    return anthropic.KIND


def _is_ping_comment(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0].lower() == "ping"


def assemble(stream: EventStream, kind: str | None = None) -> Assembly:
    """Reassemble ``stream``; ``kind=None`` detects it with :func:`detect_kind`."""
    if kind is None:
        kind = detect_kind(stream.events)
    summarize = PROVIDERS.get(kind)
    if summarize is None:
        raise ValueError(f"unknown stream kind {kind!r}; expected one of {', '.join(KINDS)}")
    state = Collector(kind)
    state.pings = sum(1 for comment in stream.comments if _is_ping_comment(comment.text))
    summaries = [Summary(summarize(state, ev)) for ev in stream.events]
    return _result(state, stream, summaries)


def _result(state: Collector, stream: EventStream, summaries: list[Summary]) -> Assembly:
    warnings = state.warnings
    if state.non_json > MAX_JSON_WARNINGS:
        warnings.append(f"{state.non_json - MAX_JSON_WARNINGS} more event(s) without JSON")
    if state.after_done:
        warnings.append(f"{state.after_done} event(s) after [DONE] at event {state.done_at}")
    tool_calls: list[ToolCall] = []
    for position, call in enumerate(state.calls):
        arguments = call.arguments
        valid = True
        if arguments.strip():
            try:
                json.loads(arguments)
            except (ValueError, RecursionError):
                valid = False
        elif arguments:
            valid = False  # whitespace only is not JSON, and not "no arguments" either
        if not valid:
            label = f"{position} ({call.name})" if call.name else str(position)
            warnings.append(f"tool call {label}: arguments are not valid JSON")
        tool_calls.append(ToolCall(id=call.id, name=call.name, arguments=arguments, valid_json=valid))
    if not stream.events:
        warnings.append("no events in stream")
    if stream.unterminated:
        warnings.append("unterminated final event discarded")
    reasoning = "".join(state.reasoning)
    return Assembly(
        kind=state.kind,
        text="".join(state.text),
        reasoning=reasoning or None,
        tool_calls=tool_calls,
        finish_reason=state.finish,
        usage=state.usage,
        warnings=warnings,
        pings=state.pings,
        summaries=summaries,
    )
