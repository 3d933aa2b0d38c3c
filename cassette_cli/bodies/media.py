"""The media-type parse, and the media types the tool reads in a particular way."""

from __future__ import annotations

EVENT_STREAM = "text/event-stream"
AWS_EVENT_STREAM = "application/vnd.amazon.eventstream"
FORM = "application/x-www-form-urlencoded"
NDJSON_TYPES = frozenset(
    {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"}
)


def media_type(content_type: str | None) -> str | None:
    """The media type of a Content-Type value, lower-cased and without parameters
    (``"Text/Event-Stream; charset=utf-8"`` -> ``"text/event-stream"``); None when
    there is none."""
    if content_type is None:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None
