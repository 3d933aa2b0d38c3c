"""The encodings a stored body may carry: base64 (binary tags, Ruby's base64_string)
and gzip (recognised by its magic bytes, whatever Content-Encoding says)."""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib

GZIP_MAGIC = b"\x1f\x8b"

_HEAD = 4096  # base64 characters looked at before a big body is decoded whole


def decode_base64(text: str) -> bytes:
    """The bytes of base64 text (whitespace ignored); ``b""`` when it is not base64.
    ASCII text goes to the decoder as it is: it skips line breaks and spaces itself, as it
    skips any character outside the alphabet (a 1.7 MB body in 60-character lines is not
    first split into 28,000 strings); other white space (NBSP, U+2028) is removed first."""
    try:
        return base64.b64decode(text if text.isascii() else "".join(text.split()), validate=False)
    except (binascii.Error, ValueError):
        return b""


def is_gzip(raw: bytes) -> bool:
    return raw[:2] == GZIP_MAGIC


def gunzip(raw: bytes) -> bytes:
    """The inflated bytes of a gzip stream, or ``raw`` itself when it does not inflate."""
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error):
        return raw


def reencode(data: bytes, *, gzipped: bool) -> bytes:
    """New application bytes stored the way a body was: gzip again when it was gzip
    (mtime 0, so the same input gives the same bytes). Base64 is the caller's."""
    return gzip.compress(data, compresslevel=9, mtime=0) if gzipped else data


def base64_may_be_text(encoded: str) -> bool:
    """Whether base64 text could decode to UTF-8 text or gzip, told from its first bytes,
    so that a big binary body is not decoded whole only to find it is not text."""
    if len(encoded) <= 2 * _HEAD:
        return True
    head = "".join(encoded[:_HEAD].split())
    raw = decode_base64(head[: len(head) // 4 * 4])
    if is_gzip(raw):
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.end >= len(raw) - 3 and exc.reason == "unexpected end of data"  # a character cut at the end
    return True
