"""Emit the source text of one YAML scalar in the style of an existing one.

``cassette redact`` splices: it replaces the span of a changed scalar and leaves every
other byte of the file alone.  The replacement must look as if the original emitter had
written the new value, so this module re-implements, per scalar style, what those
emitters do (libyaml for PyYAML's CDumper, Ruby Psych and go-yaml v2; PyYAML's
pure-Python emitter; go-yaml v3 / go.yaml.in v4, which does not fold; JSON encoders),
and infers the conventions a given scalar was written with from its own source text:

* folding: libyaml breaks a quoted or plain scalar at a space once the column exceeds
  ``best_width`` (80 by default); PyYAML's pure emitter breaks *before* exceeding it and
  writes ``\\`` continuations; go-yaml v3 never folds.  The width is recovered by
  re-emitting the original value and keeping the width that reproduces it.
* continuation indentation: copied from the original's continuation lines, else
  ``indent + 2``.
* escapes: ``\\xE1``/``\\u2019`` (PyYAML, ``allow_unicode=False``) versus raw UTF-8
  (Psych, go-yaml); ``\\U0001F975`` for characters outside the BMP unless the original
  wrote them raw; upper- or lower-case hex as seen.
* block scalars: header (indentation indicator, chomping, comment), content indentation,
  line break and the blank lines the span carries after the content.

Everything here is a pure function of its arguments; nothing is printed or read.
"""

from __future__ import annotations

import base64
import bisect
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode, SequenceNode

__all__ = [
    "DEFAULT_BINARY_WIDTH",
    "DEFAULT_FOLD_WIDTH",
    "DEFAULT_INDENT_STEP",
    "CannotEmit",
    "ScalarSource",
    "emit_binary_like",
    "emit_last_resort",
    "emit_like",
    "hints_for_layout",
]

#: libyaml's ``best_width``: PyYAML, Psych and go-yaml v2 fold at 80 columns.
DEFAULT_FOLD_WIDTH = 80
#: libyaml's ``best_indent``: continuation lines sit 2 columns right of the owner.
DEFAULT_INDENT_STEP = 2
#: ``base64.encodebytes`` (PyYAML's ``!!binary``) writes 76 characters a line.
DEFAULT_BINARY_WIDTH = 76

_BREAKS = "\n\r\x85\u2028\u2029"
_PROPERTIES = re.compile(r"(?:[!&][^\s]*[ \t]+)*")
_BLOCK_HEADER = re.compile(r"([|>])([1-9]?)([+-]?)([1-9]?)([^\r\n]*)")
_WIDTH_GUESSES = (80, 120, 100, 76, 72, 60, 128, 160, 200, 256)


@dataclass(frozen=True)
class ScalarSource:
    """Where and how a scalar was written.

    text:   the source text of the node's span exactly (``text[start:end]``): anchor and
            tag if any, quotes, and for a block scalar the header line through the final
            line break and the blank lines after the content.
    column: 0-based column of the first character of ``text``.
    indent: column of the owner's line: the first key of the parent block mapping, or
            the dash of the parent block sequence (the parent node's
            ``start_mark.column``).
    style:  ``''`` plain, ``"'"``, ``'"'``, ``'|'`` or ``'>'`` (ruamel's ``node.style``,
            ``None`` read as ``''``).
    tag:    the explicit tag if the source has one (``'!binary'``, ``'tag:yaml.org,2002:binary'``).
    is_json: the file is JSON: strings follow JSON's escapes and are never folded.
    """

    text: str
    column: int
    indent: int
    style: str
    tag: str | None = None
    is_json: bool = False


class CannotEmit(ValueError):
    """The value cannot be written faithfully in the scalar's style or a fallback."""


# --------------------------------------------------------------------------- parts


@dataclass(frozen=True)
class _Parts:
    prefix: str  # anchor/tag properties and the blanks after them
    body: str  # the scalar proper: quotes, plain text, or block header and content
    column: int  # column where body starts
    lb: str  # line break to write


def _split(src: ScalarSource, line_break: str | None) -> _Parts:
    match = _PROPERTIES.match(src.text)
    prefix = match.group(0) if match else ""
    body = src.text[len(prefix) :]
    if "\r\n" in src.text:
        lb = "\r\n"
    elif "\n" in src.text:
        lb = "\n"
    else:
        lb = line_break or "\n"
    return _Parts(prefix, body, src.column + len(prefix), lb)


# --------------------------------------------------------------------------- escapes

_YAML_SHORT = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\t": "t",
    "\n": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
