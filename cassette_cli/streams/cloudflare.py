"""Cloudflare Workers AI text-generation streams (`/ai/run/@cf/...` with `stream:
true`): `data: {"response": "<text>", "p": "<padding>"}` chunks, ending with `data:
[DONE]`; no `choices`. Tool calls come as `tool_calls` at the top level, either
OpenAI-style fragments (`{index, id, function {name, arguments}}`, merged by index) or,
from older models, whole calls (`{name, arguments}` with the arguments as data); the
last chunk may carry `usage`."""

from __future__ import annotations

import json
from typing import Any

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "cloudflare"


def looks_like(obj: dict[str, Any]) -> bool:
    return "choices" not in obj and (isinstance(obj.get("response"), str) or ("tool_calls" in obj and "p" in obj))


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        state.done_at = ev.index
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    text = as_str(obj.get("response"))
    if text:
        state.text.append(text)
        deltas.append(Delta(DeltaKind.TEXT, "text", quote(text)))
    calls = obj.get("tool_calls")
    if isinstance(calls, list):
        for position_in_chunk, call in enumerate(calls):
            if isinstance(call, dict):
                deltas.append(_tool_call(state, call, position_in_chunk))
    usage = obj.get("usage")
    if isinstance(usage, dict):
        state.usage = usage
        deltas.append(usage_delta(usage))
    return deltas or [Delta(DeltaKind.OTHER, "chunk")]


def _tool_call(state: Collector, call: dict[str, Any], fallback_index: int) -> Delta:
    function = as_dict(call.get("function"))
    if not function and "name" in call:  # a whole call: {name, arguments}
        arguments = call.get("arguments")
        text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False, separators=(",", ":")) if arguments is not None else ""
        return state.call_fragment(state.new_call(None, None, as_str(call.get("name"))), text)
    index = call.get("index") if isinstance(call.get("index"), int) else fallback_index
    key = ("cloudflare", index)
    position = state.blocks.get(key)
    if position is None:
        call_id = call.get("id") if isinstance(call.get("id"), str) else None
        position = state.new_call(key, call_id, as_str(function.get("name")))
    call_state = state.calls[position]
    if not call_state.name and as_str(function.get("name")):
        call_state.name = as_str(function.get("name"))
    return state.call_fragment(position, as_str(function.get("arguments")))
