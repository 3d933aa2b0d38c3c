"""A file's bytes read when asked for: a big document's stand-in for the bytes it read.

While a 50 MB cassette is scanned, only its nodes are wanted; its document then holds a
FileBytes over the open file instead of its bytes (Document.set_aside), and answers the
few questions it is asked afterwards (a line's column, a scalar's source, line numbers)
by reading the parts they need with os.pread. A rewrite's pieces are ranges of it, which
are written and read back a block at a time, so the file is never held whole again.

It offers what Document and the rewrite ask of bytes: len, indexing, slicing (giving
bytes), find, rfind, count (of a line break: a pattern that cannot overlap itself),
`in`, isascii and decode; `range` gives a part of it without reading it.
"""

from __future__ import annotations

import os
import zlib
from typing import Iterable, Iterator, Union

from ..errors import CassetteError


class _OpenFile:
    """An open file descriptor, closed when the last FileBytes over it goes, and the
    last few blocks read from it: a rewrite asks for many small parts near each other
    (a line's start, a scalar's source, the pieces between the edits)."""

    KEPT = 16  # blocks kept

    def __init__(self, fd: int, path: str, block: int) -> None:
        self.fd = fd
        self.path = path
        self.BLOCK = block  # bytes per kept block
        self._blocks: dict[int, bytes] = {}  # by block number, the last used last

    def __del__(self) -> None:
        os.close(self.fd)

    def read(self, at: int, stop: int) -> bytes:
        """The bytes from `at` to `stop` of the file; a short read says it changed."""
        size = self.BLOCK
        if stop - at > 2 * size:
            return self._pread(at, stop)
        first, last = at // size, (stop - 1) // size
        parts = [self._block(number) for number in range(first, last + 1)]
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        out = data[at - first * size : stop - first * size]
        if len(out) != stop - at:
            raise self._shorter()
        return out

    def _block(self, number: int) -> bytes:
        blocks = self._blocks
        block = blocks.pop(number, None)
        if block is None:
            start = number * self.BLOCK
            try:
                block = os.pread(self.fd, self.BLOCK, start)
            except OSError as exc:
                raise CassetteError(self.path, f"cannot read: {exc.strerror or exc}") from None
            if len(blocks) >= self.KEPT:
                del blocks[next(iter(blocks))]
        blocks[number] = block
        return block

    def _pread(self, at: int, stop: int) -> bytes:
        out: list[bytes] = []
        while at < stop:
            try:
                got = os.pread(self.fd, stop - at, at)
            except OSError as exc:
                raise CassetteError(self.path, f"cannot read: {exc.strerror or exc}") from None
            if not got:
                raise self._shorter()
            out.append(got)
            at += len(got)
        return b"".join(out)

    def _shorter(self) -> CassetteError:
        return CassetteError(self.path, "the file changed while it was being read (it is shorter); nothing written (run again)")


class FileBytes:
    BLOCK = 1 << 20  # bytes per block of a whole read (blocks, windows, count, isascii)
    KEPT_BLOCK = 1 << 16  # bytes per block kept of the last few read (16 of them)

    def __init__(self, handle: _OpenFile, start: int, end: int) -> None:
        self._handle = handle
        self._start = start
        self._end = end

    @classmethod
    def open(cls, path: str) -> FileBytes | None:
        """The whole file at `path`; None if it cannot be opened, or where the system
        cannot read at an offset (os.pread: not on Windows)."""
        if not hasattr(os, "pread"):
            return None
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        handle = _OpenFile(fd, path, cls.KEPT_BLOCK)
        try:
            size = os.fstat(fd).st_size
        except OSError:
            return None
        return cls(handle, 0, size)

    def __len__(self) -> int:
        return self._end - self._start

    def _read(self, start: int, end: int) -> bytes:
        """The bytes from `start` to `end` (offsets in this range, already clamped)."""
        if start >= end:
            return b""
        return self._handle.read(self._start + start, self._start + end)

    def __getitem__(self, key: Union[int, slice]) -> Union[int, bytes]:
        if isinstance(key, slice):
            start, end, step = key.indices(len(self))
            if step != 1:
                raise ValueError("FileBytes slices have no step")
            return self._read(start, max(start, end))
        index = key + len(self) if key < 0 else key
        if not 0 <= index < len(self):
            raise IndexError("FileBytes index out of range")
        return self._read(index, index + 1)[0]

    def __bytes__(self) -> bytes:
        return self._read(0, len(self))

    def range(self, start: int, end: int) -> FileBytes:
        """The part from `start` to `end`, not read."""
        start, end, _ = slice(start, end).indices(len(self))
        return FileBytes(self._handle, self._start + start, self._start + max(start, end))

    def reader(self) -> _Reader:
        """A binary file over these bytes, for a parser to read a block at a time."""
        return _Reader(self)

    def blocks(self) -> Iterator[bytes]:
        for at in range(0, len(self), self.BLOCK):
            yield self._read(at, min(at + self.BLOCK, len(self)))

    def _bounds(self, start: int, end: int | None) -> tuple[int, int]:
        start, end, _ = slice(start, end).indices(len(self))
        return start, max(start, end)

    def windows(self, overlap: int) -> Iterator[bytes]:
        """The blocks, each running on `overlap` bytes into the next (a match of up to
        overlap + 1 bytes is then whole in one of them)."""
        for at in range(0, len(self), self.BLOCK):
            yield self._read(at, min(at + self.BLOCK + overlap, len(self)))

    FIRST_WINDOW = 1 << 12  # find and rfind look this far first, then twice as far each time

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        start, end = self._bounds(start, end)
        reach = len(sub) - 1  # a match may run past a window's end by this much
        at, size = start, self.FIRST_WINDOW
        while at < end:
            stop = min(at + size, end)
            found = self._read(at, min(stop + reach, end)).find(sub)
            if found != -1:
                return at + found
            at, size = stop, min(2 * size, self.BLOCK)
        return -1 if sub else start

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        start, end = self._bounds(start, end)
        reach = len(sub) - 1
        stop, size = end, self.FIRST_WINDOW
        while stop > start:
            at = max(start, stop - size)
            found = self._read(at, min(stop + reach, end)).rfind(sub)
            if found != -1:
                return at + found
            stop, size = at, min(2 * size, self.BLOCK)
        return -1 if sub else end

    def count(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        """As bytes.count, for a `sub` that cannot overlap itself (a line break)."""
        start, end = self._bounds(start, end)
        reach = len(sub) - 1
        # each block counts the matches that start in it
        return sum(self._read(at, min(at + self.BLOCK + reach, end)).count(sub) for at in range(start, end, self.BLOCK))

    def __contains__(self, sub: bytes) -> bool:
        return self.find(sub) != -1

    def isascii(self) -> bool:
        return all(block.isascii() for block in self.blocks())

    def isspace(self) -> bool:
        return len(self) > 0 and all(block.isspace() for block in self.blocks())

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return bytes(self).decode(encoding, errors)

    def crc32(self) -> int:
        crc = 0
        for block in self.blocks():
            crc = zlib.crc32(block, crc)
        return crc


class _Reader:
    def __init__(self, data: FileBytes) -> None:
        self._data = data
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else min(self._at + size, len(self._data))
        out = self._data[self._at : end]
        self._at = max(self._at, end)
        return out  # type: ignore[return-value]


Piece = Union[bytes, memoryview, FileBytes]


def joined(pieces: Iterable[Piece]) -> bytes:
    """The pieces' bytes in one (FileBytes read)."""
    return b"".join(bytes(piece) if type(piece) is FileBytes else piece for piece in pieces)  # type: ignore[misc]
