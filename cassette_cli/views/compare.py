"""What changed between two masked interactions, decoded. Pure: never prints.

An interaction is turned into facts, `{path: value}`, read from the masked interaction
only (cassette_cli.mask): the status; each header (`response.headers.content-type`); a
JSON body by path (`response.body.choices[0].message.content`); a text body whole; a
binary body by size and hash; an event stream by the message it assembles into
(`response.stream.text`, `.reasoning`, `.tool_calls[0].arguments.city`,
`.finish_reason`, `.usage.*`), never by its chunks, with the event count as one fact.
Two interactions differ where their facts do; a difference in a volatile place
(views.volatile) is kept, marked ignored, unless `Options.all`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..mask import MaskedBody, MaskedInteraction, MaskedMessage
from .volatile import VOLATILE_QUERY, is_volatile_field, is_volatile_header, stable_set_cookie

Facts = dict[str, Any]
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
MAX_JSON_BODY = 4 << 20  # a bigger JSON body is compared as text (its facts would cost more than they tell)


@dataclass(frozen=True)
class Options:
    all: bool = False  # nothing is volatile
    ignore_headers: frozenset[str] = frozenset()  # more header names to ignore (lower case)


@dataclass(frozen=True)
class Change:
    path: str
    old: Any  # None: not there
    new: Any
    ignored: bool = False

    @property
    def multiline(self) -> bool:
        return any(isinstance(v, str) and "\n" in v for v in (self.old, self.new))

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "old": self.old, "new": self.new}


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)

    @property
    def shown(self) -> list[Change]:
        return [c for c in self.changes if not c.ignored]

    @property
    def ignored(self) -> list[Change]:
        return [c for c in self.changes if c.ignored]


def stable_url(url: str, options: Options) -> str:
    """The (masked) URL with volatile query parameters left out and the rest sorted."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not options.all:
        pairs = [(k, v) for k, v in pairs if k.lower() not in VOLATILE_QUERY]
    return urlunsplit(parts._replace(query=urlencode(sorted(pairs), safe="/:,*")))


def compare(old: MaskedInteraction, new: MaskedInteraction, options: Options) -> Comparison:
    """Every difference between two interactions, in the order of `new`'s facts."""
    result = Comparison()
    if old.method != new.method:
        result.changes.append(Change("request.method", old.method, new.method))
    old_url, new_url = stable_url(old.url, options), stable_url(new.url, options)
    if old_url != new_url:
        result.changes.append(Change("request.url", old_url, new_url))
    elif old.url != new.url:
        result.changes.append(Change("request.url", old.url, new.url, ignored=True))
    old_facts, new_facts = _headers("request", old.request, options), _headers("request", new.request, options)
    if not _same_body(old.request.body, new.request.body):  # equal bodies have equal facts
        old_facts.update(body_facts("request.body", old.request))
        new_facts.update(body_facts("request.body", new.request))
    _diff_facts(result, old_facts, new_facts, options)
    if old.status != new.status:
        result.changes.append(Change("response.status", old.status, new.status))
    old_facts, new_facts = _headers("response", old.response, options), _headers("response", new.response, options)
    if not _same_body(old.response.body, new.response.body):
        old_stream, new_stream = old.stream, new.stream
        if old_stream is not None and new_stream is not None:
            old_facts.update(stream_facts(old_stream))
            new_facts.update(stream_facts(new_stream))
        else:
            old_facts.update(body_facts("response.body", old.response))
            new_facts.update(body_facts("response.body", new.response))
    _diff_facts(result, old_facts, new_facts, options)
    return result


def _same_body(old: MaskedBody, new: MaskedBody) -> bool:
    if old.binary or new.binary:
        return old.binary and new.binary and old.sha256 == new.sha256
    return (old.text or "") == (new.text or "")


def _headers(side: str, message: MaskedMessage, options: Options) -> Facts:
    facts: Facts = {}
    for name, values in message.headers:
        if not options.all and name.lower() == "set-cookie":
            values = [stable_set_cookie(v) for v in values]
        path = f"{side}.headers.{name.lower()}"  # recorders differ in the case they keep
        shown = ", ".join(v.strip() for v in values)  # surrounding white space is not part of a value (RFC 9110)
        facts[path] = shown if path not in facts else f"{facts[path]}, {shown}"
    return facts


def body_facts(path: str, message: MaskedMessage) -> Facts:
    """A body's facts: JSON by path, text whole, binary by size and hash; none when empty."""
    body = message.body
    if body.binary:
        return {path: f"binary, {body.size} bytes, sha256 {body.sha256}"}
    text = body.text or ""
    if not text:
        return {}
    value = json_value(text)
    if value is NOT_JSON:
        return {path: text}
    facts: Facts = {}
    flatten(value, path, facts)
    return facts


NOT_JSON = object()


def json_value(text: str) -> Any:
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{" or len(stripped) > MAX_JSON_BODY:
        return NOT_JSON
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        return NOT_JSON


def flatten(value: Any, path: str, into: Facts) -> None:
    """Leaves of a JSON value by path: `a.b[0].c`; an empty object or array is a leaf."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            key = str(key)
            flatten(item, f"{path}.{key}" if _IDENTIFIER.match(key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]", into)
    elif isinstance(value, list) and value:
        for position, item in enumerate(value):
            flatten(item, f"{path}[{position}]", into)
    else:
        into[path] = value


def stream_facts(stream: Any, path: str = "response.stream") -> Facts:
    """The assembled message of a (masked) stream as facts; the event count is one."""
    asm = stream.assembly
    facts: Facts = {f"{path}.kind": asm.kind, f"{path}.events": len(stream.stream.events)}
    if asm.reasoning:
        facts[f"{path}.reasoning"] = asm.reasoning
    facts[f"{path}.text"] = asm.text
    for position, call in enumerate(asm.tool_calls):
        at = f"{path}.tool_calls[{position}]"
        facts[f"{at}.id"] = call.id
        facts[f"{at}.name"] = call.name
        arguments = json_value(call.arguments) if call.arguments.strip() else {}
        if arguments is NOT_JSON:
            facts[f"{at}.arguments"] = call.arguments
        else:
            flatten(arguments, f"{at}.arguments", facts)
    facts[f"{path}.finish_reason"] = asm.finish_reason
    if asm.usage:
        flatten(asm.usage, f"{path}.usage", facts)
    return facts


def is_ignored(path: str, options: Options) -> bool:
    if options.all:
        return False
    side, _, rest = path.partition(".")
    place, _, name = rest.partition(".")
    if place == "headers":
        return is_volatile_header(name, options.ignore_headers)
    if place == "stream":
        return name == "events" or (name.startswith("tool_calls[") and name.endswith("].id"))
    if place == "body" and side == "response":
        return any(is_volatile_field(key) for key in _keys(path))
    return False


_KEY = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)")


def _keys(path: str) -> list[str]:
    return _KEY.findall(path)


def _diff_facts(result: Comparison, old: Facts, new: Facts, options: Options) -> None:
    for path, value in new.items():
        before = old.get(path, _MISSING)
        if before is _MISSING:
            result.changes.append(Change(path, None, value, is_ignored(path, options)))
        elif before != value or type(before) is not type(value):
            result.changes.append(Change(path, before, value, is_ignored(path, options)))
    for path, value in old.items():
        if path not in new:
            result.changes.append(Change(path, value, None, is_ignored(path, options)))


_MISSING = object()
