"""The rules by name: secret URL query parameters, JSON keys and form keys.

Their values are replaced whole wherever the name occurs. ``token`` is ambiguous (LLM
logprobs use it for text), so its values count only when credential-like."""

from __future__ import annotations

import re

from .headers import credentials_after_scheme
from .rule import FORM_KEY, JSON_KEY, QUERY, Rule

__all__ = [
    "AMBIGUOUS_BODY_KEYS",
    "DEFAULT_BODY_KEYS",
    "DEFAULT_QUERY_PARAMS",
    "FORM_KEY_RULE",
    "JSON_KEY_RULE",
    "KEY_RULES",
    "QUERY_PARAM_RULE",
    "SCHEME_KEYS",
    "body_key_applies",
    "key_value_spans",
    "letter_spellings",
    "normalize_key",
]

QUERY_PARAM_RULE = Rule(
    "query-param",
    "URL query parameter values of secret parameters",
    QUERY,
    fires=("https://h/p?api_key=abc123def456&x=1", "https://h/p?X-Amz-Signature=abc123def456"),
    quiet=("https://h/p?page=2", "https://h/p?api_key=REDACTED", "https://h/p#token=abc123def456"),
)
JSON_KEY_RULE = Rule(
    "json-key",
    "string values under secret keys in JSON bodies",
    JSON_KEY,
    fires=('{"api_key": "abc123def456"}', '{"Authorization": "Bearer abc123def456"}', '{"apiSecret": "abc123def456"}', '{"a": {"Client-Secret": "abc123def456"}}', '{"token": "abcdef0123456789abcd"}'),
    quiet=('{"api_key": null}', '{"token": " the", "logprob": -0.1}', '{"password": "<PASSWORD>"}', '{"Authorization": "Bearer "}', '{"secret": "test"}', '{"max_tokens": 100}'),
)
FORM_KEY_RULE = Rule(
    "form-key",
    "values of secret keys in form bodies and go-vcr forms",
    FORM_KEY,
    fires=("grant_type=password&password=hunter2hunter2", "client_secret=abc123def456"),
    quiet=("grant_type=password&username=me", "password=REDACTED"),
)
KEY_RULES: tuple[Rule, ...] = (QUERY_PARAM_RULE, JSON_KEY_RULE, FORM_KEY_RULE)

DEFAULT_QUERY_PARAMS: frozenset[str] = frozenset(
    name.lower()
    for name in (
        "key",
        "api_key",
        "apikey",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "client_secret",
        "password",
        "api-key",
        "sig",
        "signature",
        "X-Amz-Signature",
        "X-Amz-Credential",
        "X-Amz-Security-Token",
        "X-Goog-Signature",
        "X-Goog-Credential",
    )
)


def normalize_key(name: str) -> str:
    """Body key names compare case-insensitively with ``-`` and ``_`` ignored."""
    return name.lower().replace("-", "").replace("_", "")


# The characters, besides a letter's upper and title case, that lower() turns into it
# (Unicode's data): KELVIN SIGN is a "k" ("toKen" with one is the key token), a capital
# sigma at a word's end a final sigma.
_OTHER_CAPITALS = {"k": "\u212a", "\u00e5": "\u212b", "\u00df": "\u1e9e", "\u03b8": "\u03f4", "\u03c9": "\u2126", "\u03c2": "\u03a3"}


def letter_spellings(ch: str) -> str:
    """Every character that :func:`normalize_key` turns into ``ch`` (itself included)."""
    found = ch
    for other in (ch.upper(), ch.title()):
        if len(other) == 1 and other not in found and other.lower() == ch:
            found += other
    return found + _OTHER_CAPITALS.get(ch, "")


DEFAULT_BODY_KEYS: frozenset[str] = frozenset(
    normalize_key(name)
    for name in (
        "api_key",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "password",
        "secret",
        "private_key",
        "token",
        "secret_key",
        "session_token",
        "auth_token",
        "api_secret",
        "mfa_token",
        "recovery_code",
        "client_assertion",
        "secret_access_key",  # AWS STS / IAM JSON (SecretAccessKey)
        "aws_secret_access_key",
        # JSON keys named like a sensitive header (an echoed request): see SCHEME_KEYS.
        "authorization",
        "proxy_authorization",
        "x_api_key",
        "x_auth_token",
        "private_token",
        "x_vault_token",
    )
)

# Keys whose values carry an auth scheme word, kept as the header rule keeps it.
SCHEME_KEYS: frozenset[str] = frozenset({"authorization", "proxyauthorization"})


def key_value_spans(key: str, value: str) -> list[tuple[int, int]]:
    """The spans of a secret key's ``value`` to replace: all of it, or for an
    ``Authorization`` key the credentials after the scheme word (none if there are none)."""
    if normalize_key(key) not in SCHEME_KEYS:
        return [(0, len(value))]
    return [(start, end) for start, end, _ in credentials_after_scheme(value) if end > start]

# Body keys that APIs also use for things that are not credentials (OpenAI logprobs
# carry ``"token": " capital"``): their values are only redacted when they look
# like a credential, at least 16 characters with no whitespace.
AMBIGUOUS_BODY_KEYS: frozenset[str] = frozenset({"token"})
_CREDENTIAL_LIKE_RE = re.compile(r"\S{16,}\Z")


def body_key_applies(key: str, value: str, keys: frozenset[str]) -> bool:
    """Whether a body (JSON or form) ``key`` holding ``value`` is to be redacted."""
    name = normalize_key(key)
    if name not in keys:
        return False
    return name not in AMBIGUOUS_BODY_KEYS or _CREDENTIAL_LIKE_RE.match(value) is not None
