"""The layout of a plain or quoted (flow) scalar, and writing a new value into it.

An original's layout is read off its text: the continuation indentation; whether a
double-quoted scalar was folded by PyYAML's pure emitter (``\\`` continuations) or by
libyaml; the fold width, recovered by re-emitting the original value at likely widths
and keeping the one that reproduces it (a one-line original that runs past the width at
a foldable space was not folded: go-yaml v3, or a wider emitter).  ``refold_after_change``
keeps a folded original's lines up to the fold before the first changed character and
refolds only the rest, so text folded by hand, or at a width no guess reproduces, stays
as it was.

The original's value is read back with the project's YAML composer
(``cassette_cli.document.compose``) on a one-item document that puts the scalar at its
own column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..errors import CassetteError
from ..document import Scalar, Sequence, compose
from .double import write_double_libyaml, write_double_pyyaml
from .escapes import Escapes, unescape
from .plain import write_plain
from .rewrap import keep_line_breaks
from .single import write_single
from .source import DEFAULT_FOLD_WIDTH, DEFAULT_INDENT_STEP, Parts, ScalarSource

__all__ = [
    "FlowLayout",
    "common_prefix",
    "flow_layout",
    "last_fold_candidate",
    "refold_after_change",
    "write_flow",
]

#: Fold widths tried first, most likely first, when recovering an original's width.
_WIDTH_GUESSES = (80, 120, 100, 76, 72, 60, 128, 160, 200, 256)


@dataclass(frozen=True)
class FlowLayout:
    """How a flow scalar was written, as far as its text shows."""

    width: int | None
    cont: int  # column of continuation lines
    pyyaml: bool  # double-quoted folds like PyYAML's pure emitter
    close_indent: bool  # single-quoted: indent the closing quote after trailing breaks
    old_value: str | None  # the original's value, when it spans lines and could be read


def _decode_flow(parts: Parts, cont: int) -> str | None:
    """The value of a (multi-line) flow scalar, by composing it in a one-item document."""
    outer = min(cont - 1, parts.column - 2)
    if outer < 0:
        return None
    doc = " " * outer + "-" + " " * (parts.column - outer - 1) + parts.body + parts.lb
    try:
        root = compose(doc, "<scalar>").root
    except CassetteError:
        return None
    if type(root) is Sequence and len(root.items) == 1 and type(root.items[0]) is Scalar:
        return root.items[0].value
    return None


def flow_layout(
    src: ScalarSource,
    parts: Parts,
    esc: Escapes,
    fold_width: int | None,
    indent_step: int | None,
    pyyaml_pure: bool | None,
    simple_key: bool,
) -> FlowLayout:
    """The layout of ``src``; what its text does not show comes from the keywords (see
    ``emit_like``)."""
    lines = parts.body.split(parts.lb)
    style = src.style or ""
    cont = max(src.indent, 0) + (DEFAULT_INDENT_STEP if indent_step is None else indent_step)
    for line in lines[1:]:
        stripped = line.lstrip(" ")
        if stripped and not (style == "'" and stripped == "'" and line == lines[-1]):
            cont = len(line) - len(stripped)
            break
    pyyaml = bool(pyyaml_pure)
    if style == '"' and len(lines) > 1:
        pyyaml = any((len(line) - len(line.rstrip("\\"))) % 2 == 1 for line in lines[:-1])
    close_indent = not (style == "'" and len(lines) > 2 and lines[-1] == "'")
    old = _decode_flow(parts, cont) if len(lines) > 1 else None
    default = DEFAULT_FOLD_WIDTH if fold_width is None else (fold_width or None)
    width: int | None
    if simple_key or src.is_json:
        width = None
    elif len(lines) == 1:
        unfolded = default is not None and last_fold_candidate(parts.body, parts.column, style) > default
        width = None if unfolded else default  # unfolded: go-yaml v3, or a wider emitter
    else:
        width = default or DEFAULT_FOLD_WIDTH  # it spans lines, so it was folded
        if old is not None:
            lengths = [len(line) for line in lines[:-1]]
            lengths[0] += parts.column
            guesses = [width, *_WIDTH_GUESSES, min(lengths) - 1, max(lengths) - 1, max(lengths) - 2, max(lengths)]
            layout = FlowLayout(None, cont, pyyaml, close_indent, old)
            probe = _probe(style, parts, old)
            for guess in dict.fromkeys(guesses):
                if guess <= 0:
                    continue
                if probe is not None:
                    head = write_flow(style, old[: probe[1]], parts, layout, esc, guess)
                    if head.split(parts.lb)[: probe[0]] != lines[: probe[0]]:
                        continue
                if write_flow(style, old, parts, layout, esc, guess) == parts.body:
                    width = guess
                    break
    return FlowLayout(width, cont, pyyaml, close_indent, old)


def _probe(style: str, parts: Parts, old: str) -> tuple[int, int] | None:
    """For a long scalar: (n, offset) such that the first n lines depend on old[:offset] only.

    Folds are decided left to right, so a width guess can be rejected on a prefix.
    """
    if parts.body.count(parts.lb) < 40:
        return None
    read = _fold_starts(style, parts.body, parts.lb)
    if read is None or read[0] != old:
        return None
    starts = read[1]
    for k in range(0, len(starts), 2):
        if starts[k] >= 20:
            return starts[k] - 1, starts[k + 1]
    return None


_LAST_FOLD = {  # the last space after neither a space nor a backslash, not last itself...
    '"': re.compile(r"(?s:.*)(?<![ \\]) (?=.)", re.DOTALL),
    "": re.compile(r"(?s:.*)(?<![ \\]) (?=[^ ])"),  # ...and, outside double quotes, before no space
}


def last_fold_candidate(body: str, column: int, style: str) -> int:
    """The rightmost column where libyaml could have folded this one-line scalar."""
    quoted = style in ("'", '"')
    first, stop = (1, len(body) - 2) if quoted else (0, len(body) - 1)
    pattern = _LAST_FOLD['"' if style == '"' else ""]
    hi, size = stop, 256  # windows of doubling size from the right; candidates end before hi
    while hi - 1 > first:
        lo = max(first + 1, hi - size)
        match = pattern.match(body, lo, hi + 1)
        if match is not None:
            return column + match.end() - 1
        hi, size = lo, size * 2
    return -1


def write_flow(
    style: str,
    value: str,
    parts: Parts,
    layout: FlowLayout,
    esc: Escapes,
    width: int | None,
    begin: int = 0,
) -> str:
    """``value`` in ``style`` (``''``, ``"'"``, ``'"'``) with ``layout``'s writer, folded at
    ``width``; from offset ``begin`` on a continuation line if given."""
    column, cont, lb = parts.column, layout.cont, parts.lb
    if style == "'":
        return write_single(value, column, cont, width, lb, begin, layout.close_indent)
    if style == '"':
        writer = write_double_pyyaml if layout.pyyaml else write_double_libyaml
        return writer(value, column, cont, width, lb, esc, begin)
    return write_plain(value, column, cont, width, lb, begin)


def _fold_starts(style: str, body: str, lb: str, joints: list[str] | None = None) -> tuple[str, list[int]] | None:
    """Read a multi-line flow scalar line by line.

    Returns its value and, for each line that follows a fold (a space the emitter
    replaced by a line break, or a ``\\``-escaped break), the pair line number, value
    offset where that line's content starts, flattened as ``[line, offset, ...]``;
    ``joints``, if given, gets what each of those breaks stands for (``' '`` or ``''``).
    None when the text is not what an emitter writes (trailing blanks, bad escapes).
    """
    lines = body.split(lb)
    last = len(lines) - 1
    quote = style if style in ("'", '"') else ""
    if quote and not (lines[0].startswith(quote) and lines[-1].endswith(quote)):
        return None
    pieces: list[str] = []
    starts: list[int] = []
    length = 0
    blanks = 0
    escaped = False
    for i, raw in enumerate(lines):
        line = raw if i else raw[len(quote) :]
        if i == last and quote:
            line = line[: -len(quote)]
        if i:
            line = line.lstrip(" \t")
        if i < last and line != line.rstrip(" \t"):
            return None
        if i and i < last and not line and not escaped:
            blanks += 1
            continue
        if quote == '"':
            tail = len(line) - len(line.rstrip("\\"))
            next_escaped = i < last and tail % 2 == 1
            try:
                text = unescape(line[:-1] if next_escaped else line)
            except KeyError:
                return None
        else:
            next_escaped = False
            text = line.replace("''", "'") if quote == "'" else line
        if i:
            joint = "" if escaped else ("\n" * blanks if blanks else " ")
            pieces.append(joint)
            length += len(joint)
            if not blanks:
                starts.extend((i, length))
                if joints is not None:
                    joints.append(joint)
        pieces.append(text)
        length += len(text)
        blanks = 0
        escaped = next_escaped
    return "".join(pieces), starts


def common_prefix(a: str, b: str) -> int:
    """The length of the common prefix of ``a`` and ``b``, comparing slices."""
    limit = min(len(a), len(b))
    same, step = 0, 64
    while same < limit:
        end = min(limit, same + step)
        if a[same:end] == b[same:end]:
            same, step = end, step * 2
            continue
        while end - same > 1:  # a[same:end] differs: bisect it
            mid = (same + end) // 2
            if a[same:mid] == b[same:mid]:
                same = mid
            else:
                end = mid
        return same
    return same


def refold_after_change(style: str, new: str, parts: Parts, layout: FlowLayout, esc: Escapes) -> str | None:
    """Keep the original's lines that hold no change (``rewrap.keep_line_breaks``); where
    that cannot be done, its lines before the first changed character, refolding the rest.

    Restarts the writer at the last fold line that begins before the change, so text
    folded by hand or at a width no guess reproduced stays as it was up to the edit.
    """
    old = layout.old_value
    if old is None:
        return None
    joints: list[str] = []
    read = _fold_starts(style, parts.body, parts.lb, joints)
    if read is None or read[0] != old:
        return None
    _, starts = read
    folds = list(zip(starts[::2], starts[1::2], joints))
    kept_breaks = keep_line_breaks(
        style,
        old,
        new,
        folds,
        parts,
        lambda value, begin: write_flow(style, value, parts, layout, esc, layout.width, begin),
        lambda body: _decode_flow(Parts(parts.prefix, body, parts.column, parts.lb), layout.cont),
    )
    if kept_breaks is not None:
        return kept_breaks
    same = common_prefix(old, new)
    offsets = starts[1::2]
    k = bisect.bisect_left(offsets, same) - 1  # the last fold line that starts before the change
    while k >= 0 and style != '"' and new[offsets[k]] == " ":
        k -= 1
    if k < 0:
        return None
    line, offset = starts[2 * k], offsets[k]
    kept = parts.lb.join(parts.body.split(parts.lb)[:line]) + parts.lb
    return kept + write_flow(style, new, parts, layout, esc, layout.width, offset)
