"""The nodes a document is composed into: light, and each knows where it sits.

A node keeps its span (character offsets into the decoded text, BOM included) and, for
scalars, the style the file wrote it in, so that an edit can replace exactly its
characters. Aliases are leaves that are never followed.
"""

from __future__ import annotations

import re
from typing import Iterator, Union

BINARY_TAGS = frozenset({"tag:yaml.org,2002:binary", "!binary"})
MAX_DEPTH = 200  # far deeper than any cassette; keeps every recursive walk well inside Python's limit


class Scalar:
    __slots__ = ("value", "style", "tag", "start", "end")

    def __init__(self, value: str, style: str, tag: str | None, start: int, end: int) -> None:
        self.value = value
        self.style = style  # '' plain, "'" single, '"' double, '|' literal, '>' folded
        self.tag = tag  # explicit tag only
        self.start = start
        self.end = end

    @property
    def is_binary(self) -> bool:
        return self.tag in BINARY_TAGS

    @property
    def is_null(self) -> bool:
        return self.style == "" and self.tag is None and self.value in ("", "~", "null", "Null", "NULL")

    @property
    def is_number_or_bool(self) -> bool:
        """A plain, untagged scalar that reads as a number or a boolean (not a string)."""
        if self.style != "" or self.tag is not None:
            return False
        return type(to_python(self)) in (bool, int, float)

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}, style={self.style!r}, span={self.start}:{self.end})"


class Mapping:
    __slots__ = ("map", "flow", "tag", "start", "end")

    def __init__(self, flow: bool, tag: str | None, start: int) -> None:
        self.map: dict[str, tuple[Scalar, Node]] = {}
        self.flow = flow
        self.tag = tag
        self.start = start
        self.end = start

    def get(self, key: str) -> Node | None:
        pair = self.map.get(key)
        return None if pair is None else pair[1]

    def __repr__(self) -> str:
        return f"Mapping({list(self.map)}, span={self.start}:{self.end})"


class Sequence:
    __slots__ = ("items", "flow", "tag", "start", "end", "column")

    def __init__(self, flow: bool, tag: str | None, start: int, column: int = 0) -> None:
        self.items: list[Node] = []
        self.flow = flow
        self.tag = tag
        self.start = start
        self.end = start
        self.column = column  # of the start (the first dash of a block sequence)

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)} items, span={self.start}:{self.end})"


class Alias:
    """A reference to an anchored node. Never followed."""

    __slots__ = ("anchor", "start", "end")

    def __init__(self, anchor: str, start: int, end: int) -> None:
        self.anchor = anchor
        self.start = start
        self.end = end


Node = Union[Scalar, Mapping, Sequence, Alias]


def iter_scalars(node: Node | None) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every scalar value under node with its path of keys and indices (keys excluded).

    Iterative, so depth costs no stack; aliases are leaves and are skipped."""
    if node is None:
        return
    todo: list[tuple[tuple[str | int, ...], Node]] = [((), node)]
    while todo:
        path, current = todo.pop()
        kind = type(current)
        if kind is Scalar:
            yield path, current  # type: ignore[misc]
        elif kind is Mapping:
            todo.extend((path + (key,), value) for key, (_, value) in reversed(current.map.items()))  # type: ignore[union-attr]
        elif kind is Sequence:
            todo.extend((path + (i,), item) for i, item in reversed(list(enumerate(current.items))))  # type: ignore[union-attr]


_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def to_python(node: Node | None) -> object:
    """Plain data for a subtree (JSON types only; binary stays base64 text, aliases are None).

    Only used on small structures (pydantic-ai's parsed_body); depth is bounded by compose."""
    if node is None or type(node) is Alias:
        return None
    if type(node) is Mapping:
        return {key: to_python(value) for key, (_, value) in node.map.items()}
    if type(node) is Sequence:
        return [to_python(item) for item in node.items]
    assert type(node) is Scalar
    if node.style != "" or node.tag is not None:
        return node.value
    value = node.value
    if node.is_null:
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _PLAIN_INT.fullmatch(value):
        return int(value)
    if _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    return value
