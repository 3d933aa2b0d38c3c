"""Reassemble what an LLM provider streamed: text, reasoning, tool calls, usage.

:func:`assemble` takes an :class:`~cassette_cli.sse.EventStream` (from
:func:`~cassette_cli.sse.parse_event_stream`, or from
:func:`~cassette_cli.eventstream.bedrock_to_event_stream` for Bedrock) and
returns an :class:`Assembly`.  Supported kinds:

``openai-chat``
    Chat Completions chunks (OpenAI, Azure, OpenRouter, Vercel, DeepSeek,
    Perplexity, llama.cpp and other compatible servers).  Only choice 0 is
    assembled.  ``data: [DONE]`` ends the stream: later events are summarised
    (``after [DONE]: <data>``) and warned about, but not assembled.
``openai-responses``
    Responses API ``response.*`` events.
``anthropic``
    Messages API events (``message_start``, ``content_block_*``, ``message_delta``...).
``gemini``
    ``streamGenerateContent?alt=sse``: every event is a whole response.
``bedrock``
    Bedrock's binary event stream, either InvokeModelWithResponseStream (chunks
    carrying Anthropic events -- assembled with the Anthropic rules) or
    ConverseStream (``messageStart``, ``contentBlockDelta``, ``messageStop``,
    ``metadata``).
``unknown``
    Anything else: no text, summaries are the escaped data.

Conventions:

* "event N" in warnings is :attr:`Event.index <cassette_cli.sse.Event.index>` (0-based).
* ``ToolCall.arguments`` is the concatenation of the streamed fragments; an empty
  string means "no arguments" and counts as valid JSON (read it as ``{}``).
  Invalid arguments set ``valid_json=False`` AND add a warning.
* Server-side tool calls (Anthropic ``server_tool_use``/``mcp_tool_use``,
  Converse ``toolUse`` started by the server) are listed as tool calls too.
* ``pings`` counts ``ping`` events plus comments whose text is ``ping``
  (optionally followed by more words, as in Perplexity's ``: ping - <time>``).
* ``reasoning`` is ``None`` when no reasoning text was streamed.
* Warnings about data that is not a JSON object are capped at
  :data:`MAX_JSON_WARNINGS`, followed by one line counting the rest.

Summaries (one per event, never truncated; parts joined with ``"; "``):
``text "<json-quoted>"``, ``reasoning "..."`` (OpenAI wording) or
``thinking "..."`` (Anthropic, Gemini, Converse), ``tool_call[N] <name> <fragment>``,
``finish <reason>``, ``usage in=<n> out=<n>``, ``[DONE]``, ``error <message>``,
``signature (<n> chars)``, and otherwise the event's own type with a detail
(``content_block_start[1] text``, ``response.created``...).  Data that is not
JSON is shown with control characters escaped (:func:`escape`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cassette_cli.sse import Event, EventStream

__all__ = [
    "KINDS",
    "Assembly",
    "ToolCall",
    "assemble",
    "detect_kind",
]

KINDS = ("openai-chat", "openai-responses", "anthropic", "gemini", "bedrock", "unknown")

MAX_JSON_WARNINGS = 10

ANTHROPIC_TYPES = frozenset(
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

_BEDROCK_METRICS = "amazon-bedrock-invocationMetrics"

_TOOL_BLOCKS = frozenset({"tool_use", "server_tool_use", "mcp_tool_use"})

_RESPONSES_END = frozenset({"response.completed", "response.incomplete", "response.failed"})

_ESCAPES = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


@dataclass
class ToolCall:
    """A tool (function) call reassembled from its fragments."""

    id: str | None
    name: str
    arguments: str
    valid_json: bool


@dataclass
class Assembly:
    """What a stream adds up to; ``summaries`` has one line per event, in order."""

    kind: str
    text: str
    reasoning: str | None
    tool_calls: list[ToolCall]
    finish_reason: str | None
    usage: dict[str, Any] | None
    warnings: list[str]
    pings: int
    summaries: list[str]


def escape(text: str) -> str:
    """Show control characters as escapes (``\\n``, ``\\r``, ``\\t``, ``\\xNN``)."""
    return text.translate(_ESCAPES)


def _q(text: str) -> str:
    """Quote a text fragment for a summary (JSON-style, non-ASCII kept)."""
    return json.dumps(text, ensure_ascii=False)


def _first(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = mapping.get(key)
        if value is not None:
            return value
    return None


def _usage_summary(usage: dict[str, Any]) -> str:
    parts = ["usage"]
    tokens_in = _first(usage, "prompt_tokens", "input_tokens", "promptTokenCount", "inputTokens")
    tokens_out = _first(
        usage, "completion_tokens", "output_tokens", "candidatesTokenCount", "outputTokens"
    )
    if tokens_in is not None:
        parts.append(f"in={tokens_in}")
    if tokens_out is not None:
        parts.append(f"out={tokens_out}")
    return " ".join(parts)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _error_message(obj: dict[str, Any]) -> str | None:
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


def _is_ping_comment(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0].lower() == "ping"


def _is_done(data: str) -> bool:
    return data.strip() == "[DONE]"


def _load_object(data: str) -> dict[str, Any] | None:
    stripped = data.lstrip()
    if not stripped.startswith("{"):
        return None
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return obj if isinstance(obj, dict) else None


# --------------------------------------------------------------------------- detection


def detect_kind(events: list[Event]) -> str:
    """Guess the provider format of a list of events (see :data:`KINDS`)."""
    done_seen = False
    for ev in events:
        etype = ev.event
        if etype.startswith("response."):
            return "openai-responses"
        if etype in CONVERSE_TYPES:
            return "bedrock"
        if etype in ANTHROPIC_TYPES:
            return _anthropic_or_bedrock(events)
        if _is_done(ev.data):
            done_seen = True
            continue
        obj = _load_object(ev.data)
        if obj is None:
            continue
        dtype = obj.get("type")
        if isinstance(dtype, str):
            if dtype.startswith("response."):
                return "openai-responses"
            if dtype in ANTHROPIC_TYPES:
                return _anthropic_or_bedrock(events)
        if "candidates" in obj or "usageMetadata" in obj or "promptFeedback" in obj:
            return "gemini"
        if "choices" in obj or obj.get("object") == "chat.completion.chunk":
            return "openai-chat"
    return "openai-chat" if done_seen else "unknown"


def _anthropic_or_bedrock(events: list[Event]) -> str:
    if any(_BEDROCK_METRICS in ev.data for ev in events):
        return "bedrock"
    return "anthropic"


# --------------------------------------------------------------------------- assembly


@dataclass
class _Call:
    id: str | None
    name: str
    parts: list[str] = field(default_factory=list)
    fallback: str = ""  # complete arguments given outside the deltas

    @property
    def arguments(self) -> str:
        return "".join(self.parts) if self.parts else self.fallback


class _Assembler:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.calls: list[_Call] = []
        self.finish: str | None = None
        self.usage: dict[str, Any] | None = None
        self.warnings: list[str] = []
        self.pings = 0
        self.summaries: list[str] = []
        self.non_json = 0
        # per-format state
        self.blocks: dict[Any, int] = {}  # block index / item key -> position in self.calls
        self.done_at: int | None = None
        self.after_done = 0

    # -- helpers ---------------------------------------------------------------------

    def load(self, ev: Event) -> dict[str, Any] | None:
        """The event's data as a JSON object, or None (with a capped warning)."""
        obj = _load_object(ev.data)
        if obj is None:
            self.non_json += 1
            if self.non_json <= MAX_JSON_WARNINGS:
                self.warnings.append(f"event {ev.index}: JSON expected but not found")
        return obj

    def error(self, obj: dict[str, Any], parts: list[str]) -> None:
        message = _error_message(obj)
        if message is not None:
            self.warnings.append(f"error event: {message}")
            parts.append(f"error {escape(message)}")

    def new_call(self, key: Any, call_id: str | None, name: str) -> int:
        position = len(self.calls)
        self.calls.append(_Call(id=call_id, name=name))
        if key is not None:
            self.blocks[key] = position
        return position

    def block_call(self, key: Any) -> int:
        """The call started for ``key``, or a new nameless one if the start was missed."""
        position = self.blocks.get(key)
        return self.new_call(key, None, "") if position is None else position

    def call_fragment(self, position: int, fragment: str) -> str:
        call = self.calls[position]
        if fragment:
            call.parts.append(fragment)
        return " ".join(p for p in (f"tool_call[{position}]", call.name, escape(fragment)) if p)

    def result(self, stream: EventStream) -> Assembly:
        if self.non_json > MAX_JSON_WARNINGS:
            self.warnings.append(
                f"{self.non_json - MAX_JSON_WARNINGS} more event(s) without JSON"
            )
        if self.after_done:
            self.warnings.append(f"{self.after_done} event(s) after [DONE] at event {self.done_at}")
        tool_calls: list[ToolCall] = []
        for position, call in enumerate(self.calls):
            arguments = call.arguments
            valid = True
            if arguments.strip():
                try:
                    json.loads(arguments)
                except (ValueError, RecursionError):
                    valid = False
            elif arguments:
                valid = False  # whitespace only is not JSON, and not "no arguments" either
            if not valid:
                label = f"{position} ({call.name})" if call.name else str(position)
                self.warnings.append(f"tool call {label}: arguments are not valid JSON")
            tool_calls.append(ToolCall(id=call.id, name=call.name, arguments=arguments, valid_json=valid))
        if not stream.events:
            self.warnings.append("no events in stream")
        if stream.unterminated:
            self.warnings.append("unterminated final event discarded")
        reasoning = "".join(self.reasoning)
        return Assembly(
            kind=self.kind,
            text="".join(self.text),
            reasoning=reasoning or None,
            tool_calls=tool_calls,
            finish_reason=self.finish,
            usage=self.usage,
            warnings=self.warnings,
            pings=self.pings,
            summaries=self.summaries,
        )

    # -- OpenAI chat completions -----------------------------------------------------

    def openai_chat(self, ev: Event) -> str:
        if self.done_at is not None:
            # A client stops reading at [DONE]: list what follows, assemble none of it.
            self.after_done += 1
            return f"after [DONE]: {escape(ev.data)}"
        if _is_done(ev.data):
            if self.done_at is None:
                self.done_at = ev.index
            return "[DONE]"
        obj = self.load(ev)
        if obj is None:
            return escape(ev.data)
        parts: list[str] = []
        self.error(obj, parts)
        choices = obj.get("choices")
        choice: dict[str, Any] = {}
        if isinstance(choices, list):
            for candidate in choices:
                if isinstance(candidate, dict) and candidate.get("index", 0) == 0:
                    choice = candidate
                    break
        delta = _dict(choice.get("delta"))
        content = _str(delta.get("content"))
        if content:
            self.text.append(content)
            parts.append(f"text {_q(content)}")
        reasoning = _str(delta.get("reasoning_content")) or _str(delta.get("reasoning"))
        if reasoning:
            self.reasoning.append(reasoning)
            parts.append(f"reasoning {_q(reasoning)}")
        tool_calls = delta.get("tool_calls")
        if isinstance(tool_calls, list):
            for fragment in tool_calls:
                if isinstance(fragment, dict):
                    parts.append(self._chat_tool_fragment(fragment))
        finish = choice.get("finish_reason")
        if isinstance(finish, str) and finish:
            self.finish = finish
            parts.append(f"finish {finish}")
        usage = obj.get("usage")
        if isinstance(usage, dict):
            self.usage = usage
            parts.append(_usage_summary(usage))
        if not parts:
            role = _str(delta.get("role"))
            if role:
                parts.append(f"role {role}")
            elif "prompt_filter_results" in obj:
                parts.append("prompt_filter_results")
            elif choice:
                parts.append("empty delta")
            else:
                parts.append("chunk")
        return "; ".join(parts)

    def _chat_tool_fragment(self, fragment: dict[str, Any]) -> str:
        """Merge one ``delta.tool_calls[]`` fragment: by ``index``, else by ``id``, else into the last call."""
        function = _dict(fragment.get("function"))
        name = _str(function.get("name"))
        call_id = fragment.get("id") if isinstance(fragment.get("id"), str) else None
        index = fragment.get("index")
        key: Any = None
        if isinstance(index, int):
            key = ("chat", index)
        elif call_id:
            key = ("chat-id", call_id)
        if key is not None:
            position = self.blocks.get(key)
        else:
            position = len(self.calls) - 1 if self.calls else None
        if position is None:
            position = self.new_call(key, call_id, name)
        call = self.calls[position]
        if call.id is None and call_id:
            call.id = call_id
        if not call.name and name:
            call.name = name
        return self.call_fragment(position, _str(function.get("arguments")))

    # -- OpenAI Responses ------------------------------------------------------------

    def openai_responses(self, ev: Event) -> str:
        if _is_done(ev.data):
            return "[DONE]"
        obj = self.load(ev)
        if obj is None:
            return escape(ev.data)
        etype = _str(obj.get("type")) or ev.event
        parts: list[str] = []
        if etype == "response.output_text.delta":
            delta = _str(obj.get("delta"))
            self.text.append(delta)
            parts.append(f"text {_q(delta)}")
        elif etype in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
            delta = _str(obj.get("delta"))
            self.reasoning.append(delta)
            parts.append(f"reasoning {_q(delta)}")
        elif etype == "response.output_item.added":
            item = _dict(obj.get("item"))
            if item.get("type") == "function_call":
                position = self.new_call(
                    ("item", item.get("id")),
                    item.get("call_id") if isinstance(item.get("call_id"), str) else None,
                    _str(item.get("name")),
                )
                self.blocks[("output", obj.get("output_index"))] = position
                self.calls[position].fallback = _str(item.get("arguments"))
                call = self.calls[position]
                parts.append(f"tool_call[{position}] {call.name} ({call.id})")
            else:
                parts.append(f"{etype} {_str(item.get('type'))}".rstrip())
        elif etype == "response.function_call_arguments.delta":
            position = self._responses_call(obj)
            parts.append(self.call_fragment(position, _str(obj.get("delta"))))
        elif etype in ("response.function_call_arguments.done", "response.output_item.done"):
            item = _dict(obj.get("item"))
            arguments = obj.get("arguments", item.get("arguments"))
            if etype == "response.function_call_arguments.done" or item.get("type") == "function_call":
                position = self._responses_call(obj)
                if isinstance(arguments, str) and arguments:
                    self.calls[position].fallback = arguments
                parts.append(f"{etype} tool_call[{position}]")
            else:
                parts.append(f"{etype} {_str(item.get('type'))}".rstrip())
        elif etype in _RESPONSES_END:
            response = _dict(obj.get("response"))
            parts.append(etype)
            status = response.get("status")
            if isinstance(status, str) and status:
                self.finish = status
                parts.append(f"status {status}")
            reason = _dict(response.get("incomplete_details")).get("reason")
            if isinstance(reason, str) and reason:
                parts.append(f"reason {reason}")
            usage = response.get("usage")
            if isinstance(usage, dict):
                self.usage = usage
                parts.append(_usage_summary(usage))
            if etype == "response.failed":
                message = _error_message(response) or "response.failed"
                self.warnings.append(f"error event: {message}")
        elif etype != "error":
            parts.append(etype)
        if etype not in _RESPONSES_END:
            self.error(obj, parts)
        return "; ".join(parts)

    def _responses_call(self, obj: dict[str, Any]) -> int:
        position = self.blocks.get(("item", obj.get("item_id")))
        if position is None:
            position = self.blocks.get(("output", obj.get("output_index")))
        if position is None:
            position = self.new_call(("item", obj.get("item_id")), None, "")
            self.blocks[("output", obj.get("output_index"))] = position
        return position

    # -- Anthropic -------------------------------------------------------------------

    def anthropic(self, ev: Event, obj: dict[str, Any]) -> str:
        etype = _str(obj.get("type")) or ev.event
        parts: list[str] = []
        if etype == "message_start":
            message = _dict(obj.get("message"))
            parts.append(f"message_start {_str(message.get('model'))}".rstrip())
            usage = message.get("usage")
            if isinstance(usage, dict):
                self.usage = {**(self.usage or {}), **usage}
                parts.append(_usage_summary(usage))
        elif etype == "content_block_start":
            index = obj.get("index")
            block = _dict(obj.get("content_block"))
            btype = _str(block.get("type"))
            label = f"content_block_start[{index}] {btype}"
            if btype in _TOOL_BLOCKS:
                position = self.new_call(
                    ("block", index),
                    block.get("id") if isinstance(block.get("id"), str) else None,
                    _str(block.get("name")),
                )
                tool_input = block.get("input")
                if isinstance(tool_input, dict) and tool_input:
                    self.calls[position].fallback = json.dumps(
                        tool_input, ensure_ascii=False, separators=(",", ":")
                    )
                label += f" tool_call[{position}] {self.calls[position].name}"
            elif btype == "text" and _str(block.get("text")):
                self.text.append(block["text"])
                label += f" {_q(block['text'])}"
            elif btype == "thinking" and _str(block.get("thinking")):
                self.reasoning.append(block["thinking"])
                label += f" {_q(block['thinking'])}"
            parts.append(label)
        elif etype == "content_block_delta":
            delta = _dict(obj.get("delta"))
            dtype = _str(delta.get("type"))
            if dtype == "text_delta":
                text = _str(delta.get("text"))
                self.text.append(text)
                parts.append(f"text {_q(text)}")
            elif dtype == "thinking_delta":
                thinking = _str(delta.get("thinking"))
                self.reasoning.append(thinking)
                parts.append(f"thinking {_q(thinking)}")
            elif dtype == "input_json_delta":
                position = self.block_call(("block", obj.get("index")))
                parts.append(self.call_fragment(position, _str(delta.get("partial_json"))))
            elif dtype == "signature_delta":
                parts.append(f"signature ({len(_str(delta.get('signature')))} chars)")
            elif dtype == "citations_delta":
                citation = _dict(delta.get("citation"))
                parts.append(f"citation {_str(citation.get('url')) or _str(citation.get('type'))}".rstrip())
            else:
                parts.append(f"delta {dtype}".rstrip())
        elif etype == "content_block_stop":
            parts.append(f"content_block_stop[{obj.get('index')}]")
        elif etype == "message_delta":
            reason = _dict(obj.get("delta")).get("stop_reason")
            if isinstance(reason, str) and reason:
                self.finish = reason
                parts.append(f"finish {reason}")
            usage = obj.get("usage")
            if isinstance(usage, dict):
                self.usage = {**(self.usage or {}), **usage}
                parts.append(_usage_summary(usage))
            if not parts:
                parts.append("message_delta")
        elif etype == "message_stop":
            parts.append("message_stop")
            metrics = obj.get(_BEDROCK_METRICS)
            if isinstance(metrics, dict):
                parts.append(
                    f"bedrock in={metrics.get('inputTokenCount')} out={metrics.get('outputTokenCount')}"
                )
        elif etype == "ping":
            self.pings += 1
            parts.append("ping")
        elif etype != "error":
            parts.append(etype)
        self.error(obj, parts)
        return "; ".join(parts)

    # -- Gemini ----------------------------------------------------------------------

    def gemini(self, ev: Event, obj: dict[str, Any]) -> str:
        parts: list[str] = []
        self.error(obj, parts)
        candidates = obj.get("candidates")
        candidate = _dict(candidates[0]) if isinstance(candidates, list) and candidates else {}
        content_parts = _dict(candidate.get("content")).get("parts")
        if isinstance(content_parts, list):
            for part in content_parts:
                if not isinstance(part, dict):
                    continue
                text = part.get("text")
                if isinstance(text, str) and text:
                    if part.get("thought") is True:
                        self.reasoning.append(text)
                        parts.append(f"thinking {_q(text)}")
                    else:
                        self.text.append(text)
                        parts.append(f"text {_q(text)}")
                call = part.get("functionCall")
                if isinstance(call, dict):
                    args = call.get("args")
                    arguments = (
                        json.dumps(args, ensure_ascii=False, separators=(",", ":"))
                        if args is not None
                        else ""
                    )
                    position = self.new_call(
                        None,
                        call.get("id") if isinstance(call.get("id"), str) else None,
                        _str(call.get("name")),
                    )
                    parts.append(self.call_fragment(position, arguments))
        finish = candidate.get("finishReason")
        if isinstance(finish, str) and finish:
            self.finish = finish
            parts.append(f"finish {finish}")
        blocked = _dict(obj.get("promptFeedback")).get("blockReason")
        if isinstance(blocked, str) and blocked:
            self.warnings.append(f"prompt blocked: {blocked}")
            parts.append(f"blocked {blocked}")
        usage = obj.get("usageMetadata")
        if isinstance(usage, dict):
            self.usage = usage
            parts.append(_usage_summary(usage))
        return "; ".join(parts) or "empty response"

    # -- Bedrock ---------------------------------------------------------------------

    def bedrock(self, ev: Event) -> str:
        etype = ev.event
        known = etype in ANTHROPIC_TYPES or etype in CONVERSE_TYPES or etype in ("chunk", "error")
        if not known:
            # exception / error frames: the event type is the exception type
            obj = _load_object(ev.data)
            message = _str(_dict(obj).get("message")) or _str(_dict(obj).get("Message")) or ev.data
            label = f"{etype}: {message}" if message else etype
            self.warnings.append(f"error event: {label}")
            return f"error {escape(label)}"
        obj = self.load(ev)
        if obj is None:
            return escape(ev.data)
        if etype in CONVERSE_TYPES:
            return self.converse(etype, obj)
        if etype == "chunk":
            return self.bedrock_other(obj)
        return self.anthropic(ev, obj)

    def converse(self, etype: str, obj: dict[str, Any]) -> str:
        index = obj.get("contentBlockIndex")
        parts: list[str] = []
        if etype == "messageStart":
            parts.append(f"messageStart {_str(obj.get('role'))}".rstrip())
        elif etype == "contentBlockStart":
            start = _dict(obj.get("start"))
            tool = start.get("toolUse")
            if isinstance(tool, dict):
                position = self.new_call(
                    ("block", index),
                    tool.get("toolUseId") if isinstance(tool.get("toolUseId"), str) else None,
                    _str(tool.get("name")),
                )
                parts.append(f"contentBlockStart[{index}] tool_call[{position}] {self.calls[position].name}")
            else:
                parts.append(f"contentBlockStart[{index}] {' '.join(start)}".rstrip())
        elif etype == "contentBlockDelta":
            delta = _dict(obj.get("delta"))
            if isinstance(delta.get("text"), str):
                self.text.append(delta["text"])
                parts.append(f"text {_q(delta['text'])}")
            if isinstance(delta.get("toolUse"), dict):
                position = self.block_call(("block", index))
                parts.append(self.call_fragment(position, _str(delta["toolUse"].get("input"))))
            reasoning = delta.get("reasoningContent")
            if isinstance(reasoning, dict):
                if isinstance(reasoning.get("text"), str):
                    self.reasoning.append(reasoning["text"])
                    parts.append(f"thinking {_q(reasoning['text'])}")
                else:
                    parts.append("reasoning " + " ".join(reasoning))
            for other in delta:
                if other not in ("text", "toolUse", "reasoningContent"):
                    parts.append(other)
            if not parts:
                parts.append("empty delta")
        elif etype == "contentBlockStop":
            parts.append(f"contentBlockStop[{index}]")
        elif etype == "messageStop":
            reason = obj.get("stopReason")
            if isinstance(reason, str) and reason:
                self.finish = reason
                parts.append(f"finish {reason}")
            else:
                parts.append("messageStop")
        elif etype == "metadata":
            usage = obj.get("usage")
            if isinstance(usage, dict):
                self.usage = usage
                parts.append(_usage_summary(usage))
            else:
                parts.append("metadata")
        return "; ".join(parts)

    def bedrock_other(self, obj: dict[str, Any]) -> str:
        """Non-Anthropic InvokeModel chunks (Meta ``generation``, Titan ``outputText``...)."""
        parts: list[str] = []
        self.error(obj, parts)
        text = _first(obj, "generation", "outputText", "completion")
        if isinstance(text, str) and text:
            self.text.append(text)
            parts.append(f"text {_q(text)}")
        reason = _first(obj, "stop_reason", "completionReason")
        if isinstance(reason, str) and reason:
            self.finish = reason
            parts.append(f"finish {reason}")
        metrics = obj.get(_BEDROCK_METRICS)
        if isinstance(metrics, dict):
            self.usage = metrics
            parts.append(
                f"usage in={metrics.get('inputTokenCount')} out={metrics.get('outputTokenCount')}"
            )
        return "; ".join(parts) or "chunk"

    # -- unknown ---------------------------------------------------------------------

    def unknown(self, ev: Event) -> str:
        obj = _load_object(ev.data)
        if obj is not None:
            message = _error_message(obj)
            if message is not None:
                self.warnings.append(f"error event: {message}")
        return escape(ev.data)


def assemble(stream: EventStream, kind: str | None = None) -> Assembly:
    """Reassemble ``stream``; ``kind=None`` detects it with :func:`detect_kind`."""
    if kind is None:
        kind = detect_kind(stream.events)
    if kind not in KINDS:
        raise ValueError(f"unknown stream kind {kind!r}; expected one of {', '.join(KINDS)}")
    asm = _Assembler(kind)
    asm.pings = sum(1 for comment in stream.comments if _is_ping_comment(comment.text))
    for ev in stream.events:
        if kind == "openai-chat":
            summary = asm.openai_chat(ev)
        elif kind == "openai-responses":
            summary = asm.openai_responses(ev)
        elif kind == "bedrock":
            summary = asm.bedrock(ev)
        elif kind == "unknown":
            summary = asm.unknown(ev)
        elif _is_done(ev.data):
            summary = "[DONE]"
        else:
            obj = asm.load(ev)
            if obj is None:
                summary = escape(ev.data)
            elif kind == "anthropic":
                summary = asm.anthropic(ev, obj)
            else:
                summary = asm.gemini(ev, obj)
        asm.summaries.append(summary)
    return asm.result(stream)
