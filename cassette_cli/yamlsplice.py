"""The YAML layer: read a document into light nodes that know where they sit, and splice edits.

Nodes are built from the C parser's event stream (ruamel.yaml.clib), not from a loader:
nothing is ever constructed from a tag, aliases stay leaves that are never followed, and
every node keeps its span (character offsets into the decoded text, BOM included) and,
for scalars, the style the file wrote it in. `apply_edits` replaces spans from the end
backwards, so every byte outside an edit comes back as it was.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
import re
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Iterator, Union

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .errors import CassetteError
from .document.json_tokens import END as JSON_END
from .document.json_tokens import KEY as JSON_KEY
from .document.json_tokens import LITERAL as JSON_LITERAL
from .document.json_tokens import MAP_START as JSON_MAP
from .document.json_tokens import SEQ_START as JSON_SEQ
from .document.json_tokens import events as json_events
from .document.json_tokens import is_json, looks_like_json

BOM = "\ufeff"
MAX_DEPTH = 200  # far deeper than any cassette; keeps every recursive walk well inside Python's limit

BINARY_TAGS = frozenset({"tag:yaml.org,2002:binary", "!binary"})
# Tags that only say what a scalar or collection already is. Anything else (language tags
# such as !!python/object or !ruby/struct) is refused: we never construct from a tag.
_HARMLESS_TAGS = frozenset(
    {
        "!",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
        "!str",
    }
) | BINARY_TAGS

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class Scalar:
    __slots__ = ("value", "style", "tag", "start", "end")

    def __init__(self, value: str, style: str, tag: str | None, start: int, end: int) -> None:
        self.value = value
        self.style = style  # '' plain, "'" single, '"' double, '|' literal, '>' folded
        self.tag = tag  # explicit tag only
        self.start = start
        self.end = end

    @property
    def is_binary(self) -> bool:
        return self.tag in BINARY_TAGS

    @property
    def is_null(self) -> bool:
        return self.style == "" and self.tag is None and self.value in ("", "~", "null", "Null", "NULL")

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}, style={self.style!r}, span={self.start}:{self.end})"


class Mapping:
    __slots__ = ("map", "flow", "tag", "start", "end")

    def __init__(self, flow: bool, tag: str | None, start: int) -> None:
        self.map: dict[str, tuple[Scalar, Node]] = {}
        self.flow = flow
        self.tag = tag
        self.start = start
        self.end = start

    def get(self, key: str) -> Node | None:
        pair = self.map.get(key)
        return None if pair is None else pair[1]

    def __repr__(self) -> str:
        return f"Mapping({list(self.map)}, span={self.start}:{self.end})"


class Sequence:
    __slots__ = ("items", "flow", "tag", "start", "end", "column")

    def __init__(self, flow: bool, tag: str | None, start: int, column: int = 0) -> None:
        self.items: list[Node] = []
        self.flow = flow
        self.tag = tag
        self.start = start
        self.end = start
        self.column = column  # of the start (the first dash of a block sequence)

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)} items, span={self.start}:{self.end})"


class Alias:
    """A reference to an anchored node. Never followed."""

    __slots__ = ("anchor", "start", "end")

    def __init__(self, anchor: str, start: int, end: int) -> None:
        self.anchor = anchor
        self.start = start
        self.end = end


Node = Union[Scalar, Mapping, Sequence, Alias]


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
                self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
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

    def __init__(self, path: str, source: str | bytes, root: Node | None = None, *, is_json: bool = False) -> None:
        self.path = path
        self._source = source
        self.root = root
        self.is_json = is_json  # read as JSON (jsontree), not by the YAML parser
        self._positions: Positions | None = None
        self._ascii: bool | None = None
        self._chunks: tuple[list[int], list[int]] | None = None
        self._steps: dict[int, list[int]] = {}
        self._cr: bool | None = None

    @property
    def text(self) -> str:
        """The whole decoded text, BOM included; offsets of every node point into it."""
        if isinstance(self._source, bytes):
            self._source = self._source.decode("utf-8")
        return self._source

    def head(self, size: int = 64) -> str:
        """The first characters of the text, without decoding the whole of it."""
        if isinstance(self._source, bytes):
            return self._source[: size * 4].decode("utf-8", "ignore")[:size]
        return self._source[:size]

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
    def source(self) -> str | bytes:
        """What the document was read from: its UTF-8 bytes, or its text once decoded."""
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
            assert isinstance(self._source, bytes) and self._chunks is not None
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
        if not wanted or not isinstance(source, bytes):
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


def _refuse_empty_or_binary(data: bytes, path: str) -> None:
    if not data or data.isspace():
        raise CassetteError(path, "empty file, not a cassette", 1, 1)
    nul = data.find(b"\0")
    if nul != -1:
        line, col = _byte_position(data, nul)
        raise CassetteError(path, "binary file (NUL byte), not a cassette", line, col)


def check_bytes(data: bytes, path: str) -> None:
    """The cheap checks of `decode` (not empty, no NUL). Strict UTF-8 is checked by the
    parser as it reads the bytes; `compose` turns its complaint into `decode`'s message."""
    _refuse_empty_or_binary(data, path)


