"""Plain scalars: whether a value may be written plain (libyaml's analysis), what type a
plain text would read as, and libyaml's plain writer, which folds at the first space past
the width (PyYAML, Psych, go-yaml v2; go-yaml v3 and JSON pass no width).

Like the other writers it follows libyaml's per-character loop but stops only where a
fold is possible past the width (a regex search from the first column past it) and
copies the text in between as slices.
"""

from __future__ import annotations

import re

from .escapes import Escapes, char_classes

__all__ = ["FOLD_PLAIN", "plain_fits", "resolve", "write_plain"]

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


def resolve(text: str) -> str:
    """The type a plain scalar gets under YAML 1.1 or 1.2 rules (the union: conservative)."""
    for kind, pattern in _IMPLICIT:
        if pattern.fullmatch(text):
            return kind
    return "str"


def plain_fits(value: str, esc: Escapes) -> bool:
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
    if char_classes(esc).not_plain.search(value) is not None:  # a break, a tab, an escape
        return False
    return not (": " in value or value.endswith(":") or " #" in value)


#: Where a plain or single-quoted scalar may fold: a space after a non-blank and before one.
FOLD_PLAIN = re.compile(r"(?<![ \t]) (?=[^ \t])")


def write_plain(value: str, column: int, cont: int, width: int | None, lb: str, begin: int = 0) -> str:
    """``value`` as libyaml writes it plain from ``column`` (``begin``: from that offset, on a
    continuation line); folds go to column ``cont``, none when ``width`` is None."""
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
        match = FOLD_PLAIN.search(value, max(low, pos + width - column + 1))
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
