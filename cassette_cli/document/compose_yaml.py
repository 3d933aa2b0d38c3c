"""Compose a YAML (or JSON) document into nodes, from the C parser's events.

Not a loader: nothing is ever constructed from a tag (language tags are refused), aliases
stay leaves, and every node keeps its span and, for scalars, its style. Every failure is a
CassetteError that says PATH:LINE:COL.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from ..errors import CassetteError
from .json_tokens import is_json, looks_like_json, raise_if_json
from .compose_json import compose_json
from .file_bytes import FileBytes
from .nodes import BINARY_TAGS, MAX_DEPTH, Alias, Mapping, Node, Scalar, Sequence
from .parser_classes import (
    PASSED_EVENTS,
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    parsing,
)
from .source import Document, Positions

BOM = "\ufeff"
UTF8_BOM = b"\xef\xbb\xbf"

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


def parser_events(stream: str | bytes | BinaryIO) -> Iterator[Any]:
    """The C parser's events. A parser of its own for each call: ruamel.yaml's YAML.parse
    keeps the last stream it read (a 50 MB file held after it is no longer wanted). Its
    get_event gives None after the last event: one call per event, not two (with
    check_event), 8% of the loop over a file's 680,000 events."""
    with parsing():
        parser = CParser(stream)
        try:
            get = parser.get_event
            event = get()
            while event is not None:
                yield event
                event = get()
        finally:
            parser.dispose()


def compose(text: str | bytes | FileBytes, path: str) -> Document:
    """Build the node tree of a one-document YAML (or JSON) text, given decoded or as
    UTF-8 bytes already checked by `check_bytes` (the parser's marks count characters
    either way). Given a big file's FileBytes, the parser reads it a block at a time and
    the document keeps the FileBytes, not the bytes. Raises CassetteError."""
    if looks_like_json(text[:256].decode("utf-8", "ignore") if not isinstance(text, str) else text[:256]):
        decoded = decode(bytes(text), path) if not isinstance(text, str) else text
        if is_json(decoded):
            return compose_json(decoded, path)
    body: str | bytes | BinaryIO
    if isinstance(text, FileBytes):
        offset = 1 if text[:3] == UTF8_BOM else 0
        body = text.range(3 * offset, len(text)).reader()
    elif isinstance(text, bytes):
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
        for ev in parser_events(body):
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
            elif isinstance(ev, PASSED_EVENTS):
                continue
            else:
                raise AssertionError(f"an event the composer does not know: {kind.__name__}")  # not a tree left empty

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
        raise_if_json(_whole(text), path)
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        if mark is None:
            raise CassetteError(path, f"malformed YAML: {problem}") from None
        col = mark.column + 1 + (1 if offset and mark.line == 0 else 0)
        raise CassetteError(path, f"malformed YAML: {problem}", mark.line + 1, col) from None
    except ReaderError as exc:
        error = _reader_error(exc, _whole(text), path, offset)
        raise_if_json(_whole(text), path)
        raise error from None
    except YAMLError as exc:
        raise_if_json(_whole(text), path)
        raise CassetteError(path, f"malformed YAML: {exc}".splitlines()[0]) from None
    doc.root = root
    return doc


def _whole(text: str | bytes | FileBytes) -> str | bytes:
    """The text or bytes themselves, a FileBytes read (to say what is wrong with them)."""
    return bytes(text) if isinstance(text, FileBytes) else text


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


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if "python/" in tag or "ruby/" in tag:
        return f"legacy cassette with language tag {shown!r} is not supported (re-record it, or migrate it with the recorder's own tool)"
    return f"unsupported YAML tag {shown!r}"

