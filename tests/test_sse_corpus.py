"""Event streams of the real cassettes in ../shared/corpus (skipped when it is absent).

PyYAML is used here only to pull the response bodies out of the cassettes.
Every expected text below was checked by hand against the delta fragments in the
cassette (or, for the base64/gzip bodies, against the decoded bytes).
"""

from __future__ import annotations

import base64
import gzip
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from cassette_cli.bodies.sniff import starts_like_aws_event_stream
from cassette_cli.streams.assembly import Assembly, ToolCall, assemble
from cassette_cli.streams.aws import bedrock_to_event_stream
from cassette_cli.streams.sse import EventStream, count_events, parse_event_stream

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that also understands Ruby Psych's ``!binary`` (base64) tag."""


def _binary(loader: Any, node: Any) -> bytes:
    return base64.b64decode(loader.construct_scalar(node))


_Loader.add_constructor("!binary", _binary)


def _header(headers: Any, name: str) -> str | None:
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if str(key).lower() == name.lower():
            if isinstance(value, list):
                return str(value[0]) if value else None
            return str(value)
    return None


@lru_cache(maxsize=None)
def stream_bodies(relpath: str) -> tuple[str | bytes, ...]:
    """Bodies of the responses labelled text/event-stream or vnd.amazon.eventstream."""
    doc = yaml.load((CORPUS / relpath).read_text(encoding="utf-8"), Loader=_Loader)
    interactions = doc.get("interactions") or doc.get("http_interactions") or []
    bodies: list[str | bytes] = []
    for interaction in interactions:
        response = interaction["response"]
        content_type = _header(response.get("headers"), "Content-Type") or ""
        if "event-stream" not in content_type and "eventstream" not in content_type:
            continue
        body = response.get("body")
        if isinstance(body, dict):
            body = body.get("string")
        if isinstance(body, bytes) and body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        if isinstance(body, bytes) and "event-stream" in content_type:
            body = body.decode("utf-8", "replace")
        bodies.append(body or "")
    return tuple(bodies)


def load(relpath: str, number: int = 0) -> tuple[EventStream, str | None]:
    """The number-th event-stream body as an EventStream, and the kind to assemble it as."""
    body = stream_bodies(relpath)[number]
    if isinstance(body, bytes):
        assert starts_like_aws_event_stream(body)
        return bedrock_to_event_stream(body), "bedrock"
    return parse_event_stream(body), None


def assembled(relpath: str, number: int = 0) -> Assembly:
    stream, kind = load(relpath, number)
    return assemble(stream, kind)


# --------------------------------------------------------------------------- event counts

COUNTS = [
    ("go-vcr-v2/fantasy__TestOpenAICommon_openai-gpt-4o_tool_streaming.yaml", [12, 16]),
    ("go-vcr-v2/fantasy__TestAzureCommon_azure-gpt-5-mini_tool_streaming.yaml", [13, 59]),
    ("go-vcr-v2/fantasy__TestOpenAICompatibleCommon_zai-glm-4-7-flash_simple_streaming.yaml", [734]),
    ("go-vcr-v2/fantasy__TestOpenAIResponsesWithSummaryThinking_openai-o4-mini_thinking-streaming.yaml", [16, 169]),
    ("go-vcr-v2/fantasy__TestAnthropicCommon_claude-sonnet-4_simple_streaming.yaml", [18]),
    ("go-vcr-v2/fantasy__TestAnthropicWebSearch_stream.yaml", [160, 188]),
    ("go-vcr-v2/fantasy__TestGoogleCommon_gemini-2.5-flash_simple_streaming.yaml", [1]),
    ("go-vcr-v2/fantasy__TestGoogleCommon_gemini-3-pro-preview_tool_streaming.yaml", [2, 3]),
    ("go-vcr-v2/fantasy__TestOpenRouterCommon_gemini_simple_streaming.yaml", [5]),
    ("go-vcr-v2/fantasy__TestOpenRouterCommon_glm_tool_streaming.yaml", [24, 85]),
    ("go-vcr-v2/fantasy__TestBedrockBasicAuth_simple_streaming.yaml", [9]),
    ("go-vcr-v2/fantasy__TestBedrockCommon_bedrock-anthropic-claude-opus-4-6_tool_streaming.yaml", [10, 29]),
    ("ruby-vcr/ruby_llm__bedrock_nova_streams_grounded_turns.yml", [42]),
    ("ruby-vcr/ruby_llm__perplexity_streams_thinking_LARGE.yml", [389]),
    ("ruby-vcr/ruby-openai__deepseek_deepseek-chat_streamed_chat.yml", [13]),
    ("ruby-vcr/ruby-openai__responses_stream.yml", [18]),
    ("vcrpy/crewai__test_openai_responses_api_streaming.yaml", [15]),
    ("vcrpy/llm-anthropic__test_stream_events_thinking.yaml", [17]),
    ("vcrpy/pydantic-ai__test_anthropic_model_thinking_part_stream.yaml", [118]),
    ("vcrpy/crewai__test_google_streaming_returns_usage_metrics.yaml", [0, 0, 0]),
]