def decode(data: bytes, path: str) -> str:
    """Strict UTF-8, keeping the BOM and line endings as they are."""
    _refuse_empty_or_binary(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        raise CassetteError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, col) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    head = data[:offset]
    line = head.count(b"\n") + 1
    last = head.rfind(b"\n")
    col = len(head[last + 1 :].decode("utf-8", "replace")) + 1
    return line, col


def _events(stream: str | bytes | BinaryIO) -> Iterator[Any]:
    """The C parser's events. A parser of its own for each call: ruamel.yaml's YAML.parse
    keeps the last stream it read (a 50 MB file held after it is no longer wanted)."""
    parser = CParser(stream)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


UTF8_BOM = b"\xef\xbb\xbf"
def _has_other_breaks(data: bytes, end: int) -> bool:
    """Whether UTF-8 bytes before `end` hold NEL, LS or PS. Their lead bytes are looked
    for first: a one-byte search is many times faster than a search for the sequence."""
    if data.find(b"\xc2", 0, end) != -1 and data.find(b"\xc2\x85", 0, end) != -1:
        return True
    return data.find(b"\xe2", 0, end) != -1 and (data.find(b"\xe2\x80\xa8", 0, end) != -1 or data.find(b"\xe2\x80\xa9", 0, end) != -1)


def compose(text: str | bytes, path: str) -> Document:
    """Build the node tree of a one-document YAML (or JSON) text, given decoded or as
    UTF-8 bytes already checked by `check_bytes` (the parser's marks count characters
    either way). Raises CassetteError."""
    if looks_like_json(text[:256].decode("utf-8", "ignore") if isinstance(text, bytes) else text[:256]):
        decoded = decode(text, path) if isinstance(text, bytes) else text
        if is_json(decoded):
            return _compose_json(decoded, path)
    body: str | bytes
    if isinstance(text, bytes):
        offset = 1 if text.startswith(UTF8_BOM) else 0
        body = text[3:] if offset else text
    else:
        offset = 1 if text.startswith(BOM) else 0
        body = text[offset:] if offset else text
    doc = Document(path, text, None)

    stack: list[Mapping | Sequence] = []
    keys: list[Scalar | None] = []  # pending key of each open mapping
    root: Node | None = None
    documents = 0

    def fail(index: int, message: str) -> CassetteError:
        return doc.error(index + offset, message)

    try:
        for ev in _events(body):
            kind = type(ev)
            node: Node
            if kind is ScalarEvent:
                tag = ev.tag
                if tag is not None and tag not in _HARMLESS_TAGS:
                    raise fail(ev.start_mark.index, _tag_message(tag))
                node = Scalar(ev.value, ev.style or "", tag, ev.start_mark.index + offset, ev.end_mark.index + offset)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                tag = ev.tag
                if tag is not None and tag not in _HARMLESS_TAGS:
                    raise fail(ev.start_mark.index, _tag_message(tag))
                if len(stack) >= MAX_DEPTH:
                    raise fail(ev.start_mark.index, f"nesting deeper than {MAX_DEPTH} levels")
                start = ev.start_mark.index + offset
                node = Mapping(bool(ev.flow_style), tag, start) if kind is MappingStartEvent else Sequence(bool(ev.flow_style), tag, start, ev.start_mark.column)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                closed = stack.pop()
                keys.pop()
                closed.end = ev.end_mark.index + offset
                continue
            elif kind is AliasEvent:
                node = Alias(ev.anchor, ev.start_mark.index + offset, ev.end_mark.index + offset)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(ev.start_mark.index, "more than one YAML document in the file")
                continue
            else:
                continue

            if stack:
                top = stack[-1]
                if type(top) is Sequence:
                    top.items.append(node)
                else:
                    key = keys[-1]
                    if key is None:
                        if type(node) is not Scalar:
                            raise fail(node.start - offset, "mapping keys must be plain strings")
                        keys[-1] = node
                    else:
                        mapping = top.map  # type: ignore[union-attr]
                        if key.value in mapping:
                            first_line = doc.positions.line_col(mapping[key.value][0].start)[0]
                            raise doc.error(key, f"duplicate key {key.value!r} (first at line {first_line})")
                        mapping[key.value] = (key, node)
                        keys[-1] = None
            else:
                root = node
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(node)  # type: ignore[arg-type]
                keys.append(None)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        if mark is None:
            raise CassetteError(path, f"malformed YAML: {problem}") from None
        col = mark.column + 1 + (1 if offset and mark.line == 0 else 0)
        raise CassetteError(path, f"malformed YAML: {problem}", mark.line + 1, col) from None
    except ReaderError as exc:
        raise _reader_error(exc, text, path, offset) from None
    except YAMLError as exc:
        raise CassetteError(path, f"malformed YAML: {exc}".splitlines()[0]) from None
    doc.root = root
    return doc


