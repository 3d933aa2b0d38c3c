"""A composed document's source: its text or UTF-8 bytes, and where an offset is in it.

A Document built from bytes decodes its text only when asked (spans, positions,
splicing), so `ls` on a 50 MB file never holds the file twice. Offsets are character
offsets into the decoded text, BOM included; `byte_offsets`, `column`, `slice` and
`locate` answer from the bytes without decoding them whole.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from typing import Any, Iterable, Union

from ..errors import CassetteError
from .file_bytes import FileBytes
from .nodes import Node

_BYTES = (bytes, FileBytes)  # what a document read from bytes holds: them, or its file

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks


class Positions:
    """Maps character offsets of a text to 1-based (line, column), computed on demand.

    A few look-ups count line breaks directly; many build an index of line starts once.
    Line breaks are those of YAML: CRLF, CR, LF, NEL, LS and PS."""

    DIRECT_LOOKUPS = 32

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._lookups = 0
        self._lf_only: bool | None = None
        self._last = (0, 0)  # (offset, line breaks before it) of the last direct look-up

    def column(self, offset: int) -> int:
        """The 1-based column alone: no line count, so it costs only the line's length."""
        text = self._text
        if self._lf_only is None:
            self._lf_only = not any(ch in text for ch in "\r\x85\u2028\u2029")
        if not self._lf_only:
            return self.line_col(offset)[1]
        return offset - text.rfind("\n", 0, offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        text = self._text
        if self._lf_only is None:
            self._lf_only = not any(ch in text for ch in "\r\x85\u2028\u2029")
        if self._starts is None and self._lf_only and self._lookups < self.DIRECT_LOOKUPS:
            self._lookups += 1
            # count from the last look-up when it was earlier in the text
            base, base_line = self._last if self._last[0] <= offset else (0, 0)
            line = base_line + text.count("\n", base, offset)
            self._last = (offset, line)
            return line + 1, offset - text.rfind("\n", 0, offset)
        if self._starts is None:
            if self._lf_only:
                self._starts = [0, *accumulate(map((1).__add__, map(len, text.split("\n")[:-1])))]
            else:
                self._starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class _Released:
    """Stands for a document's released source: any use of it is a bug, said plainly."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _refuse(self, *_: object) -> Any:
        raise RuntimeError(f"the source of {self.path} was released; it cannot be read again")

    __getattr__ = __getitem__ = __len__ = _refuse


class Document:
    """A composed YAML document. Built from bytes, it decodes its text only when asked
    (spans, positions, splicing): `ls` on a 50 MB file never holds the file twice."""

    def __init__(self, path: str, source: Union[str, bytes, FileBytes], root: Node | None = None, *, is_json: bool = False) -> None:
        self.path = path
        self._source: Union[str, bytes, FileBytes] = source
        self.root = root
        self.is_json = is_json  # read as JSON (json_tokens), not by the YAML parser
        self._positions: Positions | None = None
        self._ascii: bool | None = None
        self._chunks: tuple[list[int], list[int]] | None = None
        self._steps: dict[int, list[int]] = {}
        self._cr: bool | None = None

    @property
    def text(self) -> str:
        """The whole decoded text, BOM included; offsets of every node point into it."""
        if isinstance(self._source, _BYTES):
            self._source = self._source.decode("utf-8")
        return self._source

    def head(self, size: int = 64) -> str:
        """The first characters of the text, without decoding the whole of it."""
        if isinstance(self._source, _BYTES):
            return self._source[: size * 4].decode("utf-8", "ignore")[:size]
        return self._source[:size]

    def hold_bytes(self) -> None:
        """Read a file held as FileBytes into memory (see formats.SMALL_INTERACTION)."""
        if isinstance(self._source, FileBytes):
            self._source = bytes(self._source)

    def holds(self, pattern: str) -> bool:
        """Whether the text holds a match of `pattern`: a regex of ASCII characters
        (no \\w, \\s, \\b or case folding, which bytes treat otherwise) whose matches are
        at most 64 characters long. Bytes not yet decoded are searched as they are
        (UTF-8 holds an ASCII character only as itself): no decoded copy of a big file."""
        source = self._source
        if isinstance(source, str):
            return re.search(pattern, source) is not None
        compiled = re.compile(pattern.encode("ascii"))
        if isinstance(source, bytes):
            return compiled.search(source) is not None
        return any(compiled.search(block) is not None for block in source.windows(63))

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.text)
        return self._positions

    def release_source(self) -> None:
        """Let go of the file's bytes (or text) when only the nodes are wanted any more
        (`show` on a 50 MB file): spans and positions can no longer be asked for."""
        self._source = _Released(self.path)  # type: ignore[assignment]
        self._positions = None
        self._chunks = None
        self._steps = {}

    @property
    def source(self) -> Union[str, bytes, FileBytes]:
        """What the document was read from: its UTF-8 bytes (a big file's FileBytes),
        or its text once decoded."""
        return self._source

    COUNT_CHUNK = 1 << 18  # bytes per chunk of the index `byte_offsets` builds

    def byte_offsets(self, offsets: Iterable[int]) -> dict[int, int]:
        """The UTF-8 byte offset of each character offset, without decoding the whole
        text (a BOM is one character, three bytes). For bytes that are not all ASCII, an
        index of chunks is built once: ASCII chunks are counted by their length, the
        others decoded; a look-up then decodes the one chunk it falls in."""
        wanted = sorted(set(offsets))
        source = self._source
        places: dict[int, int] = {}
        if isinstance(source, str):
            done = size = 0
            for offset in wanted:
                size += len(source[done:offset].encode("utf-8", "surrogatepass"))
                places[offset] = size
                done = offset
            return places
        if self._ascii is None:
            self._ascii = source.isascii()
        if self._ascii:
            return {offset: offset for offset in wanted}
        if self._chunks is None:
            self._chunks = self._chunk_index(source)
        byte_starts, char_starts = self._chunks
        step = self.STEP
        for offset in wanted:
            at = bisect.bisect_right(char_starts, offset) - 1
            steps = self._chunk_steps(at)
            relative = offset - char_starts[at]
            start = byte_starts[at] + steps[relative // step]
            window = source[start : start + 4 * step].decode("utf-8", "ignore")  # cut anywhere at its end
            places[offset] = start + len(window[: relative % step].encode("utf-8", "surrogatepass"))
        return places

    STEP = 1 << 10  # characters between the byte offsets kept for a decoded chunk

    def _chunk_steps(self, at: int) -> list[int]:
        """The byte offset (from the chunk's start) of every STEP-th character of a chunk,
        kept for the few chunks used last: a look-up then decodes at most STEP characters."""
        cached = self._steps.get(at)
        if cached is None:
            assert isinstance(self._source, _BYTES) and self._chunks is not None
            byte_starts = self._chunks[0]
            end = byte_starts[at + 1] if at + 1 < len(byte_starts) else len(self._source)
            text = self._source[byte_starts[at] : end].decode("utf-8", "surrogatepass")
            cached = [0]
            for first in range(0, len(text), self.STEP):
                cached.append(cached[-1] + len(text[first : first + self.STEP].encode("utf-8", "surrogatepass")))
            if len(self._steps) >= 8:
                self._steps.pop(next(iter(self._steps)))
            self._steps[at] = cached
        return cached

    def _chunk_index(self, source: bytes) -> tuple[list[int], list[int]]:
        """(byte offset, character offset) where each chunk starts; a chunk ends where a
        character starts."""
        byte_starts: list[int] = []
        char_starts: list[int] = []
        at = chars = 0
        while at < len(source) or not byte_starts:
            end = min(at + self.COUNT_CHUNK, len(source))
            while end < len(source) and 0x80 <= source[end] < 0xC0:
                end += 1
            byte_starts.append(at)
            char_starts.append(chars)
            chunk = source[at:end]
            chars += len(chunk) if chunk.isascii() else len(chunk.decode("utf-8", "surrogatepass"))
            at = end
        return byte_starts, char_starts

    def column(self, offset: int) -> int:
        """The 1-based column of a character offset, decoding only its line."""
        if isinstance(self._source, str):
            return self.positions.column(offset)
        data = self._source
        at = self.byte_offsets((offset,))[offset]
        if 0 < at < len(data) and data[at - 1 : at + 1] == b"\r\n":
            return self.column(offset - 1) + 1  # inside a CRLF: after its CR, as Positions says
        line_start = data.rfind(b"\n", 0, at)
        if self._has_cr():
            line_start = max(line_start, data.rfind(b"\r", 0, at))
        line_start += 1
        head = data[line_start:at].decode("utf-8", "surrogatepass")
        for other in ("\x85", "\u2028", "\u2029"):  # YAML's other line breaks
            head = head.rpartition(other)[2]
        return len(head) + 1  # a BOM counts, as in Positions

    def _has_cr(self) -> bool:
        if self._cr is None:
            self._cr = "\r" in self._source if isinstance(self._source, str) else b"\r" in self._source
        return self._cr

    def slice(self, start: int, end: int) -> str:
        """The text between two character offsets, decoding only that part of the bytes."""
        if isinstance(self._source, str):
            return self._source[start:end]
        places = self.byte_offsets((start, end))
        return self._source[places[start] : places[end]].decode("utf-8", "surrogatepass")

    def locate(self, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
        """(line, column) of many offsets. A document still held as bytes is not decoded
        whole for this: line breaks are counted in the bytes (CR, LF and CRLF), and only
        the stretch of a line before an offset is decoded; a text with YAML's other line
        breaks (NEL, LS, PS) is decoded whole."""
        wanted = sorted(set(offsets))
        source = self._source
        if not wanted or not isinstance(source, _BYTES):
            return {offset: self.positions.line_col(offset) for offset in wanted}
        at = self.byte_offsets(wanted)
        if _has_other_breaks(source, at[wanted[-1]]):
            return {offset: self.positions.line_col(offset) for offset in wanted}
        has_cr = self._has_cr()
        places: dict[int, tuple[int, int]] = {}
        lines = done = 0  # line breaks in source[:done]
        column = 1  # the column at `done`
        for offset in wanted:
            end = at[offset]
            inside = has_cr and 0 < end < len(source) and source[end - 1 : end + 1] == b"\r\n"
            if inside:
                end -= 1  # on the \n of a CRLF: one column after its \r
            breaks = source.count(b"\n", done, end)
            if has_cr:
                breaks += source.count(b"\r", done, end) - source.count(b"\r\n", max(done - 1, 0), end)
            if breaks:
                lines += breaks
                start = source.rfind(b"\n", done, end)
                if has_cr:
                    start = max(start, source.rfind(b"\r", done, end))
                start += 1
                column = 1 + len(source[start:end].decode("utf-8", "surrogatepass"))
            else:
                column += len(source[done:end].decode("utf-8", "surrogatepass"))
            done = end
            places[offset] = (lines + 1, column + inside)
        return places

    def error(self, node: Node | int, message: str) -> CassetteError:
        offset = node if isinstance(node, int) else node.start
        line, col = self.positions.line_col(offset)
        return CassetteError(self.path, message, line, col)



def _has_other_breaks(data: bytes, end: int) -> bool:
    """Whether UTF-8 bytes before `end` hold NEL, LS or PS. Their lead bytes are looked
    for first: a one-byte search is many times faster than a search for the sequence."""
    if data.find(b"\xc2", 0, end) != -1 and data.find(b"\xc2\x85", 0, end) != -1:
        return True
    return data.find(b"\xe2", 0, end) != -1 and (data.find(b"\xe2\x80\xa8", 0, end) != -1 or data.find(b"\xe2\x80\xa9", 0, end) != -1)

