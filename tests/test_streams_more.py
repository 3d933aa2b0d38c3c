"""The providers real cassettes hold beside the big five, each assembled (Cohere v2,
OpenAI Assistants runs, Gemini Interactions, Cloudflare Workers AI), Gemini's JSON-array
streams, and `unknown` (never a wrong provider) for a stream none of them fits."""

from __future__ import annotations

import json

import pytest

from cassette_cli.streams.assembly import assemble, detect_kind
from cassette_cli.streams.json_array import count_elements, is_stream_url, parse_json_array
from cassette_cli.streams.sse import parse_event_stream

from .conftest import ROOT
from .test_assemblers import sse

REAL = ROOT.parent / "shared" / "real-world"


def run(text: str):
    return assemble(parse_event_stream(text))


def test_cohere_v2_text_thinking_tool_plan_tool_calls_finish_usage() -> None:
    text = sse(
        ("message-start", {"id": "m", "type": "message-start", "delta": {"message": {"role": "assistant"}}}),
        ("content-delta", {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"thinking": "Let me see."}}}}),
        ("tool-plan-delta", {"type": "tool-plan-delta", "delta": {"message": {"tool_plan": "I will call sqrt."}}}),
        ("tool-call-start", {"type": "tool-call-start", "index": 0, "delta": {"message": {"tool_calls": {"id": "c1", "type": "function", "function": {"name": "sqrt", "arguments": ""}}}}}),
        ("tool-call-delta", {"type": "tool-call-delta", "index": 0, "delta": {"message": {"tool_calls": {"function": {"arguments": "{\"n\": "}}}}}),
        ("tool-call-delta", {"type": "tool-call-delta", "index": 0, "delta": {"message": {"tool_calls": {"function": {"arguments": "4}"}}}}}),
        ("tool-call-end", {"type": "tool-call-end", "index": 0}),
        ("content-delta", {"type": "content-delta", "index": 1, "delta": {"message": {"content": {"text": "Two"}}}}),
        ("message-end", {"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": {"tokens": {"input_tokens": 3, "output_tokens": 2}}}}),
        (None, "[DONE]"),
    )
    result = run(text)
    assert (result.kind, result.text, result.reasoning, result.finish_reason) == ("cohere", "Two", "Let me see.I will call sqrt.", "COMPLETE")
    assert [(c.id, c.name, json.loads(c.arguments)) for c in result.tool_calls] == [("c1", "sqrt", {"n": 4})]
    assert result.usage == {"tokens": {"input_tokens": 3, "output_tokens": 2}} and result.warnings == []


def test_openai_assistants_run_text_tool_calls_and_the_run_end() -> None:
    text = sse(
        ("thread.run.created", {"id": "run_1", "object": "thread.run", "status": "queued"}),
        ("thread.message.delta", {"id": "msg", "object": "thread.message.delta", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "Hel"}}]}}),
        ("thread.message.delta", {"id": "msg", "object": "thread.message.delta", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "lo"}}]}}),
        ("thread.run.step.delta", {"object": "thread.run.step.delta", "delta": {"step_details": {"type": "tool_calls", "tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\""}}]}}}),
        ("thread.run.step.delta", {"object": "thread.run.step.delta", "delta": {"step_details": {"type": "tool_calls", "tool_calls": [{"index": 0, "function": {"arguments": ": 1}"}}]}}}),
        ("thread.run.completed", {"id": "run_1", "object": "thread.run", "status": "completed", "usage": {"prompt_tokens": 5, "completion_tokens": 2}}),
        ("done", "[DONE]"),
    )
    result = run(text)
    assert (result.kind, result.text, result.finish_reason, result.usage) == ("openai-assistants", "Hello", "completed", {"prompt_tokens": 5, "completion_tokens": 2})
    assert [(c.name, json.loads(c.arguments)) for c in result.tool_calls] == [("f", {"a": 1})]


def test_gemini_interactions_thought_text_function_call_and_completion() -> None:
    text = sse(
        ("interaction.created", {"interaction": {"id": "v1", "status": "in_progress"}, "event_type": "interaction.created"}),
        ("step.start", {"index": 0, "step": {"type": "thought"}, "event_type": "step.start"}),
        ("step.delta", {"index": 0, "delta": {"content": {"text": "Hmm.", "type": "text"}, "type": "thought_summary"}, "event_type": "step.delta"}),
        ("step.delta", {"index": 0, "delta": {"signature": "abc", "type": "thought_signature"}, "event_type": "step.delta"}),
        ("step.delta", {"index": 1, "delta": {"text": "Blue.", "type": "text"}, "event_type": "step.delta"}),
        ("step.delta", {"index": 2, "delta": {"type": "function_call", "id": "fc1", "name": "look", "arguments": {"at": "sky"}}, "event_type": "step.delta"}),
        ("interaction.complete", {"interaction": {"id": "v1", "status": "completed", "usage": {"total_tokens": 9}}, "event_type": "interaction.complete"}),
    )
    result = run(text)
    assert (result.kind, result.text, result.reasoning, result.finish_reason, result.usage) == ("gemini-interactions", "Blue.", "Hmm.", "completed", {"total_tokens": 9})
    assert [(c.id, c.name, json.loads(c.arguments)) for c in result.tool_calls] == [("fc1", "look", {"at": "sky"})]