def _reader_error(exc: ReaderError, text: str | bytes, path: str, offset: int) -> CassetteError:
    """A character the YAML reader refuses: bytes that are not UTF-8 (`decode` says
    exactly where), or a control character, located by the reader's position (bytes
    when it read bytes, characters when it read text)."""
    if isinstance(text, bytes):
        decode(text, path)
    message = f"unacceptable character #x{exc.character:04x}: {exc.reason}" if isinstance(exc.character, int) else str(exc.reason)
    position = exc.position if isinstance(exc.position, int) else None
    if position is None:
        return CassetteError(path, message)
    if isinstance(text, bytes):
        line, col = _byte_position(text, position + 3 * offset)
    else:
        line, col = Positions(text).line_col(position + offset)
    return CassetteError(path, message, line, col)


def _compose_json(text: str, path: str) -> Document:
    """The node tree of a JSON document (see jsontree): same nodes, same checks."""
    doc = Document(path, text, is_json=True)
    stack: list[Mapping | Sequence] = []
    keys: list[Scalar | None] = []
    for kind, start, end, value in json_events(text):
        node: Node
        if kind == JSON_END:
            stack.pop().end = end
            keys.pop()
            continue
        if kind == JSON_MAP or kind == JSON_SEQ:
            if len(stack) >= MAX_DEPTH:
                raise doc.error(start, f"nesting deeper than {MAX_DEPTH} levels")
            node = Mapping(True, None, start) if kind == JSON_MAP else Sequence(True, None, start, doc.positions.line_col(start)[1] - 1 if not stack else 0)
        else:
            node = Scalar(value or "", '"' if kind != JSON_LITERAL else "", None, start, end)
        if stack:
            top = stack[-1]
            if type(top) is Sequence:
                top.items.append(node)
            elif kind == JSON_KEY:
                keys[-1] = node  # type: ignore[assignment]
            else:
                key = keys[-1]
                assert key is not None
                if key.value in top.map:  # type: ignore[union-attr]
                    first_line = doc.positions.line_col(top.map[key.value][0].start)[0]  # type: ignore[union-attr]
                    raise doc.error(key, f"duplicate key {key.value!r} (first at line {first_line})")
                top.map[key.value] = (key, node)  # type: ignore[union-attr]
                keys[-1] = None
        else:
            doc.root = node
        if kind == JSON_MAP or kind == JSON_SEQ:
            stack.append(node)  # type: ignore[arg-type]
            keys.append(None)
    return doc


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if "python/" in tag or "ruby/" in tag:
        return f"legacy cassette with language tag {shown!r} is not supported (re-record it, or migrate it with the recorder's own tool)"
    return f"unsupported YAML tag {shown!r}"


