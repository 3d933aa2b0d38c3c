"""A decoded request or response body: which scanner reads it, by the kind bodies/ names."""

from __future__ import annotations

from ..bodies import Kind, kind_of
from .finding import Finding, splice
from .forms import redact_form_text
from .multipart import multipart_findings
from .json_body import json_keys, json_may_hold_secrets, redact_json_text
from .policy import Policy
from .streams import redact_lines
from .urls import redact_string

__all__ = ["redact_body"]

_LARGE = 1 << 16  # bodies from this size on are looked at before they are parsed


def redact_body(text: str, content_type: str | None, policy: Policy, *, apply: bool = True) -> tuple[str, list[Finding]]:
    """Redact a decoded request or response body.

    ``text/event-stream`` (or, with no content type, text that starts like an
    event stream) is edited line by line; NDJSON types likewise; anything that
    parses as JSON is edited as JSON whatever the content type says; a form
    content type gets the form rules; anything else gets the patterns only.
    With ``apply=False`` the findings are all that is wanted: the text comes back as
    it was (a large body is not copied).
    """
    kind = kind_of(content_type, text)
    if kind is Kind.EVENT_STREAM:
        return redact_lines(text, policy, event_stream=True, apply=apply)
    if content_type and content_type.lstrip()[:10].lower() == "multipart/":
        parts = multipart_findings(text, content_type, policy)
        if parts is not None:
            parts.sort(key=lambda f: f.start)
            return (splice(text, parts) if apply and parts else text), parts
    if kind is not Kind.FORM and len(text) > _LARGE and not json_may_hold_secrets(text, policy, json_keys(policy)):
        # Nothing any rule looks for is in this body (form bodies aside, whose keys are
        # not quoted): no need to parse a large JSON document only to find nothing.
        return text, []
    result = redact_json_text(text, policy, apply=apply)
    if result is not None:
        return result
    if kind is Kind.NDJSON:
        return redact_lines(text, policy, event_stream=False, apply=apply)
    if kind is Kind.FORM:
        result = redact_form_text(text, policy)
        if result is not None:
            return result
    return redact_string(text, policy)