def test_cloudflare_workers_ai_text_and_tool_call_fragments() -> None:
    text = sse(
        (None, {"response": "", "tool_calls": [], "p": "abc"}),
        (None, {"tool_calls": [{"id": "t1", "type": "function", "index": 0, "function": {"name": "square_root"}}], "p": "ab"}),
        (None, {"tool_calls": [{"index": 0, "function": {"arguments": "{\"number\": 13"}}], "p": "a"}),
        (None, {"tool_calls": [{"index": 0, "function": {"arguments": "24}"}}], "p": "abcd"}),
        (None, {"response": "ok", "usage": {"prompt_tokens": 3, "completion_tokens": 1}}),
        (None, "[DONE]"),
    )
    result = run(text)
    assert (result.kind, result.text, result.usage) == ("cloudflare", "ok", {"prompt_tokens": 3, "completion_tokens": 1})
    assert [(c.id, c.name, json.loads(c.arguments)) for c in result.tool_calls] == [("t1", "square_root", {"number": 1324})]


def test_cloudflare_whole_tool_calls_of_older_models() -> None:
    result = run(sse((None, {"response": "", "tool_calls": [{"name": "f", "arguments": {"x": 1}}], "p": "a"}), (None, "[DONE]")))
    assert [(c.name, json.loads(c.arguments)) for c in result.tool_calls] == [("f", {"x": 1})]


@pytest.mark.parametrize("text", [
    sse((None, {"foo": 1}), (None, "[DONE]")),  # [DONE] alone says nothing
    sse((None, {"token": {"text": "hi"}}), (None, {"token": {"text": "!"}})),  # some other server's shape
])
def test_a_stream_no_provider_fits_is_unknown_and_its_events_are_kept(text: str) -> None:
    result = run(text)
    assert result.kind == "unknown" and result.text == ""
    assert len(result.summaries) == 2
    assert any(word in result.summaries[0].text for word in ("foo", "token"))


def test_an_error_then_done_is_still_openrouter_s_failed_stream() -> None:
    assert run(sse((None, {"error": {"message": "no credits"}}), (None, "[DONE]"))).kind == "openai-chat"


def test_gemini_json_array_elements_are_events_with_their_lines() -> None:
    text = '[{"candidates": [{"content": {"parts": [{"text": "Hel"}]}}]}\r\n,\r\n{"candidates": [{"content": {"parts": [{"text": "lo"}]}, "finishReason": "STOP"}], "usageMetadata": {"promptTokenCount": 2}}\r\n]'
    stream = parse_json_array(text)
    assert stream is not None and [e.line for e in stream.events] == [1, 3] and not stream.unterminated
    result = assemble(stream, detect_kind(stream.events))
    assert (result.kind, result.text, result.finish_reason) == ("gemini", "Hello", "STOP")
    assert count_elements(text) == 2
    cut = parse_json_array(text[: text.index("\r\n]")])
    assert cut is not None and cut.unterminated and len(cut.events) == 2
    assert parse_json_array('{"candidates": []}') is None and parse_json_array("[1, 2") is not None
    assert is_stream_url("https://x/v1beta/models/m:streamGenerateContent?key=k") and not is_stream_url("https://x/m:streamGenerateContent?alt=sse")


CORPUS_ARRAY = ROOT.parent / "shared" / "corpus" / "vcrpy" / "llm-gemini__test_prompt.yaml"


@pytest.mark.skipif(not CORPUS_ARRAY.is_file(), reason="../shared/corpus is not here")
def test_ls_counts_the_chunks_of_a_real_json_array_stream_and_show_assembles_it(run_cli) -> None:
    [row] = run_cli("ls", "--json", CORPUS_ARRAY).json()
    assert row["sse_events"] == 3 and row["content_type"].startswith("application/json")
    [shown] = run_cli("show", "--decode-sse", "--json", CORPUS_ARRAY).json()
    assert shown["response"]["sse"]["kind"] == "gemini" and shown["response"]["sse"]["text"] == "Scoop"


REAL_STREAMS = [
    ("go-vcr-v2/maruel__genai__providers_cohere_testdata_TestClient_Scoreboard_command-r7b-12-2024_thinking_GenStream-Tools-SquareRoot-2.yaml", "cohere", "363.89"),
    ("ruby-vcr/crmne__ruby_llm__spec_fixtures_vcr_cassettes_chat_citations_with_cohere_command-a-plus-05-2026_streams_citations.yml", "cohere", "According to the document"),
    ("ruby-vcr/alexrudall__ruby-openai__spec_fixtures_cassettes_runs_streamed_create.yml", "openai-assistants", "Columbia University"),
    ("vcrpy/Arize-ai__openinference__python_instrumentation_openinference-~0e394c~es_test_interactions_instrumentation_test_interactions_with_thinking_stream.yaml", "gemini-interactions", "The sky is blue"),
    ("go-vcr-v2/maruel__genai__providers_cloudflare_testdata_TestClient_Scoreboard_@cf_meta_llama-4-scout-17b-16e-instruct_GenStream-Tools-SquareRoot-1-any.yaml", "cloudflare", ""),
]


@pytest.mark.parametrize(("name", "kind", "start"), REAL_STREAMS, ids=[k for _, k, _ in REAL_STREAMS])
def test_real_streams_of_these_providers(name: str, kind: str, start: str, run_cli) -> None:
    path = REAL / name
    if not path.is_file():
        pytest.skip("../shared/real-world is not here")
    streams = [s["response"]["sse"] for s in run_cli("show", "--decode-sse", "--json", path).json() if s["response"].get("sse")]
    assert streams and all(s["kind"] == kind for s in streams)
    assert streams[0]["text"].startswith(start)
    if kind == "cloudflare":
        assert streams[0]["tool_calls"][0]["name"] == "square_root" and json.loads(streams[0]["tool_calls"][0]["arguments"]) == {"number": 132413}


@pytest.fixture
def run_cli(run):
    return run
