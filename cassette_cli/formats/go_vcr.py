"""go-vcr cassettes: format 1 (go-vcr v1-v2.x) and format 2 (v3, v4, charm.land/x/vcr)."""

from __future__ import annotations

from ..model import Body, Interaction, Request, Response
from ..document import Document, Mapping, Scalar
from . import common as c


def read_interaction(doc: Document, index: int, item: Mapping) -> Interaction:
    where = f"interactions[{index}]"
    request = c.mapping(doc, item.get("request"), f"{where}.request", at=item)
    response = c.mapping(doc, item.get("response"), f"{where}.response", at=item)

    url = c.scalar(doc, request.get("url"), f"{where}.request.url", at=request)
    url_nodes = [url]
    request_uri = c.optional_scalar(doc, request.get("request_uri"), f"{where}.request.request_uri")
    if request_uri is not None and not request_uri.is_null and request_uri.value:
        url_nodes.append(request_uri)
    method = c.optional_scalar(doc, request.get("method"), f"{where}.request.method")

    status_node = c.optional_scalar(doc, response.get("status"), f"{where}.response.status")
    code = c.as_int(response.get("code"))
    if code is None:
        code = c.as_int(status_node)
    reason = None
    if status_node is not None and not status_node.is_null:
        parts = status_node.value.split(" ", 1)
        reason = parts[1] if len(parts) == 2 and parts[0].isdigit() else status_node.value

    return Interaction(
        index=index,
        node=item,
        request=Request(
            node=request,
            method=(c.text(method) or "GET").upper(),
            url=url.value,
            url_nodes=url_nodes,
            headers=c.headers(doc, request.get("headers"), f"{where}.request.headers"),
            body=_body(doc, request, f"{where}.request.body"),
            form=c.headers(doc, request.get("form"), f"{where}.request.form"),
        ),
        response=Response(
            node=response,
            status=code,
            reason=reason,
            headers=c.headers(doc, response.get("headers"), f"{where}.response.headers"),
            body=_body(doc, response, f"{where}.response.body"),
            duration_ms=c.go_duration_ms(response.get("duration")),
        ),
    )


def _body(doc: Document, owner: Mapping, what: str) -> Body:
    node = owner.get("body")
    if node is None:
        return Body(None)
    scalar: Scalar = c.scalar(doc, node, what)
    return Body(scalar, base64=scalar.is_binary)
