"""JSON values: a bare literal (number, ``true``, ``false``, ``null``) stays bare where the
original was one; a string is written with the escapes the original's encoder used (all
non-ASCII or none, ``\\/``, HTML-safe ``\\u003c``), never folded."""

from __future__ import annotations

import re

from .escapes import infer_escapes
from .source import Parts, ScalarSource

__all__ = ["emit_json"]

_JSON_LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")


def emit_json(src: ScalarSource, parts: Parts, value: str, escape_unicode: bool | None) -> str:
    """``value`` as JSON text in the place of ``src``."""
    if (src.style or "") == "" and (value == parts.body or _JSON_LITERAL.fullmatch(value)):
        return parts.prefix + value
    esc = infer_escapes(parts.body, '"', escape_unicode, is_json=True)
    return parts.prefix + '"' + esc.write(value) + '"'
