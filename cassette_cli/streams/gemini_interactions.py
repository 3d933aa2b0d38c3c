"""Gemini's Interactions API streams (`POST /v1beta/interactions`, `stream: true`):
`event: <event_type>`, each data object carrying `event_type`.

`interaction.created` and `interaction.status_update`; per step `index`:
`step.start` (`step.type`: `thought`, `model_output`, `function_call`, ...),
`step.delta`s (`delta.type`: `text` with `delta.text`, `thought_summary` with
`delta.content.text` (reasoning), `thought_signature`, `function_call` with `delta.name`
/ `delta.arguments`), `step.stop`; the end is `interaction.complete` holding the
interaction with its `status` and `usage`."""

from __future__ import annotations

import json

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "gemini-interactions"
EVENT_TYPES = frozenset({"interaction.created", "interaction.status_update", "interaction.complete", "interaction.completed", "step.start", "step.delta", "step.stop"})


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        state.done_at = ev.index
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    kind = as_str(obj.get("event_type")) or ev.event
    index = obj.get("index")
    if kind == "step.delta":
        delta = as_dict(obj.get("delta"))
        dtype = as_str(delta.get("type"))
        if dtype == "text" and as_str(delta.get("text")):
            state.text.append(as_str(delta.get("text")))
            deltas.append(Delta(DeltaKind.TEXT, "text", quote(as_str(delta.get("text")))))
        elif dtype == "thought_summary":
            thought = as_str(as_dict(delta.get("content")).get("text"))
            if thought:
                state.reasoning.append(thought)
                deltas.append(Delta(DeltaKind.REASONING, "thinking", quote(thought)))
        elif dtype == "function_call":
            key = ("step", index)
            position = state.blocks.get(key)
            if position is None:
                call_id = delta.get("id") if isinstance(delta.get("id"), str) else None
                position = state.new_call(key, call_id, as_str(delta.get("name")))
            arguments = delta.get("arguments")
            fragment = arguments if isinstance(arguments, str) else (json.dumps(arguments, ensure_ascii=False, separators=(",", ":")) if arguments is not None else "")
            deltas.append(state.call_fragment(position, fragment))
        elif dtype == "thought_signature":
            deltas.append(Delta(DeltaKind.OTHER, "signature", f"({len(as_str(delta.get('signature')))} chars)"))
    elif kind in ("interaction.complete", "interaction.completed"):
        interaction = as_dict(obj.get("interaction"))
        status = as_str(interaction.get("status"))
        if status:
            state.finish = status
            deltas.append(Delta(DeltaKind.FINISH, "finish", status))
        usage = interaction.get("usage")
        if isinstance(usage, dict):
            state.usage = usage
            deltas.append(usage_delta(usage))
    elif kind == "step.start":
        return [Delta(DeltaKind.OTHER, f"step.start[{index}]", as_str(as_dict(obj.get("step")).get("type")) or None)]
    return deltas or [Delta(DeltaKind.OTHER, kind or "event", as_str(obj.get("status")) or None)]
