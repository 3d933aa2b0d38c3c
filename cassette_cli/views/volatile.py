"""What changes every time a cassette is re-recorded without the answer changing: the
one place `cassette diff` and `cassette textconv` take their defaults from.

Names are compared in lower case. A header is volatile when its name is in
VOLATILE_HEADERS or starts with one of VOLATILE_HEADER_PREFIXES; a JSON field of a
response body (at any depth) when its key is in VOLATILE_JSON_FIELDS; a query
parameter when its name is in VOLATILE_QUERY (those are left out when requests are
aligned and compared)."""

from __future__ import annotations

import re

VOLATILE_HEADERS = frozenset(
    {
        "date",
        "age",
        "expires",
        "last-modified",
        "etag",
        "content-length",  # follows the body, whose change is reported itself
        "host",  # the URL's, already compared
        "connection",  # hop-by-hop (RFC 9110 7.6.1): how the client talked, not what
        "keep-alive",
        "transfer-encoding",
        "proxy-connection",
        "x-request-id",
        "request-id",
        "x-amzn-requestid",
        "x-amz-request-id",
        "x-amz-id-2",
        "x-amzn-trace-id",
        "x-amz-date",
        "x-amz-security-token",
        "x-correlation-id",
        "x-cloud-trace-context",
        "x-github-request-id",
        "x-served-by",
        "x-timer",
        "x-cache",
        "x-cache-hits",
        "cf-ray",
        "cf-cache-status",
        "server-timing",
        "openai-processing-ms",
        "x-envoy-upstream-service-time",
        "x-response-time",
        "x-runtime",
        "via",
        "report-to",
        "nel",
        "alt-svc",
        "traceparent",
        "tracestate",
        "user-agent",
        "x-stainless-retry-count",
        "x-stainless-read-timeout",
        "x-stainless-timeout",
    }
)
VOLATILE_HEADER_PREFIXES = ("x-ratelimit-", "ratelimit-", "anthropic-ratelimit-", "x-rate-limit-", "x-goog-", "x-amzn-bedrock-", "x-datadog-", "x-b3-")

# Set-Cookie attributes that change at every recording; the cookie itself still counts.
SET_COOKIE_VOLATILE = ("expires", "max-age")

VOLATILE_JSON_FIELDS = frozenset(
    {
        "id",  # chatcmpl-..., msg_..., resp_... (tool-call ids too)
        "created",
        "created_at",
        "system_fingerprint",
        "responseid",  # Gemini
        "request_id",
        "requestid",
        "service_tier",
        "obfuscation",  # OpenAI's padding of stream chunks
        "x_groq",
    }
)

VOLATILE_QUERY = frozenset({"_", "t", "ts", "timestamp", "nonce", "cb", "cachebuster", "x-amz-date", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "signature", "sig"})


def is_volatile_header(name: str, extra: frozenset[str] = frozenset()) -> bool:
    lowered = name.lower()
    return lowered in VOLATILE_HEADERS or lowered in extra or lowered.startswith(VOLATILE_HEADER_PREFIXES)


def is_volatile_field(key: str) -> bool:
    return key.lower() in VOLATILE_JSON_FIELDS


_COOKIE_ATTR = re.compile(r";\s*(" + "|".join(SET_COOKIE_VOLATILE) + r")=[^;]*", re.IGNORECASE)


def stable_set_cookie(value: str) -> str:
    """A Set-Cookie value without its expiry (Expires=..., Max-Age=...)."""
    return _COOKIE_ATTR.sub("", value)
