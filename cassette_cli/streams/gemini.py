"""Gemini ``streamGenerateContent?alt=sse``: every event is a whole response."""

from __future__ import annotations

import json

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "gemini"


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if is_done(ev.data):
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    candidates = obj.get("candidates")
    candidate = as_dict(candidates[0]) if isinstance(candidates, list) and candidates else {}
    content_parts = as_dict(candidate.get("content")).get("parts")
    if isinstance(content_parts, list):
        for part in content_parts:
            if isinstance(part, dict):
                _part(state, part, deltas)
    finish = candidate.get("finishReason")
    if isinstance(finish, str) and finish:
        state.finish = finish
        deltas.append(Delta(DeltaKind.FINISH, "finish", finish))
    blocked = as_dict(obj.get("promptFeedback")).get("blockReason")
    if isinstance(blocked, str) and blocked:
        state.warnings.append(f"prompt blocked: {blocked}")
        deltas.append(Delta(DeltaKind.OTHER, "blocked", blocked))
    usage = obj.get("usageMetadata")
    if isinstance(usage, dict):
        state.usage = usage
        deltas.append(usage_delta(usage))
    return deltas or [Delta(DeltaKind.OTHER, "empty response")]


def _part(state: Collector, part: dict[str, object], deltas: list[Delta]) -> None:
    text = part.get("text")
    if isinstance(text, str) and text:
        if part.get("thought") is True:
            state.reasoning.append(text)
            deltas.append(Delta(DeltaKind.REASONING, "thinking", quote(text)))
        else:
            state.text.append(text)
            deltas.append(Delta(DeltaKind.TEXT, "text", quote(text)))
    call = part.get("functionCall")
    if isinstance(call, dict):
        args = call.get("args")
        arguments = json.dumps(args, ensure_ascii=False, separators=(",", ":")) if args is not None else ""
        position = state.new_call(
            None,
            call.get("id") if isinstance(call.get("id"), str) else None,
            as_str(call.get("name")),
        )
        deltas.append(state.call_fragment(position, arguments))
