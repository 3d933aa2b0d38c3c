"""Multipart bodies, and bodies whose bytes are not UTF-8.

A ``multipart/*`` body is split at its boundary; each part's headers get the header
rules, a part named like a secret form key (``Content-Disposition: form-data;
name="password"``) is replaced whole, and the rest of each part is scanned as JSON when
it is JSON, else as text. A body that is not UTF-8 is read in its declared charset
(``text/html; charset=iso-8859-1``), or, for multipart, byte for byte as latin-1, so the
ASCII shape of a key is found even next to a binary part and every other byte is
written back unchanged."""

from __future__ import annotations

import codecs
import re

from .finding import Finding
from .json_body import json_findings
from .keys import FORM_KEY_RULE, body_key_applies
from .policy import Policy
from .urls import header_findings, text_findings

__all__ = ["content_type_param", "may_be_text", "multipart_findings", "text_of_bytes"]

_PARAM_RE = re.compile(r';\s*([A-Za-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)')
_NAME_RE = re.compile(r'(?i)\bname\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)')
_HEADER_LINE_RE = re.compile(r"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*([^\r\n]*)")


def content_type_param(content_type: str | None, name: str) -> str | None:
    """A parameter of a Content-Type value (``boundary``, ``charset``), unquoted."""
    if not content_type:
        return None
    for m in _PARAM_RE.finditer(content_type):
        if m.group(1).lower() == name:
            value = m.group(2)
            return value[1:-1] if value.startswith('"') and len(value) >= 2 else value
    return None


def may_be_text(content_type: str | None) -> bool:
    """True when bytes that are not UTF-8 are still worth reading (see text_of_bytes)."""
    return bool(content_type) and (content_type_param(content_type, "charset") is not None or content_type.strip().lower().startswith("multipart/"))  # type: ignore[union-attr]


def text_of_bytes(data: bytes, content_type: str | None) -> tuple[str, str] | None:
    """(text, encoding) for bytes that are not UTF-8 but can be scanned: in the declared
    charset, or latin-1 for a multipart body (byte for byte). None otherwise."""
    charset = content_type_param(content_type, "charset")
    if charset:
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            name = None
        if name is not None and name != "utf-8":
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    if content_type and content_type.strip().lower().startswith("multipart/"):
        return data.decode("latin-1"), "latin-1"
    return None


def multipart_findings(text: str, content_type: str | None, policy: Policy) -> list[Finding] | None:
    """The findings of a multipart body, or None when it has no boundary to split at."""
    boundary = content_type_param(content_type, "boundary")
    if not boundary:
        return None
    delimiter = "--" + boundary
    found: list[Finding] = []
    at = text.find(delimiter)
    while at >= 0:
        start = text.find("\n", at)
        if start < 0:
            break
        start += 1
        end = text.find(delimiter, start)
        if end < 0:
            break
        content_end = end
        if text.startswith("\r\n", content_end - 2):
            content_end -= 2
        elif text.startswith("\n", content_end - 1):
            content_end -= 1
        found += _part(text, start, content_end, policy)
        at = end
    return found


def _part(text: str, start: int, end: int, policy: Policy) -> list[Finding]:
    split = re.compile(r"\r?\n\r?\n").search(text, start, end)
    if split is None:
        return []
    found: list[Finding] = []
    name = None
    for m in _HEADER_LINE_RE.finditer(text, start, split.start()):
        header, value = m.group(1), m.group(2)
        if header.lower() == "content-disposition":
            n = _NAME_RE.search(value)
            if n is not None:
                name = n.group(1).strip('"')
        found += [f.shifted(m.start(2)) for f in header_findings(header, value, policy)]
    body_at = split.end()
    content = text[body_at:end]
    if not content:
        return found
    if name is not None and policy.enabled(FORM_KEY_RULE.id) and body_key_applies(name, content, policy.body_keys):
        if not policy.keeps(content):
            found.append(Finding(FORM_KEY_RULE.id, body_at, end, content, f"multipart part {name}", policy.replacement))
        return found
    inner = json_findings(content, policy) if content.lstrip()[:1] in ("{", "[") else None
    if inner is None:
        inner = text_findings(content, policy)
    found += [f.shifted(body_at) for f in inner]
    return found
