"""HAR 1.2 (W3C draft "HTTP Archive (HAR) format", Jan Odvarko's spec, version 1.2),
as browsers' DevTools, Insomnia, mitmproxy and Polly.js write it.

- **Layout.** JSON `{"log": {"version": "1.2", "creator": {name, version}, "pages"?,
  "entries": [...]}}`; each entry one request and its response. Polly.js
  (`@pollyjs/persister`, `recording.har`) writes the same with `creator.name:
  "Polly.JS"`, entries carrying `_id` and `_order`; its flat-fs persister writes
  2-space indented JSON. A file may start with a BOM (mitmproxy's with-bom.har).
- **Request.** `method`, `url` (with its query), `httpVersion`, `headers` and `cookies`
  as lists of `{name, value}`, `queryString` (the URL's parameters again, decoded),
  `postData {mimeType, text}` or `postData {mimeType, params: [{name, value}]}` for
  forms, `headersSize`, `bodySize` (-1 when unknown).
- **Response.** `status` (a number), `statusText`, `headers`, `cookies`, `content
  {size, mimeType, text, encoding}`: `text` is the body as received, decoded from its
  Content-Encoding; `encoding: "base64"` marks binary text stored as base64 (Chrome
  writes it for many bodies, text too); its `mimeType` stands in for a missing
  Content-Type header. `redirectURL`.
- **Timing.** `time` (ms, the total) and `timings {blocked, dns, connect, send, wait,
  receive, ssl}`, -1 for phases that do not apply; `startedDateTime` ISO 8601. A
  `time` of 0 is read as not recorded (what `cassette export --har` writes then).
- **Secrets.** Beside the headers: `queryString` and `postData.params` values (read
  like go-vcr's form: redacted by key name) and `cookies` values (redacted like the
  Cookie / Set-Cookie header values they repeat).
"""

from __future__ import annotations

from ..document import Document, Mapping, Node, Scalar, Sequence
from ..model import Body, Header, Interaction, Request, Response
from . import common as c


def is_har(root: Mapping) -> bool:
    log = root.get("log")
    return type(log) is Mapping and "entries" in log.map


def format_of(root: Mapping) -> str:
    log = root.get("log")
    creator = log.get("creator") if type(log) is Mapping else None
    name = creator.get("name") if type(creator) is Mapping else None
    return "polly" if type(name) is Scalar and name.value.lower().startswith("polly") else "har"


def entries(doc: Document, root: Mapping) -> Sequence:
    log = c.mapping(doc, root.get("log"), "log")
    return c.sequence(doc, log.get("entries"), "log.entries", at=log)


def read_interactions(doc: Document, items: Sequence) -> list[Interaction]:
    return [read_entry(doc, index, c.mapping(doc, item, f"log.entries[{index}]")) for index, item in enumerate(items.items)]


def read_entry(doc: Document, index: int, entry: Mapping) -> Interaction:
    where = f"log.entries[{index}]"
    request = c.mapping(doc, entry.get("request"), f"{where}.request", at=entry)
    response = c.mapping(doc, entry.get("response"), f"{where}.response", at=entry)
    url = c.scalar(doc, request.get("url"), f"{where}.request.url", at=request)
    method = c.optional_scalar(doc, request.get("method"), f"{where}.request.method")
    post = request.get("postData")
    form = pairs(doc, request.get("queryString"), f"{where}.request.queryString")
    body = Body(None)
    if type(post) is Mapping:
        form += pairs(doc, post.get("params"), f"{where}.request.postData.params")
        body = _text(doc, post, f"{where}.request.postData")
    content = response.get("content")
    reason = c.optional_scalar(doc, response.get("statusText"), f"{where}.response.statusText")
    time = entry.get("time")
    return Interaction(
        index=index,
        node=entry,
        request=Request(
            node=request,
            method=(c.text(method) or "GET").upper(),
            url=url.value,
            url_nodes=[url],
            headers=pairs(doc, request.get("headers"), f"{where}.request.headers"),
            body=body,
            form=form,
            cookies=pairs(doc, request.get("cookies"), f"{where}.request.cookies"),
        ),
        response=Response(
            node=response,
            status=c.as_int(response.get("status")),
            reason=c.text(reason) or None,
            headers=pairs(doc, response.get("headers"), f"{where}.response.headers"),
            body=_text(doc, content, f"{where}.response.content") if type(content) is Mapping else Body(None),
            duration_ms=_number(time),
            cookies=pairs(doc, response.get("cookies"), f"{where}.response.cookies"),
            mime_type=_mime_type(content),
        ),
    )


def pairs(doc: Document, node: Node | None, what: str) -> list[Header]:
    """HAR's `[{name, value}]` lists (headers, cookies, queryString, params): one Header
    per entry, its one value the `value` scalar."""
    if node is None or (type(node) is Scalar and node.is_null):
        return []
    result: list[Header] = []
    for i, item in enumerate(c.sequence(doc, node, what).items):
        entry = c.mapping(doc, item, f"{what}[{i}]")
        name = c.scalar(doc, entry.get("name"), f"{what}[{i}].name", at=entry)
        value = c.optional_scalar(doc, entry.get("value"), f"{what}[{i}].value")
        result.append(Header(name.value, name, [] if value is None or value.is_null else [value], entry))
    return result


def _text(doc: Document, holder: Mapping, what: str) -> Body:
    node = c.optional_scalar(doc, holder.get("text"), f"{what}.text")
    if node is None:
        return Body(None)
    encoding = holder.get("encoding")
    return Body(node, base64=type(encoding) is Scalar and encoding.value.lower() == "base64")


def _mime_type(content: Node | None) -> str | None:
    """`content.mimeType`: the type when the headers give none (DevTools leaves them out
    for cached responses)."""
    node = content.get("mimeType") if type(content) is Mapping else None
    return node.value if type(node) is Scalar and not node.is_null and node.value else None


def _number(node: Node | None) -> float | None:
    if type(node) is not Scalar or node.is_null:
        return None
    try:
        value = float(node.value)
    except ValueError:
        return None
    return value if value > 0 else None  # 0: not recorded (no real exchange takes no time)
