"""Read a text's parse events without building a tree: for the read-back check.

`scan` gives (kind, start offset, scalar value) in document order, offsets counted as in
`compose`. It reads a binary file a block at a time, so the new bytes of a rewrite can be
checked from the pieces they are written from (`PiecesReader`), never joined.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from ruamel.yaml.error import YAMLError

from ..errors import CassetteError
from .json_tokens import END as JSON_END
from .json_tokens import MAP_START as JSON_MAP
from .json_tokens import SEQ_START as JSON_SEQ
from .json_tokens import events as json_events
from .json_tokens import is_json, looks_like_json, raise_if_json
from .compose_yaml import BOM, UTF8_BOM, decode, parser_events
from .file_bytes import Piece
from .parser_classes import AliasEvent, DocumentStartEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent


class PiecesReader:
    """A read-only binary file over a list of byte pieces (bytes, views or ranges of a
    file, read as they come), for a parser to read."""

    def __init__(self, pieces: list[Piece]) -> None:
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
        for ev in parser_events(body):
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
        if isinstance(text, str):
            raise_if_json(text, path)
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is None:
            raise CassetteError(path, f"malformed YAML: {problem}") from None
        raise CassetteError(path, f"malformed YAML: {problem}", mark.line + 1, mark.column + 1) from None