def iter_scalars(node: Node | None) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every scalar value under node with its path of keys and indices (keys excluded).

    Iterative, so depth costs no stack; aliases are leaves and are skipped."""
    if node is None:
        return
    todo: list[tuple[tuple[str | int, ...], Node]] = [((), node)]
    while todo:
        path, current = todo.pop()
        kind = type(current)
        if kind is Scalar:
            yield path, current  # type: ignore[misc]
        elif kind is Mapping:
            todo.extend((path + (key,), value) for key, (_, value) in reversed(current.map.items()))  # type: ignore[union-attr]
        elif kind is Sequence:
            todo.extend((path + (i,), item) for i, item in reversed(list(enumerate(current.items))))  # type: ignore[union-attr]


_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def to_python(node: Node | None) -> object:
    """Plain data for a subtree (JSON types only; binary stays base64 text, aliases are None).

    Only used on small structures (pydantic-ai's parsed_body); depth is bounded by compose."""
    if node is None or type(node) is Alias:
        return None
    if type(node) is Mapping:
        return {key: to_python(value) for key, (_, value) in node.map.items()}
    if type(node) is Sequence:
        return [to_python(item) for item in node.items]
    assert type(node) is Scalar
    if node.style != "" or node.tag is not None:
        return node.value
    value = node.value
    if node.is_null:
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _PLAIN_INT.fullmatch(value):
        return int(value)
    if _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    return value


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str


class OverlappingEdits(ValueError):
    pass


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replace each edit's span with its text; spans must not overlap. No edits: text itself."""
    if not edits:
        return text
    ordered = sorted(edits)
    pieces: list[str] = []
    position = len(text)
    for edit in reversed(ordered):
        if edit.end > position:
            raise OverlappingEdits(f"edits overlap at offset {edit.start}")
        pieces.append(text[edit.end : position])
        pieces.append(edit.text)
        position = edit.start
    pieces.append(text[:position])
    return "".join(reversed(pieces))


class PiecesReader:
    """A read-only binary file over a list of byte pieces, for a parser to read."""

    def __init__(self, pieces: list[bytes | memoryview]) -> None:
        self._pieces = pieces
        self._index = 0  # the piece being read
        self._offset = 0  # in it

    def read(self, size: int = -1) -> bytes:
        out: list[bytes | memoryview] = []
        wanted = size if size >= 0 else 1 << 62
        while wanted > 0 and self._index < len(self._pieces):
            piece = self._pieces[self._index]
            taken = piece[self._offset : self._offset + wanted]
            out.append(taken)
            wanted -= len(taken)
            self._offset += len(taken)
            if self._offset >= len(piece):
                self._index += 1
                self._offset = 0
        return b"".join(out)

    def seek(self, position: int) -> int:
        self._index = self._offset = 0
        left = position
        while left > 0 and self._index < len(self._pieces):
            size = len(self._pieces[self._index])
            if left < size:
                self._offset = left
                break
            left -= size
            self._index += 1
        return position


SCALAR, COLLECTION, ALIAS, DOCUMENT = "scalar", "collection", "alias", "document"


def scan(text: str | BinaryIO, path: str) -> Iterator[tuple[str, int, str | None]]:
    """The parse events of a text as (kind, start offset, scalar value or None), offsets
    counted as in `compose` (BOM included). Cheaper than `compose`: no tree is built.
    Given a binary file, the YAML parser reads it a block at a time (a JSON text is read
    whole). Raises CassetteError on malformed YAML."""
    body: str | BinaryIO
    if not isinstance(text, str):
        head = text.read(256)
        if looks_like_json(head.decode("utf-8", "ignore")):
            yield from scan(decode(head + text.read(), path), path)
            return
        offset = 1 if head.startswith(UTF8_BOM) else 0
        text.seek(3 * offset)
        body = text
    elif looks_like_json(text[:256]) and is_json(text):
        for kind, start, _, value in json_events(text):
            if kind == JSON_MAP or kind == JSON_SEQ:
                yield COLLECTION, start, None
            elif kind != JSON_END:
                yield SCALAR, start, value
        return
    else:
        offset = 1 if text.startswith(BOM) else 0
        body = text[offset:] if offset else text
    try:
        for ev in _events(body):
            event_type = type(ev)
            if event_type is ScalarEvent:
                yield SCALAR, ev.start_mark.index + offset, ev.value
            elif event_type is MappingStartEvent or event_type is SequenceStartEvent:
                yield COLLECTION, ev.start_mark.index + offset, None
            elif event_type is AliasEvent:
                yield ALIAS, ev.start_mark.index + offset, None
            elif event_type is DocumentStartEvent:
                yield DOCUMENT, ev.start_mark.index + offset, None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is None:
            raise CassetteError(path, f"malformed YAML: {problem}") from None
        raise CassetteError(path, f"malformed YAML: {problem}", mark.line + 1, mark.column + 1) from None
