"""OpenAI Assistants run streams (`POST /v1/threads/{id}/runs` with `stream: true`):
`event: thread.*` with the object as data, ending with `event: done` / `data: [DONE]`.

Text arrives in `thread.message.delta` (`delta.content[] {index, type: text, text
{value}}`); tool calls in `thread.run.step.delta` (`delta.step_details.tool_calls[]
{index, id, type: function, function {name, arguments}}`, fragments merged by index);
the run's end is `thread.run.completed` (usage in the run), `.incomplete`, `.failed`,
`.cancelled`, `.expired` or `.requires_action` (the run waits for tool outputs)."""

from __future__ import annotations

from typing import Any

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "openai-assistants"
_ENDS = ("thread.run.completed", "thread.run.incomplete", "thread.run.failed", "thread.run.cancelled", "thread.run.expired", "thread.run.requires_action")


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        state.done_at = ev.index
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    kind = ev.event if ev.event.startswith("thread.") else as_str(obj.get("object"))
    delta = as_dict(obj.get("delta"))
    if kind == "thread.message.delta":
        for part in delta.get("content") or []:
            value = as_str(as_dict(as_dict(part).get("text")).get("value"))
            if value:
                state.text.append(value)
                deltas.append(Delta(DeltaKind.TEXT, "text", quote(value)))
    elif kind == "thread.run.step.delta":
        for call in as_dict(delta.get("step_details")).get("tool_calls") or []:
            if isinstance(call, dict):
                deltas.append(_tool_fragment(state, call))
    elif kind in _ENDS:
        state.finish = kind.rsplit(".", 1)[1]
        deltas.append(Delta(DeltaKind.FINISH, "finish", state.finish))
        usage = obj.get("usage")
        if isinstance(usage, dict):
            state.usage = usage
            deltas.append(usage_delta(usage))
    return deltas or [Delta(DeltaKind.OTHER, kind or "event", as_str(obj.get("status")) or None)]


def _tool_fragment(state: Collector, call: dict[str, Any]) -> Delta:
    function = as_dict(call.get("function"))
    key = ("assistants", call.get("index"))
    position = state.blocks.get(key)
    if position is None:
        call_id = call.get("id") if isinstance(call.get("id"), str) else None
        position = state.new_call(key, call_id, as_str(function.get("name")) or as_str(call.get("type")))
    return state.call_fragment(position, as_str(function.get("arguments")))
