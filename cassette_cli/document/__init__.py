"""The document layer: bytes of YAML or JSON composed into light nodes that know where
they sit, edits spliced into them (every other byte stays), and the read-back check.

    nodes.py         Scalar, Mapping, Sequence, Alias; iter_scalars, to_python
    source.py        Document (text, slice, column, locate, byte_offsets), Positions
    compose_yaml.py  compose (YAML from the C parser's events; JSON through compose_json), check_bytes, decode
    compose_json.py  compose JSON into the same nodes
    events.py        scan: parse events without a tree; PiecesReader
    edit.py          Edit, apply_edits, splice
    delete.py        delete_item, delete_entry: deletion edits
    halves.py        what a read-back must give; a big file cut in two halves
    verify.py        Expectation; verify.verify reads the new file back and compares
"""

from __future__ import annotations

from importlib import import_module

from .compose_yaml import BOM, UTF8_BOM, check_bytes, compose, decode
from .events import ALIAS, COLLECTION, DOCUMENT, SCALAR, PiecesReader, scan
from .nodes import BINARY_TAGS, MAX_DEPTH, Alias, Mapping, Node, Scalar, Sequence, iter_scalars, to_python
from .source import LINE_BREAK, Document, Positions

# Imported when first asked for: reading a cassette (ls, show) needs none of them.
_LATER = {
    "Edit": "edit",
    "OverlappingEdits": "edit",
    "Removal": "edit",
    "apply_edits": "edit",
    "splice": "edit",
    "spliced_bytes": "edit",
    "CannotDelete": "delete",
    "delete_entry": "delete",
    "delete_item": "delete",
    "Expectation": "verify",
    "Intended": "verify",
    "VerificationError": "verify",
}


def __getattr__(name: str) -> object:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "ALIAS",
    "BINARY_TAGS",
    "BOM",
    "COLLECTION",
    "DOCUMENT",
    "LINE_BREAK",
    "MAX_DEPTH",
    "SCALAR",
    "UTF8_BOM",
    "Alias",
    "CannotDelete",
    "Document",
    "Edit",
    "Expectation",
    "Intended",
    "Mapping",
    "Node",
    "OverlappingEdits",
    "PiecesReader",
    "Positions",
    "Removal",
    "Scalar",
    "Sequence",
    "VerificationError",
    "apply_edits",
    "check_bytes",
    "compose",
    "decode",
    "delete_entry",
    "delete_item",
    "iter_scalars",
    "scan",
    "splice",
    "spliced_bytes",
    "to_python",
]
