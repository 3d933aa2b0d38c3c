"""Placeholders made from a `--replacement` template (``<{name}>`` -> ``<api_key>``).

The rules write the template text, encoded for where the secret sits (percent-encoded
in a URL or form, JSON-escaped in a JSON string, or both); here each finding's text is
swapped for its rendered placeholder in the same encoding, so ``%3C%7Bname%7D%3E``
becomes ``%3Capi_key%3E``. The name comes from the finding's detail (``query parameter
api_key``, ``form key password``, ``JSON key token``, ``header Authorization``); a key
shape found in free text is named by its rule."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable
from urllib.parse import quote, quote_plus

from ..rules.finding import Finding, splice
from ..rules.json_body import json_escape
from ..rules.policy import Policy, is_template, render_placeholder
from ..rules.urls import URL_SAFE

__all__ = ["Templater", "field_name", "templater"]

_FIELD_RE = re.compile(r"(?:query parameter|form key|JSON key|header) (\S+)")

Encoder = Callable[[str], str]
_ENCODERS: tuple[Encoder, ...] = (
    lambda s: s,
    lambda s: quote(s, safe=URL_SAFE),
    lambda s: quote_plus(s, safe=URL_SAFE),
    json_escape,
    lambda s: json_escape(quote(s, safe=URL_SAFE)),
    lambda s: json_escape(quote_plus(s, safe=URL_SAFE)),
)

Templater = Callable[[str, str, "list[Finding]"], "tuple[str, list[Finding]]"]


def field_name(detail: str) -> str | None:
    """The field a finding's detail names (``query parameter api_key`` -> ``api_key``)."""
    m = _FIELD_RE.match(detail)
    return m.group(1) if m else None


def templater(policy: Policy) -> Templater | None:
    """None for a plain replacement; for a template, a function taking (value, new value,
    findings) to the value and findings with each placeholder rendered. A new value equal
    to the old one means the caller did not apply the findings (big bodies): it stays."""
    template = policy.replacement
    if not is_template(template):
        return None
    encoders = {}
    for encode in _ENCODERS:
        encoders.setdefault(encode(template), encode)

    def render(value: str, new_value: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
        rendered = []
        for f in findings:
            encode = encoders.get(f.new or "", _ENCODERS[0])
            rendered.append(replace(f, new=encode(render_placeholder(template, f.rule, field_name(f.detail)))))
        applied = new_value != value
        return (splice(value, rendered) if applied else value), rendered

    return render
