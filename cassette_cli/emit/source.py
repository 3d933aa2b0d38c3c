"""What every scalar writer shares: the scalar's source, its split into properties and
body, the emitters' default widths and steps, and the exception for a value no style
can hold."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BREAKS",
    "DEFAULT_BINARY_WIDTH",
    "DEFAULT_FOLD_WIDTH",
    "DEFAULT_INDENT_STEP",
    "LINE_FEEDS",
    "CannotEmit",
    "Parts",
    "ScalarSource",
    "split_parts",
]

#: libyaml's ``best_width``: PyYAML, Psych and go-yaml v2 fold at 80 columns.
DEFAULT_FOLD_WIDTH = 80
#: libyaml's ``best_indent``: continuation lines sit 2 columns right of the owner.
DEFAULT_INDENT_STEP = 2
#: ``base64.encodebytes`` (PyYAML's ``!!binary``) writes 76 characters a line.
DEFAULT_BINARY_WIDTH = 76

#: The line breaks of YAML 1.1 (libyaml), which no plain scalar may hold.
BREAKS = "\n\r\x85\u2028\u2029"
#: A run of line feeds (maybe empty), as the writers copy one.
LINE_FEEDS = re.compile(r"\n*")
_PROPERTIES = re.compile(r"(?:[!&][^\s]*[ \t]+)*")


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


@dataclass(frozen=True)
class Parts:
    """A scalar's source text cut where the writers need it."""

    prefix: str  # anchor/tag properties and the blanks after them
    body: str  # the scalar proper: quotes, plain text, or block header and content
    column: int  # column where body starts
    lb: str  # line break to write


def split_parts(src: ScalarSource, line_break: str | None) -> Parts:
    """``src`` cut into properties and body; the line break is the source's own, else
    ``line_break``, else ``\\n``."""
    match = _PROPERTIES.match(src.text)
    prefix = match.group(0) if match else ""
    body = src.text[len(prefix) :]
    if "\r\n" in src.text:
        lb = "\r\n"
    elif "\n" in src.text:
        lb = "\n"
    else:
        lb = line_break or "\n"
    return Parts(prefix, body, src.column + len(prefix), lb)