_ESCAPE_TOKEN = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII_BMP = re.compile("[\x80-\uffff]")


def _printable_bmp(code: int) -> bool:
    """libyaml's IS_PRINTABLE for non-ASCII code points of the BMP."""
    return (0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD) and code != 0xFEFF and code not in (0x2028, 0x2029)


@dataclass(frozen=True)
class _Escapes:
    """Which characters a double-quoted (or JSON) string escapes, and how."""

    unicode_raw: bool = True  # printable non-ASCII of the BMP written as is
    astral_raw: bool = False  # code points above U+FFFF written as is
    lower_hex: bool = False
    latin1_x: bool = True  # \xE9 (YAML) rather than \u00E9
    json: bool = False
    escape_slash: bool = False  # JSON \/
    html_safe: bool = False  # JSON \u003c \u003e \u0026
    raw_tab: bool = False  # the original wrote a raw tab (libyaml never does)
    raw_astral_seen: bool = False  # the original wrote a raw non-BMP character

    def raw_ok(self, ch: str) -> bool:
        """May ``ch`` appear as is in a plain, single-quoted or block scalar?"""
        if ch == "\t":
            return self.raw_tab
        if ord(ch) > 0xFFFF:
            return self.raw_astral_seen
        return ch in '"\\' or not self.needs(ch)

    def needs(self, ch: str) -> bool:
        code = ord(ch)
        if ch in '"\\':
            return True
        if 0x20 <= code <= 0x7E:
            return self.json and (
                (ch == "/" and self.escape_slash) or (ch in "<>&" and self.html_safe)
            )
        if code < 0xA0:
            if self.json:
                return code < 0x20 or (code >= 0x7F and not self.unicode_raw)
            return True
        if code > 0xFFFF:
            if self.json:  # as a surrogate pair where the file escapes non-ASCII (json.dumps)
                return not self.unicode_raw
            return not self.astral_raw
        if self.json:
            if code in (0x2028, 0x2029):
                return self.html_safe or not self.unicode_raw
            return not self.unicode_raw
        return not (self.unicode_raw and _printable_bmp(code))

    def escape(self, ch: str) -> str:
        code = ord(ch)
        if self.json:
            if ch in '"\\/':
                return "\\" + ch
            short = {"\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t"}.get(ch)
            if short:
                return "\\" + short
            if code > 0xFFFF:
                code -= 0x10000
                return self._hex("u", 0xD800 + (code >> 10), 4) + self._hex("u", 0xDC00 + (code & 0x3FF), 4)
            return self._hex("u", code, 4)
        short = _YAML_SHORT.get(ch)
        if short:
            return "\\" + short
        if code <= 0xFF and self.latin1_x:
            return self._hex("x", code, 2)
        if code <= 0xFFFF:
            return self._hex("u", code, 4)
        return self._hex("U", code, 8)

    def _hex(self, letter: str, code: int, digits: int) -> str:
        text = f"{code:0{digits}X}"
        return "\\" + letter + (text.lower() if self.lower_hex else text)

    def write(self, value: str) -> str:
        """``value`` with every character that ``needs`` it escaped."""
        needs = _classes(self).needs
        chars: list[str] = []  # the distinct characters to escape, found in one pass
        pattern, pos = needs, 0
        while True:
            match = pattern.search(value, pos)
            if match is None:
                break
            chars.append(match.group())
            if len(chars) > 8:  # many kinds (escaped non-ASCII text): one pass with a callback
                return needs.sub(_EscapeTable(self), value)
            pattern, pos = _needs_except(self, frozenset(chars)), match.end()
        if "\\" in chars:  # first: the other escapes write backslashes
            chars.remove("\\")
            value = value.replace("\\", "\\\\")
        for ch in chars:  # no escape writes a character another one replaces
            value = value.replace(ch, self.escape(ch))
        return value


class _EscapeTable(dict[str, str]):
    """``esc.escape`` per character, memoized; called with a match of ``needs``."""

    def __init__(self, esc: _Escapes) -> None:
        super().__init__()
        self.esc = esc

    def __missing__(self, ch: str) -> str:
        text = self[ch] = self.esc.escape(ch)
        return text

    def __call__(self, match: re.Match[str]) -> str:
        return self[match.group()]


#: Code points where the per-character predicates of ``_Escapes`` may change value:
#: every character below U+00A0, then ranges they treat alike.
_PIECES = (*range(0xA0), 0xA0, 0x2028, 0x202A, 0xD800, 0xE000, 0xFEFF, 0xFF00, 0xFFFE, 0x10000, 0x110000)


