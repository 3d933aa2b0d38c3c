"""Typed deltas, and what a provider collects while it reads one stream.

A provider module turns each event into a list of :class:`Delta` (the event's
:class:`Summary`) and records text, reasoning, tool-call fragments, usage and
warnings in a :class:`Collector`. Renderers style a summary by its deltas' kinds;
nothing parses a summary's text back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from .sse import Event

__all__ = [
    "MAX_JSON_WARNINGS",
    "Collector",
    "Delta",
    "DeltaKind",
    "StreamedCall",
    "Summary",
    "escape",
    "load_json_object",
]

MAX_JSON_WARNINGS = 10

_ESCAPES = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


class DeltaKind(Enum):
    TEXT = "text"
    REASONING = "reasoning"
    TOOL_CALL = "tool-call"  # a tool call's start or a fragment of its arguments
    USAGE = "usage"
    FINISH = "finish"  # a finish (stop) reason or status
    DONE = "done"  # OpenAI's data: [DONE]
    ERROR = "error"
    OTHER = "other"  # labelled by the event's own type, or the event's data itself


class Delta(NamedTuple):
    """One part of an event's summary: ``label`` names it (``text``, ``thinking``,
    ``tool_call[0]``, ``finish``, an event type...) and ``value`` is what it carries,
    as shown (a JSON-quoted fragment, a reason), None when it carries nothing."""

    kind: DeltaKind
    label: str
    value: str | None = None

    @property
    def text(self) -> str:
        return self.label if self.value is None else f"{self.label} {self.value}"


class Summary(tuple[Delta, ...]):
    """What one event adds: its deltas, in order; :attr:`text` is the line a table shows.
    A tuple, so that making one per event costs no more than a tuple."""

    __slots__ = ()

    @property
    def deltas(self) -> tuple[Delta, ...]:
        return self

    @property
    def text(self) -> str:
        return "; ".join(delta.text for delta in self)


def escape(text: str) -> str:
    """Show control characters as escapes (``\\n``, ``\\r``, ``\\t``, ``\\xNN``)."""
    return text.translate(_ESCAPES)


_QUOTE = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps does, without a new encoder each call


def quote(text: str) -> str:
    """Quote a text fragment for a summary (JSON-style, non-ASCII kept)."""
    return _QUOTE(text)


def first(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = mapping.get(key)
        if value is not None:
            return value
    return None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def usage_delta(usage: dict[str, Any]) -> Delta:
    parts = []
    tokens_in = first(usage, "prompt_tokens", "input_tokens", "promptTokenCount", "inputTokens")
    tokens_out = first(usage, "completion_tokens", "output_tokens", "candidatesTokenCount", "outputTokens")
    if tokens_in is not None:
        parts.append(f"in={tokens_in}")
    if tokens_out is not None:
        parts.append(f"out={tokens_out}")
    return Delta(DeltaKind.USAGE, "usage", " ".join(parts) if parts else None)


def raw_delta(data: str) -> Delta:
    """An event's data shown as it is (control characters escaped)."""
    return Delta(DeltaKind.OTHER, escape(data))


def error_message(obj: dict[str, Any]) -> str | None:
    """The message of an error payload (``{"error": {...}}`` or ``{"type": "error", ...}``)."""
    err = obj.get("error")
    if isinstance(err, dict):
        message = err.get("message")
        return message if isinstance(message, str) and message else json.dumps(err)
    if isinstance(err, str) and err:
        return err
    if obj.get("type") == "error":
        message = obj.get("message")
        return message if isinstance(message, str) and message else json.dumps(obj)
    return None


def is_done(data: str) -> bool:
    """OpenAI's end of stream, ``data: [DONE]``."""
    return data.strip() == "[DONE]"


def load_json_object(data: str) -> dict[str, Any] | None:
    """``data`` as a JSON object, or None when it is not one (or nests too deep)."""
    stripped = data.lstrip()
    if not stripped.startswith("{"):
        return None
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return obj if isinstance(obj, dict) else None


@dataclass
class StreamedCall:
    """A tool call while its fragments come in."""

    id: str | None
    name: str
    parts: list[str] = field(default_factory=list)
    fallback: str = ""  # complete arguments given outside the deltas

    @property
    def arguments(self) -> str:
        return "".join(self.parts) if self.parts else self.fallback


class Collector:
    """What a provider gathers from the events of one stream."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.calls: list[StreamedCall] = []
        self.finish: str | None = None
        self.usage: dict[str, Any] | None = None
        self.warnings: list[str] = []
        self.pings = 0
        self.non_json = 0
        self.blocks: dict[Any, int] = {}  # block index / item key -> position in self.calls
        self.done_at: int | None = None  # the index of OpenAI's [DONE] event
        self.after_done = 0

    def load(self, ev: Event) -> dict[str, Any] | None:
        """The event's data as a JSON object, or None (with a capped warning)."""
        obj = load_json_object(ev.data)
        if obj is None:
            self.non_json += 1
            if self.non_json <= MAX_JSON_WARNINGS:
                self.warnings.append(f"event {ev.index}: JSON expected but not found")
        return obj

    def error(self, obj: dict[str, Any], deltas: list[Delta]) -> None:
        """Warn about an error payload and add its delta, if ``obj`` is one."""
        message = error_message(obj)
        if message is not None:
            self.warnings.append(f"error event: {message}")
            deltas.append(Delta(DeltaKind.ERROR, "error", escape(message)))

    def new_call(self, key: Any, call_id: str | None, name: str) -> int:
        position = len(self.calls)
        self.calls.append(StreamedCall(id=call_id, name=name))
        if key is not None:
            self.blocks[key] = position
        return position

    def block_call(self, key: Any) -> int:
        """The call started for ``key``, or a new nameless one if the start was missed."""
        position = self.blocks.get(key)
        return self.new_call(key, None, "") if position is None else position

    def call_fragment(self, position: int, fragment: str) -> Delta:
        """Add a fragment of arguments to a call; its delta names the call."""
        call = self.calls[position]
        if fragment:
            call.parts.append(fragment)
        value = " ".join(p for p in (call.name, escape(fragment)) if p)
        return Delta(DeltaKind.TOOL_CALL, f"tool_call[{position}]", value or None)
