"""`incomplete-stream` tells its verdict from the events that decide it (the tail back to
the end event, and every event holding an error word), not from the whole assembly.
On every event stream of ../shared, and on each cut short at several points, the two
verdicts are the same."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cassette_cli.api import load_bytes
from cassette_cli.bodies import Kind, kind_of
from cassette_cli.check import stream_verdict
from cassette_cli.check.stream_verdict import deciding, decoded, from_ends, verdict_of_assembly
from cassette_cli.errors import CassetteError
from cassette_cli.streams.assembly import assemble, detect_kind
from cassette_cli.streams.sse import parse_event_stream

from .conftest import CORPUS, cassette_files, sample_files

SHARED = CORPUS.parent
FOLDERS = [SHARED / "corpus", SHARED / "real-world", SHARED / "formats-real"]


def _streams(path: Path):  # type: ignore[no-untyped-def]
    try:
        cassette = load_bytes(path.read_bytes(), str(path))
    except CassetteError:
        return
    for interaction in cassette.interactions:
        response = interaction.response
        body = response.body
        if response.node is None:
            continue
        text = body.text
        kind = kind_of(response.content_type, text, data=body.data if body.base64 else None, strict=True)
        if kind is Kind.AWS_EVENT_STREAM or kind is Kind.EVENT_STREAM and text is not None:
            stream, provider, _ = decoded(kind, text, body.data)
            yield stream, provider, text if kind is Kind.EVENT_STREAM else None


def _files() -> list[Path]:
    found = list(sample_files())
    for folder in FOLDERS:
        if folder.is_dir():
            found += cassette_files(folder)
    return found


def _cuts(n: int) -> list[int]:
    return sorted({*range(0, n + 1, max(1, n // 7)), *range(max(0, n - 4), n + 1)})


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_deciding_events_give_the_whole_streams_verdict(path: Path) -> None:
    for stream, provider, body in _streams(path):
        events = stream.events
        assert deciding(stream, provider, body) == verdict_of_assembly(stream, assemble(stream, provider)), path.name
        for cut in _cuts(len(events)):
            part = copy.copy(stream)
            part.events = events[:cut]
            assert deciding(part, provider) == verdict_of_assembly(part, assemble(part, provider)), f"{path.name}: cut at event {cut}"


def test_an_error_event_in_the_middle_is_found_without_the_tail_reaching_it() -> None:
    body = "".join(f'data: {{"choices":[{{"delta":{{"content":"w{i}"}}}}]}}\n\n' for i in range(50))
    body += 'data: {"error":{"message":"overloaded"}}\n\n'
    body += "".join(f'data: {{"choices":[{{"delta":{{"content":"x{i}"}}}}]}}\n\n' for i in range(50))
    body += 'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
    stream = parse_event_stream(body)
    assert deciding(stream) == deciding(stream, body=body) == ["the provider sent an error event"]
    assert verdict_of_assembly(stream, assemble(stream)) == ["the provider sent an error event"]


def _text_cuts(text: str) -> list[str]:
    n = len(text)
    return [text] + [text[: n * k // 9] for k in range(1, 9)] + [text[: n - k] for k in (1, 2, 3, 7)]


@pytest.mark.parametrize("segment", [256, 4096])
@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_the_ends_of_a_stream_give_its_whole_verdict(path: Path, segment: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the first and last events settle it, the verdict is the whole stream's; the
    segment is made small here so that most real streams are long enough to try."""
    monkeypatch.setattr(stream_verdict, "SEGMENT", segment)
    for _, provider, body in _streams(path):
        if provider is not None or body is None:
            continue  # AWS event streams are always decoded whole
        for text in _text_cuts(body):
            stream = parse_event_stream(text)
            kind = detect_kind(stream.events)
            whole = verdict_of_assembly(stream, assemble(stream, kind))
            assert deciding(stream, kind, text) == whole, f"{path.name}: {len(text)} of {len(body)} characters"
            quick = from_ends(text)
            if quick is not None:
                assert quick == (kind, whole), f"{path.name}: {len(text)} of {len(body)} characters"


def test_the_ends_settle_most_long_streams() -> None:
    """A stream of 5,000 chunks ending in [DONE] is told from its ends; one cut short or
    holding an error word is not (the whole stream is decoded then)."""
    chunk = 'data: {"choices":[{"delta":{"content":"word "},"index":0}],"object":"chat.completion.chunk"}\n\n'
    done = 'data: {"choices":[{"delta":{},"finish_reason":"stop","index":0}]}\n\ndata: [DONE]\n\n'
    assert from_ends(chunk * 5000 + done) == ("openai-chat", [])
    assert from_ends(chunk * 5000) is None
    assert from_ends(chunk * 2500 + 'data: {"error":{"message":"x"}}\n\n' + chunk * 2500 + done) is None