def _ranges(test: Callable[[str], bool]) -> list[list[int]]:
    """The code point ranges ``[lo, hi)`` where ``test`` holds (constant on each piece)."""
    ranges: list[list[int]] = []
    for lo, hi in pairwise(_PIECES):
        if test(chr(lo)):
            if ranges and ranges[-1][1] == lo:
                ranges[-1][1] = hi
            else:
                ranges.append([lo, hi])
    return ranges


def _char_class(test: Callable[[str], bool], without: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """One character for which ``test`` holds, other than those in ``without``."""
    ranges = _ranges(test)
    for code in sorted(map(ord, without)):  # cut them out of their range
        for k, (lo, hi) in enumerate(ranges):
            if lo <= code < hi:
                ranges[k : k + 1] = [r for r in ([lo, code], [code + 1, hi]) if r[0] < r[1]]
                break
    if not ranges:
        return re.compile("(?!)")
    items = "".join(f"\\U{lo:08x}" + (f"-\\U{hi - 1:08x}" if hi - lo > 1 else "") for lo, hi in ranges)
    return re.compile(f"[{items}]")


@functools.lru_cache(maxsize=256)
def _needs_except(esc: _Escapes, chars: frozenset[str]) -> re.Pattern[str]:
    """A character ``esc`` escapes other than ``chars`` (a plain class: no lookahead)."""
    return _char_class(esc.needs, chars)


@dataclass(frozen=True)
class _Classes:
    needs: re.Pattern[str]  # a character ``write`` escapes
    not_raw: re.Pattern[str]  # a character other than \n that is not ``raw_ok``
    not_plain: re.Pattern[str]  # a line break, a tab, or a character that is not ``raw_ok``


@functools.lru_cache(maxsize=256)
def _classes(esc: _Escapes) -> _Classes:
    """The per-character predicates of ``esc`` as compiled character classes."""
    return _Classes(
        needs=_char_class(esc.needs),
        not_raw=_char_class(lambda ch: ch != "\n" and not esc.raw_ok(ch)),
        not_plain=_char_class(lambda ch: ch in _BREAKS or ch == "\t" or not esc.raw_ok(ch)),
    )


def _infer_escapes(body: str, style: str, escape_unicode: bool | None, is_json: bool) -> _Escapes:
    """Read the escaping conventions off an original scalar's source text."""
    raw_bmp = raw_astral = escaped_bmp = False
    raw_tab = "\t" in body
    lower = upper = u_latin1 = False
    slash = html = False
    if not body.isascii():
        raw_astral = _ASTRAL.search(body) is not None
        raw_bmp = _NON_ASCII_BMP.search(body) is not None
    if style == '"' and "\\" in body:
        for token in set(_ESCAPE_TOKEN.findall(body)):  # only flags are set: order does not matter
            if token == "/":
                slash = True
            elif token == "_":
                escaped_bmp = True
            elif len(token) > 1:
                digits = token[1:]
                code = int(digits, 16)
                lower = lower or any(c in "abcdef" for c in digits)
                upper = upper or any(c in "ABCDEF" for c in digits)
                if token[0] == "u" and code <= 0xFF:
                    u_latin1 = True
                if code in (0x3C, 0x3E, 0x26):
                    html = True
                if (0xA0 <= code <= 0xFFFF and _printable_bmp(code)) or (is_json and 0x80 <= code):
                    escaped_bmp = True
    if raw_bmp or (is_json and raw_astral):  # JSON writers escape all of non-ASCII or none
        unicode_raw = True
    elif escaped_bmp:
        unicode_raw = False
    elif escape_unicode is not None:
        unicode_raw = not escape_unicode
    else:
        unicode_raw = not is_json
    return _Escapes(
        unicode_raw=unicode_raw,
        astral_raw=(raw_astral and style == '"') or (is_json and unicode_raw),
        lower_hex=lower and not upper if (lower or upper) else is_json,
        latin1_x=not (u_latin1 or is_json),
        json=is_json,
        escape_slash=slash,
        html_safe=html,
        raw_tab=raw_tab,
        raw_astral_seen=raw_astral,
    )


# --------------------------------------------------------------------------- resolution

_IMPLICIT = [
    ("null", re.compile(r"~|null|Null|NULL|")),
    (
        "bool",
        re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
    ),
    (
        "int",
        re.compile(
            r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9]+"
        ),
    ),
    (
        "float",
        re.compile(
            r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)"
            r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
    ),
    (
        "timestamp",
        re.compile(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
            r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
            r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
        ),
    ),
    ("merge", re.compile(r"<<")),
    ("value", re.compile(r"=")),
]


