"""Check a rewrite before it is written: read the new file back and compare it with an
expectation, so that nothing is written that does not mean what was intended.

An Expectation is the old document, the edits, and for each replaced scalar the value
intended (`Intended`). Edits that only replace: one pass over the parser's events of the
new file (no tree is built). The scalars come in document order; each must start at its
old offset shifted by the edits before it and hold its old value, or for a replaced
scalar the intended one. The numbers of collections, aliases and documents must not
change. A big file is read in two halves on two cores (halves.py).

Edits that delete (delete.py): the new file is composed and compared with the old tree
less what was removed, node by node. Each collection a child was removed from has exactly
that child fewer (a sequence one item fewer, a mapping that key fewer), every other node
has the same kind, every scalar and alias sits at its shifted offset and holds its old (or
intended) value, and the keys of every mapping come in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Protocol, Union

from ..errors import CassetteError
from .compose_yaml import check_bytes, compose
from .edit import Edit, Removal
from .events import ALIAS, COLLECTION, DOCUMENT, SCALAR, PiecesReader, scan
from .file_bytes import joined
from .halves import Inventory, NewPositions, Pieces, ReadBack, split_in_halves
from .nodes import Alias, Mapping, Node, Scalar, Sequence
from .source import Document


class VerificationError(CassetteError):
    pass


class Splice(Protocol):
    """Characters start:end of a value replaced by `new` (a redaction finding is one)."""

    start: int
    end: int
    new: str | None


@dataclass
class Intended:
    """What a replaced scalar must read back as: `value`; for a binary scalar, the base64
    text of the intended bytes (compared without whitespace); or, when `value` is None
    (a big value never built whole), the old value with each splice's characters replaced
    by its `new` text."""

    value: str | None
    binary: bool = False
    splices: Iterable[Splice] = ()


@dataclass
class Expectation:
    """What the new file must read back as."""

    document: Document  # the old one
    edits: list[Edit]
    intended: dict[int, Intended] = field(default_factory=dict)  # by each replaced scalar's old start
    items: Union[Sequence, None] = None  # the block sequence a big file may be cut between (halves.py)

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def removals(self) -> list[Removal]:
        return [edit.removes for edit in self.edits if edit.removes is not None]


def verify(expectation: Expectation, new: Union[str, Pieces], started: Callable[[], object] | None = None) -> None:
    """Raise VerificationError unless the new file, its text or its bytes in pieces, reads
    back as expected. `started` is called once the check is under way, after any child
    process exists (a caller's writer thread starts then)."""
    if expectation.removals:
        if started is not None:
            started()
        check_tree(expectation, new)
        return
    inventory = Inventory(expectation.document.root)
    if not isinstance(new, str):
        halves = split_in_halves(expectation.document, expectation.items, expectation.edits, new, inventory)
        if halves is not None:
            from ..parallel import run_jobs

            results = run_jobs(halves, lambda half: reads_back(expectation, PiecesReader(half.pieces), half), lambda half: half.size, started)
            if all(results):
                return
            started = None  # called already; now the whole file decides
    if started is not None:
        started()
    whole = ReadBack(inventory.scalars, len(inventory.collections), len(inventory.aliases))
    check_events(expectation, scan(new if isinstance(new, str) else PiecesReader(new), expectation.path), whole)  # type: ignore[arg-type]


def reads_back(expectation: Expectation, source: object, expected: ReadBack) -> bool:
    """Whether (part of) the new file, a text or a binary file, gives what `expected` says."""
    try:
        check_events(expectation, scan(source, expectation.path), expected)  # type: ignore[arg-type]
    except CassetteError:
        return False
    return True


def check_events(expectation: Expectation, events: Iterator[tuple[str, int, str | None]], expected: ReadBack) -> None:
    """Raise VerificationError unless the parse events (see events.scan) of (part of) the
    new file give the scalars, collections and aliases `expected` says."""
    document = expectation.document
    intended = expectation.intended
    counts = {COLLECTION: 0, ALIAS: 0, DOCUMENT: 0}
    scalars = expected.scalars
    shifts = sorted((e.start, len(e.text) - (e.end - e.start)) for e in expectation.edits)
    position = 0  # next expected scalar
    shift = 0  # sum of length changes of the edits before it
    next_edit = 0
    try:
        for kind, start, value in events:
            if kind != SCALAR:
                counts[kind] += 1
                continue
            if position >= len(scalars):
                raise _structure(document)
            old = scalars[position]
            while next_edit < len(shifts) and shifts[next_edit][0] < old.start:
                shift += shifts[next_edit][1]
                next_edit += 1
            at = old.start + shift - (expected.cut if old.start >= expected.cut_from else 0)
            meant = intended.get(old.start)
            if start != at or not ((value or "") == old.value if meant is None else means(value or "", old, meant)):
                raise _mismatch(document, old)  # (`means` spelled out for the scalars no edit touched: most)
            position += 1
    except CassetteError as exc:
        if isinstance(exc, VerificationError):
            raise
        raise _unreadable(document, exc) from None
    if position != len(scalars) or counts[COLLECTION] != expected.collections or counts[ALIAS] != expected.aliases or counts[DOCUMENT] > 1:
        raise _structure(document)


def check_tree(expectation: Expectation, new: Union[str, Pieces]) -> None:
    """Compose the new file and compare it, node by node, with the old tree less what the
    edits remove. Raise VerificationError on any difference."""
    document = expectation.document
    data = new if isinstance(new, str) else joined(new)
    try:
        if isinstance(data, bytes):
            check_bytes(data, document.path)
        composed = compose(data, document.path)
    except CassetteError as exc:
        raise _unreadable(document, exc) from None
    removed: dict[int, set[Union[int, str]]] = {}
    for removal in expectation.removals:
        removed.setdefault(id(removal.collection), set()).add(removal.key)
    position = NewPositions(expectation.edits)
    intended = expectation.intended
    todo: list[tuple[Node | None, Node | None]] = [(document.root, composed.root)]
    while todo:
        old, now = todo.pop()
        kind = type(old)
        if type(now) is not kind:
            raise _structure(document)
        if kind is Scalar:
            if now.start != position(old.start) or not means(now.value, old, intended.get(old.start)):  # type: ignore[union-attr]
                raise _mismatch(document, old)  # type: ignore[arg-type]
        elif kind is Alias:
            if now.start != position(old.start) or now.anchor != old.anchor:  # type: ignore[union-attr]
                raise _mismatch(document, old)  # type: ignore[arg-type]
        elif kind is Sequence:
            gone = removed.get(id(old), ())
            kept = [item for i, item in enumerate(old.items) if i not in gone]  # type: ignore[union-attr]
            if len(kept) != len(now.items):  # type: ignore[union-attr]
                raise _structure(document)
            todo.extend(zip(kept, now.items))  # type: ignore[union-attr]
        elif kind is Mapping:
            gone = removed.get(id(old), ())
            kept = [pair for key, pair in old.map.items() if key not in gone]  # type: ignore[union-attr]
            if [name.value for name, _ in kept] != list(now.map):  # type: ignore[union-attr]
                raise _structure(document)
            for (old_name, old_value), (new_name, new_value) in zip(kept, now.map.values()):  # type: ignore[union-attr]
                todo += ((old_name, new_name), (old_value, new_value))


def means(value: str, old: Scalar, intended: Intended | None) -> bool:
    """Whether a scalar read back as `value` holds what was meant for the old one."""
    if intended is None:
        return value == old.value
    if intended.binary:
        return _b64(value) == _b64(intended.value or "")
    if intended.value is None:
        return is_spliced(value, old.value, intended.splices)
    return value == intended.value


COMPARE_CHUNK = 1 << 20  # characters compared at a time by is_spliced


def is_spliced(value: str, old: str, splices: Iterable[Splice]) -> bool:
    """Whether `value` is `old` with each splice's characters replaced by its `new`
    text, compared a piece at a time so that the expected value is never built whole."""
    splices = list(splices)
    expected_length = len(old) + sum(len(s.new or "") - (s.end - s.start) for s in splices)
    if len(value) != expected_length:
        return False
    at = 0  # in value
    position = 0  # in old
    for splice in sorted(splices, key=lambda s: s.start):
        if splice.new is None or not _same(value, at, old, position, splice.start):
            return False
        at += splice.start - position
        if not value.startswith(splice.new, at):
            return False
        at += len(splice.new)
        position = splice.end
    return _same(value, at, old, position, len(old))


def _same(value: str, at: int, old: str, start: int, end: int) -> bool:
    """value[at : at + end - start] == old[start:end], without copying value."""
    for piece in range(start, end, COMPARE_CHUNK):
        if not value.startswith(old[piece : min(piece + COMPARE_CHUNK, end)], at + piece - start):
            return False
    return True


def _b64(value: str) -> str:
    return "".join(value.split())


def _unreadable(document: Document, exc: CassetteError) -> VerificationError:
    return VerificationError(document.path, f"the rewritten file would not read back ({exc.message}); nothing written")


def _structure(document: Document) -> VerificationError:
    return VerificationError(document.path, "the rewritten file would change the cassette's structure; nothing written")


def _mismatch(document: Document, node: Scalar | Alias) -> VerificationError:
    line, column = document.positions.line_col(node.start)
    return VerificationError(document.path, "the rewritten value would not read back as intended; nothing written", line, column)
