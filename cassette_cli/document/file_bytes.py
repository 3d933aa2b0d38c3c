"""A file's bytes read when asked for: a big document's stand-in for its bytes.

A 50 MB cassette is parsed from the disk a block at a time (formats.load_cassette) and
its document holds a FileBytes over the file instead of its bytes: what it is asked
afterwards (a line's column, a scalar's source, line numbers) reads only the parts
needed, with os.pread. A rewrite's pieces are ranges of it, written a block at a time;
the written file is then read back the same way (redact/write.py), so neither file is
ever held whole.

It offers what Document and the rewrite ask of bytes: len, indexing, slicing (giving
bytes), find, rfind, count (of a line break: a pattern that cannot overlap itself),
`in`, isascii and decode; `range` gives a part of it without reading it.
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Iterable, Iterator, Union

from ..errors import CassetteError


MAX_OPEN = 8  # files read at offsets whose descriptors are kept open at once


class _OpenFile:
    """A file read at offsets: its descriptor, and the last few blocks read from it (a
    rewrite asks for many small parts near each other). At most MAX_OPEN of these keep
    their descriptor open (a command may hold many big files: `diff --git`); one whose
    descriptor was closed opens its path again, and it must be the same file (device,
    inode, size, modification time) or CassetteError says the file changed. A descriptor
    it does not own (the new file being checked) is never closed here."""

    KEPT = 16  # blocks kept
    _opened: weakref.WeakKeyDictionary[_OpenFile, None] = weakref.WeakKeyDictionary()  # the last used last
    _lock = threading.Lock()  # the cache and the open files: a writer thread may read too

    def __init__(self, fd: int, path: str, block: int, *, owned: bool = True) -> None:
        self._fd: int | None = fd
        self.path = path
        self.BLOCK = block  # bytes per kept block
        self.owned = owned
        info = os.fstat(fd)
        self._identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        self.size = info.st_size
        self._blocks: dict[int, bytes] = {}  # by block number, the last used last
        if owned:
            with _OpenFile._lock:
                self._opened_now()

    def __del__(self) -> None:
        if self.owned and self._fd is not None:
            os.close(self._fd)

    def _opened_now(self) -> None:
        """Mark this file the last used, closing the descriptor of the least used one
        beyond MAX_OPEN (called with the lock held)."""
        opened = _OpenFile._opened
        opened.pop(self, None)
        opened[self] = None
        while len(opened) > MAX_OPEN:
            oldest = next(iter(opened))
            del opened[oldest]
            if oldest._fd is not None:
                os.close(oldest._fd)
                oldest._fd = None

    def _descriptor(self) -> int:
        if self.owned:
            if self._fd is None:
                fd = os.open(self.path, os.O_RDONLY)
                info = os.fstat(fd)
                if (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) != self._identity:
                    os.close(fd)
                    raise CassetteError(self.path, "the file changed while it was being read; run again")
                self._fd = fd
            self._opened_now()
        assert self._fd is not None
        return self._fd

    def read(self, at: int, stop: int) -> bytes:
        """The bytes from `at` to `stop` of the file; a short read says it changed."""
        with _OpenFile._lock:
            try:
                return self._read(at, stop)
            except OSError as exc:
                raise CassetteError(self.path, f"cannot read: {exc.strerror or exc}") from None

    def _read(self, at: int, stop: int) -> bytes:
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
            block = os.pread(self._descriptor(), self.BLOCK, number * self.BLOCK)
            if len(blocks) >= self.KEPT:
                del blocks[next(iter(blocks))]
        blocks[number] = block
        return block

    def _pread(self, at: int, stop: int) -> bytes:
        out: list[bytes] = []
        fd = self._descriptor()
        while at < stop:
            got = os.pread(fd, stop - at, at)
            if not got:
                raise self._shorter()
            out.append(got)
            at += len(got)
        return b"".join(out)

    def _shorter(self) -> CassetteError:
        return CassetteError(self.path, "the file changed while it was being read (it is shorter now); run again")


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
        try:
            handle = _OpenFile(fd, path, cls.KEPT_BLOCK)
        except OSError:
            os.close(fd)
            return None
        return cls(handle, 0, handle.size)

    @classmethod
    def of_descriptor(cls, fd: int, path: str, size: int) -> FileBytes:
        """The first `size` bytes of a file open for reading that its opener closes (the
        new file of a rewrite, read back; `path` is the one messages name)."""
        return cls(_OpenFile(fd, path, cls.KEPT_BLOCK, owned=False), 0, size)

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
        start, end = self._bounds(start, end)
        return FileBytes(self._handle, self._start + start, self._start + end)

    def reader(self) -> _Reader:
        """A binary file over these bytes, for a parser to read a block at a time."""
        return _Reader(self)

    def blocks(self) -> Iterator[bytes]:
        return self.windows(0)

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
        if not sub:
            raise ValueError("FileBytes.find of nothing")
        start, end = self._bounds(start, end)
        reach = len(sub) - 1  # a match may run past a window's end by this much
        at, size = start, self.FIRST_WINDOW
        while at < end:
            stop = min(at + size, end)
            found = self._read(at, min(stop + reach, end)).find(sub)
            if found != -1:
                return at + found
            at, size = stop, min(2 * size, self.BLOCK)
        return -1

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        if not sub:
            raise ValueError("FileBytes.rfind of nothing")
        start, end = self._bounds(start, end)
        reach = len(sub) - 1
        stop, size = end, self.FIRST_WINDOW
        while stop > start:
            at = max(start, stop - size)
            found = self._read(at, min(stop + reach, end)).rfind(sub)
            if found != -1:
                return at + found
            stop, size = at, min(2 * size, self.BLOCK)
        return -1

    def count(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        """As bytes.count, for a `sub` that cannot overlap itself (a line break)."""
        if not sub:
            raise ValueError("FileBytes.count of nothing")
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
