"""`cassette show`: the human view (recorded at 80 and 160 columns) and --json."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from cassette_cli.formats import load_cassette
from cassette_cli.mask import Masker
from cassette_cli.output.render import show_view
from cassette_cli.views.detail import to_json


def view(cassette, interaction, decode_sse=False):
    return Masker().interaction(cassette, interaction)

from .conftest import SAMPLES, planted_secrets

OPENROUTER = SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml"


def render(width: int, path=OPENROUTER, index: int = 0, decode_sse: bool = True, max_body: int = 4000) -> str:
    cassette = load_cassette(path)
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(show_view(view(cassette, cassette.interactions[index]), max_body=max_body, raw=False, decode_sse=decode_sse))
    return console.export_text()


@pytest.mark.parametrize("width", [80, 160])
def test_openrouter_stream_reads_well(width: int) -> None:
    out = render(width)
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    assert lines[1] == "POST http://127.0.0.1:18080/api/v1/chat/completions"
    assert any(line.split() == ["Authorization", "Bearer", "REDACTED"] for line in lines)
    assert "← 200 OK" in out
    assert any(line.startswith("18 events · openai-chat") for line in lines)
    assert sum(": OPENROUTER PROCESSING" in line for line in lines) == 3
    assert any(line.split()[:4] == ["1", "message", "text", '"The"'] for line in lines)
    assert any(line.split()[:3] == ["17", "message", "[DONE]"] for line in lines)
    assert "The sky over Florence is clear today; let me fetch the forecast." in out.replace("│", "")
    assert 'get_forecast call_FAKEor0001 {"city": "Florence", "days": 3}' in out
    assert "finish     tool_calls" in out
    assert "18 events, 3 comments, 0 pings" in out


def test_secret_is_never_shown() -> None:

    out = render(160)
    for value in planted_secrets():
        assert value not in out


def test_json_shape(run) -> None:
    result = run("show", "--decode-sse", "--json", OPENROUTER)
    assert result.exit_code == 0, result.stderr
    [item] = result.json()
    assert set(item) == {"file", "format", "index", "request", "response"}
    assert set(item["request"]) == {"method", "url", "headers", "body"}
    sse = item["response"]["sse"]
    assert set(sse) == {"kind", "events", "comments", "retry", "text", "reasoning", "tool_calls", "finish_reason", "usage", "warnings"}
    assert sse["kind"] == "openai-chat"
    assert len(sse["events"]) == 18 and sse["events"][0] == {"index": 0, "event": "message", "id": None, "data": sse["events"][0]["data"]}
    assert sse["comments"] == ["OPENROUTER PROCESSING"] * 3
    assert sse["text"] == "The sky over Florence is clear today; let me fetch the forecast."
    assert sse["tool_calls"] == [{"id": "call_FAKEor0001", "name": "get_forecast", "arguments": '{"city": "Florence", "days": 3}'}]
    assert sse["finish_reason"] == "tool_calls"
    assert item["request"]["headers"]["Authorization"] == ["Bearer REDACTED"]


def test_sse_is_absent_without_the_flag(run) -> None:
    [item] = run("show", "--json", OPENROUTER).json()
    assert "sse" not in item["response"]
    assert item["response"]["body"].startswith(": OPENROUTER PROCESSING")


def test_binary_body_is_left_out(run) -> None:
    path = SAMPLES / "go-vcr-v2" / "charm_bedrock_eventstream.yaml"
    [item] = run("show", "--json", path, "0").json()
    assert item["response"]["body"] is None and item["response"]["body_bytes"] > 0
    result = run("show", path, "0", env={"COLUMNS": "120"})
    assert "binary body left out: application/vnd.amazon.eventstream" in result.stdout
    assert "sha256" in result.stdout


def test_bedrock_stream_decodes(run) -> None:
    [item] = run("show", "--json", "--decode-sse", SAMPLES / "go-vcr-v2" / "charm_bedrock_eventstream.yaml", "0").json()
    assert item["response"]["sse"]["kind"] == "bedrock"
    assert item["response"]["sse"]["text"]


def test_index_out_of_range(run) -> None:
    result = run("show", OPENROUTER, "5")
    assert result.exit_code == 2
    assert result.stderr == f"cassette: error: {OPENROUTER}: no interaction 5 (the cassette has 1: 0 to 0)\n"


def test_gzip_body_shown_inflated_with_a_note(run) -> None:
    result = run("show", SAMPLES / "vcrpy" / "gzip_models.yaml", "0", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "gzip-compressed in the cassette, shown inflated" in result.stdout


def test_long_body_is_cut_with_a_note(run) -> None:
    result = run("show", OPENROUTER, "--max-body", "100", env={"COLUMNS": "120"})
    assert "… cut at 100 of" in result.stdout


def _one_response(body: str, content_type: str):
    from cassette_cli.api import load_bytes

    text = (
        "interactions:\n- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/\n"
        f"  response:\n    body:\n      string: {json.dumps(body)}\n    headers:\n      Content-Type:\n      - {content_type}\n"
        "    status:\n      code: 200\n      message: OK\nversion: 1\n"
    )
    cassette = load_bytes(text.encode(), "x.yaml")
    return Masker().interaction(cassette, cassette.interactions[0])


def test_unlabelled_stream_is_decoded_and_says_why() -> None:
    decoded = _one_response('data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n', "text/plain").stream
    assert decoded is not None and decoded.assembly.text == "hi"
    assert decoded.reason == "content type is text/plain, but the body parses as an event stream"
    assert _one_response('{"a": 1}', "application/json").stream is None


def test_view_to_json_has_no_sse_key_without_decoding() -> None:
    cassette = load_cassette(OPENROUTER)
    assert "sse" not in to_json(view(cassette, cassette.interactions[0], False), False)["response"]


def test_no_view_prints_a_planted_secret(run) -> None:
    """Not the human view, not --raw (base64 bodies are re-encoded after masking), not --json."""

    from .conftest import sample_files

    secrets = planted_secrets()
    for path in sample_files():
        for args in (["show", "--decode-sse"], ["show", "--raw"], ["show", "--decode-sse", "--json"]):
            result = run(*args, path, env={"COLUMNS": "200"})
            assert result.exit_code == 0, (args, path, result.stderr)
            leaked = [s[:4] for s in secrets if s in result.stdout]
            assert not leaked, (args, path, leaked)


# --- memory: what `show` holds on a big file ------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=600) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=800,
)


@settings(max_examples=60, deadline=None)
@given(value=_json_values, long_text=st.text(min_size=0, max_size=3000))
def test_write_json_writes_what_json_dump_writes(value, long_text) -> None:
    """Long strings and lists are written in pieces; the text is the same as json.dumps."""
    import json

    from cassette_cli.output import json_out

    saved = json_out.PIECE_CHARS, json_out.BATCH_ITEMS
    json_out.PIECE_CHARS, json_out.BATCH_ITEMS = 7, 3  # pieces everywhere
    try:
        for item in (value, {"body": long_text, "events": [value, long_text, [long_text]]}):
            pieces: list[str] = []
            json_out.write_json(item, pieces.append)
            assert "".join(pieces) == json.dumps(item, ensure_ascii=False)
    finally:
        json_out.PIECE_CHARS, json_out.BATCH_ITEMS = saved


def test_a_released_document_says_so_when_read() -> None:
    import pytest as _pytest

    from cassette_cli.formats import load_cassette

    cassette = load_cassette(SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml")
    cassette.document.release_source()
    assert cassette.interactions[0].response.body.text  # the nodes still hold the values
    with _pytest.raises(RuntimeError, match="released"):
        cassette.document.slice(0, 10)
    with _pytest.raises(RuntimeError, match="released"):
        cassette.text.startswith("x")


def test_parsing_does_not_keep_the_file() -> None:
    """ruamel.yaml's YAML.parse keeps the last stream it read; our parser must not, or
    `show` could not let a 50 MB file go."""
    import sys

    from cassette_cli.formats import parse_cassette

    data = (SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml").read_bytes()
    alone = sys.getrefcount(data)
    cassette = parse_cassette(data, "x.yaml")
    assert sys.getrefcount(data) == alone + 1  # the document's, and no parser's
    cassette.document.release_source()
    assert sys.getrefcount(data) == alone
