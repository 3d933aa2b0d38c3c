"""Compressed cassettes: LangChain's standard tests store VCR.py cassettes gzipped
(`*.yaml.gz`, langchain_tests' CustomSerializer: `gzip.compress(yaml.safe_dump(...))`).

The file is inflated and read as the YAML it holds; positions in messages count in the
inflated text. A redacted file is compressed again deterministically (no file name,
mtime 0, level 9, as Python's gzip.compress writes it), so the YAML inside keeps every
other byte but the gzip container's own bytes change."""

from __future__ import annotations

import gzip
import zlib

from ..errors import CassetteError

MAGIC = b"\x1f\x8b"
MAX_INFLATED = 1 << 30  # a cassette inflating past this is refused (a gzip bomb)


def is_gzip(data: bytes) -> bool:
    return data[:2] == MAGIC


def inflate(data: bytes, path: str) -> bytes:
    """The bytes a gzip file holds (every member, as gzip.decompress reads them)."""
    out: list[bytes] = []
    total = 0
    rest = data
    try:
        while rest:
            if not is_gzip(rest):
                raise CassetteError(path, "trailing bytes after the gzip data")
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = inflater.decompress(rest, MAX_INFLATED - total + 1)
            total += len(chunk)
            if total > MAX_INFLATED or inflater.unconsumed_tail:
                raise CassetteError(path, f"gzip file inflates past {MAX_INFLATED >> 20} MB: not read")
            if not inflater.eof:
                raise CassetteError(path, "truncated gzip file")
            out.append(chunk)
            rest = inflater.unused_data
    except zlib.error as exc:
        raise CassetteError(path, f"not a valid gzip file: {exc}") from None
    return b"".join(out)


def inflate_head(data: bytes, size: int) -> bytes:
    """The first `size` bytes a gzip file's start inflates to (as many as it holds)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, size)
    except zlib.error:
        return b""


def deflate(data: bytes) -> bytes:
    """The same bytes compressed again, the same every time."""
    return gzip.compress(data, compresslevel=9, mtime=0)
