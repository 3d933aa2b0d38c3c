"""Provider assemblers: cassette_cli.streams.assembly and its provider modules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cassette_cli.streams.assembly import KINDS, PROVIDERS, Assembly, Delta, DeltaKind, ToolCall, assemble, detect_kind, escape
from cassette_cli.streams.sse import Event, parse_event_stream


def sse(*blocks: tuple[str | None, Any], eol: str = "\n") -> str:
    """Serialise (event type or None, data) blocks; dict data is JSON-encoded."""
    out = []
    for etype, data in blocks:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        lines = ([f"event: {etype}"] if etype else []) + [f"data: {line}" for line in text.split("\n")]
        out.append(eol.join(lines) + eol + eol)
    return "".join(out)


def run(text: str, kind: str | None = None) -> Assembly:
    return assemble(parse_event_stream(text), kind)


def lines(result: Assembly) -> list[str]:
    """Each event's summary as the event table shows it."""
    return [summary.text for summary in result.summaries]


# --------------------------------------------------------------------------- OpenAI chat


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def test_openai_chat_tool_calls_merged_by_index() -> None:
    text = sse(
        (None, _chunk({"role": "assistant", "content": None})),
        (None, _chunk({"content": "Checking"})),
        (
            None,
            _chunk(
                {
                    "tool_calls": [
                        {"index": 0, "id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
                    ]
                }
            ),
        ),
        (
            None,
            _chunk(
                {
                    "tool_calls": [
                        {"index": 1, "id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": '{"tz":'}}
                    ]
                }
            ),
        ),
        (None, _chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"loc'}}]})),
        (None, _chunk({"tool_calls": [{"index": 1, "function": {"arguments": '"CET"}'}}]})),
        (None, _chunk({"tool_calls": [{"index": 0, "function": {"arguments": '":"Rome"}'}}]})),
        (None, _chunk({}, "tool_calls")),
        (None, {"object": "chat.completion.chunk", "choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13}}),
        (None, "[DONE]"),
    )
    result = run(text)
    assert result.kind == "openai-chat"
    assert result.text == "Checking"
    assert result.reasoning is None
    assert result.tool_calls == [
        ToolCall(id="call_a", name="get_weather", arguments='{"loc":"Rome"}', valid_json=True),
        ToolCall(id="call_b", name="get_time", arguments='{"tz":"CET"}', valid_json=True),
    ]
    assert result.finish_reason == "tool_calls"
    assert result.usage == {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13}
    assert result.warnings == []
    assert result.pings == 0
    assert lines(result) == [
        "role assistant",
        'text "Checking"',
        "tool_call[0] get_weather",
        'tool_call[1] get_time {"tz":',
        'tool_call[0] get_weather {"loc',
        'tool_call[1] get_time "CET"}',
        'tool_call[0] get_weather ":"Rome"}',
        "finish tool_calls",
        "usage in=11 out=2",
        "[DONE]",
    ]


def test_openai_chat_reasoning_content_done_and_bad_arguments() -> None:
    text = sse(
        (None, _chunk({"reasoning_content": "Hmm, "})),
        (None, _chunk({"reasoning_content": "ok."})),
        (None, _chunk({"content": "Hi\n"})),
        (None, _chunk({"tool_calls": [{"index": 0, "id": "c1", "function": {"name": "f", "arguments": "{oops"}}]})),
        (None, _chunk({}, "stop")),
        (None, "[DONE]"),
        (None, _chunk({"content": "late"})),
        (None, "not json"),
    )
    result = run(text)
    assert result.text == "Hi\n"
    assert result.reasoning == "Hmm, ok."
    assert result.tool_calls == [ToolCall(id="c1", name="f", arguments="{oops", valid_json=False)]
    assert result.finish_reason == "stop"
    assert result.usage is None
    assert result.warnings == [
        "2 event(s) after [DONE] at event 5",
        "tool call 0 (f): arguments are not valid JSON",
    ]
    assert lines(result)[:3] == ['reasoning "Hmm, "', 'reasoning "ok."', 'text "Hi\\n"']
    assert lines(result)[5:] == [
        "[DONE]",
        "after [DONE]: " + json.dumps(_chunk({"content": "late"})),
        "after [DONE]: not json",
    ]


def test_openrouter_comments_and_error_event() -> None:
    text = (
        ": OPENROUTER PROCESSING\n\n"
        ": OPENROUTER PROCESSING\n\n"
        + sse(
            (None, {"id": "gen-1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Ol\u00e1", "reasoning": "Greet."}, "finish_reason": None}]}),
            (None, {"id": "gen-1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "!"}, "finish_reason": None}]}),
            (None, {"error": {"code": 502, "message": "Provider returned error"}}),
            (None, "[DONE]"),
        )
    )
    stream = parse_event_stream(text)
    assert [c.text for c in stream.comments] == ["OPENROUTER PROCESSING"] * 2
    result = assemble(stream)
    assert result.kind == "openai-chat"
    assert result.text == "Ol\u00e1!"
    assert result.reasoning == "Greet."
    assert result.tool_calls == []
    assert result.finish_reason is None
    assert result.warnings == ["error event: Provider returned error"]
    assert result.pings == 0
    assert lines(result) == [
        'text "Ol\u00e1"; reasoning "Greet."',
        'text "!"',
        "error Provider returned error",
        "[DONE]",
    ]


def test_azure_prompt_filter_chunk_and_ping_comments() -> None:
    text = ": ping - 2026-01-01 00:00:00\r\n\r\n" + sse(
        (None, {"choices": [], "prompt_filter_results": [{"prompt_index": 0}], "object": ""}),
        (None, _chunk({"content": "ok"}, "stop")),
        (None, "[DONE]"),
        eol="\r\n",
    )
    result = run(text)
    assert result.kind == "openai-chat"
    assert result.text == "ok"
    assert result.pings == 1
    assert lines(result) == ["prompt_filter_results", 'text "ok"; finish stop', "[DONE]"]
    assert result.warnings == []


def test_summaries_are_typed_deltas() -> None:
    """A renderer styles a summary from its deltas' kinds, never from its text."""
    tool = {"tool_calls": [{"index": 0, "id": "c1", "function": {"name": "f", "arguments": "{}"}}]}
    result = run(sse((None, _chunk({"content": "Hi"})), (None, _chunk(tool, "tool_calls")), (None, "[DONE]"), (None, "late")))
    assert [[delta.kind for delta in summary.deltas] for summary in result.summaries] == [
        [DeltaKind.TEXT],
        [DeltaKind.TOOL_CALL, DeltaKind.FINISH],
        [DeltaKind.DONE],
        [DeltaKind.OTHER],
    ]
    assert result.summaries[0].deltas == (Delta(DeltaKind.TEXT, "text", '"Hi"'),)
    assert result.summaries[1].deltas[0] == Delta(DeltaKind.TOOL_CALL, "tool_call[0]", "f {}")
    assert lines(result) == ['text "Hi"', "tool_call[0] f {}; finish tool_calls", "[DONE]", "after [DONE]: late"]


def test_every_kind_has_a_provider() -> None:
    assert set(KINDS) == set(PROVIDERS) == {"openai-chat", "openai-responses", "anthropic", "gemini", "bedrock", "cohere", "openai-assistants", "gemini-interactions", "cloudflare", "unknown"}


# --------------------------------------------------------------------------- Responses


def test_openai_responses_function_call_reasoning_and_usage() -> None:
    usage = {"input_tokens": 60, "output_tokens": 25, "total_tokens": 85}
    text = sse(
        ("response.created", {"type": "response.created", "response": {"id": "resp_1", "status": "in_progress", "usage": None}}),
        ("response.output_item.added", {"type": "response.output_item.added", "output_index": 0, "item": {"id": "rs_1", "type": "reasoning", "summary": []}}),
        ("response.reasoning_summary_text.delta", {"type": "response.reasoning_summary_text.delta", "item_id": "rs_1", "output_index": 0, "delta": "**Plan** "}),
        ("response.reasoning_summary_text.delta", {"type": "response.reasoning_summary_text.delta", "item_id": "rs_1", "output_index": 0, "delta": "call the tool"}),
        ("response.output_item.added", {"type": "response.output_item.added", "output_index": 1, "item": {"id": "fc_1", "type": "function_call", "call_id": "call_9", "name": "weather", "arguments": ""}}),
        ("response.function_call_arguments.delta", {"type": "response.function_call_arguments.delta", "item_id": "fc_1", "output_index": 1, "delta": '{"location":'}),
        ("response.function_call_arguments.delta", {"type": "response.function_call_arguments.delta", "item_id": "fc_1", "output_index": 1, "delta": '"Rome"}'}),
        ("response.function_call_arguments.done", {"type": "response.function_call_arguments.done", "item_id": "fc_1", "output_index": 1, "arguments": '{"location":"Rome"}'}),
        ("response.output_item.added", {"type": "response.output_item.added", "output_index": 2, "item": {"id": "msg_1", "type": "message"}}),
        ("response.output_text.delta", {"type": "response.output_text.delta", "item_id": "msg_1", "delta": "It is "}),
        # no "type" in the data: the event field names it
        ("response.output_text.delta", {"item_id": "msg_1", "delta": "hot."}),
        ("response.completed", {"type": "response.completed", "response": {"id": "resp_1", "status": "completed", "usage": usage}}),
    )
    result = run(text)
    assert result.kind == "openai-responses"
    assert result.text == "It is hot."
    assert result.reasoning == "**Plan** call the tool"
    assert result.tool_calls == [ToolCall(id="call_9", name="weather", arguments='{"location":"Rome"}', valid_json=True)]
    assert result.finish_reason == "completed"
    assert result.usage == usage
    assert result.warnings == []
    assert lines(result) == [
        "response.created",
        "response.output_item.added reasoning",
        'reasoning "**Plan** "',
        'reasoning "call the tool"',
        "tool_call[0] weather (call_9)",
        "tool_call[0] weather {\"location\":",
        'tool_call[0] weather "Rome"}',
        "response.function_call_arguments.done tool_call[0]",
        "response.output_item.added message",
        'text "It is "',
        'text "hot."',
        "response.completed; status completed; usage in=60 out=25",
    ]


def test_openai_responses_failed_and_error_event() -> None:
    text = sse(
        ("response.output_text.delta", {"type": "response.output_text.delta", "delta": "Par"}),
        ("error", {"type": "error", "code": "server_error", "message": "Something broke"}),
        ("response.failed", {"type": "response.failed", "response": {"status": "failed", "error": {"code": "server_error", "message": "The model failed"}, "usage": None}}),
    )
    result = run(text)
    assert result.kind == "openai-responses"
    assert result.text == "Par"
    assert result.finish_reason == "failed"
    assert result.usage is None
    assert result.warnings == ["error event: Something broke", "error event: The model failed"]
    assert lines(result) == [
        'text "Par"',
        "error Something broke",
        "response.failed; status failed",
    ]


# --------------------------------------------------------------------------- Anthropic


def test_anthropic_thinking_text_tool_use_ping_and_usage_merge() -> None:
    def delta(index: int, body: dict[str, Any]) -> tuple[str, str]:
        # Anthropic pads its JSON with trailing whitespace
        return ("content_block_delta", json.dumps({"type": "content_block_delta", "index": index, "delta": body}) + "     ")

    text = sse(
        ("message_start", {"type": "message_start", "message": {"id": "msg_1", "model": "claude-x", "usage": {"input_tokens": 20, "cache_read_input_tokens": 5, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": "", "signature": ""}}),
        ("ping", {"type": "ping"}),
        delta(0, {"type": "thinking_delta", "thinking": "Let me "}),
        delta(0, {"type": "thinking_delta", "thinking": "check."}),
        delta(0, {"type": "signature_delta", "signature": "c2lnbmF0dXJl"}),
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("content_block_start", {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}}),
        delta(1, {"type": "text_delta", "text": "Ol\u00e1! "}),
        delta(1, {"type": "text_delta", "text": "Checking."}),
        ("content_block_stop", {"type": "content_block_stop", "index": 1}),
        ("content_block_start", {"type": "content_block_start", "index": 2, "content_block": {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}}),
        delta(2, {"type": "input_json_delta", "partial_json": ""}),
        delta(2, {"type": "input_json_delta", "partial_json": '{"loc'}),
        delta(2, {"type": "input_json_delta", "partial_json": 'ation": "Rome"}'}),
        ("content_block_stop", {"type": "content_block_stop", "index": 2}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": None}, "usage": {"output_tokens": 42}}),
        ("message_stop", {"type": "message_stop"}),
    )
    result = run(text)
    assert result.kind == "anthropic"
    assert result.text == "Ol\u00e1! Checking."
    assert result.reasoning == "Let me check."
    assert result.tool_calls == [ToolCall(id="toolu_1", name="get_weather", arguments='{"location": "Rome"}', valid_json=True)]
    assert result.finish_reason == "tool_use"
    assert result.usage == {"input_tokens": 20, "cache_read_input_tokens": 5, "output_tokens": 42}
    assert result.pings == 1
    assert result.warnings == []
    assert lines(result) == [
        "message_start claude-x; usage in=20 out=1",
        "content_block_start[0] thinking",
        "ping",
        'thinking "Let me "',
        'thinking "check."',
        "signature (12 chars)",
        "content_block_stop[0]",
        "content_block_start[1] text",
        'text "Ol\u00e1! "',
        'text "Checking."',
        "content_block_stop[1]",
        "content_block_start[2] tool_use tool_call[0] get_weather",
        "tool_call[0] get_weather",
        'tool_call[0] get_weather {"loc',
        'tool_call[0] get_weather ation": "Rome"}',
        "content_block_stop[2]",
        "finish tool_use; usage out=42",
        "message_stop",
    ]


def test_anthropic_error_event_non_json_and_unterminated() -> None:
    text = (
        sse(
            ("message_start", {"type": "message_start", "message": {"usage": {"input_tokens": 3}}}),
            ("content_block_delta", "oops"),
            ("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
        )
        + "event: message_stop\ndata: {}\n"
    )
    result = run(text)
    assert result.kind == "anthropic"
    assert result.text == ""
    assert result.usage == {"input_tokens": 3}
    assert result.warnings == [
        "event 1: JSON expected but not found",
        "error event: Overloaded",
        "unterminated final event discarded",
    ]
    assert lines(result) == ["message_start; usage in=3", "oops", "error Overloaded"]


def test_non_json_warnings_are_capped() -> None:
    text = sse(("message_start", {"type": "message_start", "message": {}}), *[("ping", f"x{i}") for i in range(15)])
    result = run(text)
    assert result.warnings == [f"event {i}: JSON expected but not found" for i in range(1, 11)] + [
        "5 more event(s) without JSON"
    ]


# --------------------------------------------------------------------------- Gemini


def test_gemini_crlf_function_call_and_thought_parts() -> None:
    text = sse(
        (None, {"candidates": [{"content": {"parts": [{"text": "Thinking about it", "thought": True}], "role": "model"}, "index": 0}]}),
        (None, {"candidates": [{"content": {"parts": [{"text": "Calling "}, {"functionCall": {"name": "get_weather", "args": {"location": "Rome", "unit": "C"}}}], "role": "model"}, "index": 0}], "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 3}}),
        (None, {"candidates": [{"content": {"parts": [{"functionCall": {"id": "fc-2", "name": "noop", "args": {}}}, {"text": "done."}], "role": "model"}, "finishReason": "STOP", "index": 0}], "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 7, "totalTokenCount": 17}}),
        eol="\r\n",
    )
    assert "\r\n\r\n" in text
    result = run(text)
    assert result.kind == "gemini"
    assert result.text == "Calling done."
    assert result.reasoning == "Thinking about it"
    assert result.tool_calls == [
        ToolCall(id=None, name="get_weather", arguments='{"location":"Rome","unit":"C"}', valid_json=True),
        ToolCall(id="fc-2", name="noop", arguments="{}", valid_json=True),
    ]
    assert result.finish_reason == "STOP"
    assert result.usage == {"promptTokenCount": 10, "candidatesTokenCount": 7, "totalTokenCount": 17}
    assert result.warnings == []
    assert lines(result) == [
        'thinking "Thinking about it"',
        'text "Calling "; tool_call[0] get_weather {"location":"Rome","unit":"C"}; usage in=10 out=3',
        'tool_call[1] noop {}; text "done."; finish STOP; usage in=10 out=7',
    ]


def test_gemini_error_payload() -> None:
    text = sse((None, {"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}))
    result = run(text, "gemini")
    assert result.warnings == ["error event: Resource exhausted"]


# --------------------------------------------------------------------------- unknown


def test_unknown_kind() -> None:
    text = "data: hello\ndata: world\n\nevent: custom\ndata: 42\n\ndata: \t{x\n\n"
    result = run(text)
    assert result.kind == "unknown"
    assert result.text == ""
    assert result.reasoning is None
    assert result.tool_calls == []
    assert result.finish_reason is None
    assert result.usage is None
    assert result.warnings == []
    assert lines(result) == ["hello\\nworld", "42", "\\t{x"]


def test_empty_stream() -> None:
    result = run(": nothing here\n\n")
    assert result.kind == "unknown"
    assert lines(result) == []
    assert result.warnings == ["no events in stream"]


def test_bad_kind_rejected() -> None:
    with pytest.raises(ValueError, match="unknown stream kind"):
        run("data: x\n\n", "openai")


def test_escape() -> None:
    assert escape("a\nb\r\tc\x00\x7f\u00e9") == "a\\nb\\r\\tc\\x00\\x7f\u00e9"


# --------------------------------------------------------------------------- detection


def _events(*pairs: tuple[str, str]) -> list[Event]:
    return [Event(index=i, event=e, id=None, data=d, line=i + 1) for i, (e, d) in enumerate(pairs)]


@pytest.mark.parametrize(
    ("pairs", "kind"),
    [
        pytest.param([("message", '{"choices": []}')], "openai-chat", id="choices"),
        pytest.param([("message", '{"error": {"message": "x"}}'), ("message", "[DONE]")], "openai-chat", id="done-only"),
        pytest.param([("response.created", "{}")], "openai-responses", id="responses-event-field"),
        pytest.param([("message", '{"type": "response.output_text.delta"}')], "openai-responses", id="responses-data-type"),
        pytest.param([("message_start", "{}")], "anthropic", id="anthropic-event-field"),
        pytest.param([("message", '{"type": "content_block_delta"}')], "anthropic", id="anthropic-data-type"),
        pytest.param(
            [("message_start", "{}"), ("message_stop", '{"type":"message_stop","amazon-bedrock-invocationMetrics":{}}')],
            "bedrock",
            id="anthropic-on-bedrock",
        ),
        pytest.param([("messageStart", '{"role": "assistant"}')], "bedrock", id="converse"),
        pytest.param([("message", '{"candidates": []}')], "gemini", id="gemini"),
        pytest.param([("message", '{"usageMetadata": {}}')], "gemini", id="gemini-usage-only"),
        pytest.param([("message", "hello")], "unknown", id="text"),
        pytest.param([], "unknown", id="empty"),
    ],
)
def test_detect_kind(pairs: list[tuple[str, str]], kind: str) -> None:
    assert detect_kind(_events(*pairs)) == kind