def _resolve(text: str) -> str:
    """The type a plain scalar gets under YAML 1.1 or 1.2 rules (the union: conservative)."""
    for kind, pattern in _IMPLICIT:
        if pattern.fullmatch(text):
            return kind
    return "str"


# --------------------------------------------------------------------------- what fits


def _plain_fits(value: str, esc: _Escapes) -> bool:
    """libyaml's analysis: may ``value`` be written as a plain scalar in block context?"""
    if not value:
        return True  # resolution decides
    if value[0] in " \t" or value[-1] in " \t":
        return False
    if value.startswith(("---", "...")):
        return False
    first = value[0]
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    if first in "-?:" and (len(value) == 1 or value[1] in " \t"):
        return False
    if _classes(esc).not_plain.search(value) is not None:  # a break, a tab, an escape
        return False
    return not (": " in value or value.endswith(":") or " #" in value)


_SPACE_AT_BREAK = re.compile(r"[ \t]\n|\n[ \t]")


def _single_fits(value: str, esc: _Escapes) -> bool:
    """May ``value`` be written single-quoted (libyaml: no space next to a line break)?"""
    if _classes(esc).not_raw.search(value) is not None:
        return False
    return "\n" not in value or _SPACE_AT_BREAK.search(value) is None


def _literal_fits(value: str, esc: _Escapes, original: str, lb: str) -> bool:
    """May ``value`` be written as a block scalar?

    As libyaml and go-yaml decide: not when empty, ending in a space, or with a space
    before a line break, unless the original block shows such trailing spaces itself;
    never with a character that would need an escape.
    """
    if _classes(esc).not_raw.search(value) is not None:
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


# --------------------------------------------------------------------------- flow writers


# The writers below follow libyaml's per-character loops, but only stop where a fold is
# possible past the width (a regex search from the first column past it) and copy the
# text in between as slices.  Where a fold may go: a space after a non-blank...
_FOLD_PLAIN = re.compile(r"(?<![ \t]) (?=[^ \t])")  # ...and before one (plain, single)
_FOLD_DOUBLE = re.compile(r"(?<! ) (?=.)", re.DOTALL)  # ...and before anything (double)
_FOLD_BLOCK = re.compile(r"(?<! ) (?! )")  # a lone space (folded block)
_LINE_FEEDS = re.compile(r"\n*")
_SPACES = re.compile(" *")


def _write_plain(value: str, column: int, cont: int, width: int | None, lb: str, begin: int = 0) -> str:
    out: list[str] = []
    if begin:
        out.append(" " * cont)
        column = cont
    if width is None:
        out.append(value[begin:])
        return "".join(out)
    fold = lb + " " * cont
    pos = begin
    low = begin + 1 if begin else 0  # the first character after ``begin`` follows a space
    while True:
        match = _FOLD_PLAIN.search(value, max(low, pos + width - column + 1))
        if match is None:
            break
        i = match.start()
        if i == 0 and value[-1] == "\t":  # libyaml looks at value[i - 1]
            low = 1
            continue
        out.append(value[pos:i])
        out.append(fold)
        column, pos = cont, i + 1
        low = pos
    out.append(value[pos:])
    return "".join(out)


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


def _write_single(
    value: str, column: int, cont: int, width: int | None, lb: str, begin: int = 0, close_indent: bool = True
) -> str:
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
            end = _LINE_FEEDS.match(value, pos).end()  # type: ignore[union-attr]
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
                match = _FOLD_PLAIN.search(value, _past_width(value, pos, column, width), min(end + 1, n))
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


def _double_head(value: str, column: int, cont: int, begin: int) -> tuple[str, int]:
    """What a double-quoted scalar's text starts with, and the column after it: the quote,
    or when writing from `begin` on a continuation line, its indentation (and a `\\`
    before a leading space, which a fold would eat)."""
    if begin:
        head = " " * cont + ("\\" if value[begin] == " " else "")
        return head, len(head)
    return '"', column + 1


