"""Keep a multi-line flow scalar's line breaks where its new value allows.

A redacted cookie in a ``Set-Cookie`` value folded over three lines should change the
line that held the cookie and no other. Refolding from the change on (what the emitter
would do) moves every later fold when the replacement is shorter or longer, so instead
the original is cut at its folds into pieces of the value, each piece the value text of
whole source lines; a piece found again unchanged in the new value keeps its lines as
they are, and only the runs of pieces that changed are written anew (folded at the
width, from a continuation line). The result is read back and used only if it gives
the new value.
"""

from __future__ import annotations

from typing import Callable

from .source import Parts

__all__ = ["Piece", "keep_line_breaks"]

#: How many pieces after a changed one are tried as the place where the text agrees again.
_LOOKAHEAD = 16


class Piece:
    """Source lines ``first`` up to the next piece's first, holding ``value[start:end]``;
    ``joint`` is what the line break before them stands for in the value (``' '`` for a
    fold at a space, ``''`` for a ``\\``-escaped break; ``''`` for the first piece)."""

    __slots__ = ("end", "first", "joint", "start")

    def __init__(self, first: int, start: int, end: int, joint: str) -> None:
        self.first, self.start, self.end, self.joint = first, start, end, joint


def _pieces(folds: list[tuple[int, int, str]], length: int) -> list[Piece]:
    """The pieces of a value of ``length`` characters from its folds (line, offset, joint)."""
    pieces: list[Piece] = []
    first, start, joint = 0, 0, ""
    for line, offset, next_joint in folds:
        pieces.append(Piece(first, start, offset - len(next_joint), joint))
        first, start, joint = line, offset, next_joint
    pieces.append(Piece(first, start, length, joint))
    return pieces


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the common suffix of ``a`` and ``b``, at most ``limit``, comparing
    slices of doubling size, then halving the first one that differs."""
    same, step = 0, 64
    while same < limit:
        end = min(limit, same + step)
        if a[len(a) - end : len(a) - same] == b[len(b) - end : len(b) - same]:
            same, step = end, step * 2
            continue
        while end - same > 1:
            mid = (same + end) // 2
            if a[len(a) - mid : len(a) - same] == b[len(b) - mid : len(b) - same]:
                same = mid
            else:
                end = mid
        return same
    return same


def _resync(old: str, new: str, pieces: list[Piece], k: int, at: int) -> tuple[int, int]:
    """For a run of changed pieces from ``k`` (at ``at`` in ``new``): the first piece after
    it found unchanged, and where its joint starts in ``new``; ``(len(pieces), len(new))``
    when the change runs to the end."""
    n = len(pieces)
    rest = (len(new) - at) - (len(old) - pieces[k].start)  # growth of what follows
    for j in range(k + 1, min(n, k + 1 + _LOOKAHEAD)):
        piece = pieces[j]
        after = pieces[j + 1].joint if j + 1 < n else ""
        key = piece.joint + old[piece.start : piece.end] + after
        reach = at + (piece.start - pieces[k].start) + max(rest, 0) + len(key) + 1024
        q = new.find(key, at + 1, reach)
        if q >= 0 and (j + 1 < n or q + len(key) == len(new)):
            return j, q
    limit = min(len(old) - pieces[k].start, len(new) - at)
    suffix = _common_suffix(old, new, limit)  # not reaching into the first changed piece
    for j in range(k + 1, n):
        piece = pieces[j]
        if not old[piece.start : piece.end].strip():
            continue  # keep no line that holds only blanks: the writer places those
        q = len(new) - (len(old) - piece.start) - len(piece.joint)
        if piece.start - len(piece.joint) >= len(old) - suffix and q > at:
            return j, q
    return n, len(new)


def keep_line_breaks(
    style: str,
    old: str,
    new: str,
    folds: list[tuple[int, int, str]],
    parts: Parts,
    write: Callable[[str, int], str],
    read: Callable[[str], "str | None"],
) -> str | None:
    """``new`` written over ``parts.body`` (whose value is ``old`` and folds ``folds``),
    keeping every source line whose piece of the value did not change; None when no line
    can be kept or the result would not read back as ``new``.

    ``write(value, begin)``: the text of ``value[begin:]`` as the scalar's writer folds it
    (from a continuation line when ``begin``); ``read(body)``: the value of a body, or None.
    """
    lines = parts.body.split(parts.lb)
    pieces = _pieces(folds, len(old))
    quote = style if style in ("'", '"') else ""
    out: list[str] = []
    kept = 0
    k, at = 0, 0
    n = len(pieces)
    while k < n:
        piece = pieces[k]
        own = lines[piece.first : pieces[k + 1].first] if k + 1 < n else lines[piece.first :]
        after = pieces[k + 1].joint if k + 1 < n else ""
        text = old[piece.start : piece.end] + after
        unchanged = new.startswith(text, at) if k + 1 < n else new[at:] == text
        if unchanged:
            out.append(parts.lb.join(own))
            kept += 1
            k, at = k + 1, at + len(text)
            continue
        if style != '"' and at and new[at : at + 1] in (" ", ""):
            return None  # a continuation line cannot start with a space here
        j, q = _resync(old, new, pieces, k, at)
        if j < n:
            segment = write(new[:q], at)
            if quote:
                segment = segment[: -len(quote)]
            if not pieces[j].joint:
                segment += "\\"
            if segment.endswith(" ") and style != '"':
                return None
        else:
            segment = write(new, at)
        out.append(segment)
        k, at = j, q + len(pieces[j].joint) if j < n else q
    if not kept:
        return None
    body = parts.lb.join(out)
    return body if read(body) == new else None
