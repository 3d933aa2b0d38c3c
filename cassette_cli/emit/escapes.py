"""Escapes in double-quoted YAML and JSON strings: which characters a writer escapes and
how, read off an original scalar's source text, and the compiled character classes the
writers and the "does it fit this style" tests search with.

PyYAML with ``allow_unicode=False`` writes ``\\xE1`` and ``\\u2019``; Psych and go-yaml
write UTF-8 raw; libyaml escapes characters outside the BMP as ``\\U0001F975`` unless the
original shows them raw; hex digits are upper- or lower-case as seen.  JSON encoders
escape all non-ASCII or none (``json.dumps``: surrogate pairs), maybe ``\\/`` and the
HTML-safe ``\\u003c``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .source import BREAKS

__all__ = ["ESCAPE_TOKEN", "CharClasses", "Escapes", "char_classes", "infer_escapes", "unescape"]

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
#: One escape of a double-quoted scalar, the part after the backslash as group 1.
ESCAPE_TOKEN = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII_BMP = re.compile("[\x80-\uffff]")


def _printable_bmp(code: int) -> bool:
    """libyaml's IS_PRINTABLE for non-ASCII code points of the BMP."""
    return (0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD) and code != 0xFEFF and code not in (0x2028, 0x2029)


@dataclass(frozen=True)
class Escapes:
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
        """Does a quoted string written this way escape ``ch``?"""
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
        """The escape written for ``ch``."""
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
        needs = char_classes(self).needs
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

    def __init__(self, esc: Escapes) -> None:
        super().__init__()
        self.esc = esc

    def __missing__(self, ch: str) -> str:
        text = self[ch] = self.esc.escape(ch)
        return text

    def __call__(self, match: re.Match[str]) -> str:
        return self[match.group()]


#: Code points where the per-character predicates of ``Escapes`` may change value:
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
def _needs_except(esc: Escapes, chars: frozenset[str]) -> re.Pattern[str]:
    """A character ``esc`` escapes other than ``chars`` (a plain class: no lookahead)."""
    return _char_class(esc.needs, chars)


@dataclass(frozen=True)
class CharClasses:
    """The predicates of one ``Escapes`` as compiled character classes."""

    needs: re.Pattern[str]  # a character ``write`` escapes
    not_raw: re.Pattern[str]  # a character other than \n that is not ``raw_ok``
    not_plain: re.Pattern[str]  # a line break, a tab, or a character that is not ``raw_ok``


@functools.lru_cache(maxsize=256)
def char_classes(esc: Escapes) -> CharClasses:
    """The per-character predicates of ``esc`` as compiled character classes."""
    return CharClasses(
        needs=_char_class(esc.needs),
        not_raw=_char_class(lambda ch: ch != "\n" and not esc.raw_ok(ch)),
        not_plain=_char_class(lambda ch: ch in BREAKS or ch == "\t" or not esc.raw_ok(ch)),
    )


def infer_escapes(body: str, style: str, escape_unicode: bool | None, is_json: bool) -> Escapes:
    """Read the escaping conventions off an original scalar's source text."""
    raw_bmp = raw_astral = escaped_bmp = False
    raw_tab = "\t" in body
    lower = upper = u_latin1 = False
    slash = html = False
    if not body.isascii():
        raw_astral = _ASTRAL.search(body) is not None
        raw_bmp = _NON_ASCII_BMP.search(body) is not None
    if style == '"' and "\\" in body:
        for token in set(ESCAPE_TOKEN.findall(body)):  # only flags are set: order does not matter
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
    return Escapes(
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


def unescape(text: str) -> str:
    """The value of double-quoted text with its escapes (no line folding)."""
    def one(match: re.Match[str]) -> str:
        token = match.group(1)
        if len(token) > 1:
            return chr(int(token[1:], 16))
        return _UNESCAPE[token]

    return ESCAPE_TOKEN.sub(one, text)