def _write_double_libyaml(
    value: str, column: int, cont: int, width: int | None, lb: str, esc: _Escapes, begin: int = 0
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


def _write_double_pyyaml(
    value: str, column: int, cont: int, width: int | None, lb: str, esc: _Escapes, begin: int = 0
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
    escapes = _classes(esc).needs.finditer(value, begin)
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


# --------------------------------------------------------------------------- flow layout


@dataclass(frozen=True)
class _FlowLayout:
    width: int | None
    cont: int  # column of continuation lines
    pyyaml: bool  # double-quoted folds like PyYAML's pure emitter
    close_indent: bool  # single-quoted: indent the closing quote after trailing breaks
    old_value: str | None  # the original's value, when it spans lines and could be read


def _decode_flow(parts: _Parts, cont: int) -> str | None:
    """The value of a (multi-line) flow scalar, by composing it in a one-item document."""
    outer = min(cont - 1, parts.column - 2)
    if outer < 0:
        return None
    doc = " " * outer + "-" + " " * (parts.column - outer - 1) + parts.body + parts.lb
    try:
        node = YAML(typ="safe", pure=False).compose(doc)
    except YAMLError:
        return None
    if isinstance(node, SequenceNode) and len(node.value) == 1 and isinstance(node.value[0], ScalarNode):
        value = node.value[0].value
        return value if isinstance(value, str) else None
    return None


def _flow_layout(
    src: ScalarSource,
    parts: _Parts,
    esc: _Escapes,
    fold_width: int | None,
    indent_step: int | None,
    pyyaml_pure: bool | None,
    simple_key: bool,
) -> _FlowLayout:
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
        unfolded = default is not None and _last_fold_candidate(parts.body, parts.column, style) > default
        width = None if unfolded else default  # unfolded: go-yaml v3, or a wider emitter
    else:
        width = default or DEFAULT_FOLD_WIDTH  # it spans lines, so it was folded
        if old is not None:
            lengths = [len(line) for line in lines[:-1]]
            lengths[0] += parts.column
            guesses = [width, *_WIDTH_GUESSES, min(lengths) - 1, max(lengths) - 1, max(lengths) - 2, max(lengths)]
            layout = _FlowLayout(None, cont, pyyaml, close_indent, old)
            probe = _probe(style, parts, old)
            for guess in dict.fromkeys(guesses):
                if guess <= 0:
                    continue
                if probe is not None:
                    head = _write_flow(style, old[: probe[1]], parts, layout, esc, guess)
                    if head.split(parts.lb)[: probe[0]] != lines[: probe[0]]:
                        continue
                if _write_flow(style, old, parts, layout, esc, guess) == parts.body:
                    width = guess
                    break
    return _FlowLayout(width, cont, pyyaml, close_indent, old)


def _probe(style: str, parts: _Parts, old: str) -> tuple[int, int] | None:
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


def _last_fold_candidate(body: str, column: int, style: str) -> int:
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


def _write_flow(
    style: str,
    value: str,
    parts: _Parts,
    layout: _FlowLayout,
    esc: _Escapes,
    width: int | None,
    begin: int = 0,
) -> str:
    column, cont, lb = parts.column, layout.cont, parts.lb
    if style == "'":
        return _write_single(value, column, cont, width, lb, begin, layout.close_indent)
    if style == '"':
        writer = _write_double_pyyaml if layout.pyyaml else _write_double_libyaml
        return writer(value, column, cont, width, lb, esc, begin)
    return _write_plain(value, column, cont, width, lb, begin)


_UNESCAPE = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        token = match.group(1)
        if len(token) > 1:
            return chr(int(token[1:], 16))
        return _UNESCAPE[token]

    return _ESCAPE_TOKEN.sub(one, text)


def _fold_starts(style: str, body: str, lb: str) -> tuple[str, list[int]] | None:
    """Read a multi-line flow scalar line by line.

    Returns its value and, for each line that follows a fold (a space the emitter
    replaced by a line break, or a ``\\``-escaped break), the pair line number, value
    offset where that line's content starts, flattened as ``[line, offset, ...]``.
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
                text = _unescape(line[:-1] if next_escaped else line)
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
        pieces.append(text)
        length += len(text)
        blanks = 0
        escaped = next_escaped
    return "".join(pieces), starts


def _common_prefix(a: str, b: str) -> int:
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


def _reuse_lines(style: str, new: str, parts: _Parts, layout: _FlowLayout, esc: _Escapes) -> str | None:
    """Keep the original's lines before the first changed character; refold the rest.

    Restarts the writer at the last fold line that begins before the change, so text
    folded by hand or at a width no guess reproduced stays as it was up to the edit.
    """
    old = layout.old_value
    if old is None:
        return None
    read = _fold_starts(style, parts.body, parts.lb)
    if read is None or read[0] != old:
        return None
    _, starts = read
    same = _common_prefix(old, new)
    offsets = starts[1::2]
    k = bisect.bisect_left(offsets, same) - 1  # the last fold line that starts before the change
    while k >= 0 and style != '"' and new[offsets[k]] == " ":
        k -= 1
    if k < 0:
        return None
    line, offset = starts[2 * k], offsets[k]
    kept = parts.lb.join(parts.body.split(parts.lb)[:line]) + parts.lb
    return kept + _write_flow(style, new, parts, layout, esc, layout.width, offset)


# --------------------------------------------------------------------------- block scalars


@dataclass(frozen=True)
class _Block:
    indicator: str  # '|' or '>'
    digit: str  # explicit indentation indicator, '' if none
    chomp: str  # '', '-' or '+'
    digit_first: bool
    rest: str  # the remainder of the header line (blanks, comment)
    content: int  # column of the content
    trailer: str  # blank lines after the content that are not part of the value
    ends_with_break: bool


def _parse_block(src: ScalarSource, parts: _Parts, indent_step: int | None) -> _Block:
    match = _BLOCK_HEADER.match(parts.body)
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
    return _Block(indicator, digit, chomp, bool(digit1), rest, content, trailer, ends)


def _chomp_for(value: str, current: str) -> str:
    """The original's chomping indicator if it still gives ``value``, else libyaml's."""
    allowed: tuple[str, ...]
    if not value or value[-1] != "\n":
        needed, allowed = "-", ("-",)
    elif len(value) == 1 or value[-2] == "\n":
        needed, allowed = "+", ("+",)
    else:
        needed, allowed = "", ("", "+")
    return current if current in allowed else needed


def _block_header(parts: _Parts, block: _Block, digit: str, chomp: str) -> str:
    hints = digit + chomp if block.digit_first or not block.digit else chomp + digit
    return parts.prefix + block.indicator + hints + block.rest + parts.lb


def _indent_indicator(block: _Block, value: str, owner: int) -> str:
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


def _emit_literal(parts: _Parts, block: _Block, value: str, owner: int) -> str:
    digit = _indent_indicator(block, value, owner)
    if block.content == 0 and _DOCUMENT_MARKER.search(value):
        raise CannotEmit("a document marker would end the block scalar")
    chomp = _chomp_for(value, block.chomp)
    indent = " " * block.content
    lines = value.split("\n")
    out = [_block_header(parts, block, digit, chomp)]
    out.extend((indent + line if line else "") + parts.lb for line in lines[:-1])
    if lines[-1]:
        out.append(indent + lines[-1] + parts.lb)
    return _close_block(out, parts, block, chomp)


def _close_block(out: list[str], parts: _Parts, block: _Block, chomp: str) -> str:
    """A block scalar's text from its pieces: the original's blank lines after the content
    (which `+` would read as part of the value), and no final line break if it had none."""
    if chomp != "+":
        out.append(block.trailer)
    text = "".join(out)
    if not block.ends_with_break and text.endswith(parts.lb):
        text = text[: -len(parts.lb)]
    return text


def _emit_folded(parts: _Parts, block: _Block, value: str, owner: int, width: int | None) -> str:
    """libyaml's folded (``>``) writer, a line at a time: a lone space past the width folds."""
    digit = _indent_indicator(block, value, owner)
    chomp = _chomp_for(value, block.chomp)
    indent = " " * block.content
    fold = parts.lb + indent
    out = [_block_header(parts, block, digit, chomp)]
    leading_space = True
    n = len(value)
    pos = 0
    while True:
        start = pos  # a run of line breaks, maybe empty (at the start)
        pos = _LINE_FEEDS.match(value, pos).end()  # type: ignore[union-attr]
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


def _plain_to_literal(
    src: ScalarSource, parts: _Parts, value: str, esc: _Escapes, indent_step: int | None
) -> str | None:
    """go-yaml writes a multi-line string as a literal block; None if it cannot be one."""
    if not _literal_fits(value, esc, "", parts.lb):
        return None
    owner = max(src.indent, 0)
    content = owner + (DEFAULT_INDENT_STEP if indent_step is None else indent_step)
    block = _Block("|", "", "", False, "", content, "", False)
    return _emit_literal(parts, block, value, owner)


# --------------------------------------------------------------------------- JSON

_JSON_LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")


def _emit_json(src: ScalarSource, parts: _Parts, value: str, escape_unicode: bool | None) -> str:
    if (src.style or "") == "" and (value == parts.body or _JSON_LITERAL.fullmatch(value)):
        return parts.prefix + value
    esc = _infer_escapes(parts.body, '"', escape_unicode, is_json=True)
    return parts.prefix + '"' + esc.write(value) + '"'


# --------------------------------------------------------------------------- public


#: Keyword hints per emitter family (the layout names of ``cassette_cli.formats``).
_LAYOUT_HINTS: dict[str, dict[str, Any]] = {
    "pyyaml": {"escape_unicode": True, "quote_fallback": "'", "fold_width": DEFAULT_FOLD_WIDTH},
    "psych": {"escape_unicode": False, "quote_fallback": "'", "fold_width": DEFAULT_FOLD_WIDTH},
    "yaml.v2": {"escape_unicode": False, "quote_fallback": '"', "fold_width": DEFAULT_FOLD_WIDTH},
    "yaml.v3": {"escape_unicode": False, "quote_fallback": '"', "fold_width": 0, "indent_step": 4},
    "charm": {"escape_unicode": False, "quote_fallback": '"', "fold_width": 0, "indent_step": 2},
    "json": {},
}


def hints_for_layout(layout: str) -> dict[str, Any]:
    """Keywords for ``emit_like`` that describe a file's emitter family.

    pyyaml (VCR.py): escapes non-ASCII, single quotes first, folds at 80.  psych (Ruby
    VCR): raw UTF-8, single quotes first, folds at 80.  yaml.v2 (go-vcr v1): raw UTF-8,
    double quotes, folds at 80.  yaml.v3 / charm (go-vcr v2+): raw UTF-8, double quotes,
    no folding, 4- / 2-space steps.  Unknown layouts get no hints.
    """
    return dict(_LAYOUT_HINTS.get(layout, {}))


def emit_like(
    src: ScalarSource,
    new_value: str,
    *,
    fold_width: int | None = None,
    indent_step: int | None = None,
    escape_unicode: bool | None = None,
    line_break: str | None = None,
    quote_fallback: str = "'",
    pyyaml_pure: bool | None = None,
    simple_key: bool = False,
    reuse_lines: bool = True,
) -> str:
    """Source text for ``new_value`` written the way ``src`` was written.

    Same quote character, escapes, folding width and continuation indentation, block
    header, indentation and trailing lines.  What the source text does not show is
    taken from the keywords (``hints_for_layout`` gives them per emitter family), then
    from the defaults; the original's own text always wins over a keyword:

    fold_width:     the emitter's width (``0``: never fold), for when the original does
                    not show it.  A folded original's width is recovered from its text;
                    a one-line original that runs past the width at a foldable space
                    was not folded (go-yaml v3) and its new text is not either.
                    Default 80; never for JSON and simple keys; for a block scalar
                    that falls back to double quotes, no folding unless given.
    indent_step:    continuation / block content indentation relative to ``indent``
                    when the original shows none (default 2).
    escape_unicode: escape printable non-ASCII (``True``: PyYAML) or write it raw.
                    Default: as the original shows, else raw (YAML) / escaped (JSON).
    line_break:     for one-line originals (default ``'\\n'``); multi-line ones reuse
                    theirs.
    quote_fallback: how a plain scalar is quoted when the new value would read as
                    another type (``123``, ``true``): ``"'"`` (PyYAML, Psych: single
                    quotes if they can hold it) or ``'"'`` (go-yaml: double quotes).
                    A value plain cannot hold at all (``a: b``, a trailing space) gets
                    single quotes if they can hold it, else double, as every libyaml
                    emitter does; with ``'"'`` a multi-line value becomes a literal
                    block, as go-yaml writes it.
    pyyaml_pure:    fold double-quoted text like PyYAML's pure-Python emitter (``\\``
                    continuations).  Default: as the original shows, else libyaml.
    simple_key:     the scalar is a mapping key: never folded.
    reuse_lines:    for a folded original, keep its lines up to the fold line before
                    the first changed character and refold only the rest (so text
                    folded by hand stays as it was); ``False`` re-emits it all.

    A value a style cannot hold falls back as the emitters do: plain to quoted (see
    ``quote_fallback``), single-quoted to double-quoted, block to double-quoted.
    """
    parts = _split(src, line_break)
    style = src.style or ""
    if src.is_json:
        return _emit_json(src, parts, new_value, escape_unicode)
    esc = _infer_escapes(parts.body, style, escape_unicode, is_json=False)
    if style in ("|", ">"):
        block = _parse_block(src, parts, indent_step)
        if _literal_fits(new_value, esc, parts.body, parts.lb):
            owner = max(src.indent, 0)
            if style == "|":
                return _emit_literal(parts, block, new_value, owner)
            return _emit_folded(parts, block, new_value, owner, fold_width or DEFAULT_FOLD_WIDTH)
        writer = _write_double_pyyaml if pyyaml_pure else _write_double_libyaml
        quoted = writer(new_value, parts.column, block.content, fold_width or None, parts.lb, esc)
        after = (parts.lb if block.ends_with_break else "") + block.trailer
        return parts.prefix + quoted + after
    if style not in ("", "'", '"'):
        raise CannotEmit(f"unknown scalar style {style!r}")
    layout = _flow_layout(src, parts, esc, fold_width, indent_step, pyyaml_pure, simple_key)
    target = style
    if target == "" and not _plain_fits(new_value, esc):
        if quote_fallback == '"' and "\n" in new_value and not simple_key:
            literal = _plain_to_literal(src, parts, new_value, esc, indent_step)
            if literal is not None:
                return literal
        target = "'" if _single_fits(new_value, esc) else '"'  # the emitter's own choice
    elif target == "" and src.tag is None and not parts.prefix:
        kind = _resolve(new_value)
        if kind != "str" and kind != _resolve(parts.body):  # would read as another type
            target = "'" if quote_fallback == "'" and _single_fits(new_value, esc) else '"'
    elif target == "'" and not _single_fits(new_value, esc):
        target = '"'
    if reuse_lines and target == style and layout.old_value is not None:
        if new_value == layout.old_value:
            return src.text
        kept = _reuse_lines(style, new_value, parts, layout, esc)
        if kept is not None:
            return parts.prefix + kept
    return parts.prefix + _write_flow(target, new_value, parts, layout, esc, layout.width)


_YAML_UNSAFE = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def emit_last_resort(src: ScalarSource, new_value: str) -> str:
    """A one-line double-quoted scalar any reader takes, for a value ``emit_like`` cannot
    write: the span's properties (anchor, tag) kept, and for a block scalar the line
    break and blank lines its span ends with, as ``emit_like``'s own fallback keeps them."""
    parts = _split(src, None)
    quoted = json.dumps(new_value, ensure_ascii=False)
    if not src.is_json:
        for char, escape in _YAML_UNSAFE.items():
            quoted = quoted.replace(char, escape)
    after = ""
    if (src.style or "") in ("|", ">"):
        try:
            block = _parse_block(src, parts, None)
            after = (parts.lb if block.ends_with_break else "") + block.trailer
        except CannotEmit:
            after = parts.lb if parts.body.endswith(parts.lb) else ""
    return parts.prefix + quoted + after


def emit_binary_like(
    src: ScalarSource,
    new_bytes: bytes,
    *,
    line_width: int | None = None,
) -> str:
    """``!!binary`` / ``!binary`` text for ``new_bytes`` laid out like ``src``.

    Keeps the tag, header (``|``, ``|-``), content indentation, line break and trailing
    lines.  The base64 line width is the original's first line when it spans several
    lines (76 for PyYAML's ``base64.encodebytes``, 70 for go-yaml); a one-line ``|-``
    original (Ruby's ``pack('m0')``) stays one line; a one-line ``|`` original wraps at
    ``line_width`` (default 76).  Flow styles (``!!binary SGVsbG8=``) stay one line.
    """
    parts = _split(src, None)
    encoded = base64.b64encode(new_bytes).decode("ascii")
    style = src.style or ""
    if style in ("|", ">"):
        block = _parse_block(src, parts, None)
        header = _BLOCK_HEADER.match(parts.body)
        assert header is not None
        lines = [line.strip() for line in parts.body[header.end() :].split(parts.lb)[1:]]
        lines = [line for line in lines if line]
        width: int | None
        if len(lines) > 1:
            width = len(lines[0])
        elif block.chomp == "-" and line_width is None:
            width = None
        else:
            width = line_width or DEFAULT_BINARY_WIDTH
        if width:
            chunks = [encoded[i : i + width] for i in range(0, len(encoded), width)]
        else:
            chunks = [encoded] if encoded else []
        chomp = block.chomp if chunks else "-"
        indent = " " * block.content
        text = (
            _block_header(parts, block, block.digit, chomp)
            + "".join(indent + chunk + parts.lb for chunk in chunks)
            + block.trailer
        )
        if not block.ends_with_break and text.endswith(parts.lb):
            text = text[: -len(parts.lb)]
        return text
    if style == "'" or (style == "" and not encoded):
        return parts.prefix + "'" + encoded + "'"
    if style == '"':
        return parts.prefix + '"' + encoded + '"'
    return parts.prefix + encoded
