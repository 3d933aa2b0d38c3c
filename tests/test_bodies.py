"""How a body is read: cassette_cli.bodies (media type, kinds, sniffs, codecs)."""

from __future__ import annotations

import base64
import binascii
import gzip
import random
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.bodies import Kind, declared_kind, kind_of, media_type
from cassette_cli.bodies.codecs import base64_may_be_text, decode_base64, gunzip, is_gzip, reencode
from cassette_cli.bodies.sniff import starts_like_aws_event_stream, starts_like_event_stream


def _aws_frame() -> bytes:
    prelude = struct.pack(">II", 16, 0)
    prelude += struct.pack(">I", zlib.crc32(prelude))
    return prelude + struct.pack(">I", zlib.crc32(prelude))


@pytest.mark.parametrize(
    ("content_type", "media"),
    [
        (None, None),
        ("", None),
        (" ; charset=utf-8", None),
        ("Text/Event-Stream; charset=utf-8", "text/event-stream"),
        ("application/json", "application/json"),
    ],
)
def test_media_type(content_type: str | None, media: str | None) -> None:
    assert media_type(content_type) == media


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        (None, None),
        ("text/event-stream", Kind.EVENT_STREAM),
        ("application/vnd.amazon.eventstream", Kind.AWS_EVENT_STREAM),
        ("application/x-ndjson", Kind.NDJSON),
        ("application/x-www-form-urlencoded; charset=utf-8", Kind.FORM),
        ("application/json", Kind.JSON),
        ("application/problem+json", Kind.JSON),
        ("text/plain", Kind.TEXT),
    ],
)
def test_declared_kind(content_type: str | None, kind: Kind | None) -> None:
    assert declared_kind(content_type) is kind


EVENTS = "data: {}\n\n"


@pytest.mark.parametrize(
    ("content_type", "text", "data", "strict", "kind"),
    [
        pytest.param("application/vnd.amazon.eventstream", None, None, False, Kind.AWS_EVENT_STREAM, id="aws-declared"),
        pytest.param("text/event-stream", None, _aws_frame(), True, Kind.AWS_EVENT_STREAM, id="aws-frames-win-over-the-type"),
        pytest.param("text/event-stream", None, b"\x00\xff", True, Kind.BINARY, id="binary"),
        pytest.param("text/event-stream", "hello", None, True, Kind.EVENT_STREAM, id="declared-event-stream"),
        pytest.param(None, EVENTS, None, False, Kind.EVENT_STREAM, id="prefix-sniff-without-type"),
        pytest.param("text/plain", EVENTS, None, False, Kind.TEXT, id="prefix-sniff-only-without-type"),
        pytest.param(None, "data: x\n", None, False, Kind.EVENT_STREAM, id="prefix-sniff-is-cheap"),
        pytest.param("text/plain", EVENTS, None, True, Kind.EVENT_STREAM, id="strict-sniff-whatever-the-type"),
        pytest.param(None, "data: x\n", None, True, Kind.TEXT, id="strict-sniff-needs-an-event"),
        pytest.param("application/x-www-form-urlencoded", "a=1", None, False, Kind.FORM, id="form"),
        pytest.param("application/x-ndjson", '{"a": 1}\n', None, False, Kind.NDJSON, id="ndjson"),
        pytest.param(None, '{"a": 1}', None, False, Kind.TEXT, id="json-is-never-guessed"),
    ],
)
def test_kind_of(content_type: str | None, text: str | None, data: bytes | None, strict: bool, kind: Kind) -> None:
    assert kind_of(content_type, text, data=data, strict=strict) is kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("data: x", True),
        ("\ufeff\r\n\nevent: ping", True),
        (": comment", True),
        ("retry: 10", True),
        (" data: x", False),
        ("hello", False),
        ("", False),
    ],
)
def test_starts_like_event_stream(text: str, expected: bool) -> None:
    assert starts_like_event_stream(text) is expected


def test_starts_like_aws_event_stream() -> None:
    assert starts_like_aws_event_stream(_aws_frame())
    assert not starts_like_aws_event_stream(b"data: {}\n\n" * 3)


def test_gzip_and_reencode() -> None:
    packed = reencode(b"hello", gzipped=True)
    assert is_gzip(packed) and gunzip(packed) == b"hello"
    assert packed == reencode(b"hello", gzipped=True)  # mtime 0: the same bytes every time
    assert reencode(b"hello", gzipped=False) == b"hello"
    assert gunzip(b"\x1f\x8bnot gzip") == b"\x1f\x8bnot gzip"


def test_decode_base64() -> None:
    assert decode_base64("aGVs\nbG8=") == b"hello"
    assert decode_base64("aGVs\r\n bG8=\n") == b"hello"
    assert decode_base64("aGVs\u2028bG8=") == b"hello"  # non-ASCII white space is removed too
    assert decode_base64("a") == b""
    assert decode_base64("aGVs\u00e9bG8=") == b""  # a non-ASCII letter: not base64


def _strip_then_decode(text: str) -> bytes:
    """The reference: white space removed first, then the lenient decoder."""
    try:
        return base64.b64decode("".join(text.split()), validate=False)
    except (binascii.Error, ValueError):
        return b""


@settings(max_examples=3000, deadline=None)
@given(st.one_of(
    st.binary(max_size=40).map(lambda raw: base64.b64encode(raw).decode()),
    st.text(alphabet="AZaz09+/= \n\r\t\x0b\x0c\x1c\x1f*-_\x85\u00a0\u2028\u00e9", max_size=40),
), st.lists(st.sampled_from(" \n\r\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028"), max_size=4), st.randoms())
def test_decode_base64_is_whitespace_removed_then_decoded(text: str, spaces: list[str], rnd: random.Random) -> None:
    chars = list(text)
    for space in spaces:
        chars.insert(rnd.randint(0, len(chars)), space)
    text = "".join(chars)
    assert decode_base64(text) == _strip_then_decode(text)


def test_base64_may_be_text() -> None:
    assert base64_may_be_text(base64.b64encode(b"x" * 10_000).decode())
    assert base64_may_be_text(base64.b64encode(gzip.compress(bytes(range(256)) * 40)).decode())
    assert not base64_may_be_text(base64.b64encode(b"\xff\xfe" * 5_000).decode())
