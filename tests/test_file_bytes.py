"""A big YAML file is parsed from the disk and its document holds the open file
(FileBytes), not its bytes: everything read from it must be what the bytes give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cassette_cli.formats as formats
from cassette_cli.check.local_path import MAY_HOLD
from cassette_cli.document.file_bytes import FileBytes, joined
from cassette_cli.document.source import Document
from cassette_cli.document.nodes import Mapping, Scalar, Sequence
from cassette_cli.errors import CassetteError
from cassette_cli.formats import load_cassette, parse_cassette
from cassette_cli.redact.engine import plan_redaction
from cassette_cli.rules.policy import default_policy

from .conftest import CORPUS, cassette_files, corpus_files, sample_files

ALPHABET = [b"a", b"\n", b"\r", b"\r\n", b" ", b"\xc2\x85", "é".encode(), b"\xe2\x80\xa8", b"\x00"]
NEEDLES = [b"\n", b"\r", b"\r\n", b"\xc2", b"\xc2\x85", b"\xe2\x80\xa8", b"\x00", b"a"]


def _file_bytes(tmp_path: Path, data: bytes, kept_block: int = FileBytes.KEPT_BLOCK) -> FileBytes:
    path = tmp_path / "data"
    path.write_bytes(data)
    default, FileBytes.KEPT_BLOCK = FileBytes.KEPT_BLOCK, kept_block
    try:
        opened = FileBytes.open(str(path))
    finally:
        FileBytes.KEPT_BLOCK = default
    if opened is None:
        pytest.skip("no os.pread here")
    return opened


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.sampled_from(ALPHABET), max_size=60), block=st.integers(1, 9), kept=st.integers(1, 7), cuts=st.lists(st.integers(-3, 130), min_size=2, max_size=2))
def test_file_bytes_answers_as_the_bytes_do(tmp_path_factory, parts: list[bytes], block: int, kept: int, cuts: list[int]) -> None:
    data = b"".join(parts)
    whole = _file_bytes(tmp_path_factory.mktemp("fb"), data, kept_block=kept)
    whole.BLOCK = whole.FIRST_WINDOW = block  # blocks smaller than a match, so that matches cross them
    start, end = cuts
    assert len(whole) == len(data)
    assert whole[start:end] == data[start:end]
    assert bytes(whole.range(start, end)) == data[start:end]
    assert whole.isascii() == data.isascii()
    assert whole.isspace() == data.isspace()
    assert whole.decode("utf-8", "replace") == data.decode("utf-8", "replace")
    for needle in NEEDLES:
        assert whole.find(needle, start, end) == data.find(needle, start, end), needle
        assert whole.find(needle, start) == data.find(needle, start), needle
        assert whole.rfind(needle, start, end) == data.rfind(needle, start, end), needle
        assert whole.count(needle, start, end) == data.count(needle, start, end), needle
        assert (needle in whole) == (needle in data)
    for index in (0, len(data) // 2, len(data) - 1):
        if data:
            assert whole[index] == data[index]
    with pytest.raises(IndexError):
        whole[len(data)]
    part = whole.range(start, end)
    assert joined([b"<", part, memoryview(b">")]) == b"<" + data[start:end] + b">"
    assert b"".join(part.blocks()) == data[start:end]
    reader, got = part.reader(), []
    while chunk := reader.read(block):
        got.append(chunk)
    assert b"".join(got) == data[start:end]


@pytest.fixture
def stream_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every YAML file of 64 bytes or more is read from the disk, as a big one is."""
    monkeypatch.setattr(formats, "HEAD", 64)
    monkeypatch.setattr(formats, "STREAMED_MIN", 0)
    monkeypatch.setattr(formats, "SMALL_INTERACTION", 0)  # and keeps it on the disk


def _scalars(node: object) -> list[tuple[int, int, str, str, object]]:
    out: list[tuple[int, int, str, str, object]] = []
    todo = [node]
    while todo:
        current = todo.pop()
        if type(current) is Scalar:
            out.append((current.start, current.end, current.value, current.style, current.tag))
        elif type(current) is Mapping:
            for key, value in current.map.values():
                todo += [key, value]
        elif type(current) is Sequence:
            todo += current.items
    return out


