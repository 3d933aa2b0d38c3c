"""What a read of the new file must give, and how a big file is read in two halves.

A big file is read back in two halves on two cores: the interactions are the items of
one block sequence, and YAML reads each item the same whatever came before it in the
sequence, so the file is cut at the start of an item's line into two documents, each
with the file's head and tail: [head, items before the cut, tail] and [head, items from
the cut, tail]. Every byte of the new file is read by one of the two parsers, and each
scalar is checked at its place in its half (verify.py). If a half does not read back (an
alias to an anchor in the other half, say), the whole file is read at once and that
decides.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable

from .edit import Edit
from .file_bytes import FileBytes, joined
from .nodes import Alias, Mapping, Node, Scalar, Sequence
from .source import Document

Pieces = list  # of bytes | memoryview | FileBytes: a file's bytes in pieces


@dataclass
class ReadBack:
    """What one read of (part of) the new file must give: the old scalars in order, each
    at its new offset, less `cut` for those from old offset `cut_from` on (the part of
    the file left out before them)."""

    scalars: list[Scalar]
    collections: int
    aliases: int
    pieces: Pieces = field(default_factory=list)
    cut_from: int = 1 << 62
    cut: int = 0

    @property
    def size(self) -> int:
        return sum(len(piece) for piece in self.pieces)


class NewPositions:
    """Where an old offset outside every edit is in the new text: shifted by the length
    changes of the edits before it."""

    def __init__(self, edits: list[Edit]) -> None:
        self.shifts = sorted((e.start, len(e.text) - (e.end - e.start)) for e in edits)
        self.starts = [start for start, _ in self.shifts]
        self.sums = [0]
        for _, delta in self.shifts:
            self.sums.append(self.sums[-1] + delta)

    def __call__(self, offset: int) -> int:
        return offset + self.sums[bisect.bisect_left(self.starts, offset)]


class Inventory:
    """All scalars (keys included) in order, and where each collection and alias starts."""

    def __init__(self, root: Node | None) -> None:
        scalars: list[Scalar] = []
        collections: list[int] = []
        aliases: list[int] = []
        todo: list[Node] = [root] if root is not None else []
        while todo:
            node = todo.pop()
            kind = type(node)
            if kind is Scalar:
                scalars.append(node)  # type: ignore[arg-type]
            elif kind is Mapping:
                collections.append(node.start)
                for key, value in node.map.values():  # type: ignore[union-attr]
                    scalars.append(key)
                    todo.append(value)
            elif kind is Sequence:
                collections.append(node.start)
                todo.extend(node.items)  # type: ignore[union-attr]
            elif kind is Alias:
                aliases.append(node.start)
        scalars.sort(key=lambda s: s.start)
        self.scalars = scalars
        self.collections = collections
        self.aliases = aliases


def split_in_halves(document: Document, items: Sequence | None, edits: list[Edit], pieces: Pieces, inventory: Inventory) -> list[ReadBack] | None:
    """The two halves of a big block-style file to read back on two cores, or None.
    `items`: the block sequence whose items may be cut between (the interactions)."""
    from ..parallel import worth_sharing

    root = document.root
    total = sum(len(piece) for piece in pieces)
    if document.is_json or type(root) is not Mapping or root.flow or not worth_sharing(total):
        return None
    if type(items) is not Sequence or items.flow or len(items.items) < 2:
        return None
    new_position = NewPositions(edits)
    edits = sorted(edits)
    first, end = _item_line(document, items, 0), items.end
    if first is None or document.column(end) != 1 or any(e.start < point < e.end for e in edits for point in (first, end)):
        return None
    cut = cut_line(document, items, edits)
    if cut is None:
        return None
    before_cut, middle, dash_end = cut
    places = document.byte_offsets([first, before_cut, middle, dash_end, end, *(o for e in edits for o in (e.start, e.end))])

    def new_byte(offset: int) -> int:
        return places[offset] + sum(len(e.text.encode("utf-8", "surrogatepass")) - (places[e.end] - places[e.start]) for e in edits if e.end <= offset)

    b_first, b_middle, b_end = new_byte(first), new_byte(middle), new_byte(end)
    # the step from the line before the cut to the cut's dash is read by neither half: its
    # bytes must be the old ones (the edits are not there; this also checks the pieces)
    source = document.source
    old_join = source[before_cut:dash_end].encode("utf-8", "surrogatepass") if isinstance(source, str) else source[places[before_cut] : places[dash_end]]
    if joined(cut_pieces(pieces, [(new_byte(before_cut), new_byte(dash_end))])) != old_join:
        return None
    c_first, c_middle, c_end = new_position(first), new_position(middle), new_position(end)
    scalars = inventory.scalars
    starts_of = [s.start for s in scalars]
    at_first, at_middle, at_end = (bisect.bisect_left(starts_of, point) for point in (first, middle, end))
    before = ReadBack(
        scalars[:at_middle] + scalars[at_end:],
        sum(1 for c in inventory.collections if c < middle or c >= end),
        sum(1 for a in inventory.aliases if a < middle or a >= end),
        cut_pieces(pieces, [(0, b_middle), (b_end, total)]),
        cut_from=end,
        cut=c_end - c_middle,
    )
    after = ReadBack(
        scalars[:at_first] + scalars[at_middle:],
        sum(1 for c in inventory.collections if c < first or c >= middle) + 1,  # + the sequence, which starts at its first item
        sum(1 for a in inventory.aliases if a < first or a >= middle),
        cut_pieces(pieces, [(0, b_first), (b_middle, total)]),
        cut_from=middle,
        cut=c_middle - c_first,
    )
    return [before, after]


def cut_line(document: Document, items: Sequence, edits: list[Edit]) -> tuple[int, int, int] | None:
    """Where to cut: (start of the line before, start of the cut line, end of its dash)
    for an item near the middle such that no edit reaches into the line before it or the
    dash. The step from the item before the cut into the cut item is read by neither
    half, so the bytes there must be the old ones."""
    starts = [item.start for item in items.items]
    middle = bisect.bisect_left(starts, (starts[0] + items.end) // 2)
    candidates = sorted(range(1, len(starts)), key=lambda i: abs(i - middle))[:8]
    ends = [e.end for e in edits]  # in order too: edits do not overlap
    for cut in candidates:
        line = _item_line(document, items, cut)
        if line is None or items.items[cut - 1].end > line + items.column:
            continue  # the item before the cut must end at the cut's dash at the latest
        previous = line - document.column(line - 1)  # where the line before starts
        after = bisect.bisect_right(ends, previous)  # the first edit that ends after it
        if after < len(edits) and edits[after].start < line + items.column + 2:
            continue  # an edit reaches into the line before the cut, or its dash
        return previous, line, line + items.column + 2
    return None


def _item_line(document: object, items: Sequence, index: int) -> int | None:
    """Where the line of an item's dash starts, if the item starts on the dash's line
    (`- key: ...`) with the dash at the sequence's column."""
    start = items.items[index].start
    line = start - (document.column(start) - 1)
    if document.slice(line, line + items.column + 2) != " " * items.column + "- ":
        return None
    return line


def cut_pieces(pieces: Pieces, ranges: Iterable[tuple[int, int]]) -> Pieces:
    """The bytes of `pieces` in the given ranges, as views or file ranges (nothing is
    copied or read)."""
    out: Pieces = []
    for start, end in ranges:
        at = 0
        for piece in pieces:
            size = len(piece)
            if at + size > start and at < end:
                first, last = max(start - at, 0), min(end - at, size)
                if isinstance(piece, FileBytes):
                    out.append(piece.range(first, last))
                else:
                    out.append((piece if isinstance(piece, memoryview) else memoryview(piece))[first:last])
            at += size
            if at >= end:
                break
    return out
