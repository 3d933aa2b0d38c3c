"""Deletion edits: take an item out of a sequence, or an entry out of a mapping.

The span removed is exact, and every other character stays:

- Block style: the whole lines the child is written on, from the start of the line of its
  dash (or key) to the end of the line its content ends on, line break included (LF, CRLF
  or CR, whatever the file uses). Comment and blank lines before or after the child are
  not its lines and stay. A child that does not start its line (the first key of a
  mapping that is itself an item, `- key: value`) is removed up to where the next child
  starts, so `- a: 1\\n  b: 2` becomes `- b: 2`.
- Flow style and JSON: the child with the comma and whitespace that separate it from the
  next child (from the previous one, for the last child).
- The last child of a collection: a block collection cannot be empty, so it becomes the
  flow `[]` or `{}` written after its key (`interactions: []`, anything after the key's
  colon, such as a comment, kept after it); a flow collection keeps its brackets
  (`[]`). A block collection that is neither a mapping's value nor the document's root
  cannot be emptied this way (CannotDelete).

One deletion per collection at a time: the spans of two deletions in the same collection
may meet (apply one, compose again, then the next).
"""

from __future__ import annotations

from typing import Union

from .edit import Edit, Removal
from .nodes import Mapping, Node, Scalar, Sequence
from .source import Document


class CannotDelete(ValueError):
    pass


def delete_item(document: Document, sequence: Sequence, index: int) -> Edit:
    """The edit that removes item `index` of `sequence` (a node of `document`)."""
    items = sequence.items
    if not 0 <= index < len(items):
        raise CannotDelete(f"no item {index} in a sequence of {len(items)}")
    removal = Removal(sequence, index)
    if sequence.flow:
        spans = [(item.start, item.end) for item in items]
        return _flow(document, sequence, spans, index, removal)
    heads = [_dash(document, sequence, item) for item in items]
    ends = [_content_end(item) for item in items]
    return _block(document, sequence, heads, ends, index, removal, "[]")


def delete_entry(document: Document, mapping: Mapping, key: str) -> Edit:
    """The edit that removes the entry at `key` of `mapping` (a node of `document`)."""
    if key not in mapping.map:
        raise CannotDelete(f"no key {key!r} in the mapping")
    entries = list(mapping.map.values())
    index = list(mapping.map).index(key)
    removal = Removal(mapping, key)
    if mapping.flow:
        spans = [(name.start, max(name.end, value.end)) for name, value in entries]
        return _flow(document, mapping, spans, index, removal)
    heads = [name.start for name, _ in entries]
    ends = [max(name.end, _content_end(value)) for name, value in entries]
    return _block(document, mapping, heads, ends, index, removal, "{}")


def _flow(document: Document, collection: Sequence | Mapping, spans: list[tuple[int, int]], index: int, removal: Removal) -> Edit:
    if len(spans) == 1:
        opening, closing = document.slice(collection.start, collection.start + 1), document.slice(collection.end - 1, collection.end)
        if opening + closing not in ("[]", "{}"):
            raise CannotDelete("a flow collection without its brackets")
        return Edit(collection.start + 1, collection.end - 1, "", removal)
    if index + 1 < len(spans):
        return Edit(spans[index][0], spans[index + 1][0], "", removal)
    return Edit(spans[index - 1][1], spans[index][1], "", removal)


def _block(document: Document, collection: Sequence | Mapping, heads: list[int], ends: list[int], index: int, removal: Removal, empty: str) -> Edit:
    head = heads[index]
    line = _line_start(document, head)
    starts_line = document.slice(line, head).strip(" ") == ""
    end = ends[index] if document.column(ends[index]) == 1 and ends[index] > head else _after_line(document, ends[index])
    if len(heads) > 1:
        if starts_line:
            return Edit(line, end, "", removal)
        if index + 1 < len(heads):
            return Edit(head, heads[index + 1], "", removal)
        raise CannotDelete("the last child shares its line with the one before")  # not valid YAML: never seen
    # the only child: the collection becomes empty, which only flow style can write
    removed = document.slice(line, end)
    brk = "\r\n" if removed.endswith("\r\n") else removed[-1:] if removed.endswith(("\n", "\r")) else ""
    if not starts_line:
        return Edit(head, end, empty + brk, removal)
    parent = _parent(document.root, collection)
    if parent is None:
        return Edit(line, end, empty + brk, removal)
    colon = _colon_end(document, parent, line)
    between = document.slice(colon, line)
    if not brk:
        between = between.rstrip("\r\n") if between.endswith(("\n", "\r")) else between
    return Edit(colon, end, " " + empty + between, removal)


