"""OpenAI Responses API events (``response.*``)."""

from __future__ import annotations

from typing import Any

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, error_message, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "openai-responses"

_END = frozenset({"response.completed", "response.incomplete", "response.failed"})
_REASONING = frozenset({"response.reasoning_summary_text.delta", "response.reasoning_text.delta"})
_CALL_DONE = frozenset({"response.function_call_arguments.done", "response.output_item.done"})


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    etype = as_str(obj.get("type")) or ev.event
    deltas: list[Delta] = []
    if etype == "response.output_text.delta":
        text = as_str(obj.get("delta"))
        state.text.append(text)
        deltas.append(Delta(DeltaKind.TEXT, "text", quote(text)))
    elif etype in _REASONING:
        text = as_str(obj.get("delta"))
        state.reasoning.append(text)
        deltas.append(Delta(DeltaKind.REASONING, "reasoning", quote(text)))
    elif etype == "response.output_item.added":
        item = as_dict(obj.get("item"))
        if item.get("type") == "function_call":
            position = state.new_call(
                ("item", item.get("id")),
                item.get("call_id") if isinstance(item.get("call_id"), str) else None,
                as_str(item.get("name")),
            )
            state.blocks[("output", obj.get("output_index"))] = position
            state.calls[position].fallback = as_str(item.get("arguments"))
            call = state.calls[position]
            deltas.append(Delta(DeltaKind.TOOL_CALL, f"tool_call[{position}]", f"{call.name} ({call.id})"))
        else:
            deltas.append(Delta(DeltaKind.OTHER, f"{etype} {as_str(item.get('type'))}".rstrip()))
    elif etype == "response.function_call_arguments.delta":
        position = _call(state, obj)
        deltas.append(state.call_fragment(position, as_str(obj.get("delta"))))
    elif etype in _CALL_DONE:
        item = as_dict(obj.get("item"))
        arguments = obj.get("arguments", item.get("arguments"))
        if etype == "response.function_call_arguments.done" or item.get("type") == "function_call":
            position = _call(state, obj)
            if isinstance(arguments, str) and arguments:
                state.calls[position].fallback = arguments
            deltas.append(Delta(DeltaKind.OTHER, etype, f"tool_call[{position}]"))
        else:
            deltas.append(Delta(DeltaKind.OTHER, f"{etype} {as_str(item.get('type'))}".rstrip()))
    elif etype in _END:
        _end(state, etype, as_dict(obj.get("response")), deltas)
    elif etype != "error":
        deltas.append(Delta(DeltaKind.OTHER, etype))
    if etype not in _END:
        state.error(obj, deltas)
    return deltas


def _end(state: Collector, etype: str, response: dict[str, Any], deltas: list[Delta]) -> None:
    deltas.append(Delta(DeltaKind.OTHER, etype))
    status = response.get("status")
    if isinstance(status, str) and status:
        state.finish = status
        deltas.append(Delta(DeltaKind.FINISH, "status", status))
    reason = as_dict(response.get("incomplete_details")).get("reason")
    if isinstance(reason, str) and reason:
        deltas.append(Delta(DeltaKind.FINISH, "reason", reason))
    usage = response.get("usage")
    if isinstance(usage, dict):
        state.usage = usage
        deltas.append(usage_delta(usage))
    if etype == "response.failed":
        message = error_message(response) or "response.failed"
        state.warnings.append(f"error event: {message}")


def _call(state: Collector, obj: dict[str, Any]) -> int:
    position = state.blocks.get(("item", obj.get("item_id")))
    if position is None:
        position = state.blocks.get(("output", obj.get("output_index")))
    if position is None:
        position = state.new_call(("item", obj.get("item_id")), None, "")
        state.blocks[("output", obj.get("output_index"))] = position
    return position
