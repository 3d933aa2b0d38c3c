"""`cassette textconv`: a cassette as stable, decoded, masked text, for `git diff`.
Pure: yields lines, never prints.

Made from masked interactions only (cassette_cli.mask). One line per header (sorted by
name, volatile ones left out), JSON bodies pretty-printed with sorted keys (volatile
fields of responses left out), text bodies as they are, binary bodies by size and hash,
event streams as the message they assemble into (never their chunks). Nothing in it
depends on how the recorder wrote the file, so a re-recording that changed nothing
reads the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..mask import MaskedInteraction, MaskedMessage
from .compare import NOT_JSON, Options, json_value, stable_url
from .volatile import is_volatile_field, is_volatile_header, stable_set_cookie


def textconv_lines(items: list[MaskedInteraction], options: Options = Options()) -> Iterator[str]:
    for item in items:
        yield f"## {item.method} {stable_url(item.url, options)}"
        yield from _headers(">", item.request, options)
        yield from _body(item.request, options, response=False)
        yield f"< {item.status if item.status is not None else '-'}{' ' + item.reason if item.reason else ''}"
        yield from _headers("<", item.response, options)
        stream = item.stream
        if stream is not None:
            yield from _stream(stream, options)
        else:
            yield from _body(item.response, options, response=True)
        yield ""


def _headers(mark: str, message: MaskedMessage, options: Options) -> Iterator[str]:
    for name, values in sorted(message.headers, key=lambda h: h[0].lower()):
        if not options.all and is_volatile_header(name, options.ignore_headers):
            continue
        for value in values:
            if not options.all and name.lower() == "set-cookie":
                value = stable_set_cookie(value)
            yield f"{mark} {name.lower()}: {_one_line(value.strip())}"


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _body(message: MaskedMessage, options: Options, *, response: bool) -> Iterator[str]:
    body = message.body
    if body.binary:
        yield f"  (binary body: {body.size} bytes, sha256 {body.sha256})"
        return
    text = body.text or ""
    if not text:
        return
    value = json_value(text)
    if value is NOT_JSON:
        yield from ("  " + line for line in text.splitlines())
        return
    yield from _json_lines(_stable(value) if response and not options.all else value)


def _json_lines(value: Any) -> Iterator[str]:
    yield from ("  " + line for line in json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).splitlines())


def _stable(value: Any) -> Any:
    """A JSON value without its volatile fields, at any depth."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if not is_volatile_field(str(k))}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _stream(decoded: Any, options: Options) -> Iterator[str]:
    asm = decoded.assembly
    yield f"  stream: {asm.kind}" + (f", {len(decoded.stream.events)} events" if options.all else "")
    if asm.reasoning:
        yield "  reasoning:"
        yield from ("    " + line for line in asm.reasoning.splitlines())
    yield "  text:"
    yield from ("    " + line for line in asm.text.splitlines())
    for call in asm.tool_calls:
        yield f"  tool call {call.name}" + (f" {call.id}" if options.all and call.id else "") + ":"
        arguments = json_value(call.arguments) if call.arguments.strip() else {}
        if arguments is NOT_JSON:
            yield "    " + _one_line(call.arguments)
        else:
            yield from ("  " + line for line in _json_lines(arguments))
    yield f"  finish: {asm.finish_reason or '-'}"
    if asm.usage:
        yield "  usage: " + json.dumps(asm.usage, sort_keys=True, ensure_ascii=False)
    for warning in asm.warnings:
        yield f"  warning: {warning}"