REAL_WORLD = CORPUS.parent / "real-world"
FILES = [p for p in sample_files() + corpus_files() + (cassette_files(REAL_WORLD) if REAL_WORLD.is_dir() else []) if p.suffix in (".yaml", ".yml") and "other" not in p.parts]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_file_read_from_the_disk_is_the_file_read_whole(path: Path, stream_every_file: None, tmp_path: Path) -> None:
    data = path.read_bytes()
    try:
        whole = parse_cassette(data, str(path))
    except CassetteError as exc:
        with pytest.raises(CassetteError) as streamed_error:
            load_cassette(path)
        assert str(streamed_error.value) == str(exc)
        return
    streamed = load_cassette(path)
    if len(data) >= 64 and data[:2] != b"\x1f\x8b" and not data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        assert isinstance(streamed.document.source, FileBytes) or data.startswith(b"httprr")
    assert (streamed.format, streamed.layout, len(streamed.interactions)) == (whole.format, whole.layout, len(whole.interactions))
    nodes = _scalars(whole.document.root)
    assert _scalars(streamed.document.root) == nodes
    starts = [start for start, *_ in nodes]
    assert streamed.document.locate(starts) == whole.document.locate(starts)
    for start, end, *_ in nodes[:200]:
        assert streamed.document.slice(start, end) == whole.document.slice(start, end)
        assert streamed.document.column(start) == whole.document.column(start)
    policy = default_policy()
    new, old = plan_redaction(streamed, policy), plan_redaction(whole, policy)
    assert [r.to_json() for r in new.reports] == [r.to_json() for r in old.reports]
    assert joined(new.chunks()) == joined(old.chunks())


@pytest.mark.parametrize(
    "tail, message",
    [
        (b"  note: caf\xe9\n", "not valid UTF-8 (byte 0xe9)"),
        (b"  note: a\x00b\n", "binary file (NUL byte), not a cassette"),
        (b"  note: [unclosed\n", "malformed YAML"),
    ],
)
def test_bad_bytes_in_a_file_read_from_the_disk_are_told_as_before(tmp_path: Path, stream_every_file: None, tail: bytes, message: str) -> None:
    data = b"interactions:\n- request:\n    uri: https://example.com/" + b"a" * 100 + b"\n" + tail
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    with pytest.raises(CassetteError) as whole:
        parse_cassette(data, str(path))
    with pytest.raises(CassetteError) as streamed:
        load_cassette(path)
    assert message in str(whole.value)
    assert str(streamed.value) == str(whole.value)


HOLDS_ALPHABET = ["a", "é", "\U0001f60a", "/", "home", "/home/", "!bin", "ary", "\\", "x2F", "\n", "\r"]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.sampled_from(HOLDS_ALPHABET), max_size=40), block=st.integers(1, 9))
def test_holds_answers_as_a_search_of_the_decoded_text(tmp_path_factory, parts: list[str], block: int) -> None:
    text = "".join(parts)
    data = text.encode("utf-8")
    opened = _file_bytes(tmp_path_factory.mktemp("holds"), data)
    opened.BLOCK = block  # a match then runs across blocks
    for pattern in (MAY_HOLD, "!binary", "/home/"):
        expected = re.search(pattern, text) is not None
        for source in (text, data, opened):
            assert Document("x", source).holds(pattern) is expected, (pattern, type(source))


def test_a_big_file_of_small_interactions_is_held_in_memory_once_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its many small reads are faster from memory, and its nodes outweigh its bytes."""
    monkeypatch.setattr(formats, "HEAD", 64)
    monkeypatch.setattr(formats, "STREAMED_MIN", 0)
    item = "- request:\n    method: GET\n    uri: https://example.com/{n}\n  response:\n    status: {{code: 200}}\n    body: {{string: ok}}\n"
    small = tmp_path / "small.yaml"
    small.write_text("interactions:\n" + "".join(item.format(n=n) for n in range(40)) + "version: 1\n")
    big = tmp_path / "big.yaml"
    big.write_text("interactions:\n" + item.format(n=0).replace("ok", "x" * (2 * formats.SMALL_INTERACTION)) + "version: 1\n")
    assert type(load_cassette(small).document.source) is bytes
    assert isinstance(load_cassette(big).document.source, FileBytes)
