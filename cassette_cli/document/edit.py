"""The one Edit type, and the splice that applies edits to a document.

An edit replaces the characters start:end of a document's text (offsets as in the nodes)
with new text: a scalar re-emitted, a secret patched where it stands, or (with
`removes` set, see delete.py) an item or entry taken out. Edits are applied from the end
backwards, so every character outside them comes back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from .file_bytes import FileBytes, Piece, joined
from .nodes import Mapping, Sequence
from .source import Document


class Removal:
    """What a deletion takes out: item `key` (an index) of a sequence, or the entry at
    `key` of a mapping. The read-back check expects exactly that child gone."""

    __slots__ = ("collection", "key")

    def __init__(self, collection: Union[Sequence, Mapping], key: Union[int, str]) -> None:
        self.collection = collection
        self.key = key

    def __repr__(self) -> str:
        return f"Removal({self.collection!r}, {self.key!r})"


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str
    removes: Removal | None = field(default=None, compare=False)  # set by a deletion


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


def splice(document: Document, edits: list[Edit]) -> Iterator[Piece]:
    """The new file's bytes, a piece at a time: the old bytes between the edits are never
    copied (views of the document's bytes, or ranges of its file when it holds a big
    file's FileBytes; else its text, encoded)."""
    ordered = sorted(edits)
    for before, after in zip(ordered, ordered[1:]):
        if before.end > after.start:
            raise OverlappingEdits(f"edits overlap at offset {after.start}")
    source = document.source
    if isinstance(source, str):
        position = 0
        for edit in ordered:
            yield source[position : edit.start].encode("utf-8", "surrogatepass")
            yield edit.text.encode("utf-8", "surrogatepass")
            position = edit.end
        yield source[position:].encode("utf-8", "surrogatepass")
        return
    places = document.byte_offsets(offset for edit in ordered for offset in (edit.start, edit.end))
    if isinstance(source, FileBytes):  # ranges of the file, read as they are written
        cut = source.range
    else:
        view = memoryview(source)
        cut = lambda start, end: view[start:end]  # noqa: E731
    position = 0
    for edit in ordered:
        yield cut(position, places[edit.start])
        yield edit.text.encode("utf-8", "surrogatepass")
        position = places[edit.end]
    yield cut(position, len(source))


def spliced_bytes(document: Document, edits: list[Edit]) -> bytes:
    """The new file's bytes, whole."""
    return joined(splice(document, edits))
