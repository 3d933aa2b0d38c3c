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
from cassette_cli.check.incomplete_stream import deciding, decoded, verdict_of_assembly
from cassette_cli.errors import CassetteError
from cassette_cli.streams.assembly import assemble
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
