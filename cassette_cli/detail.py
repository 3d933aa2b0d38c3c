"""What `cassette show` reports about one interaction. Pure: never prints.

Secrets are masked here, before anything reaches a renderer or the JSON output: header
values, URLs and bodies go through the redaction rules and each secret found is replaced
by a short preview (its first characters and its length)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from .assemble import Assembly, assemble
from .model import AWS_EVENT_STREAM, EVENT_STREAM, Body, Cassette, Header, Interaction, media_type, scalar_text
from .redact.mask import mask_body, mask_header, mask_text, mask_url
from .sse import EventStream, looks_like_event_stream, parse_event_stream


@dataclass
class DecodedStream:
    stream: EventStream
    assembly: Assembly
    reason: str | None = None  # why a body without an event-stream content type was decoded


@dataclass
class BodyView:
    text: str | None  # decoded text, secrets masked; None when binary or absent
    size: int  # decoded bytes
    absent: bool
    binary: bool
    notes: list[str] = field(default_factory=list)  # "gzip-compressed, shown inflated", ...
    stored: str | None = None  # the scalar exactly as stored (for --raw), secrets masked
    sha256: str | None = None


@dataclass
class MessageView:
    headers: list[tuple[str, list[str]]]
    body: BodyView
    content_type: str | None


@dataclass
class InteractionView:
    file: str
    format: str
    index: int
    method: str
    url: str
    status: int | None
    reason: str | None
    duration_ms: float | None
    request: MessageView
    response: MessageView
    stream: DecodedStream | None


def view(cassette: Cassette, interaction: Interaction, decode_sse: bool, raw: bool = False) -> InteractionView:
    """What `show` reports; with `raw`, each body as stored too (masked)."""
    request, response = interaction.request, interaction.response
    stream = decode_stream(response.body, response.content_type) if decode_sse else None
    return InteractionView(
        file=cassette.path,
        format=cassette.format,
        index=interaction.index,
        method=request.method,
        url=mask_url(request.url),
        status=response.status,
        reason=response.reason,
        duration_ms=response.duration_ms,
        request=MessageView(_headers(request.headers), _body(request.body, request.header("content-type"), raw), request.header("content-type")),
        response=MessageView(_headers(response.headers), _body(response.body, response.content_type, raw), response.content_type),
        stream=stream,
    )


def _headers(headers: list[Header]) -> list[tuple[str, list[str]]]:
    return [(h.name, [mask_header(h.name, scalar_text(v)) for v in h.values]) for h in headers]


def _body(body: Body, content_type: str | None, raw: bool) -> BodyView:
    import hashlib

    absent = body.node is None and body.structured is None or (body.node is not None and body.node.is_null)
    notes: list[str] = []
    if body.gzipped:
        notes.append("gzip-compressed in the cassette, shown inflated")
    elif body.base64:
        notes.append("stored as base64, shown decoded")
    if body.structured is not None:
        notes.append("stored as YAML data (parsed_body), shown as JSON")
    text = body.text
    binary = text is None
    masked = None if text is None else mask_body(text, content_type)
    stored = None
    if raw and body.node is not None and not body.node.is_null:
        if not body.base64:
            stored = masked  # the text is the stored value itself
        elif masked is not None and masked != text:
            # the stored base64 holds a secret: show it encoded again from the masked body
            stored = base64.encodebytes(body.reencode(masked.encode("utf-8"))).decode("ascii")
            notes.append("stored as base64 with secrets inside: re-encoded here after masking them")
        else:
            stored = body.node.value
    return BodyView(
        text=masked,
        size=body.size,
        absent=absent,
        binary=binary,
        notes=notes,
        stored=stored,
        sha256=hashlib.sha256(body.data).hexdigest() if binary else None,
    )


def decode_stream(body: Body, content_type: str | None) -> DecodedStream | None:
    """The event stream in a response body, or None when it holds none."""
    kind = media_type(content_type)
    if kind == AWS_EVENT_STREAM or (body.base64 and _aws_frames(body.data)):
        from .eventstream import EventStreamError, bedrock_to_event_stream

        try:
            stream = bedrock_to_event_stream(body.data)
        except EventStreamError as exc:
            stream = EventStream()
            assembly = assemble(stream, "bedrock")
            assembly.warnings.append(f"cannot decode the AWS event stream: {exc}")
            return DecodedStream(stream, assembly)
        reason = None if kind == AWS_EVENT_STREAM else f"content type is {content_type or 'missing'}, but the body is an AWS event stream"
        return DecodedStream(stream, assemble(stream, "bedrock"), reason)
    text = body.text
    if text is None:
        return None
    if kind == EVENT_STREAM:
        stream = parse_event_stream(text)
        return DecodedStream(stream, assemble(stream))
    if looks_like_event_stream(text):
        stream = parse_event_stream(text)
        return DecodedStream(stream, assemble(stream), f"content type is {content_type or 'missing'}, but the body parses as an event stream")
    return None


def _aws_frames(data: bytes) -> bool:
    from .eventstream import looks_like_aws_eventstream

    return looks_like_aws_eventstream(data)


def to_json(item: InteractionView, decode_sse: bool) -> dict[str, Any]:
    return {
        "file": item.file,
        "format": item.format,
        "index": item.index,
        "request": {
            "method": item.method,
            "url": item.url,
            "headers": dict(item.request.headers),
            **_body_json(item.request.body),
        },
        "response": {
            "status": item.status,
            "headers": dict(item.response.headers),
            **_body_json(item.response.body),
            **({"sse": _stream_json(item.stream)} if decode_sse else {}),
        },
    }


def _body_json(body: BodyView) -> dict[str, Any]:
    if body.binary:
        return {"body": None, "body_bytes": body.size}
    return {"body": None if body.absent else body.text}


def _stream_json(decoded: DecodedStream | None) -> dict[str, Any] | None:
    if decoded is None:
        return None
    stream, asm = decoded.stream, decoded.assembly
    warnings = list(asm.warnings)
    if decoded.reason:
        warnings.insert(0, decoded.reason)
    return {
        "kind": asm.kind,
        "events": [{"index": e.index, "event": e.event, "id": e.id, "data": mask_text(e.data)} for e in stream.events],
        "comments": [c.text for c in stream.comments],
        "retry": stream.retry,
        "text": mask_text(asm.text),
        "reasoning": None if asm.reasoning is None else mask_text(asm.reasoning),
        "tool_calls": [{"id": t.id, "name": t.name, "arguments": mask_text(t.arguments)} for t in asm.tool_calls],
        "finish_reason": asm.finish_reason,
        "usage": asm.usage,
        "warnings": warnings,
    }
