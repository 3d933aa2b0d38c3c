"""What kind of body this is: the one place that decides how a body is read."""

from __future__ import annotations

from enum import Enum

from .media import AWS_EVENT_STREAM, EVENT_STREAM, FORM, NDJSON_TYPES, media_type
from .sniff import reads_as_event_stream, starts_like_aws_event_stream, starts_like_event_stream


class Kind(Enum):
    EVENT_STREAM = "event-stream"  # WHATWG server-sent events
    AWS_EVENT_STREAM = "aws-event-stream"  # binary frames (Bedrock)
    JSON = "json"
    NDJSON = "ndjson"  # one JSON document a line
    FORM = "form"  # application/x-www-form-urlencoded
    TEXT = "text"
    BINARY = "binary"  # not UTF-8


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


def declared_kind(content_type: str | None) -> Kind | None:
    """The kind the content type names; TEXT for any other type; None without one."""
    media = media_type(content_type)
    if media is None:
        return None
    if media == EVENT_STREAM:
        return Kind.EVENT_STREAM
    if media == AWS_EVENT_STREAM:
        return Kind.AWS_EVENT_STREAM
    if media in NDJSON_TYPES:
        return Kind.NDJSON
    if media == FORM:
        return Kind.FORM
    if _is_json(media):
        return Kind.JSON
    return Kind.TEXT


def kind_of(content_type: str | None, text: str | None, *, data: bytes | None = None, strict: bool = False) -> Kind:
    """The body's kind, from its content type first and, where that says nothing or may
    be wrong, from the body itself.

    In order: an AWS event-stream type, or ``data`` (pass the decoded bytes of a body
    stored as base64, the only kind that can hold binary frames) that starts with a
    valid frame, is AWS_EVENT_STREAM; ``text`` None (not UTF-8) is BINARY; an
    event-stream type is EVENT_STREAM. Then the text is sniffed: with ``strict``
    (``show --decode-sse``, which decodes and shows what it finds) whatever the
    content type, and only :func:`~.sniff.reads_as_event_stream` counts; otherwise
    (redaction) only when there is no content type, and a first line that
    :func:`~.sniff.starts_like_event_stream` is enough. Then the declared kind
    (NDJSON, FORM, JSON, TEXT), TEXT without a content type. JSON is never guessed
    here: a body that parses as JSON is read as JSON by whoever parses it.
    """
    declared = declared_kind(content_type)
    if declared is Kind.AWS_EVENT_STREAM or (data is not None and starts_like_aws_event_stream(data)):
        return Kind.AWS_EVENT_STREAM
    if text is None:
        return Kind.BINARY
    if declared is Kind.EVENT_STREAM:
        return Kind.EVENT_STREAM
    if strict:
        if reads_as_event_stream(text):
            return Kind.EVENT_STREAM
    elif declared is None and starts_like_event_stream(text):
        return Kind.EVENT_STREAM
    return declared or Kind.TEXT
