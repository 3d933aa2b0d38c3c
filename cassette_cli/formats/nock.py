"""nock recordings (Node.js): `nock.recorder.rec({output_objects: true})` and nock
back's fixture files, `JSON.stringify(definitions, null, 2)` of its definitions.

- **Layout.** A JSON list at the top, one object per interaction: `scope` (scheme,
  host and port: `https://api.github.com:443`), `method`, `path` (with the query),
  `body` (the request body: a string, or the JSON it held, parsed), `status` (a
  number), `response` (a string, the parsed JSON, or with `responseIsBinary: true` the
  bytes as hex), `rawHeaders` (the response headers as Node's flat `[name, value,
  name, value, ...]` list; older nock versions and hand-made fixtures write a
  `headers` object instead), `reqheaders` (request headers, only when recorded with
  `enable_reqheaders_recording`).
- **URL.** `scope` + `path`: both are scanned for secrets in place (a `?key=` sits in
  the path).
- **Bodies as JSON data.** A parsed body is read like pydantic-ai's `parsed_body`:
  its values are scanned by key and shape, shown as JSON.
- **Not read.** Binary responses stay hex text; `responseIsBinary` is noted in `show`
  only as the body's text.
"""

from __future__ import annotations

from ..document import Document, Mapping, Node, Scalar, Sequence
from ..model import Body, Header, Interaction, Request, Response
from . import common as c


def is_nock(first: Mapping) -> bool:
    return "scope" in first.map and ("path" in first.map or "method" in first.map)


def read_interactions(doc: Document, items: Sequence) -> list[Interaction]:
    return [read_definition(doc, index, c.mapping(doc, item, f"[{index}]")) for index, item in enumerate(items.items)]


def read_definition(doc: Document, index: int, item: Mapping) -> Interaction:
    where = f"[{index}]"
    scope = c.scalar(doc, item.get("scope"), f"{where}.scope", at=item)
    path = c.optional_scalar(doc, item.get("path"), f"{where}.path")
    method = c.optional_scalar(doc, item.get("method"), f"{where}.method")
    url_nodes = [scope] + ([path] if path is not None and not path.is_null else [])
    response_headers = raw_headers(doc, item.get("rawHeaders"), f"{where}.rawHeaders") if "rawHeaders" in item.map else c.headers(doc, item.get("headers"), f"{where}.headers")
    return Interaction(
        index=index,
        node=item,
        request=Request(
            node=item,
            method=(c.text(method) or "GET").upper(),
            url=scope.value.rstrip("/") + (c.text(path) or ""),
            url_nodes=url_nodes,
            headers=c.headers(doc, item.get("reqheaders"), f"{where}.reqheaders"),
            body=_body(item.get("body")),
        ),
        response=Response(
            node=item,
            status=c.as_int(item.get("status")) or 200,  # nock's default reply
            reason=None,
            headers=response_headers,
            body=_body(item.get("response")),
            duration_ms=None,
        ),
    )


def raw_headers(doc: Document, node: Node | None, what: str) -> list[Header]:
    """Node's flat `[name, value, ...]` list; an object is read like VCR's headers."""
    if type(node) is Mapping or node is None:
        return c.headers(doc, node, what)
    items = c.sequence(doc, node, what).items
    result: list[Header] = []
    for i in range(0, len(items) - 1, 2):
        name = c.scalar(doc, items[i], f"{what}[{i}]")
        value = c.scalar(doc, items[i + 1], f"{what}[{i + 1}]")
        result.append(Header(name.value, name, [value], node))
    return result


def _body(node: Node | None) -> Body:
    if node is None:
        return Body(None)
    if type(node) is Scalar:
        return Body(node)
    return Body(None, structured=node)
