"""Masking for display: what `show` prints goes through the redaction rules first, so a
secret is never printed whole. A masked value reads as the redacted file would."""

from __future__ import annotations

from functools import lru_cache

from .rules import Policy, default_policy, redact_header, redact_text
from .text import redact_body, redact_url


@lru_cache(maxsize=1)
def _policy() -> Policy:
    return default_policy()


def mask_header(name: str, value: str) -> str:
    return redact_header(name, value, _policy())[0]


def mask_url(url: str) -> str:
    return redact_url(url, _policy())[0]


def mask_body(text: str, content_type: str | None) -> str:
    return redact_body(text, content_type, _policy())[0]


def mask_text(text: str) -> str:
    return redact_text(text, _policy())[0]
