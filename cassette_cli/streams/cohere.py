"""Cohere v2 chat streams (`POST /v2/chat`, `stream: true`): `event: <type>` with the
same `type` in the JSON, ending with `data: [DONE]` after `message-end`.

`message-start`; per content block `index`: `content-start`, `content-delta`s
(`delta.message.content.text`, or `.thinking` for reasoning models), `content-end`;
`tool-plan-delta` (`delta.message.tool_plan`, the model's plan before calling tools:
read as reasoning); per tool call `tool-call-start` (`delta.message.tool_calls {id,
function {name, arguments}}`), `tool-call-delta`s (more `function.arguments`),
`tool-call-end`; `citation-start`/`citation-end`; `message-end` with
`delta.finish_reason` and `delta.usage`."""

from __future__ import annotations

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "cohere"
EVENT_TYPES = frozenset({
    "message-start", "content-start", "content-delta", "content-end", "tool-plan-delta", "tool-call-start",
    "tool-call-delta", "tool-call-end", "citation-start", "citation-end", "message-end", "debug",
})


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        state.done_at = ev.index
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    kind = as_str(obj.get("type")) or ev.event
    delta = as_dict(obj.get("delta"))
    message = as_dict(delta.get("message"))
    if kind == "content-delta":
        content = as_dict(message.get("content"))
        text, thinking = as_str(content.get("text")), as_str(content.get("thinking"))
        if text:
            state.text.append(text)
            deltas.append(Delta(DeltaKind.TEXT, "text", quote(text)))
        if thinking:
            state.reasoning.append(thinking)
            deltas.append(Delta(DeltaKind.REASONING, "thinking", quote(thinking)))
    elif kind == "tool-plan-delta":
        plan = as_str(message.get("tool_plan"))
        if plan:
            state.reasoning.append(plan)
            deltas.append(Delta(DeltaKind.REASONING, "tool_plan", quote(plan)))
    elif kind in ("tool-call-start", "tool-call-delta"):
        call = as_dict(message.get("tool_calls"))
        function = as_dict(call.get("function"))
        key = ("cohere", obj.get("index"))
        position = state.blocks.get(key)
        if position is None:
            call_id = call.get("id") if isinstance(call.get("id"), str) else None
            position = state.new_call(key, call_id, as_str(function.get("name")))
        deltas.append(state.call_fragment(position, as_str(function.get("arguments"))))
    elif kind == "message-end":
        finish = as_str(delta.get("finish_reason"))
        if finish:
            state.finish = finish
            deltas.append(Delta(DeltaKind.FINISH, "finish", finish))
        usage = delta.get("usage")
        if isinstance(usage, dict):
            state.usage = usage
            deltas.append(usage_delta(usage))
    return deltas or [Delta(DeltaKind.OTHER, kind or "event", None if obj.get("index") is None else f"[{obj.get('index')}]")]
