"""Where things sit in a cassette, for rules that point at a value: the status code, a
body, every string of the file (binary ones decoded) with its path."""

from __future__ import annotations

from collections.abc import Iterator

from ..bodies.codecs import decode_base64, gunzip, is_gzip
from ..document import Mapping, Node, Scalar, Sequence
from ..model import Body, Interaction, Response

__all__ = ["body_offset", "spell", "status_node", "strings"]


def status_node(response: Response) -> Node | None:
    """The scalar holding the status code: go-vcr's `code` (else `status`), VCR.py's and
    Ruby VCR's `status.code` (else `status`, `status_code`)."""
    node = response.node
    if node is None:
        return None
    code = node.get("code")
    if type(code) is Scalar:
        return code
    status = node.get("status")
    if type(status) is Mapping:
        return status.get("code") or status
    return status if status is not None else node.get("status_code")


def body_offset(body: Body, fallback: Node) -> int:
    """Where a body's value starts (its owner's start when it has no scalar)."""
    if body.node is not None:
        return body.node.start
    if body.structured is not None:
        return body.structured.start
    return fallback.start


def spell(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def strings(root: Node | None, holding: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Scalar, str, bool]]:
    """Every string of a document with its path: (path, scalar, text, verbatim); with
    ``holding``, only the strings holding one of those substrings. Binary scalars (and
    Ruby VCR's `base64_string`) are decoded (base64, then gzip) when their bytes are
    UTF-8, and are never `verbatim`: a position inside them is the scalar's start.
    Aliases are not followed."""
    Link = tuple  # (parent's link, key): a path is spelled out only for a string yielded
    todo: list[tuple[Link | None, Node]] = [(None, root)] if root is not None else []
    while todo:
        link, node = todo.pop()
        kind = type(node)
        if kind is Scalar:
            assert isinstance(node, Scalar)
            verbatim = not (node.is_binary or (link is not None and link[1] == "base64_string"))  # Ruby VCR's exact body bytes
            if verbatim:
                text = node.value
            else:
                raw = decode_base64(node.value)
                if is_gzip(raw):
                    raw = gunzip(raw)
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    continue
            if not holding or any(part in text for part in holding):
                yield _path(link), node, text, verbatim
        elif kind is Mapping:
            assert isinstance(node, Mapping)
            todo.extend(((link, key), value) for key, (_, value) in reversed(node.map.items()))
        elif kind is Sequence:
            assert isinstance(node, Sequence)
            todo.extend(((link, i), item) for i, item in reversed(list(enumerate(node.items))))


def _path(link: tuple | None) -> tuple[str | int, ...]:  # type: ignore[type-arg]
    keys: list[str | int] = []
    while link is not None:
        link, key = link
        keys.append(key)
    return tuple(reversed(keys))


def url_node(interaction: Interaction) -> Node:
    nodes = interaction.request.url_nodes
    return nodes[0] if nodes else interaction.request.node