@pytest.mark.parametrize(("relpath", "counts"), COUNTS, ids=[Path(p).stem for p, _ in COUNTS])
def test_event_counts(relpath: str, counts: list[int]) -> None:
    bodies = stream_bodies(relpath)
    assert len(bodies) == len(counts)
    for number, (body, expected) in enumerate(zip(bodies, counts)):
        stream, _kind = load(relpath, number)
        assert len(stream.events) == expected
        assert not stream.unterminated
        if isinstance(body, str):
            assert count_events(body) == expected
            # every provider here sends one data line per event
            assert len(re.findall(r"^data:", body, flags=re.M)) == expected


def _all_event_stream_cassettes() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.y*ml"))


@pytest.mark.parametrize("relpath", _all_event_stream_cassettes())
def test_every_corpus_stream_assembles(relpath: str) -> None:
    try:
        bodies = stream_bodies(relpath)
    except yaml.YAMLError:
        pytest.skip("legacy cassette with language tags")
    for number, body in enumerate(bodies):
        stream, kind = load(relpath, number)
        result = assemble(stream, kind)
        assert len(result.summaries) == len(stream.events)
        if isinstance(body, str):
            assert count_events(body) == len(stream.events)
        if stream.events:
            assert result.kind != "unknown"
            assert not [w for w in result.warnings if "JSON expected" in w]
            assert all(call.valid_json for call in result.tool_calls)


# --------------------------------------------------------------------------- per provider


def test_openai_chat_gpt4o() -> None:
    path = "go-vcr-v2/fantasy__TestOpenAICommon_openai-gpt-4o_tool_streaming.yaml"
    first = assembled(path, 0)
    assert first.kind == "openai-chat"
    assert first.text == ""
    assert [(c.name, c.arguments, c.valid_json) for c in first.tool_calls] == [
        ("weather", '{"location":"Florence, Italy"}', True)
    ]
    assert first.finish_reason == "tool_calls"
    second = assembled(path, 1)
    assert second.text == "The current temperature in Florence, Italy is 40\u00b0C."
    assert second.finish_reason == "stop"
    assert second.warnings == []


def test_openai_chat_azure_prompt_filter_chunk() -> None:
    result = assembled("go-vcr-v2/fantasy__TestAzureCommon_azure-gpt-5-mini_tool_streaming.yaml", 0)
    assert result.kind == "openai-chat"
    assert result.summaries[0].text == "prompt_filter_results"
    assert result.tool_calls == [
        ToolCall(id="call_tWA8BJziGlCyhQEXhEHn6eXK", name="weather", arguments='{"location":"Florence, Italy"}', valid_json=True)
    ]
    assert result.usage is not None and result.usage["completion_tokens"] == 154


def test_openai_chat_reasoning_content_glm() -> None:
    result = assembled("go-vcr-v2/fantasy__TestOpenAICompatibleCommon_zai-glm-4-7-flash_simple_streaming.yaml")
    assert result.text.startswith("**Ol\u00e1!**")
    assert result.reasoning is not None and result.reasoning.startswith("1.  **Analyze the Request:**")


def test_openrouter() -> None:
    path = "go-vcr-v2/fantasy__TestOpenRouterCommon_gemini_simple_streaming.yaml"
    stream, _ = load(path)
    assert [c.text for c in stream.comments] == ["OPENROUTER PROCESSING"]
    result = assemble(stream)
    assert result.kind == "openai-chat"
    assert result.text == "Ol\u00e1!"
    assert result.usage is not None and result.usage["prompt_tokens"] == 11
    assert result.summaries[-1].text == "[DONE]"
    # the second body of this file is a double-quoted YAML scalar with \U escapes
    glm = assembled("go-vcr-v2/fantasy__TestOpenRouterCommon_glm_tool_streaming.yaml", 1)
    assert "The current temperature in **Florence, Italy** is **40\u00b0C** (104\u00b0F)" in glm.text


def test_perplexity_large_stream() -> None:
    path = "ruby-vcr/ruby_llm__perplexity_streams_thinking_LARGE.yml"
    stream, _ = load(path)
    assert len(stream.comments) == 1 and stream.comments[0].text.startswith("ping - ")
    result = assemble(stream)
    assert result.kind == "openai-chat"
    assert result.pings == 1
    assert result.text.startswith("I would ask: **\u201cWill the answer you are about to give to this question be a lie?\u201d**")
    assert result.finish_reason == "stop"


