"""Form bodies (``application/x-www-form-urlencoded``) and go-vcr ``form`` maps: the
values of secret keys, like JSON keys, on ``&`` separated pairs."""

from __future__ import annotations

import re
from urllib.parse import quote_plus, unquote_plus

from .finding import Finding, splice
from .keys import FORM_KEY_RULE, body_key_applies
from .policy import Policy
from .strings import find_patterns, redact_text
from .urls import URL_SAFE, pair_findings, taken

__all__ = ["redact_form_text", "redact_form_value"]

Result = tuple[str, list[Finding]]

_FORM_PAIR_RE = re.compile(r"([^&=]*)(?:=([^&]*))?")


def _form_findings(text: str, policy: Policy) -> list[Finding]:
    new = quote_plus(policy.replacement, safe=URL_SAFE)
    rule = FORM_KEY_RULE.id
    keys = policy.body_keys if policy.enabled(rule) else frozenset()
    found = pair_findings(
        text, 0, len(text), _FORM_PAIR_RE, policy, new,
        plus=True, rule=rule, what="form key",
        secret=lambda name, value: body_key_applies(name, unquote_plus(value), keys),
    )
    found += find_patterns(text, policy, replacement=new, taken=taken(found))
    return sorted(found, key=lambda f: f.start)


def redact_form_text(text: str, policy: Policy) -> Result | None:
    """Redact an ``application/x-www-form-urlencoded`` body, or return ``None``
    if ``text`` does not look like one (no ``=``, or raw line breaks)."""
    if "=" not in text or "\n" in text or "\r" in text:
        return None
    found = _form_findings(text, policy)
    return (splice(text, found) if found else text), found


def redact_form_value(key: str, value: str, policy: Policy) -> Result:
    """Redact one decoded value of a go-vcr ``form`` map entry ``key``."""
    rule = FORM_KEY_RULE.id
    if policy.enabled(rule) and body_key_applies(key, value, policy.body_keys):
        if policy.keeps(value):
            return value, []
        return policy.replacement, [Finding(rule, 0, len(value), value, f"form key {key}", policy.replacement)]
    return redact_text(value, policy)
