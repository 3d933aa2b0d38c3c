"""Double-quoted scalars, in the two ways PyYAML's emitters fold them: libyaml's (PyYAML's
CDumper, Psych, go-yaml v2; go-yaml v3 without a width) folds at the first space past
the width; PyYAML's pure-Python emitter breaks before the width with ``\\`` continuations.
A file's bytes depend on which one wrote it, so the writer is picked from the original's
text (``folding.flow_layout``), else from ``emit_like``'s ``pyyaml_pure``.
"""

from __future__ import annotations

import re

from .escapes import Escapes, char_classes

__all__ = ["write_double_libyaml", "write_double_pyyaml"]

#: Where libyaml folds a double-quoted scalar: a space after a non-space, before anything.
_FOLD_DOUBLE = re.compile(r"(?<! ) (?=.)", re.DOTALL)


def _double_head(value: str, column: int, cont: int, begin: int) -> tuple[str, int]:
    """What a double-quoted scalar's text starts with, and the column after it: the quote,
    or when writing from `begin` on a continuation line, its indentation (and a `\\`
    before a leading space, which a fold would eat)."""
    if begin:
        head = " " * cont + ("\\" if value[begin] == " " else "")
        return head, len(head)
    return '"', column + 1


def write_double_libyaml(
    value: str, column: int, cont: int, width: int | None, lb: str, esc: Escapes, begin: int = 0
) -> str:
    """libyaml (PyYAML CDumper, Psych, go-yaml): fold at the first space past the width.

    Escapes never contain a space, so the folds are found on the escaped text, where the
    column is the offset.
    """
    head, column = _double_head(value, column, cont, begin)
    text = esc.write(value[begin:] if begin else value)
    if width is None:
        return head + text + '"'
    out = [head]
    fold = lb + " " * cont
    pos = 0
    while True:
        match = _FOLD_DOUBLE.search(text, max(1, pos, pos + width - column + 1))
        if match is None:
            break
        i = match.start()
        out.append(text[pos:i])
        out.append(fold)
        column, pos = cont, i + 1
        if text[pos] == " ":
            out.append("\\")
            column += 1
    out.append(text[pos:])
    out.append('"')
    return "".join(out)


def write_double_pyyaml(
    value: str, column: int, cont: int, width: int | None, lb: str, esc: Escapes, begin: int = 0
) -> str:
    """PyYAML's pure emitter: break before the width is passed, with ``\\`` continuations.

    It may break at a space, before the character after an escape, or after an escape
    that ends past the width.  Visits escapes and folds only.
    """
    head, column = _double_head(value, column, cont, begin)
    if width is None:
        return head + esc.write(value[begin:] if begin else value) + '"'
    out = [head]
    fold = "\\" + lb + " " * cont
    table: dict[str, str] = {}
    n = len(value)
    last = n - 1  # no break at or after the last character
    escapes = char_classes(esc).needs.finditer(value, begin)
    start = end = begin  # value[start:end] is written but not yet flushed
    while True:
        match = next(escapes, None)
        stop = n if match is None else match.start()
        while end < stop:  # raw characters: a break at a space, or right after an escape
            past = start + width - column + 1
            if start == end and 0 < end < last and end >= past:
                i = end
            else:
                i = value.find(" ", max(end, past, 1), min(stop, last))
                if i < 0:
                    break
            out.append(value[start:i])
            out.append(fold)
            column, start, end = cont, i, i + 1
            if value[i] == " ":
                out.append("\\")
                column += 1
        if match is None:
            break
        end = stop
        if start < end:
            out.append(value[start:end])
            column += end - start
        ch = value[end]
        text = table.get(ch)
        if text is None:
            text = table[ch] = esc.escape(ch)
        out.append(text)
        column += len(text)
        start = end = end + 1
        if 0 < stop < last and column - 1 > width:
            out.append(fold)
            column = cont
            if value[start] == " ":
                out.append("\\")
                column += 1
    if start < n:
        out.append(value[start:])
    out.append('"')
    return "".join(out)
