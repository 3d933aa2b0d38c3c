"""Patch a changed scalar where it stands: replace only each secret's own characters.

Re-emitting a whole scalar costs time and memory in proportion to its size, and a 7 MB
event stream with one key in it is the common case. Where the scalar's style writes
the secret's characters as they are (inside a literal block, or a double- or
single-quoted scalar on one line), and the replacement can be written as it is too,
the secret's characters are found in the source and replaced there. Everything else
(folded or multi-line flow scalars, plain scalars, tags, secrets the source escapes)
is left to the emitter, which re-writes the whole scalar in its style.

Finding a secret's characters in the source: the value and the source hold the same
characters between escapes and line starts, so the n-th occurrence of the secret in the
value after a known pair of positions is the n-th occurrence in the source after the
matching position. A secret or a replacement holding a character the style could escape
is never patched, and the read-back check of the whole file (verify.py) catches what
this reasoning could miss; the planner then re-emits the scalars instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Edit
from ..rules.finding import Finding

PATCH_MIN = 1 << 16  # values from this many characters on are patched where they can be

_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
# a block scalar's start: properties, then the indicator line (with any comment) and its break
_BLOCK_HEADER = re.compile(r"(?:[!&][^ \t\r\n]*[ \t\r\n]+)*\|[^\r\n]*(?:\r\n|\r|\n)")


def patch_edits(source: str, start: int, style: str, tag: str | None, value: str, findings: Sequence[Finding]) -> list[Edit] | None:
    """Edits of the document (offsets from the scalar's `start`) that replace each
    finding's characters in `source`, the scalar's own text; None where it cannot be
    done safely."""
    if tag is not None or not findings:
        return None
    if style == "|":
        header = _BLOCK_HEADER.match(source)  # properties (&anchor) may stand on lines before it
        if header is None:
            return None
        content = header.end()
    elif style in ('"', "'"):
        if any(br in source for br in _BREAKS):
            return None  # folded over several lines: the emitter refolds it
        content = 1
    else:
        return None
    edits: list[Edit] = []
    value_at, source_at = 0, content  # a pair of positions known to correspond
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.new is None or finding.start < value_at:
            return None
        secret = value[finding.start : finding.end]
        written = _written(finding.new, style)
        if not secret or written is None or not _verbatim(secret, style):
            return None
        v = value.find(secret, value_at)
        s = source.find(secret, source_at)
        while v != -1 and s != -1 and v < finding.start:
            v = value.find(secret, v + 1)
            s = source.find(secret, s + 1)
        if v != finding.start or s == -1:
            return None
        if style == "|" and not written:
            return None  # a line could end up empty, and chomping would take it
        edits.append(Edit(start + s, start + s + len(secret), written))
        value_at, source_at = finding.end, s + len(secret)
    return edits


def _verbatim(text: str, style: str) -> bool:
    """Characters every emitter writes as they are in this style."""
    if style == '"':
        return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text
    return text.isprintable() and (style != "'" or "'" not in text)


def _written(new: str, style: str) -> str | None:
    """The replacement as the style writes it, or None if it needs more than the
    quote escapes every emitter uses."""
    if not new.isascii() or not new.isprintable() or new != new.strip():
        return None
    if style == '"':
        return new.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return new.replace("'", "''")
    return new
