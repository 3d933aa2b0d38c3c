"""Bedrock's binary event stream, as :func:`~.aws.bedrock_to_event_stream` gives it:
InvokeModelWithResponseStream (chunks carrying Anthropic events, assembled with the
Anthropic rules, or other models' chunks) and ConverseStream (``messageStart``,
``contentBlockDelta``, ``messageStop``, ``metadata``)."""

from __future__ import annotations

from typing import Any

from . import anthropic
from .deltas import Collector, Delta, DeltaKind, as_dict, as_str, escape, first, load_json_object, quote, raw_delta, usage_delta
from .sse import Event

KIND = "bedrock"

CONVERSE_TYPES = frozenset(
    {
        "messageStart",
        "contentBlockStart",
        "contentBlockDelta",
        "contentBlockStop",
        "messageStop",
        "metadata",
    }
)


def summarize(state: Collector, ev: Event) -> list[Delta]:
    etype = ev.event
    known = etype in anthropic.EVENT_TYPES or etype in CONVERSE_TYPES or etype in ("chunk", "error")
    if not known:
        # exception / error frames: the event type is the exception type
        obj = as_dict(load_json_object(ev.data))
        message = as_str(obj.get("message")) or as_str(obj.get("Message")) or ev.data
        label = f"{etype}: {message}" if message else etype
        state.warnings.append(f"error event: {label}")
        return [Delta(DeltaKind.ERROR, "error", escape(label))]
    obj = state.load(ev)
    if obj is None:
        return [raw_delta(ev.data)]
    if etype in CONVERSE_TYPES:
        return _converse(state, etype, obj)
    if etype == "chunk":
        return _other_model(state, obj)
    return anthropic.summarize_object(state, ev, obj)


def _converse(state: Collector, etype: str, obj: dict[str, Any]) -> list[Delta]:
    index = obj.get("contentBlockIndex")
    if etype == "messageStart":
        return [Delta(DeltaKind.OTHER, f"messageStart {as_str(obj.get('role'))}".rstrip())]
    if etype == "contentBlockStart":
        start = as_dict(obj.get("start"))
        tool = start.get("toolUse")
        if isinstance(tool, dict):
            position = state.new_call(
                ("block", index),
                tool.get("toolUseId") if isinstance(tool.get("toolUseId"), str) else None,
                as_str(tool.get("name")),
            )
            return [Delta(DeltaKind.OTHER, f"contentBlockStart[{index}] tool_call[{position}] {state.calls[position].name}")]
        return [Delta(DeltaKind.OTHER, f"contentBlockStart[{index}] {' '.join(start)}".rstrip())]
    if etype == "contentBlockDelta":
        return _converse_delta(state, index, as_dict(obj.get("delta")))
    if etype == "contentBlockStop":
        return [Delta(DeltaKind.OTHER, f"contentBlockStop[{index}]")]
    if etype == "messageStop":
        reason = obj.get("stopReason")
        if isinstance(reason, str) and reason:
            state.finish = reason
            return [Delta(DeltaKind.FINISH, "finish", reason)]
        return [Delta(DeltaKind.OTHER, "messageStop")]
    # metadata
    usage = obj.get("usage")
    if isinstance(usage, dict):
        state.usage = usage
        return [usage_delta(usage)]
    return [Delta(DeltaKind.OTHER, "metadata")]


def _converse_delta(state: Collector, index: Any, delta: dict[str, Any]) -> list[Delta]:
    deltas: list[Delta] = []
    if isinstance(delta.get("text"), str):
        state.text.append(delta["text"])
        deltas.append(Delta(DeltaKind.TEXT, "text", quote(delta["text"])))
    if isinstance(delta.get("toolUse"), dict):
        position = state.block_call(("block", index))
        deltas.append(state.call_fragment(position, as_str(delta["toolUse"].get("input"))))
    reasoning = delta.get("reasoningContent")
    if isinstance(reasoning, dict):
        if isinstance(reasoning.get("text"), str):
            state.reasoning.append(reasoning["text"])
            deltas.append(Delta(DeltaKind.REASONING, "thinking", quote(reasoning["text"])))
        else:
            deltas.append(Delta(DeltaKind.REASONING, "reasoning", " ".join(reasoning)))
    for other in delta:
        if other not in ("text", "toolUse", "reasoningContent"):
            deltas.append(Delta(DeltaKind.OTHER, other))
    return deltas or [Delta(DeltaKind.OTHER, "empty delta")]


def _other_model(state: Collector, obj: dict[str, Any]) -> list[Delta]:
    """Non-Anthropic InvokeModel chunks (Meta ``generation``, Titan ``outputText``...)."""
    deltas: list[Delta] = []
    state.error(obj, deltas)
    text = first(obj, "generation", "outputText", "completion")
    if isinstance(text, str) and text:
        state.text.append(text)
        deltas.append(Delta(DeltaKind.TEXT, "text", quote(text)))
    reason = first(obj, "stop_reason", "completionReason")
    if isinstance(reason, str) and reason:
        state.finish = reason
        deltas.append(Delta(DeltaKind.FINISH, "finish", reason))
    metrics = obj.get(anthropic.BEDROCK_METRICS)
    if isinstance(metrics, dict):
        state.usage = metrics
        deltas.append(
            Delta(DeltaKind.USAGE, "usage", f"in={metrics.get('inputTokenCount')} out={metrics.get('outputTokenCount')}")
        )
    return deltas or [Delta(DeltaKind.OTHER, "chunk")]

