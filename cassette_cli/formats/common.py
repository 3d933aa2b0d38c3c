"""Shape checks shared by the format adapters: each failure names the place in the file."""

from __future__ import annotations

import re
from typing import Callable

from ..model import Body, Header, Interaction, Request, Response
from ..document import Alias, Document, Mapping, Node, Scalar, Sequence


def mapping(doc: Document, node: Node | None, what: str, at: Node | None = None) -> Mapping:
    if type(node) is Mapping:
        return node
    raise doc.error(node or at or 0, f"{what} must be a mapping, not {describe(node)}")


def sequence(doc: Document, node: Node | None, what: str, at: Node | None = None) -> Sequence:
    if type(node) is Sequence:
        return node
    raise doc.error(node or at or 0, f"{what} must be a list, not {describe(node)}")


def scalar(doc: Document, node: Node | None, what: str, at: Node | None = None) -> Scalar:
    if type(node) is Scalar:
        return node
    raise doc.error(node or at or 0, f"{what} must be a string, not {describe(node)}")


def optional_scalar(doc: Document, node: Node | None, what: str) -> Scalar | None:
    if node is None:
        return None
    return scalar(doc, node, what)


def text(node: Scalar | None) -> str | None:
    if node is None or node.is_null:
        return None
    return node.value


def describe(node: Node | None) -> str:
    if node is None:
        return "missing"
    if type(node) is Alias:
        return "an alias (aliases are not followed)"
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Sequence:
        return "a list"
    if node.is_null:  # type: ignore[union-attr]
        return "null"
    return "a string"


def headers(doc: Document, node: Node | None, what: str) -> list[Header]:
    """`{name: [values]}` (also a single value, or null). Ruby/VCR.py/go-vcr all use this."""
    if node is None or (type(node) is Scalar and node.is_null):
        return []
    table = mapping(doc, node, what)
    result: list[Header] = []
    for name, (key, value) in table.map.items():
        container: Node
        if type(value) is Sequence:
            values = [scalar(doc, item, f"{what} {name!r} value") for item in value.items]
            container = value
        elif type(value) is Scalar:
            values = [] if value.is_null else [value]
            container = table
        else:
            raise doc.error(value, f"{what} {name!r} must be a list of strings, not {describe(value)}")
        result.append(Header(name, key, values, container))
    return result


def as_int(node: Node | None) -> int | None:
    if type(node) is not Scalar or node.is_null:
        return None
    try:
        return int(node.value.strip())
    except ValueError:
        match = re.match(r"\s*(\d{3})\b", node.value)
        return int(match.group(1)) if match else None


_GO_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_GO_UNIT_MS = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}


def go_duration_ms(node: Node | None) -> float | None:
    """go-vcr's `duration`: Go's Duration.String() (`1m2.5s`, `606.367333ms`) or nanoseconds."""
    if type(node) is not Scalar or node.is_null:
        return None
    value = node.value.strip()
    if re.fullmatch(r"-?\d+", value):
        return int(value) / 1e6
    sign = -1.0 if value.startswith("-") else 1.0
    body = value.lstrip("+-")
    if body == "0":
        return 0.0
    total = 0.0
    position = 0
    for match in _GO_DURATION_PART.finditer(body):
        if match.start() != position:
            return None
        total += float(match.group(1)) * _GO_UNIT_MS[match.group(2)]
        position = match.end()
    if position != len(body) or not body:
        return None
    return sign * total


def status(doc: Document, response: Mapping, where: str) -> tuple[int | None, str | None]:
    """VCR.py and Ruby VCR: `status: {code, message}`; old httpx recordings:
    `status_code`; a bare number is taken too. `where`: the response's place."""
    node = response.get("status")
    if type(node) is Mapping:
        code = as_int(node.get("code"))
        return code, text(optional_scalar(doc, node.get("message"), f"{where}.status.message"))
    return as_int(node if node is not None else response.get("status_code")), None


def uri_interaction(doc: Document, index: int, item: Mapping, key: str, body: Callable[[Mapping, str, bool], Body]) -> Interaction:
    """An interaction as VCR.py and Ruby VCR store it: request {uri, method, headers,
    body} and response {status: {code, message}, headers, body}. `body(message, what,
    is_response)` reads a body the format's way."""
    where = f"{key}[{index}]"
    request = mapping(doc, item.get("request"), f"{where}.request", at=item)
    response = mapping(doc, item.get("response"), f"{where}.response", at=item)
    return uri_pair(doc, index, item, request, response, (f"{where}.request", f"{where}.response"), body)


def uri_pair(doc: Document, index: int, item: Mapping, request: Mapping, response: Mapping, places: tuple[str, str], body: Callable[[Mapping, str, bool], Body]) -> Interaction:
    """An interaction from a VCR.py-shaped request and response mapping; `places` spell
    where each sits (for messages)."""
    here, there = places
    uri = scalar(doc, request.get("uri"), f"{here}.uri", at=request)
    method = optional_scalar(doc, request.get("method"), f"{here}.method")
    code, reason = status(doc, response, there)
    return Interaction(
        index=index,
        node=item,
        request=Request(
            node=request,
            method=(text(method) or "GET").upper(),
            url=uri.value,
            url_nodes=[uri],
            headers=headers(doc, request.get("headers"), f"{here}.headers"),
            body=body(request, f"{here}.body", False),
        ),
        response=Response(
            node=response,
            status=code,
            reason=reason,
            headers=headers(doc, response.get("headers"), f"{there}.headers"),
            body=body(response, f"{there}.body", True),
            duration_ms=None,
        ),
    )


def text_body(doc: Document, node: Node, what: str) -> Body:
    """A body stored as a string, null or !!binary, or as `{string: ...}` holding one."""
    if type(node) is Mapping:
        inner = node.get("string")
        if inner is None:
            return Body(None)
        node = inner
        what += ".string"
    value = scalar(doc, node, what)
    return Body(value, base64=value.is_binary)
