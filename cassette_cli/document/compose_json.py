"""Compose a JSON document into the same nodes as YAML, with the same checks.

JSON is almost YAML, but a YAML 1.1 parser refuses some valid JSON (surrogate-pair
escapes, raw DEL or C1 characters in strings), so a text that parses as JSON is read by
the JSON tokenizer (its events carry spans) instead of the YAML parser.
"""

from __future__ import annotations

from .json_tokens import END as JSON_END
from .json_tokens import KEY as JSON_KEY
from .json_tokens import LITERAL as JSON_LITERAL
from .json_tokens import MAP_START as JSON_MAP
from .json_tokens import SEQ_START as JSON_SEQ
from .json_tokens import events as json_events
from .nodes import MAX_DEPTH, Mapping, Node, Scalar, Sequence
from .source import Document


def compose_json(text: str, path: str) -> Document:
    """The node tree of a JSON text (one document: check with is_json first)."""
    doc = Document(path, text, is_json=True)
    stack: list[Mapping | Sequence] = []
    keys: list[Scalar | None] = []
    for kind, start, end, value in json_events(text):
        node: Node
        if kind == JSON_END:
            stack.pop().end = end
            keys.pop()
            continue
        if kind == JSON_MAP or kind == JSON_SEQ:
            if len(stack) >= MAX_DEPTH:
                raise doc.error(start, f"nesting deeper than {MAX_DEPTH} levels")
            node = Mapping(True, None, start) if kind == JSON_MAP else Sequence(True, None, start, doc.positions.line_col(start)[1] - 1 if not stack else 0)
        else:
            node = Scalar(value or "", '"' if kind != JSON_LITERAL else "", None, start, end)
        if stack:
            top = stack[-1]
            if type(top) is Sequence:
                top.items.append(node)
            elif kind == JSON_KEY:
                keys[-1] = node  # type: ignore[assignment]
            else:
                key = keys[-1]
                assert key is not None
                if key.value in top.map:  # type: ignore[union-attr]
                    first_line = doc.positions.line_col(top.map[key.value][0].start)[0]  # type: ignore[union-attr]
                    raise doc.error(key, f"duplicate key {key.value!r} (first at line {first_line})")
                top.map[key.value] = (key, node)  # type: ignore[union-attr]
                keys[-1] = None
        else:
            doc.root = node
        if kind == JSON_MAP or kind == JSON_SEQ:
            stack.append(node)  # type: ignore[arg-type]
            keys.append(None)
    return doc
