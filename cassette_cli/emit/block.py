"""Literal (``|``) and folded (``>``) block scalars, as libyaml and go-yaml write them:
the header (indentation indicator only where the value needs one, the chomping that
still gives the value, the original's comment), the content indentation copied from the
original (go-yaml v3 uses multiples of 4), its line break, and the blank lines its span
ends with.  go-yaml writes a multi-line string that plain cannot hold as a literal block
(``plain_to_literal``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .escapes import Escapes, char_classes
from .source import DEFAULT_INDENT_STEP, LINE_FEEDS, CannotEmit, Parts, ScalarSource

__all__ = [
    "BLOCK_HEADER",
    "Block",
    "block_header",
    "chomp_for",
    "emit_folded",
    "emit_literal",
    "indent_indicator",
    "literal_fits",
    "parse_block",
    "plain_to_literal",
]

#: A block scalar's header line: indicator, indentation digit and chomping (either order),
#: and the rest of the line.
BLOCK_HEADER = re.compile(r"([|>])([1-9]?)([+-]?)([1-9]?)([^\r\n]*)")

#: Where libyaml folds a folded block: a lone space.
_FOLD_BLOCK = re.compile(r"(?<! ) (?! )")


def literal_fits(value: str, esc: Escapes, original: str, lb: str) -> bool:
    """May ``value`` be written as a block scalar?

    As libyaml and go-yaml decide: not when empty, ending in a space, or with a space
    before a line break, unless the original block shows such trailing spaces itself;
    never with a character that would need an escape.
    """
    if char_classes(esc).not_raw.search(value) is not None:
        return False
    last = value[value.rfind("\n") + 1 :]
    if last and not last.strip(" "):
        return False
    return _has_trailing_blank(original, lb) or not (not value or value.endswith(" ") or " \n" in value)


def _has_trailing_blank(original: str, lb: str) -> bool:
    """Does a line of ``original`` after its first end in a space or tab?"""
    first = original.find(lb)
    if first < 0:
        return False
    start = first + len(lb)
    if original.find(" " + lb, start) >= 0 or original.find("\t" + lb, start) >= 0:
        return True
    return len(original) > start and original[-1] in " \t"


@dataclass(frozen=True)
class Block:
    """A block scalar's header and layout, read off its source."""

    indicator: str  # '|' or '>'
    digit: str  # explicit indentation indicator, '' if none
    chomp: str  # '', '-' or '+'
    digit_first: bool
    rest: str  # the remainder of the header line (blanks, comment)
    content: int  # column of the content
    trailer: str  # blank lines after the content that are not part of the value
    ends_with_break: bool


def parse_block(src: ScalarSource, parts: Parts, indent_step: int | None) -> Block:
    """Read ``src``'s block header and layout; content at ``indent + indent_step`` when
    the original shows none.  Raises CannotEmit if ``parts.body`` has no block header."""
    match = BLOCK_HEADER.match(parts.body)
    if match is None:
        raise CannotEmit(f"not a block scalar header: {parts.body[:20]!r}")
    indicator, digit1, chomp, digit2, rest = match.groups()
    digit = digit1 or digit2
    lines = parts.body[match.end() :].split(parts.lb)[1:]
    owner = max(src.indent, 0)
    content = owner + (DEFAULT_INDENT_STEP if indent_step is None else indent_step)
    if digit:
        content = owner + int(digit)
    else:
        for line in lines:
            if line.strip(" "):
                content = len(line) - len(line.lstrip(" "))
                break
    ends = parts.body.endswith(parts.lb)
    body_lines = lines[:-1] if ends else lines
    tail: list[str] = []
    while body_lines and not body_lines[-1].strip(" ") and chomp != "+":
        tail.append(body_lines.pop())
    trailer = "".join(line + parts.lb for line in reversed(tail))
    return Block(indicator, digit, chomp, bool(digit1), rest, content, trailer, ends)


