"""Emit the source text of one YAML scalar in the style of an existing one.

``cassette redact`` splices: it replaces the span of a changed scalar and leaves every
other byte of the file alone.  The replacement must look as if the original emitter had
written the new value, so this package re-implements, per scalar style, what those
emitters do (libyaml for PyYAML's CDumper, Ruby Psych and go-yaml v2; PyYAML's
pure-Python emitter; go-yaml v3 / go.yaml.in v4, which does not fold; JSON encoders),
and infers the conventions a given scalar was written with from its own source text.
One module per style: ``plain``, ``single``, ``double``, ``block`` (literal and folded),
``binary``, ``json_string``; ``escapes`` reads and writes escapes, ``folding`` recovers a
flow scalar's fold width and continuation indentation and reuses its lines.  This module
holds the entry points and picks the style, falling back as the emitters do.

Everything here is a pure function of its arguments; nothing is printed or read.
"""

from __future__ import annotations

import json
from typing import Any

from .binary import emit_binary_like
from .block import emit_folded, emit_literal, literal_fits, parse_block, plain_to_literal
from .double import write_double_libyaml, write_double_pyyaml
from .escapes import infer_escapes
from .folding import flow_layout, refold_after_change, write_flow
from .json_string import emit_json
from .plain import plain_fits, resolve
from .single import single_fits
from .source import (
    DEFAULT_BINARY_WIDTH,
    DEFAULT_FOLD_WIDTH,
    DEFAULT_INDENT_STEP,
    CannotEmit,
    ScalarSource,
    split_parts,
)

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
    parts = split_parts(src, line_break)
    style = src.style or ""
    if src.is_json:
        return emit_json(src, parts, new_value, escape_unicode)
    esc = infer_escapes(parts.body, style, escape_unicode, is_json=False)
    if style in ("|", ">"):
        block = parse_block(src, parts, indent_step)
        if literal_fits(new_value, esc, parts.body, parts.lb):
            owner = max(src.indent, 0)
            if style == "|":
                return emit_literal(parts, block, new_value, owner)
            return emit_folded(parts, block, new_value, owner, fold_width or DEFAULT_FOLD_WIDTH)
        writer = write_double_pyyaml if pyyaml_pure else write_double_libyaml
        quoted = writer(new_value, parts.column, block.content, fold_width or None, parts.lb, esc)
        after = (parts.lb if block.ends_with_break else "") + block.trailer
        return parts.prefix + quoted + after
    if style not in ("", "'", '"'):
        raise CannotEmit(f"unknown scalar style {style!r}")
    layout = flow_layout(src, parts, esc, fold_width, indent_step, pyyaml_pure, simple_key)
    target = style
    if target == "" and not plain_fits(new_value, esc):
        if quote_fallback == '"' and "\n" in new_value and not simple_key:
            literal = plain_to_literal(src, parts, new_value, esc, indent_step)
            if literal is not None:
                return literal
        target = "'" if single_fits(new_value, esc) else '"'  # the emitter's own choice
    elif target == "" and src.tag is None and not parts.prefix:
        kind = resolve(new_value)
        if kind != "str" and kind != resolve(parts.body):  # would read as another type
            target = "'" if quote_fallback == "'" and single_fits(new_value, esc) else '"'
    elif target == "'" and not single_fits(new_value, esc):
        target = '"'
    if reuse_lines and target == style and layout.old_value is not None:
        if new_value == layout.old_value:
            return src.text
        kept = refold_after_change(style, new_value, parts, layout, esc)
        if kept is not None:
            return parts.prefix + kept
    return parts.prefix + write_flow(target, new_value, parts, layout, esc, layout.width)


_YAML_UNSAFE = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def emit_last_resort(src: ScalarSource, new_value: str) -> str:
    """A one-line double-quoted scalar any reader takes, for a value ``emit_like`` cannot
    write: the span's properties (anchor, tag) kept, and for a block scalar the line
    break and blank lines its span ends with, as ``emit_like``'s own fallback keeps them."""
    parts = split_parts(src, None)
    quoted = json.dumps(new_value, ensure_ascii=False)
    if not src.is_json:
        for char, escape in _YAML_UNSAFE.items():
            quoted = quoted.replace(char, escape)
    after = ""
    if (src.style or "") in ("|", ">"):
        try:
            block = parse_block(src, parts, None)
            after = (parts.lb if block.ends_with_break else "") + block.trailer
        except CannotEmit:
            after = parts.lb if parts.body.endswith(parts.lb) else ""
    return parts.prefix + quoted + after
