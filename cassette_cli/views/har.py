"""HAR 1.2 of masked interactions (`cassette export --har`): what browser DevTools, HAR
viewers and mitmproxy open. Pure: returns plain data, never prints.

Built from MaskedInteraction only, so every value is masked as every other view has it.
What HAR 1.2 wants that a cassette does not record is written as the spec allows:
`startedDateTime` the epoch (cassettes keep no start time), `headersSize` -1, `timings`
with `wait` the recorded duration (go-vcr's `duration`, HAR's `time`) and 0 for `send`
and `receive`, or all 0 when none was recorded (formats/har.py reads a `time` of 0 as
not recorded). Bodies are the decoded text
(`content.text` is the body after its Content-Encoding is undone, as HAR has it); event
streams stay their text; a binary body is left out, its size and SHA-256 in the
content's `comment`."""

from __future__ import annotations

from typing import Iterable
from urllib.parse import parse_qsl, urlsplit

from ..mask import MaskedBody, MaskedInteraction

EPOCH = "1970-01-01T00:00:00.000Z"


def har_log(items: Iterable[MaskedInteraction], version: str) -> dict[str, object]:
    """`{"log": {...}}` with one entry per interaction, in the order given."""
    return {"log": {"version": "1.2", "creator": {"name": "cassette", "version": version}, "entries": [entry(item) for item in items]}}


def entry(item: MaskedInteraction) -> dict[str, object]:
    duration = item.duration_ms
    wait = round(duration, 6) if duration is not None and duration >= 0 else 0
    return {
        "startedDateTime": EPOCH,
        "time": wait,
        "request": _request(item),
        "response": _response(item),
        "cache": {},
        "timings": {"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": wait, "receive": 0},
        "comment": f"{item.file} #{item.index} ({item.format})" + ("" if duration is not None else "; no duration recorded"),
    }


def _pairs(headers: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, values in headers for value in values]


def _request(item: MaskedInteraction) -> dict[str, object]:
    message = item.request
    url = item.url
    request: dict[str, object] = {
        "method": item.method,
        "url": url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": _pairs(message.headers),
        "queryString": [{"name": k, "value": v} for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True)],
        "headersSize": -1,
        "bodySize": _size(message.body),
    }
    body = message.body
    if not body.absent and body.size:
        post: dict[str, object] = {"mimeType": message.content_type or "", "text": body.text if body.text is not None else ""}
        if body.text is None:
            post["comment"] = _left_out(body)
        request["postData"] = post
    return request


def _response(item: MaskedInteraction) -> dict[str, object]:
    message = item.response
    body = message.body
    content: dict[str, object] = {"size": _size(body), "mimeType": message.content_type or ""}
    if body.text is not None and not body.absent:
        content["text"] = body.text
    elif body.text is None:
        content["comment"] = _left_out(body)
    location = next((v[0] for name, v in message.headers if name.lower() == "location" and v), "")
    return {
        "status": item.status if item.status is not None else 0,
        "statusText": item.reason or "",
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": _pairs(message.headers),
        "content": content,
        "redirectURL": location,
        "headersSize": -1,
        "bodySize": _size(body),
    }


def _size(body: MaskedBody) -> int:
    """The bytes of the body as exported (masked text is shorter than the recorded one)."""
    if body.absent:
        return 0
    return len(body.text.encode("utf-8", "surrogatepass")) if body.text is not None else body.size


def _left_out(body: MaskedBody) -> str:
    return f"binary body left out: {body.size} bytes, sha256 {body.sha256}"