def chomp_for(value: str, current: str) -> str:
    """The original's chomping indicator if it still gives ``value``, else libyaml's."""
    allowed: tuple[str, ...]
    if not value or value[-1] != "\n":
        needed, allowed = "-", ("-",)
    elif len(value) == 1 or value[-2] == "\n":
        needed, allowed = "+", ("+",)
    else:
        needed, allowed = "", ("", "+")
    return current if current in allowed else needed


def block_header(parts: Parts, block: Block, digit: str, chomp: str) -> str:
    """The header line, through its line break, with ``digit`` and ``chomp`` in the
    original's order."""
    hints = digit + chomp if block.digit_first or not block.digit else chomp + digit
    return parts.prefix + block.indicator + hints + block.rest + parts.lb


def indent_indicator(block: Block, value: str, owner: int) -> str:
    """libyaml writes one only when the value starts with a space or a line break."""
    if value[:1] not in (" ", "\n"):
        return ""
    if block.digit:
        return block.digit
    step = block.content - owner
    if not 1 <= step <= 9:
        raise CannotEmit("block scalar needs an indentation indicator it cannot have")
    return str(step)


_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)


def emit_literal(parts: Parts, block: Block, value: str, owner: int) -> str:
    """``value`` as a literal block laid out like ``block`` (``owner``: the owner's column)."""
    digit = indent_indicator(block, value, owner)
    if block.content == 0 and _DOCUMENT_MARKER.search(value):
        raise CannotEmit("a document marker would end the block scalar")
    chomp = chomp_for(value, block.chomp)
    indent = " " * block.content
    lines = value.split("\n")
    out = [block_header(parts, block, digit, chomp)]
    out.extend((indent + line if line else "") + parts.lb for line in lines[:-1])
    if lines[-1]:
        out.append(indent + lines[-1] + parts.lb)
    return _close_block(out, parts, block, chomp)


def _close_block(out: list[str], parts: Parts, block: Block, chomp: str) -> str:
    """A block scalar's text from its pieces: the original's blank lines after the content
    (which `+` would read as part of the value), and no final line break if it had none."""
    if chomp != "+":
        out.append(block.trailer)
    text = "".join(out)
    if not block.ends_with_break and text.endswith(parts.lb):
        text = text[: -len(parts.lb)]
    return text


def emit_folded(parts: Parts, block: Block, value: str, owner: int, width: int | None) -> str:
    """libyaml's folded (``>``) writer, a line at a time: a lone space past the width folds."""
    digit = indent_indicator(block, value, owner)
    chomp = chomp_for(value, block.chomp)
    indent = " " * block.content
    fold = parts.lb + indent
    out = [block_header(parts, block, digit, chomp)]
    leading_space = True
    n = len(value)
    pos = 0
    while True:
        start = pos  # a run of line breaks, maybe empty (at the start)
        pos = LINE_FEEDS.match(value, pos).end()  # type: ignore[union-attr]
        ch = value[pos] if pos < n else None
        if not leading_space and ch is not None and ch != " " and pos > start:
            out.append(parts.lb)
        leading_space = ch == " "
        out.append(parts.lb * (pos - start))
        if ch is None:
            break
        out.append(indent)
        column = block.content
        end = value.find("\n", pos)
        if end < 0:
            end = n
        if width is not None:
            while True:
                match = _FOLD_BLOCK.search(value, max(pos, pos + width - column + 1), end)
                if match is None:
                    break
                i = match.start()
                out.append(value[pos:i])
                out.append(fold)
                column, pos = block.content, i + 1
        out.append(value[pos:end])
        pos = end
        if pos == n:
            if value[-1] != " ":
                out.append(parts.lb)
            break
    return _close_block(out, parts, block, chomp)


def plain_to_literal(
    src: ScalarSource, parts: Parts, value: str, esc: Escapes, indent_step: int | None
) -> str | None:
    """go-yaml writes a multi-line string as a literal block; None if it cannot be one."""
    if not literal_fits(value, esc, "", parts.lb):
        return None
    owner = max(src.indent, 0)
    content = owner + (DEFAULT_INDENT_STEP if indent_step is None else indent_step)
    block = Block("|", "", "", False, "", content, "", False)
    return emit_literal(parts, block, value, owner)
