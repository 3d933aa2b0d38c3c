"""How a body is read: its media type, its encodings (gzip, base64), and its kind.

Every caller that needs to know what a body is asks here (:func:`kind_of`,
:func:`declared_kind`) instead of testing content types itself. Nothing here imports
the model: the functions take the content type, the text and the bytes.
"""

from .kind import Kind, declared_kind, kind_of
from .media import AWS_EVENT_STREAM, EVENT_STREAM, FORM, NDJSON_TYPES, media_type

__all__ = [
    "AWS_EVENT_STREAM",
    "EVENT_STREAM",
    "FORM",
    "NDJSON_TYPES",
    "Kind",
    "declared_kind",
    "kind_of",
    "media_type",
]
