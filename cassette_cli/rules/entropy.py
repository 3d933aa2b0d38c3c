"""The opt-in high-entropy rule (``--entropy``; detect-secrets' approach).

A base64 (or base64url) string of 20+ characters whose Shannon entropy is at least 4.5
bits per character, or a hex string of 32+ characters at 3.0 or more (detect-secrets'
default limits), is taken for a secret when it stands alone: a whole header value (or a
token in one), a whole query value, a whole JSON string value. Values where an id, a
hash or a digest belongs are left: headers like ETag and X-Request-Id, and JSON keys like
``id``, ``*_id``, ``hash``, ``etag``, ``digest``, ``cursor``. Off by default: it has
noise, measured on the corpus in the README."""

from __future__ import annotations

import math
import re
from collections import Counter

from .finding import Finding
from .keys import normalize_key
from .rule import HEADER, Rule

__all__ = ["ENTROPY_RULE", "entropy", "entropy_header_findings", "high_entropy", "non_secret_header", "non_secret_key"]

ENTROPY_RULE = Rule(
    "high-entropy",
    "high-entropy base64 or hex strings standing alone in header, query and JSON string values (opt-in: --entropy)",
    HEADER,
    fires=("X-Session: q8Zt3Lk9Vw2Xs7Rb4Nm6Pc1Hd5Gf0Ja8Ke",),
    quiet=(
        "X-Session: this is plain text",
        "X-Session: 3f2a9c1e-7b4d-4e8a-9f6c-2d1b0a9e8c7f",
        "X-Session: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "ETag: q8Zt3Lk9Vw2Xs7Rb4Nm6Pc1Hd5Gf0Ja8Ke",
        "X-Request-Id: q8Zt3Lk9Vw2Xs7Rb4Nm6Pc1Hd5Gf0Ja8Ke",
    ),
    default=False,
)

BASE64_LIMIT = 4.5
HEX_LIMIT = 3.0
_BASE64_RE = re.compile(r"[A-Za-z0-9+/_-]{20,}={0,2}\Z")
_HEX_RE = re.compile(r"[0-9a-fA-F]{32,}\Z")
_TOKEN_RE = re.compile(r"[A-Za-z0-9+/_-]{20,}={0,2}")

_NON_SECRET_KEYS = frozenset(
    normalize_key(k)
    for k in (
        "id", "ids", "uuid", "guid", "hash", "sha", "sha1", "sha256", "md5", "etag", "digest", "checksum", "crc32c",
        "cursor", "next_cursor", "after", "before", "page_token", "next_page_token", "nonce", "object", "model",
        "fingerprint", "system_fingerprint", "name", "type", "version", "revision", "commit", "ref", "url", "path",
        "key_id", "kid", "encrypted_content", "data", "b64_json", "image", "content", "text", "logprobs", "embedding",
        # opaque blobs LLM APIs hand back to be sent again: not credentials
        "encrypted_index", "signature", "thought_signature", "public_key",
    )
)
_NON_SECRET_HEADERS = frozenset(
    (
        "etag", "date", "last-modified", "expires", "traceparent", "tracestate", "cf-ray", "x-cloud-trace-context",
        "x-amz-id-2", "x-goog-hash", "x-guploader-uploadid", "content-md5", "content-digest", "digest", "link",
        "location", "content-location", "x-amz-cf-id", "x-served-by", "via", "user-agent", "vary", "server",
    )
)


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values()) if n else 0.0


def high_entropy(value: str) -> bool:
    """A standalone base64 or hex string over the limits (see the module docstring)."""
    if len(value) < 20:
        return False
    if _HEX_RE.match(value):
        return entropy(value) >= HEX_LIMIT
    if _BASE64_RE.match(value) is None or value.isalpha() or value.isdigit():
        return False
    return entropy(value) >= BASE64_LIMIT


def non_secret_key(key: str) -> bool:
    """A JSON key where an id, a hash or a digest belongs."""
    name = normalize_key(key)
    return name in _NON_SECRET_KEYS or name.endswith(("id", "ids", "hash", "digest", "etag", "checksum", "fingerprint", "cursor", "signature256"))


def non_secret_header(name: str) -> bool:
    lname = name.strip().lower()
    return lname in _NON_SECRET_HEADERS or lname.startswith(("content-", "access-control-")) or lname.endswith(("-id", "request-id", "requestid", "-trace", "-hash", "-digest", "-version", "-sha256"))


def entropy_header_findings(name: str, value: str, new: str) -> list[Finding]:
    """The high-entropy tokens of a header value (none for headers that hold ids)."""
    if non_secret_header(name):
        return []
    return [
        Finding(ENTROPY_RULE.id, m.start(), m.end(), m.group(), f"high-entropy string in header {name.strip()}", new)
        for m in _TOKEN_RE.finditer(value)
        if high_entropy(m.group()) and (m.start() == 0 or not value[m.start() - 1].isalnum()) and (m.end() == len(value) or not value[m.end()].isalnum())
    ]
