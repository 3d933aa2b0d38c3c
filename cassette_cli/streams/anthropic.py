"""Anthropic Messages API events (``message_start``, ``content_block_*``,
``message_delta``...), also what Bedrock's InvokeModelWithResponseStream carries."""

from __future__ import annotations

import json
from typing import Any

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "anthropic"

EVENT_TYPES = frozenset(
    {
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
        "ping",
    }
)

#: The key Bedrock adds to Anthropic's ``message_stop`` (and to other models' last chunk).
BEDROCK_METRICS = "amazon-bedrock-invocationMetrics"

_TOOL_BLOCKS = frozenset({"tool_use", "server_tool_use", "mcp_tool_use"})


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    return summarize_object(state, ev, obj)


def summarize_object(state: Collector, ev: Event, obj: dict[str, Any]) -> list[Delta]:
    """The deltas of one event whose data is the JSON object ``obj``."""
    etype = as_str(obj.get("type")) or ev.event
    deltas: list[Delta] = []
    if etype == "message_start":
        message = as_dict(obj.get("message"))
        deltas.append(Delta(DeltaKind.OTHER, f"message_start {as_str(message.get('model'))}".rstrip()))
        usage = message.get("usage")
        if isinstance(usage, dict):
            state.usage = {**(state.usage or {}), **usage}
            deltas.append(usage_delta(usage))
    elif etype == "content_block_start":
        deltas.append(_block_start(state, obj))
    elif etype == "content_block_delta":
        deltas.append(_block_delta(state, obj))
    elif etype == "content_block_stop":
        deltas.append(Delta(DeltaKind.OTHER, f"content_block_stop[{obj.get('index')}]"))
    elif etype == "message_delta":
        reason = as_dict(obj.get("delta")).get("stop_reason")
        if isinstance(reason, str) and reason:
            state.finish = reason
            deltas.append(Delta(DeltaKind.FINISH, "finish", reason))
        usage = obj.get("usage")
        if isinstance(usage, dict):
            state.usage = {**(state.usage or {}), **usage}
            deltas.append(usage_delta(usage))
        if not deltas:
            deltas.append(Delta(DeltaKind.OTHER, "message_delta"))
    elif etype == "message_stop":
        deltas.append(Delta(DeltaKind.OTHER, "message_stop"))
        metrics = obj.get(BEDROCK_METRICS)
        if isinstance(metrics, dict):
            deltas.append(
                Delta(DeltaKind.OTHER, "bedrock", f"in={metrics.get('inputTokenCount')} out={metrics.get('outputTokenCount')}")
            )
    elif etype == "ping":
        state.pings += 1
        deltas.append(Delta(DeltaKind.OTHER, "ping"))
    elif etype != "error":
        deltas.append(Delta(DeltaKind.OTHER, etype))
    state.error(obj, deltas)
    return deltas


def _block_start(state: Collector, obj: dict[str, Any]) -> Delta:
    index = obj.get("index")
    block = as_dict(obj.get("content_block"))
    btype = as_str(block.get("type"))
    label = f"content_block_start[{index}] {btype}"
    if btype in _TOOL_BLOCKS:
        position = state.new_call(
            ("block", index),
            block.get("id") if isinstance(block.get("id"), str) else None,
            as_str(block.get("name")),
        )
        tool_input = block.get("input")
        if isinstance(tool_input, dict) and tool_input:
            state.calls[position].fallback = json.dumps(tool_input, ensure_ascii=False, separators=(",", ":"))
        label += f" tool_call[{position}] {state.calls[position].name}"
    elif btype == "text" and as_str(block.get("text")):
        state.text.append(block["text"])
        label += f" {quote(block['text'])}"
    elif btype == "thinking" and as_str(block.get("thinking")):
        state.reasoning.append(block["thinking"])
        label += f" {quote(block['thinking'])}"
    return Delta(DeltaKind.OTHER, label)


def _block_delta(state: Collector, obj: dict[str, Any]) -> Delta:
    delta = as_dict(obj.get("delta"))
    dtype = as_str(delta.get("type"))
    if dtype == "text_delta":
        text = as_str(delta.get("text"))
        state.text.append(text)
        return Delta(DeltaKind.TEXT, "text", quote(text))
    if dtype == "thinking_delta":
        thinking = as_str(delta.get("thinking"))
        state.reasoning.append(thinking)
        return Delta(DeltaKind.REASONING, "thinking", quote(thinking))
    if dtype == "input_json_delta":
        position = state.block_call(("block", obj.get("index")))
        return state.call_fragment(position, as_str(delta.get("partial_json")))
    if dtype == "signature_delta":
        return Delta(DeltaKind.OTHER, "signature", f"({len(as_str(delta.get('signature')))} chars)")
    if dtype == "citations_delta":
        citation = as_dict(delta.get("citation"))
        return Delta(DeltaKind.OTHER, f"citation {as_str(citation.get('url')) or as_str(citation.get('type'))}".rstrip())
    return Delta(DeltaKind.OTHER, f"delta {dtype}".rstrip())