def _dash(document: Document, sequence: Sequence, item: Node) -> int:
    """Where the dash of an item of a block sequence is: at the sequence's column, on the
    item's line (`- key: ...`) or the line before it (`-` alone on its line)."""
    line = _line_start(document, item.start)
    for _ in range(2):
        dash = line + sequence.column
        if dash <= item.start and document.slice(dash, dash + 1) == "-":
            return dash
        if line == 0:
            break
        line = _line_start(document, line - 1)
    raise CannotDelete("an item whose dash is not where its sequence's column says")


def _content_end(node: Node) -> int:
    """Where the last thing written in a node ends (a block collection's own end is where
    the next token starts, past comments and blank lines)."""
    while True:
        kind = type(node)
        if kind is Mapping and not node.flow and node.map:  # type: ignore[union-attr]
            name, node = next(reversed(node.map.values()))  # type: ignore[union-attr]
            if type(node) is Scalar and node.start == node.end and not node.value:
                return max(node.end, name.end)  # an empty value: it ends after the colon
        elif kind is Sequence and not node.flow and node.items:  # type: ignore[union-attr]
            node = node.items[-1]  # type: ignore[union-attr]
        else:
            return node.end


def _parent(root: Node | None, target: Node) -> tuple[Mapping, Scalar] | None:
    """The mapping and key whose value is `target`, or None for the root (or a
    collection that is an item of a sequence: CannotDelete). Walks down only the child
    whose span holds the target."""
    node = root
    while node is not None and node is not target:
        found: Node | None = None
        if type(node) is Mapping:
            for name, value in node.map.values():
                if value is target:
                    return node, name
                if value.start <= target.start <= value.end and type(value) in (Mapping, Sequence):
                    found = value
                    break
        elif type(node) is Sequence:
            for item in node.items:
                if item is target:
                    raise CannotDelete("a block collection that is an item of a sequence cannot be emptied")
                if item.start <= target.start <= item.end and type(item) in (Mapping, Sequence):
                    found = item
                    break
        node = found
    if node is None:
        raise CannotDelete("the collection is not in the document")
    return None


def _colon_end(document: Document, parent: tuple[Mapping, Scalar], line: int) -> int:
    """Just after the `:` that follows the key of an emptied collection."""
    _, name = parent
    between = document.slice(name.end, line)
    stripped = between.lstrip(" ")
    if not stripped.startswith(":"):
        raise CannotDelete("no colon after the key of the emptied collection")
    return name.end + len(between) - len(stripped) + 1


def _line_start(document: Document, offset: int) -> int:
    return offset - (document.column(offset) - 1)


def _after_line(document: Document, offset: int) -> int:
    """Just after the line break (LF, CRLF or CR) that ends the line holding `offset`,
    or the end of the text."""
    source: Union[str, bytes] = document.source
    text_source = isinstance(source, str)
    at = offset if text_source else document.byte_offsets((offset,))[offset]
    lf, cr = ("\n", "\r") if text_source else (b"\n", b"\r")
    end = source.find(lf, at)  # type: ignore[arg-type]
    end = len(source) if end == -1 else end + 1
    lone_cr = source.find(cr, at, end)  # type: ignore[arg-type]
    if lone_cr != -1 and not (lone_cr == end - 2 and source[end - 1 : end] == lf):
        end = lone_cr + 1
    if text_source:
        return end
    return offset + len(source[at:end].decode("utf-8", "surrogatepass"))  # type: ignore[union-attr]
