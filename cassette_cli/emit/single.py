"""Single-quoted scalars: whether a value fits (no escapes, no space next to a line
break) and libyaml's single-quoted writer (PyYAML, Psych, go-yaml v2 fold at the width;
go-yaml v3 passes none): quotes doubled, a run of line breaks written with one more (a
single one would read as a space), folds at a space past the width.
"""

from __future__ import annotations

import re

from .escapes import Escapes, char_classes
from .plain import FOLD_PLAIN
from .source import LINE_FEEDS

__all__ = ["single_fits", "write_single"]

_SPACE_AT_BREAK = re.compile(r"[ \t]\n|\n[ \t]")


def single_fits(value: str, esc: Escapes) -> bool:
    """May ``value`` be written single-quoted (libyaml: no space next to a line break)?"""
    if char_classes(esc).not_raw.search(value) is not None:
        return False
    return "\n" not in value or _SPACE_AT_BREAK.search(value) is None


_SPACES = re.compile(" *")


def _past_width(value: str, pos: int, column: int, width: int) -> int:
    """The first index from ``pos`` where the column passes ``width``, quotes counting 2."""
    need = width - column + 1
    while need > 0:
        quote = value.find("'", pos, pos + need)
        if quote < 0:
            return pos + need
        need -= quote - pos + 2
        pos = quote + 1
    return pos


def write_single(
    value: str, column: int, cont: int, width: int | None, lb: str, begin: int = 0, close_indent: bool = True
) -> str:
    """``value`` single-quoted as libyaml writes it from ``column``; continuation lines at
    ``cont``. ``begin``: start at that offset on a continuation line (no opening quote).
    ``close_indent``: indent a closing quote that follows a line break."""
    indent = " " * cont
    fold = lb + indent
    out = ["'"]
    column += 1
    spaces = breaks = False
    if begin:
        out = [indent]
        column, spaces = cont, True
    n = len(value)
    pos = begin
    while pos < n:
        ch = value[pos]
        if ch == "\n":
            end = LINE_FEEDS.match(value, pos).end()  # type: ignore[union-attr]
            if not breaks:
                out.append(lb)
            out.append(lb * (end - pos))
            column, breaks, pos = 0, True, end
            if pos == n or value[pos] == " ":
                continue
            out.append(indent)  # before the line's first character, which is no space
            column, breaks = cont, False
        elif breaks or pos == begin:  # one character as libyaml's loop takes it
            if ch == " ":
                if (
                    width is not None
                    and not spaces
                    and column > width
                    and 0 < pos < n - 1
                    and value[pos + 1] not in " \t"
                    and value[pos - 1] != "\t"
                ):
                    out.append(fold)
                    column = cont
                else:
                    out.append(ch)
                    column += 1
                spaces = True
                if breaks:  # the rest of the blanks that start a line: none folds
                    end = _SPACES.match(value, pos + 1).end()  # type: ignore[union-attr]
                    out.append(" " * (end - pos - 1))
                    column += end - pos - 1
                    pos = end
                    continue
            else:
                if breaks:
                    out.append(indent)
                    column = cont
                if ch == "'":
                    out.append("''")
                    column += 2
                else:
                    out.append(ch)
                    column += 1
                spaces = breaks = False
            pos += 1
            continue
        # The rest of the line: the previous character is in it, so it says ``spaces``.
        end = value.find("\n", pos)
        if end < 0:
            end = n
        if width is not None:
            while True:
                match = FOLD_PLAIN.search(value, _past_width(value, pos, column, width), min(end + 1, n))
                if match is None or match.start() >= end:
                    break
                i = match.start()
                out.append(value[pos:i].replace("'", "''"))
                out.append(fold)
                column, pos, spaces = cont, i + 1, True
        if pos < end:
            piece = value[pos:end]
            out.append(piece.replace("'", "''"))
            column += end - pos + piece.count("'")
            spaces = piece[-1] == " "
            pos = end
    if breaks and close_indent:
        out.append(indent)
    out.append("'")
    return "".join(out)
