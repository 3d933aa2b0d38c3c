"""Small cassettes in every format for the `cassette check` table tests, and where a value
sits in them, told by PyYAML (an independent parser) rather than by the tool itself.

An interaction is a dict: method, url, req_headers, req_body (str | None), status,
reason, res_headers, res_body (str | bytes), recorded_at (Ruby VCR only)."""

from __future__ import annotations

import base64
import json
from typing import Any

import yaml

FORMATS = ("go-vcr-v1", "go-vcr-v2", "go-vcr-v4", "vcrpy-yaml", "vcrpy-json", "ruby-yaml", "ruby-json")
BINARY_FORMATS = ("go-vcr-v1", "go-vcr-v2", "go-vcr-v4", "vcrpy-yaml", "ruby-yaml", "ruby-json")  # can store bytes


def item(**given: Any) -> dict[str, Any]:
    base = {"method": "GET", "url": "https://api.example.com/v1/items", "req_headers": {}, "req_body": None, "status": 200, "reason": "OK", "res_headers": {"Content-Type": "application/json"}, "res_body": '{"ok": true}', "recorded_at": "Tue, 01 Dec 2026 10:00:00 GMT"}
    base.update(given)
    return base


class _IndentedLists(yaml.SafeDumper):
    """yaml.v3's look: lists indented under their key, 4 spaces."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _headers(h: dict[str, str]) -> dict[str, list[str]]:
    return {k: [v] for k, v in h.items()}


def _go(items: list[dict[str, Any]], version: int) -> dict[str, Any]:
    out = []
    for n, i in enumerate(items):
        request = {"body": i["req_body"] or "", "form": {}, "headers": _headers(i["req_headers"]), "url": i["url"], "method": i["method"]}
        response = {"body": i["res_body"], "headers": _headers(i["res_headers"]), "status": f"{i['status']} {i['reason']}", "code": i["status"], "duration": "12.5ms"}
        if version == 2:
            request = {"proto": "HTTP/1.1", "content_length": len(i["req_body"] or ""), **request}
            response = {"proto": "HTTP/1.1", "content_length": -1, "uncompressed": False, **response}
            out.append({"id": n, "request": request, "response": response})
        else:
            out.append({"request": request, "response": response})
    return {"version": version, "interactions": out}


def _vcrpy(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "interactions": [
            {
                "request": {"body": i["req_body"], "headers": _headers(i["req_headers"]), "method": i["method"], "uri": i["url"]},
                "response": {"body": {"string": i["res_body"]}, "headers": _headers(i["res_headers"]), "status": {"code": i["status"], "message": i["reason"]}},
            }
            for i in items
        ],
        "version": 1,
    }


def _ruby(items: list[dict[str, Any]]) -> dict[str, Any]:
    def body(value: str | bytes | None) -> dict[str, str]:
        if isinstance(value, bytes):
            return {"encoding": "ASCII-8BIT", "base64_string": base64.b64encode(value).decode()}
        return {"encoding": "UTF-8", "string": value or ""}

    return {
        "http_interactions": [
            {
                "request": {"method": i["method"].lower(), "uri": i["url"], "body": body(i["req_body"]), "headers": _headers(i["req_headers"])},
                "response": {"status": {"code": i["status"], "message": i["reason"]}, "headers": _headers(i["res_headers"]), "body": body(i["res_body"]), "http_version": "1.1"},
                "recorded_at": i["recorded_at"],
            }
            for i in items
        ],
        "recorded_with": "VCR 6.3.1",
    }


def build(fmt: str, items: list[dict[str, Any]]) -> str:
    if fmt == "go-vcr-v1":
        return yaml.safe_dump(_go(items, 1), sort_keys=False, allow_unicode=True)
    if fmt == "go-vcr-v2":
        return "---\n" + yaml.safe_dump(_go(items, 2), sort_keys=False, allow_unicode=True)
    if fmt == "go-vcr-v4":
        return "---\n" + yaml.dump(_go(items, 2), Dumper=_IndentedLists, indent=4, sort_keys=False, allow_unicode=True)
    if fmt == "vcrpy-yaml":
        return yaml.safe_dump(_vcrpy(items), sort_keys=True)
    if fmt == "vcrpy-json":
        return json.dumps(_vcrpy(items), indent=2)
    if fmt == "ruby-yaml":
        return "---\n" + yaml.safe_dump(_ruby(items), sort_keys=False, allow_unicode=True)
    if fmt == "ruby-json":
        return json.dumps(_ruby(items))
    raise ValueError(fmt)


def _path(fmt: str, index: int, place: str) -> list[str | int]:
    go, ruby = fmt.startswith("go-vcr"), fmt.startswith("ruby")
    top: list[str | int] = ["http_interactions" if ruby else "interactions", index]
    if place == "status":
        return top + (["response", "code"] if go else ["response", "status", "code"])
    if place == "url":
        return top + ["request", "url" if go else "uri"]
    if place == "req_body":
        return top + (["request", "body"] if go or fmt.startswith("vcrpy") else ["request", "body", "string"])
    if place.startswith("res_body"):
        if go:
            return top + ["response", "body"]
        return top + ["response", "body", "base64_string" if place == "res_body:base64" and ruby else "string"]
    if place == "recorded_at":
        return top + ["recorded_at"]
    side, _, name = place.partition(":")
    return top + ["request" if side == "req_header" else "response", "headers", name, 0]


def place(text: str, fmt: str, index: int, where: str, inner: str | None = None) -> tuple[int, int]:
    """(line, column), 1-based, of a value in the file: its scalar's start, or, with
    `inner`, where that text starts inside a value written verbatim on one line."""
    node = yaml.compose(text)
    for key in _path(fmt, index, where):
        if isinstance(key, int):
            node = node.value[key]
        else:
            node = next(v for k, v in node.value if k.value == key)
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if inner is None:
        return line, column
    source = text[node.start_mark.index : node.end_mark.index]
    quote = 1 if node.style in ("'", '"') else 0
    if source == ("'" * quote if node.style == "'" else '"' * quote) + node.value + ("'" * quote if node.style == "'" else '"' * quote) and "\n" not in source:
        return line, column + quote + node.value.index(inner)
    return line, column
