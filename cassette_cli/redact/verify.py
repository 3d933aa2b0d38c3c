"""Check a planned rewrite before it is written: read the new text back and make sure
every scalar is where it should be and means what was intended, and nothing else moved.

One pass over the parser's events of the new text (no tree is built): the scalars come
in document order, each must start at its old offset shifted by the edits before it,
and hold its old value, or for a changed scalar the intended new one. The numbers of
collections, aliases and documents must not change."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from ..errors import CassetteError
from ..yamlsplice import ALIAS, COLLECTION, DOCUMENT, SCALAR, Alias, Mapping, Node, Scalar, Sequence, scan

if TYPE_CHECKING:
    from .engine import Plan
    from .rules import Finding


class VerificationError(CassetteError):
    pass


def verify(plan: Plan, stream: BinaryIO | None = None) -> None:
    """Raise VerificationError unless the new file (read from `stream`, a binary file,
    or else the plan's new text) reads back as intended."""
    cassette = plan.cassette
    old_scalars, collections, aliases = _inventory(cassette.document.root)
    old_scalars.sort(key=lambda s: s.start)
    changes = {c.node.start: c for c in plan.changes}
    shifts = sorted((e.start, (len(e.text) - (e.end - e.start))) for e in plan.edits)

    counts = {COLLECTION: 0, ALIAS: 0, DOCUMENT: 0}
    position = 0  # next old scalar
    shift = 0  # sum of length changes of the edits before it
    next_edit = 0
    try:
        for kind, start, value in scan(plan.new_text if stream is None else stream, cassette.path):
            if kind != SCALAR:
                counts[kind] += 1
                continue
            if position >= len(old_scalars):
                raise _structure(cassette)
            old = old_scalars[position]
            while next_edit < len(shifts) and shifts[next_edit][0] < old.start:
                shift += shifts[next_edit][1]
                next_edit += 1
            if start != old.start + shift:
                raise _mismatch(cassette, old)
            change = changes.get(old.start)
            if change is None:
                same = value == old.value
            elif change.binary:
                same = _b64(value or "") == _b64(change.new_value)
            elif change.whole is None:
                same = _is_spliced(value or "", old.value, change.findings)
            else:
                same = value == change.whole
            if not same:
                raise _mismatch(cassette, old)
            position += 1
    except CassetteError as exc:
        if isinstance(exc, VerificationError):
            raise
        raise VerificationError(cassette.path, f"the rewritten file would not read back ({exc.message}); nothing written") from None
    if position != len(old_scalars) or counts[COLLECTION] != collections or counts[ALIAS] != aliases or counts[DOCUMENT] > 1:
        raise _structure(cassette)


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


def _inventory(root: Node | None) -> tuple[list[Scalar], int, int]:
    """All scalars (keys included), and the numbers of collections and aliases."""
    scalars: list[Scalar] = []
    collections = aliases = 0
    todo: list[Node] = [root] if root is not None else []
    while todo:
        node = todo.pop()
        kind = type(node)
        if kind is Scalar:
            scalars.append(node)  # type: ignore[arg-type]
        elif kind is Mapping:
            collections += 1
            for key, value in node.map.values():  # type: ignore[union-attr]
                scalars.append(key)
                todo.append(value)
        elif kind is Sequence:
            collections += 1
            todo.extend(node.items)  # type: ignore[union-attr]
        elif kind is Alias:
            aliases += 1
    return scalars, collections, aliases


def _b64(value: str) -> str:
    return "".join(value.split())


def _structure(cassette: object) -> VerificationError:
    path = getattr(cassette, "path", "?")
    return VerificationError(path, "the rewritten file would change the cassette's structure; nothing written")


def _mismatch(cassette: object, node: Scalar) -> VerificationError:
    line, column = cassette.document.positions.line_col(node.start)  # type: ignore[attr-defined]
    return VerificationError(cassette.path, "the rewritten value would not read back as intended; nothing written", line, column)  # type: ignore[attr-defined]
