"""VCR.py cassettes (also pytest-recording), YAML or JSON serialised."""

from __future__ import annotations

from ..model import Body, Interaction
from ..document import Document, Mapping, Node
from . import common as c


def read_interaction(doc: Document, index: int, item: Mapping) -> Interaction:
    return c.uri_interaction(doc, index, item, "interactions", lambda message, what, is_response: message_body(doc, message, what, is_response))


def message_body(doc: Document, message: Mapping, what: str, is_response: bool) -> Body:
    node = message.get("body")
    if node is None and is_response:
        node = message.get("content")  # old httpx recordings
    return _body(doc, node, what, message.get("parsed_body"))


def _body(doc: Document, node: Node | None, what: str, structured: Node | None = None) -> Body:
    """A string, null, !!binary, or `{string: ...}` holding one of those; or pydantic-ai's
    `parsed_body`, the JSON body stored as YAML data."""
    if node is None:
        return Body(None, structured=structured)
    return c.text_body(doc, node, what)
