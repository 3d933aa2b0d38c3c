"""The redacted fields of cassettes, read from the files as they are stored.

A field counts when its stored value is what the policy writes for a secret (the
replacement, or any placeholder its template renders), or an obvious placeholder
(``<API_KEY>``, ``${TOKEN}``) in a field the rules redact. Only such values are kept, so
nothing built from these fields can hold a secret, even from a file never redacted."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, unquote_plus, urlsplit

from ..model import Cassette, Request
from ..rules.keys import normalize_key
from ..rules.policy import Policy, is_placeholder

__all__ = ["ReplayFields", "collect"]


@dataclass
class ReplayFields:
    """Field name -> the placeholder stored in it (decoded: as the application sees it)."""

    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)
    json: dict[str, str] = field(default_factory=dict)  # keys of the top-level object
    nested_json: dict[str, str] = field(default_factory=dict)  # keys deeper down
    headers: dict[str, str] = field(default_factory=dict)  # name as stored -> whole stored value
    path: list[str] = field(default_factory=list)  # placeholders standing as path segments
    conflicts: list[str] = field(default_factory=list)  # "query api_key": two placeholders
    # how each is written in the file: "query api_key" -> "%3Capi_key%3E", "JSON token" ->
    # '"<token>"' (the JSON literal); for recorders that compare the request text as it is
    raw: dict[str, str] = field(default_factory=dict)

    def empty(self) -> bool:
        return not (self.query or self.form or self.json or self.nested_json or self.headers or self.path)

    def body(self) -> dict[str, str]:
        """Form and JSON fields together (VCR.py filters both with one option)."""
        return {**self.form, **self.json, **self.nested_json}


def _redacted(policy: Policy, value: str, secret_name: bool) -> bool:
    return policy.is_replacement(value) or (secret_name and is_placeholder(value))


def _put(fields: ReplayFields, table: dict[str, str], kind: str, name: str, value: str, raw: str | None = None) -> None:
    old = table.setdefault(name, value)
    if old != value and f"{kind} {name}" not in fields.conflicts:
        fields.conflicts.append(f"{kind} {name}")
    if old == value and raw is not None:
        fields.raw.setdefault(f"{kind} {name}", raw)


def _raw_pairs(text: str, separators: str) -> list[tuple[str, str, str]]:
    """(name, decoded value, value as written) for each `name=value` pair of ``text``."""
    pairs = []
    for pair in re.split(f"[{separators}]", text):
        name, eq, value = pair.partition("=")
        if eq:
            pairs.append((unquote_plus(name), unquote_plus(value), value))
    return pairs


def collect(cassettes: list[tuple[Cassette, Policy]]) -> ReplayFields:
    """The redacted fields of each cassette, read with the policy in effect for it."""
    fields = ReplayFields()
    for cassette, policy in cassettes:
        for interaction in cassette.interactions:
            _request(fields, interaction.request, policy)
    return fields


def _request(fields: ReplayFields, request: Request, policy: Policy) -> None:
    parts = urlsplit(request.url)
    for name, value, raw in _raw_pairs(parts.query, "&"):
        if _redacted(policy, value, name.lower() in policy.query_params):
            _put(fields, fields.query, "query", name, value, raw)
    for segment in parts.path.split("/"):
        value = unquote(segment)
        if value and policy.is_replacement(value) and value not in fields.path:
            fields.path.append(value)
    for header in request.headers:
        secret = header.name.lower() in policy.headers
        for value in header.texts():
            scheme, _, rest = value.partition(" ")
            if _redacted(policy, value, secret) or (rest and _redacted(policy, rest, secret)):
                _put(fields, fields.headers, "header", header.name, value)
    for form in request.form:  # go-vcr's form map
        for value in form.texts():
            if _redacted(policy, value, normalize_key(form.name) in policy.body_keys):
                _put(fields, fields.form, "form", form.name, value)
    text = request.body.text
    if not text:
        return
    content_type = (request.header("content-type") or "").lower()
    stripped = text.lstrip()
    if "json" in content_type or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:
            return
        _json(fields, data, policy, top=True)
        for m in _JSON_PAIR_RE.finditer(text):
            key, literal = json.loads(m.group(1)), m.group(2)
            value = fields.json.get(key, fields.nested_json.get(key))
            if value is not None and json.loads(literal) == value:
                fields.raw.setdefault(f"JSON {key}", literal)
    elif "=" in text and "\n" not in text:
        for name, value, raw in _raw_pairs(text, "&"):
            if _redacted(policy, value, normalize_key(name) in policy.body_keys):
                _put(fields, fields.form, "form", name, value, raw)


_JSON_PAIR_RE = re.compile(r'("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*")')


def _json(fields: ReplayFields, data: object, policy: Policy, *, top: bool) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                if _redacted(policy, value, normalize_key(key) in policy.body_keys):
                    _put(fields, fields.json if top else fields.nested_json, "JSON", key, value)
            else:
                _json(fields, value, policy, top=False)
    elif isinstance(data, list):
        for item in data:
            _json(fields, item, policy, top=False)
