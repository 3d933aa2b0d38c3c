"""Ruby VCR cassettes (VCR 2+), Psych YAML or JSON serialised."""

from __future__ import annotations

from ..model import Body, Interaction
from ..document import Document, Mapping, Node
from . import common as c


def read_interaction(doc: Document, index: int, item: Mapping) -> Interaction:
    return c.uri_interaction(doc, index, item, "http_interactions", lambda message, what, _: _body(doc, message.get("body"), what))


def _body(doc: Document, node: Node | None, what: str) -> Body:
    """`{encoding, string}` or `{encoding, base64_string}`; very old files: a plain string."""
    if node is None:
        return Body(None)
    if type(node) is Mapping:
        encoded = node.get("base64_string")
        if encoded is not None:
            return Body(c.scalar(doc, encoded, what + ".base64_string"), base64=True)
    return c.text_body(doc, node, what)
