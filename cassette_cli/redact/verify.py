"""Check a planned rewrite before it is written: read the new file back and make sure
every scalar is where it should be and means what was intended, and nothing else moved.

One pass over the parser's events of the new file (no tree is built): the scalars come
in document order, each must start at its old offset shifted by the edits before it,
and hold its old value, or for a changed scalar the intended new one. The numbers of
collections, aliases and documents must not change.

A big file is read back in two halves on two cores (parallel.py): the interactions are
the items of one block sequence, and YAML reads each item the same whatever came before
it in the sequence, so the file is cut at the start of an item's line into two
documents, each with the file's head and tail: [head, items before the cut, tail] and
[head, items from the cut, tail]. Every byte of the new file is read by one of the two
parsers, and each scalar is checked at its place in its half. If a half does not read
back (an alias to an anchor in the other half, say), the whole file is read at once and
that decides."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import CassetteError
from ..yamlsplice import ALIAS, COLLECTION, DOCUMENT, SCALAR, Alias, Edit, Mapping, Node, Scalar, Sequence, scan

if TYPE_CHECKING:
    from .engine import Change, Plan
    from ..rules.finding import Finding

Pieces = list  # of bytes | memoryview: a file's bytes in pieces


class VerificationError(CassetteError):
    pass


@dataclass
class _Expected:
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


def verify(plan: Plan, pieces: Pieces | None = None, started: Callable[[], object] | None = None) -> None:
    """Raise VerificationError unless the new file reads back as intended. `pieces`: its
    bytes (else the plan's new text is read). `started` is called once the check is
    under way, after any child process exists (the caller's writer thread starts then)."""
    from ..yamlsplice import PiecesReader

    inventory = _Inventory(plan.cassette.document.root)
    changes = {c.node.start: c for c in plan.changes}
    if pieces is not None:
        halves = _halves(plan, pieces, inventory, _NewPositions(plan))
        if halves is not None:
            from .parallel import run_jobs

            results = run_jobs(halves, lambda half: _reads_back(plan, PiecesReader(half.pieces), half, changes), lambda half: half.size, started)
            if all(results):
                return
            started = None  # called already; now the whole file decides
    if started is not None:
        started()
    whole = _Expected(inventory.scalars, len(inventory.collections), len(inventory.aliases))
    _check(plan, scan(plan.new_text if pieces is None else PiecesReader(pieces), plan.cassette.path), whole, changes)  # type: ignore[arg-type]


def _reads_back(plan: Plan, source: object, expected: _Expected, changes: dict[int, Change]) -> bool:
    try:
        _check(plan, scan(source, plan.cassette.path), expected, changes)  # type: ignore[arg-type]
    except CassetteError:
        return False
    return True


def _check(plan: Plan, events: Iterator[tuple[str, int, str | None]], expected: _Expected, changes: dict[int, Change]) -> None:
    cassette = plan.cassette
    counts = {COLLECTION: 0, ALIAS: 0, DOCUMENT: 0}
    scalars = expected.scalars
    shifts = sorted((e.start, len(e.text) - (e.end - e.start)) for e in plan.edits)
    position = 0  # next expected scalar
    shift = 0  # sum of length changes of the edits before it
    next_edit = 0
    try:
        for kind, start, value in events:
            if kind != SCALAR:
                counts[kind] += 1
                continue
            if position >= len(scalars):
                raise _structure(cassette)
            old = scalars[position]
            while next_edit < len(shifts) and shifts[next_edit][0] < old.start:
                shift += shifts[next_edit][1]
                next_edit += 1
            at = old.start + shift - (expected.cut if old.start >= expected.cut_from else 0)
            if start != at or not _means(value or "", old, changes.get(old.start)):
                raise _mismatch(cassette, old)
            position += 1
    except CassetteError as exc:
        if isinstance(exc, VerificationError):
            raise
        raise VerificationError(cassette.path, f"the rewritten file would not read back ({exc.message}); nothing written") from None
    if position != len(scalars) or counts[COLLECTION] != expected.collections or counts[ALIAS] != expected.aliases or counts[DOCUMENT] > 1:
        raise _structure(cassette)


def _means(value: str, old: Scalar, change: Change | None) -> bool:
    if change is None:
        return value == old.value
    if change.binary:
        return _b64(value) == _b64(change.new_value)
    if change.whole is None:
        return _is_spliced(value, old.value, change.findings)
    return value == change.whole


class _NewPositions:
    """Where an old offset outside every edit is in the new text: shifted by the length
    changes of the edits before it. Asked in increasing order, it walks the edits once."""

    def __init__(self, plan: Plan) -> None:
        self.shifts = sorted((e.start, len(e.text) - (e.end - e.start)) for e in plan.edits)
        self.starts = [start for start, _ in self.shifts]
        self.sums = [0]
        for _, delta in self.shifts:
            self.sums.append(self.sums[-1] + delta)

    def __call__(self, offset: int) -> int:
        return offset + self.sums[bisect.bisect_left(self.starts, offset)]


class _Inventory:
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


def _halves(plan: Plan, pieces: Pieces, inventory: _Inventory, new_position: Callable[[int], int]) -> list[_Expected] | None:
    """The two halves of a big block-style cassette to read back on two cores, or None."""
    from .parallel import worth_sharing

    cassette = plan.cassette
    document = cassette.document
    root = document.root
    total = sum(len(piece) for piece in pieces)
    if document.is_json or type(root) is not Mapping or root.flow or not worth_sharing(total):
        return None
    items = root.get("http_interactions" if cassette.format == "ruby-vcr" else "interactions")
    if type(items) is not Sequence or items.flow or len(items.items) < 2:
        return None
    edits = sorted(plan.edits)
    first, end = _item_line(document, items, 0), items.end
    if first is None or document.column(end) != 1 or any(e.start < point < e.end for e in edits for point in (first, end)):
        return None
    cut = _cut_line(document, items, edits)
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
    if b"".join(_cut(pieces, [(new_byte(before_cut), new_byte(dash_end))])) != old_join:
        return None
    c_first, c_middle, c_end = new_position(first), new_position(middle), new_position(end)
    scalars = inventory.scalars
    starts_of = [s.start for s in scalars]
    at_first, at_middle, at_end = (bisect.bisect_left(starts_of, point) for point in (first, middle, end))
    before = _Expected(
        scalars[:at_middle] + scalars[at_end:],
        sum(1 for c in inventory.collections if c < middle or c >= end),
        sum(1 for a in inventory.aliases if a < middle or a >= end),
        _cut(pieces, [(0, b_middle), (b_end, total)]),
        cut_from=end,
        cut=c_end - c_middle,
    )
    after = _Expected(
        scalars[:at_first] + scalars[at_middle:],
        sum(1 for c in inventory.collections if c < first or c >= middle) + 1,  # + the sequence, which starts at its first item
        sum(1 for a in inventory.aliases if a < first or a >= middle),
        _cut(pieces, [(0, b_first), (b_middle, total)]),
        cut_from=middle,
        cut=c_middle - c_first,
    )
    return [before, after]


def _cut_line(document: object, items: Sequence, edits: list[Edit]) -> tuple[int, int, int] | None:
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
        previous = line - document.column(line - 1)  # type: ignore[attr-defined]  # where the line before starts
        after = bisect.bisect_right(ends, previous)  # the first edit that ends after it
        if after < len(edits) and edits[after].start < line + items.column + 2:
            continue  # an edit reaches into the line before the cut, or its dash
        return previous, line, line + items.column + 2
    return None



def _item_line(document: object, items: Sequence, index: int) -> int | None:
    """Where the line of an item's dash starts, if the item starts on the dash's line
    (`- key: ...`) with the dash at the sequence's column."""
    start = items.items[index].start
    line = start - (document.column(start) - 1)  # type: ignore[attr-defined]
    if document.slice(line, line + items.column + 2) != " " * items.column + "- ":  # type: ignore[attr-defined]
        return None
    return line


def _cut(pieces: Pieces, ranges: Iterable[tuple[int, int]]) -> Pieces:
    """The bytes of `pieces` in the given ranges, as views (nothing is copied)."""
    out: Pieces = []
    for start, end in ranges:
        at = 0
        for piece in pieces:
            size = len(piece)
            if at + size > start and at < end:
                view = piece if isinstance(piece, memoryview) else memoryview(piece)
                out.append(view[max(start - at, 0) : min(end - at, size)])
            at += size
            if at >= end:
                break
    return out


_COMPARE_CHUNK = 1 << 20


def _is_spliced(value: str, old: str, findings: list[Finding]) -> bool:
    """Whether `value` is `old` with each finding's characters replaced by its `new`
    text, compared a piece at a time so that the expected value is never built whole."""
    expected_length = len(old) + sum(len(f.new or "") - (f.end - f.start) for f in findings)
    if len(value) != expected_length:
        return False
    at = 0  # in value
    position = 0  # in old
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.new is None or not _same(value, at, old, position, finding.start):
            return False
        at += finding.start - position
        if not value.startswith(finding.new, at):
            return False
        at += len(finding.new)
        position = finding.end
    return _same(value, at, old, position, len(old))


def _same(value: str, at: int, old: str, start: int, end: int) -> bool:
    """value[at : at + end - start] == old[start:end], without copying value."""
    for piece in range(start, end, _COMPARE_CHUNK):
        if not value.startswith(old[piece : min(piece + _COMPARE_CHUNK, end)], at + piece - start):
            return False
    return True


def _b64(value: str) -> str:
    return "".join(value.split())


def _structure(cassette: object) -> VerificationError:
    path = getattr(cassette, "path", "?")
    return VerificationError(path, "the rewritten file would change the cassette's structure; nothing written")


def _mismatch(cassette: object, node: Scalar) -> VerificationError:
    line, column = cassette.document.positions.line_col(node.start)  # type: ignore[attr-defined]
    return VerificationError(cassette.path, "the rewritten value would not read back as intended; nothing written", line, column)  # type: ignore[attr-defined]
