"""Ruby VCR cassettes (VCR 2+), Psych YAML or JSON serialised; Betamax (Python) writes the same shape in JSON."""

from __future__ import annotations

from ..model import Body, Interaction
from ..document import Document, Mapping, Node, Scalar
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


def format_of(root: Mapping) -> str:
    """Ruby VCR's layout is also Betamax's (Python, JSON): `http_interactions`, bodies as
    `{encoding, string | base64_string}`, `recorded_with` naming the writer. Betamax
    writes `recorded_with: betamax/0.8.1`; its response also repeats the `url`."""
    recorded = root.get("recorded_with")
    if type(recorded) is Scalar and recorded.value.lower().startswith("betamax"):
        return "betamax"
    return "ruby-vcr"
