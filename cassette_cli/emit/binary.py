"""``!!binary`` (PyYAML, go-yaml) and ``!binary`` (Psych) scalars: base64 of the new bytes,
re-wrapped at the original's line width in the original's block layout, or one line for
a flow or one-line original.  Never spliced as text."""

from __future__ import annotations

import base64

from .block import BLOCK_HEADER, block_header, parse_block
from .source import DEFAULT_BINARY_WIDTH, ScalarSource, split_parts

__all__ = ["emit_binary_like"]


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
    parts = split_parts(src, None)
    encoded = base64.b64encode(new_bytes).decode("ascii")
    style = src.style or ""
    if style in ("|", ">"):
        block = parse_block(src, parts, None)
        header = BLOCK_HEADER.match(parts.body)
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
            block_header(parts, block, block.digit, chomp)
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
