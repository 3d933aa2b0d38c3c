"""OpenAI Chat Completions chunks (and Azure, OpenRouter, Vercel, DeepSeek, Perplexity,
llama.cpp and other compatible servers).

Only choice 0 is assembled. ``data: [DONE]`` ends the stream: a client stops reading
there, so later events are listed (``after [DONE]: <data>``) and warned about, but not
assembled.
"""

from __future__ import annotations

from typing import Any

from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, escape, is_done, quote, raw_delta, usage_delta
from .sse import Event

KIND = "openai-chat"


def summarize(state: Collector, ev: Event) -> list[Delta]:
    if state.done_at is not None:
        state.after_done += 1
        return [Delta(DeltaKind.OTHER, "after [DONE]:", escape(ev.data))]
    if is_done(ev.data):
        state.done_at = ev.index
        return [Delta(DeltaKind.DONE, "[DONE]")]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    deltas: list[Delta] = []
    state.error(obj, deltas)
    choices = obj.get("choices")
    choice: dict[str, Any] = {}
    if isinstance(choices, list):
        for candidate in choices:
            if isinstance(candidate, dict) and candidate.get("index", 0) == 0:
                choice = candidate
                break
    delta = as_dict(choice.get("delta"))
    content = as_str(delta.get("content"))
    if content:
        state.text.append(content)
        deltas.append(Delta(DeltaKind.TEXT, "text", quote(content)))
    reasoning = as_str(delta.get("reasoning_content")) or as_str(delta.get("reasoning"))
    if reasoning:
        state.reasoning.append(reasoning)
        deltas.append(Delta(DeltaKind.REASONING, "reasoning", quote(reasoning)))
    tool_calls = delta.get("tool_calls")
    if isinstance(tool_calls, list):
        for fragment in tool_calls:
            if isinstance(fragment, dict):
                deltas.append(_tool_fragment(state, fragment))
    finish = choice.get("finish_reason")
    if isinstance(finish, str) and finish:
        state.finish = finish
        deltas.append(Delta(DeltaKind.FINISH, "finish", finish))
    usage = obj.get("usage")
    if isinstance(usage, dict):
        state.usage = usage
        deltas.append(usage_delta(usage))
    if not deltas:
        role = as_str(delta.get("role"))
        if role:
            deltas.append(Delta(DeltaKind.OTHER, "role", role))
        elif "prompt_filter_results" in obj:
            deltas.append(Delta(DeltaKind.OTHER, "prompt_filter_results"))
        elif choice:
            deltas.append(Delta(DeltaKind.OTHER, "empty delta"))
        else:
            deltas.append(Delta(DeltaKind.OTHER, "chunk"))
    return deltas


def _tool_fragment(state: Collector, fragment: dict[str, Any]) -> Delta:
    """Merge one ``delta.tool_calls[]`` fragment: by ``index``, else by ``id``, else into the last call."""
    function = as_dict(fragment.get("function"))
    name = as_str(function.get("name"))
    call_id = fragment.get("id") if isinstance(fragment.get("id"), str) else None
    index = fragment.get("index")
    key: Any = None
    if isinstance(index, int):
        key = ("chat", index)
    elif call_id:
        key = ("chat-id", call_id)
    if key is not None:
        position = state.blocks.get(key)
    else:
        position = len(state.calls) - 1 if state.calls else None
    if position is None:
        position = state.new_call(key, call_id, name)
    call = state.calls[position]
    if call.id is None and call_id:
        call.id = call_id
    if not call.name and name:
        call.name = name
    return state.call_fragment(position, as_str(function.get("arguments")))
