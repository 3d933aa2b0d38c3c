"""Ruby VCR cassettes (VCR 2+), Psych YAML or JSON serialised."""

from __future__ import annotations

from ..model import Body, Interaction, Request, Response
from ..yamlsplice import Document, Mapping, Node, Scalar
from . import common as c


def read_interaction(doc: Document, index: int, item: Mapping) -> Interaction:
    where = f"http_interactions[{index}]"
    request = c.mapping(doc, item.get("request"), f"{where}.request", at=item)
    response = c.mapping(doc, item.get("response"), f"{where}.response", at=item)

    uri = c.scalar(doc, request.get("uri"), f"{where}.request.uri", at=request)
    method = c.optional_scalar(doc, request.get("method"), f"{where}.request.method")

    code, reason = c.status(doc, response, where)

    return Interaction(
        index=index,
        node=item,
        request=Request(
            node=request,
            method=(c.text(method) or "GET").upper(),
            url=uri.value,
            url_nodes=[uri],
            headers=c.headers(doc, request.get("headers"), f"{where}.request.headers"),
            body=_body(doc, request.get("body"), f"{where}.request.body"),
        ),
        response=Response(
            node=response,
            status=code,
            reason=reason,
            headers=c.headers(doc, response.get("headers"), f"{where}.response.headers"),
            body=_body(doc, response.get("body"), f"{where}.response.body"),
            duration_ms=None,
        ),
    )


def _body(doc: Document, node: Node | None, what: str) -> Body:
    """`{encoding, string}` or `{encoding, base64_string}`; very old files: a plain string."""
    if node is None:
        return Body(None)
    if type(node) is Mapping:
        encoded = node.get("base64_string")
        if encoded is not None:
            return Body(c.scalar(doc, encoded, what + ".base64_string"), base64=True)
        inner = node.get("string")
        if inner is None:
            return Body(None)
        node = inner
        what += ".string"
    scalar: Scalar = c.scalar(doc, node, what)
    return Body(scalar, base64=scalar.is_binary)