def test_openai_responses() -> None:
    path = "go-vcr-v2/fantasy__TestOpenAIResponsesWithSummaryThinking_openai-o4-mini_thinking-streaming.yaml"
    first = assembled(path, 0)
    assert first.kind == "openai-responses"
    assert [(c.id, c.name, c.arguments) for c in first.tool_calls] == [
        ("call_EDay3PkaZNpmYHDVyeY69wF9", "weather", '{"location":"Florence, Italy"}')
    ]
    second = assembled(path, 1)
    assert second.text.startswith("The current temperature in Florence, Italy is 40 \u00b0C \u2014 it\u2019s very hot.")
    assert second.text.endswith("Stay cool and safe!")
    assert second.reasoning is not None and second.reasoning.startswith("**Summarizing Florence's weather**")
    assert second.finish_reason == "completed"
    assert second.warnings == []
    # SSE stored in a folded single-quoted scalar (VCR.py)
    crewai = assembled("vcrpy/crewai__test_openai_responses_api_streaming.yaml")
    assert crewai.text == "1, 2, 3"
    ruby = assembled("ruby-vcr/ruby-openai__responses_stream.yml")
    assert ruby.text == "Hi there! How can I assist you today?"


def test_anthropic() -> None:
    result = assembled("go-vcr-v2/fantasy__TestAnthropicCommon_claude-sonnet-4_simple_streaming.yaml")
    assert result.kind == "anthropic"
    assert result.text.startswith("Ol\u00e1! (That's \"hi\" in Portuguese)\n\nYou could also say \"Oi!\"")
    assert result.finish_reason == "end_turn"
    assert result.pings == 1
    assert result.usage is not None and result.usage["input_tokens"] == 16 and result.usage["output_tokens"] == 38


def test_anthropic_gzip_thinking() -> None:
    result = assembled("vcrpy/llm-anthropic__test_stream_events_thinking.yaml")
    assert result.kind == "anthropic"
    assert result.text.startswith("1. **Pouch** - references their iconic bill pouch\n2. **Pel\u00e9** - play")
    assert result.reasoning is not None and result.reasoning.startswith("The user wants two names for a pet pelican")


def test_anthropic_trailing_spaces_block() -> None:
    result = assembled("vcrpy/pydantic-ai__test_anthropic_model_thinking_part_stream.yaml")
    assert result.text.startswith("Here are the basic steps for safely crossing the street:\n\n**At")


def test_gemini() -> None:
    simple = assembled("go-vcr-v2/fantasy__TestGoogleCommon_gemini-2.5-flash_simple_streaming.yaml")
    assert simple.kind == "gemini"
    assert simple.text == "Ol\u00e1!"
    assert simple.finish_reason == "STOP"
    tool = assembled("go-vcr-v2/fantasy__TestGoogleCommon_gemini-3-pro-preview_tool_streaming.yaml", 0)
    assert tool.tool_calls == [ToolCall(id="89nz05jy", name="weather", arguments='{"location":"Florence, Italy"}', valid_json=True)]
    ruby = assembled("ruby-vcr/ruby_llm__gemini_token_accounting_streaming.yml")
    assert ruby.text.startswith("Let's think step-by-step:\n\n1.  You have the number 2.\n2.  You are adding another 2 to it.")


def test_bedrock_invoke_anthropic() -> None:
    result = assembled("go-vcr-v2/fantasy__TestBedrockBasicAuth_simple_streaming.yaml")
    assert result.kind == "bedrock"
    assert result.text == "Ol\u00e1! \U0001f44b\n\nHow can I help you today?"
    assert result.finish_reason == "end_turn"
    tool = assembled("go-vcr-v2/fantasy__TestBedrockCommon_bedrock-anthropic-claude-opus-4-6_tool_streaming.yaml", 0)
    assert [(c.id, c.name, c.arguments) for c in tool.tool_calls] == [
        ("toolu_bdrk_01J3qB12vH7tghDJ74pNzgp8", "weather", '{"location": "Florence, Italy"}')
    ]


def test_bedrock_converse_nova() -> None:
    result = assembled("ruby-vcr/ruby_llm__bedrock_nova_streams_grounded_turns.yml")
    assert result.kind == "bedrock"
    assert result.text.startswith("The latest stable Ruby version is 4.0.6. \n\nRuby 4.0.6 was released on July 14, 2026.")
    assert [(c.name, c.arguments) for c in result.tool_calls] == [("nova_grounding", '{"query":"latest stable Ruby version"}')]
    assert result.finish_reason == "end_turn"
    assert result.usage == {"inputTokens": 141, "outputTokens": 95, "serverToolUsage": {}, "totalTokens": 236}


def test_event_stream_label_on_json_error_body() -> None:
    # Recorded with Content-Type text/event-stream, but the body is a JSON error.
    result = assembled("vcrpy/crewai__test_google_streaming_returns_usage_metrics.yaml")
    assert result.kind == "unknown"
    assert result.warnings == ["no events in stream"]
