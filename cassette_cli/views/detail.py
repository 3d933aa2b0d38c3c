"""What `cassette show --json` reports about one interaction. Pure: never prints.

Built from the masked interaction only (cassette_cli.mask): every value in it has been
through the configured redaction policy already."""

from __future__ import annotations

from typing import Any

from ..mask import MaskedBody, MaskedInteraction, MaskedStream


def to_json(item: MaskedInteraction, decode_sse: bool) -> dict[str, Any]:
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


def _body_json(body: MaskedBody) -> dict[str, Any]:
    if body.binary:
        return {"body": None, "body_bytes": body.size}
    return {"body": None if body.absent else body.text}


def _stream_json(decoded: MaskedStream | None) -> dict[str, Any] | None:
    if decoded is None:
        return None
    stream, asm = decoded.stream, decoded.assembly
    warnings = list(asm.warnings)
    if decoded.reason:
        warnings.insert(0, decoded.reason)
    return {
        "kind": asm.kind,
        "events": [{"index": e.index, "event": e.event, "id": e.id, "data": e.data} for e in stream.events],
        "comments": [c.text for c in stream.comments],
        "retry": stream.retry,
        "text": asm.text,
        "reasoning": asm.reasoning,
        "tool_calls": [{"id": t.id, "name": t.name, "arguments": t.arguments} for t in asm.tool_calls],
        "finish_reason": asm.finish_reason,
        "usage": asm.usage,
        "warnings": warnings,
    }
