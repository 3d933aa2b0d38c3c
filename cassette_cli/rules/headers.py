"""The header rules: which headers hold credentials, and which part of each value is one.

Each rule is one :class:`Rule` naming the headers it covers by default and a function
giving the spans of a value to replace. The scanner (strings.redact_header) finds a
header's rule by its name and calls that function; it never asks for a rule by id."""

from __future__ import annotations

import re

from .rule import HEADER, Rule

__all__ = ["CUSTOM_HEADER", "DEFAULT_HEADERS", "HEADER_RULES", "RULE_OF_HEADER", "cookie_pair", "cookie_values", "first_cookie_value", "trimmed"]

Spans = list[tuple[int, int, "str | None"]]

_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9._-]*)(\s+)")
_AWS_SIGV4_PART_RE = re.compile(r"(?<![^\s,])(?:(Credential)=([^\s,/]+)|(Signature)=([^\s,]+))")
_SCHEME_WORDS = frozenset({"bearer", "basic", "token", "digest", "negotiate", "ntlm", "apikey", "aws4-hmac-sha256"})
_COOKIE_PAIR_RE = re.compile(r"([^=;,\s][^=;]*?)\s*=\s*([^;]*)")
_NAME_START_RE = re.compile(r"[^=;,\s]")


def trimmed(value: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of ``value`` without surrounding spaces and one pair of double quotes."""
    while start < end and value[start].isspace():
        start += 1
    while end > start and value[end - 1].isspace():
        end -= 1
    if end - start >= 2 and value[start] == '"' and value[end - 1] == '"':
        start, end = start + 1, end - 1
    return start, end


def whole_value(value: str) -> Spans:
    return [(*trimmed(value, 0, len(value)), None)]


def credentials_after_scheme(value: str) -> Spans:
    """The scheme word stays (``Bearer REDACTED``); for ``AWS4-HMAC-SHA256`` only the
    access key ID of ``Credential=`` (the scope stays) and the ``Signature=`` value."""
    scheme = _SCHEME_RE.match(value)
    if scheme and scheme.group(1).upper() == "AWS4-HMAC-SHA256":
        spans: Spans = []
        for m in _AWS_SIGV4_PART_RE.finditer(value, scheme.end()):
            group = 2 if m.group(1) else 4
            spans.append((m.start(group), m.end(group), m.group(group - 1)))
        return spans
    if scheme is None and value.strip().lower() in _SCHEME_WORDS:
        return []  # a scheme with no credentials (`Authorization: Bearer`): nothing to hide
    start = scheme.end() if scheme else 0
    return [(*trimmed(value, start, len(value)), None)]


def cookie_pair(value: str, start: int, end: int) -> re.Match[str] | None:
    """``_COOKIE_PAIR_RE.search(value, start, end)`` in linear time. A pair never crosses
    a ``;``, and in a stretch between two it starts at the first character that can start
    a name and has an ``=`` after it: the regex alone would try every position of a long
    stretch without one, each up to its end (260 s over a 1 MB value without ``=``)."""
    while start < end:
        semicolon = value.find(";", start, end)
        stretch_end = end if semicolon < 0 else semicolon
        last_equals = value.rfind("=", start, stretch_end)
        name = _NAME_START_RE.search(value, start, last_equals) if last_equals > start else None
        if name is not None:
            return _COOKIE_PAIR_RE.match(value, name.start(), end)
        start = stretch_end + 1
    return None


def cookie_values(value: str) -> Spans:
    """The value of every ``name=value`` pair."""
    spans: Spans = []
    at = 0
    while (m := cookie_pair(value, at, len(value))) is not None:
        spans.append((*trimmed(value, *m.span(2)), m.group(1).strip()))
        at = m.end()
    return spans


# Where another cookie starts in a Set-Cookie value joined with ", " (as some clients
# store several): a comma followed by `name=`. `Expires=Wed, 21 Oct 2015` is no start:
# after its comma comes a space and a day number, no `=`.
_NEXT_COOKIE_RE = re.compile(r",\s*(?=[^;,=\s]+=)")


def first_cookie_value(value: str) -> Spans:
    """Each cookie's value only: the pairs after it are attributes (Path, Expires, ...).
    Several cookies joined into one value with ``, `` each count as one."""
    spans: Spans = []
    commas = [m.start() for m in _NEXT_COOKIE_RE.finditer(value)]
    for i, start in enumerate([0, *(c + 1 for c in commas)]):
        limit = commas[i] if i < len(commas) else len(value)
        m = cookie_pair(value, start, limit)
        if m is not None and ";" not in value[start : m.start()]:
            spans.append((*trimmed(value, *m.span(2)), m.group(1).strip()))
    return spans


HEADER_RULES: tuple[Rule, ...] = (
    Rule(
        "authorization-header",
        "Authorization, Proxy-Authorization: the credentials after the scheme word",
        HEADER,
        fires=("Authorization: Bearer abc123def456", "Proxy-Authorization: Basic dXNlcjpwYXNz", "Authorization: rawtoken123"),
        quiet=("Authorization: Bearer", "Authorization: Bearer ", "Authorization: Bearer test", "Authorization: Bearer REDACTED", "Authorization: Bearer <TOKEN>", "Authorization: Bearer ${TOKEN}"),
        headers=("authorization", "proxy-authorization"),
        value_spans=credentials_after_scheme,
    ),
    Rule(
        "cookie-header",
        "Cookie: the value of every name=value pair",
        HEADER,
        fires=("Cookie: session=abc123; theme=dark",),
        quiet=("Cookie: session=REDACTED",),
        headers=("cookie",),
        value_spans=cookie_values,
    ),
    Rule(
        "set-cookie-header",
        "Set-Cookie: the cookie value; attributes stay",
        HEADER,
        fires=("Set-Cookie: session=abc123; Path=/; HttpOnly",),
        quiet=("Set-Cookie: session=REDACTED; Path=/",),
        headers=("set-cookie",),
        value_spans=first_cookie_value,
    ),
    Rule(
        "api-key-header",
        "X-Api-Key, Api-Key, X-Goog-Api-Key, X-Auth-Token, X-Amz-Security-Token: the whole value",
        HEADER,
        fires=("X-Api-Key: abc123def456", "X-Amz-Security-Token: FwoGZXIvYXdzEBYaD"),
        quiet=("X-Api-Key: REDACTED", "X-Api-Key: <API_KEY>", "X-Api-Key: X-API-KEY-XXX"),
        headers=("x-api-key", "api-key", "x-goog-api-key", "x-auth-token", "x-amz-security-token"),
        value_spans=whole_value,
    ),
    Rule(
        "service-token-header",
        "Private-Token, Ocp-Apim-Subscription-Key, X-Vault-Token, X-Auth-Key, X-Api-Token, X-Access-Token, "
        "X-Shopify-Access-Token, Cf-Access-Client-Secret: the whole value",
        HEADER,
        fires=("Private-Token: abc123def456", "X-Vault-Token: abc123def456", "Cf-Access-Client-Secret: abc123def456"),
        quiet=("Private-Token: REDACTED", "X-Vault-Token: <VAULT_TOKEN>", "X-Access-Token: changeme"),
        headers=(
            "private-token",
            "ocp-apim-subscription-key",
            "x-vault-token",
            "x-auth-key",
            "x-api-token",
            "x-access-token",
            "x-shopify-access-token",
            "cf-access-client-secret",
        ),
        value_spans=whole_value,
    ),
    Rule(
        "organization-header",
        "OpenAI-Organization, OpenAI-Project, Anthropic-Organization-Id: the whole value",
        HEADER,
        fires=("OpenAI-Organization: org-abc123def456",),
        quiet=("OpenAI-Organization: REDACTED",),
        headers=("openai-organization", "openai-project", "anthropic-organization-id"),
        value_spans=whole_value,
    ),
)

# Headers the user adds (``--header``, ``headers = [...]``): the whole value.
CUSTOM_HEADER = Rule(
    "custom-header",
    "a header added in the configuration: the whole value",
    HEADER,
    fires=("X-Internal-Secret: s3cr3t-value",),
    quiet=("X-Internal-Secret: REDACTED",),
    value_spans=whole_value,
)

RULE_OF_HEADER: dict[str, Rule] = {name: rule for rule in HEADER_RULES for name in rule.headers}
DEFAULT_HEADERS: frozenset[str] = frozenset(RULE_OF_HEADER)
