"""Redaction inside structured strings: URLs, JSON text, form bodies, event streams.

Every function edits the given text in place and keeps every other character as
it was: no re-serialising, no re-encoding, key order, whitespace, escapes and
separators untouched.  Findings carry spans into the text that was passed in,
and ``text[f.start:f.end] == f.secret`` always holds (for JSON the span covers
the source characters, escapes included, of the removed part of a string token).

Value semantics:

* URLs: the values of secret query parameters (``policy.query_params``, names
  compared case-insensitively after percent-decoding) are replaced, raw and
  whole, by the percent-encoded replacement; ``&`` and ``;`` both separate
  parameters; the fragment is never touched.  Patterns run on the rest of the
  URL and on percent-decoded query values.
* JSON: a **string** value whose key is a secret key (``policy.body_keys``,
  compared through :func:`normalize_key`; ``token`` only for credential-like
  values, see :func:`body_key_applies`) is replaced whole, at any depth.
  Non-string values under such keys (``null``, numbers, objects, arrays) are left
  alone: they are structure, not secrets, and their sub-keys are checked on their
  own.  String values that are absolute URLs get the URL rules; every other
  string token (keys included) gets the patterns, on its decoded value, so a PEM
  whose line breaks are ``\\n`` escapes is found.  The replacement is written as a
  JSON string with minimal escaping.  Text that is not JSON gives ``None``.
* Forms (``application/x-www-form-urlencoded``): like JSON keys, on ``&``
  separated pairs, with the ``form-key`` rule id.
* Event streams: each ``data:`` line is treated as JSON when it parses, other
  lines get the patterns; line endings (CR, LF, CRLF) stay as they are.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
import json
import re
from collections.abc import Callable, Sequence
from urllib.parse import quote, quote_plus, unquote, unquote_plus

from .rules import (
    AMBIGUOUS_BODY_KEYS,
    Edit,
    Finding,
    Policy,
    apply_edits,
    body_key_applies,
    find_pattern_edits,
    findings_of,
    redact_text,
)

__all__ = [
    "redact_body",
    "redact_event_stream",
    "redact_form_text",
    "redact_form_value",
    "redact_json_text",
    "redact_lines",
    "redact_url",
]

Result = tuple[str, list[Finding]]

# Characters left as they are when the replacement goes into a URL query value.
_URL_SAFE = "-._~!$'()*,:@/"


def _findings(edits: Sequence[Edit]) -> list[Finding]:
    return findings_of(edits)


def _shift(edit: Edit, offset: int) -> Edit:
    f = edit.finding
    return Edit(
        edit.start + offset,
        edit.end + offset,
        edit.new,
        Finding(f.rule, f.start + offset, f.end + offset, f.secret, f.detail),
    )


# --- percent-encoding -------------------------------------------------------

_HEX = frozenset("0123456789abcdefABCDEF")


def _percent_decode_map(raw: str, *, plus: bool) -> tuple[str, list[int]]:
    """Decode ``raw`` like ``unquote``/``unquote_plus``, recording where each
    decoded character starts in ``raw`` (plus a final entry ``len(raw)``)."""
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "%" and i + 2 < n and raw[i + 1] in _HEX and raw[i + 2] in _HEX:
            decoder = codecs.getincrementaldecoder("utf-8")("replace")
            pending: int | None = None
            while i + 2 < n and raw[i] == "%" and raw[i + 1] in _HEX and raw[i + 2] in _HEX:
                if pending is None:
                    pending = i
                out = decoder.decode(bytes([int(raw[i + 1 : i + 3], 16)]))
                chars.extend(out)
                offsets.extend([pending] * len(out))
                if out:
                    pending = None
                i += 3
            out = decoder.decode(b"", final=True)
            chars.extend(out)
            offsets.extend([pending if pending is not None else i] * len(out))
        else:
            chars.append(" " if plus and c == "+" else c)
            offsets.append(i)
            i += 1
    offsets.append(n)
    return "".join(chars), offsets


def _decoded_pattern_edits(
    raw: str,
    offset: int,
    policy: Policy,
    new: str,
    decode: Callable[[str], tuple[str, list[int]]],
) -> list[Edit]:
    """Pattern edits found in the decoded form of ``raw`` (which starts at
    ``offset`` in the caller's text), mapped back to raw spans."""
    decoded, offsets = decode(raw)
    if decoded == raw:
        return []
    edits = []
    for e in find_pattern_edits(decoded, policy):
        start, end = offset + offsets[e.start], offset + offsets[e.end]
        secret = raw[offsets[e.start] : offsets[e.end]]
        f = e.finding
        edits.append(Edit(start, end, new, Finding(f.rule, start, end, secret, f.detail)))
    return edits


def _taken(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in edits]


def _without_overlaps(edits: list[Edit], more: Sequence[Edit]) -> list[Edit]:
    for e in more:
        if not any(e.start < t.end and t.start < e.end for t in edits):
            edits.append(e)
    return edits


# --- URLs ---------------------------------------------------------------------

_QUERY_PAIR_RE = re.compile(r"([^&;=#]*)(?:=([^&;#]*))?")


def _url_edits(url: str, policy: Policy) -> list[Edit]:
    new = quote(policy.replacement, safe=_URL_SAFE)
    edits: list[Edit] = []
    q = url.find("?")
    if q >= 0:
        fragment = url.find("#", q)
        secret_params = policy.query_params if policy.enabled("query-param") else frozenset()
        edits = _pair_edits(
            url, q + 1, fragment if fragment >= 0 else len(url), _QUERY_PAIR_RE, policy, new,
            plus=False, rule="query-param", what="query parameter",
            secret=lambda name, value: name.lower() in secret_params,
        )
    edits += find_pattern_edits(url, policy, replacement=new, taken=_taken(edits))
    return sorted(edits, key=lambda e: e.start)


def _pair_edits(
    text: str,
    start: int,
    end: int,
    pair_re: re.Pattern[str],
    policy: Policy,
    new: str,
    *,
    plus: bool,
    rule: str,
    what: str,
    secret: Callable[[str, str], bool],
) -> list[Edit]:
    """Edits for the `name=value` pairs of text[start:end] (a query string, a form body):
    a value whose name is `secret` is replaced whole; in the others, key shapes are
    looked for in the percent-decoded value (`+` a space with `plus`)."""
    unquote_value = unquote_plus if plus else unquote
    edits: list[Edit] = []
    decoded_edits: list[Edit] = []
    pos = start
    while pos <= end:
        m = pair_re.match(text, pos, end)
        assert m is not None  # the pattern matches the empty string
        value = m.group(2)
        if value:
            vstart, vend = m.span(2)
            name = unquote_plus(m.group(1))
            if secret(name, value):
                if not (policy.keeps(value) or policy.keeps(unquote_value(value))):
                    edits.append(Edit(vstart, vend, new, Finding(rule, vstart, vend, value, f"{what} {name}")))
            else:
                decoded_edits += _decoded_pattern_edits(value, vstart, policy, new, lambda s: _percent_decode_map(s, plus=plus))
        pos = m.end() + 1
    return _without_overlaps(edits, decoded_edits)


def redact_url(url: str, policy: Policy) -> Result:
    """Redact secret query parameter values, URL passwords and key shapes in ``url``."""
    edits = _url_edits(url, policy)
    return apply_edits(url, edits), _findings(edits)


# --- JSON ---------------------------------------------------------------------

_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_LITERAL_RE = re.compile(r'[^\s,:\[\]{}"]+')
_WS_RE = re.compile(r"[ \t\n\r]+")
_ABSOLUTE_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*\Z")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE_OUT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE_RE = re.compile(r'["\\\x00-\x1f]')


def _json_escape(value: str) -> str:
    """The body of a JSON string literal for ``value``, escaping only what JSON requires."""
    return _NEEDS_ESCAPE_RE.sub(lambda m: _ESCAPE_OUT.get(m.group(), f"\\u{ord(m.group()):04x}"), value)


def _json_unescape_map(raw: str) -> tuple[str, list[int]]:
    """Decode the body of a valid JSON string literal, recording where each
    decoded character starts in ``raw`` (plus a final entry ``len(raw)``)."""
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        offsets.append(i)
        if c != "\\":
            chars.append(c)
            i += 1
            continue
        e = raw[i + 1]
        if e != "u":
            chars.append(_SIMPLE_ESCAPES[e])
            i += 2
            continue
        cp = int(raw[i + 2 : i + 6], 16)
        i += 6
        if 0xD800 <= cp < 0xDC00 and raw.startswith("\\u", i):
            low = raw[i + 2 : i + 6]
            if len(low) == 4 and all(h in _HEX for h in low) and 0xDC00 <= int(low, 16) < 0xE000:
                cp = 0x10000 + ((cp - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                i += 6
        chars.append(chr(cp))
    offsets.append(n)
    return "".join(chars), offsets


class _Frame:
    __slots__ = ("is_object", "expect_key", "key")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.expect_key = is_object
        self.key: str | None = None


def _json_string_tokens(text: str) -> list[tuple[int, int, bool, str | None]] | None:
    """``(start, end, is_key, owning_key)`` for every string token of valid JSON
    ``text`` (``end`` past the closing quote), or ``None`` if ``text`` is not JSON.

    ``owning_key`` is the object key a string value belongs to directly, ``None``
    for array items, keys and a top-level string.
    """
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return None
    tokens: list[tuple[int, int, bool, str | None]] = []
    stack: list[_Frame] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            m = _STRING_RE.match(text, i)
            assert m is not None  # the text is valid JSON
            end = m.end()
            top = stack[-1] if stack else None
            if top is not None and top.is_object and top.expect_key:
                literal = text[i:end]
                top.key = json.loads(literal) if "\\" in literal else literal[1:-1]
                top.expect_key = False
                tokens.append((i, end, True, None))
            else:
                owner = top.key if top is not None and top.is_object else None
                tokens.append((i, end, False, owner))
            i = end
        elif c in "{[":
            stack.append(_Frame(c == "{"))
            i += 1
        elif c in "}]":
            stack.pop()
            i += 1
        elif c == ",":
            if stack[-1].is_object:
                stack[-1].expect_key = True
            i += 1
        elif c == ":":
            i += 1
        elif c in " \t\n\r":
            ws = _WS_RE.match(text, i)
            assert ws is not None
            i = ws.end()
        else:
            lit = _LITERAL_RE.match(text, i)
            assert lit is not None
            i = lit.end()
    return tokens


@lru_cache(maxsize=8)
def _key_trigger(keys: frozenset[str]) -> re.Pattern[str] | None:
    """Finds a JSON key that could normalise to one of ``keys`` (``-``/``_`` anywhere,
    any case), with its quotes. The names are factored into a trie, so the engine
    tries one branch per letter at each quote. A key that only counts for
    credential-like values (``token``) is found only with a string value of 16 or more
    characters before any quote or white space (escapes counted as characters): the
    logprobs of an LLM stream carry thousands of ``"token": " the"``."""
    if not keys:
        return None
    firsts = sorted({ch for key in keys for ch in (key[0].lower(), key[0].upper())})
    first = "[-_" + "".join(re.escape(ch) for ch in firsts) + "]"
    plain = sorted(key for key in keys if key not in AMBIGUOUS_BODY_KEYS)
    ambiguous = sorted(key for key in keys if key in AMBIGUOUS_BODY_KEYS)
    branches = []
    if plain:
        branches.append(_trie(plain) + '"')
    if ambiguous:
        branches.append(_trie(ambiguous) + r'"\s*:\s*"(?:[^"\s\\]|\\.){16}')
    # the look-ahead rejects most quotes with one class test
    return re.compile(r'"(?=' + first + r')[-_]*(?:' + "|".join(branches) + ")")


def _trie(words: list[str]) -> str:
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:  # type: ignore[type-arg]
        alternatives = []
        for ch, sub in sorted(node.items()):
            if ch:
                letter = f"[{re.escape(ch.upper())}{re.escape(ch.lower())}]" if ch.upper() != ch.lower() else re.escape(ch)
                alternatives.append(letter + "[-_]*" + branch(sub))
        if not alternatives:
            return ""
        return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")

    return branch(tree)


def _json_may_hold_secrets(text: str, policy: Policy, keys: frozenset[str]) -> bool:
    """A cheap look before tokenizing: no secret key, no URL, no key shape, no escape
    that could hide one (``\\u``, ``\\/``) means nothing to find in this JSON."""
    if policy.custom_patterns or _TRIGGER_RE.search(text) is not None:
        return True
    trigger = _key_trigger(keys)
    return trigger is not None and trigger.search(text) is not None


def _json_edits(text: str, policy: Policy) -> list[Edit] | None:
    keys = policy.body_keys if policy.enabled("json-key") else frozenset()
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not _json_may_hold_secrets(text, policy, keys):
        return []
    tokens = _json_string_tokens(text)
    if tokens is None:
        return None
    new_literal = _json_escape(policy.replacement)
    edits: list[Edit] = []
    for start, end, is_key, owner in tokens:
        c_start, c_end = start + 1, end - 1  # the characters between the quotes
        raw = text[c_start:c_end]
        escaped = "\\" in raw
        if escaped:
            value, offsets = _json_unescape_map(raw)
        else:
            value, offsets = raw, []
        if owner is not None and body_key_applies(owner, value, keys):
            if not (policy.keeps(value) or policy.keeps(raw)):
                finding = Finding("json-key", c_start, c_end, raw, f"JSON key {owner}")
                edits.append(Edit(c_start, c_end, new_literal, finding))
            continue
        if not is_key and _ABSOLUTE_URL_RE.match(value):
            inner = _url_edits(value, policy)
        else:
            inner = find_pattern_edits(value, policy)
        for e in inner:
            s = c_start + (offsets[e.start] if escaped else e.start)
            t = c_start + (offsets[e.end] if escaped else e.end)
            f = e.finding
            edits.append(Edit(s, t, _json_escape(e.new), Finding(f.rule, s, t, text[s:t], f.detail)))
    return edits


def redact_json_text(text: str, policy: Policy, *, apply: bool = True) -> Result | None:
    """Redact JSON ``text`` in place, or return ``None`` if it is not JSON."""
    edits = _json_edits(text, policy)
    if edits is None:
        return None
    return (apply_edits(text, edits) if apply else text), _findings(edits)


# --- forms ----------------------------------------------------------------------

_FORM_PAIR_RE = re.compile(r"([^&=]*)(?:=([^&]*))?")


def _form_edits(text: str, policy: Policy) -> list[Edit]:
    new = quote_plus(policy.replacement, safe=_URL_SAFE)
    keys = policy.body_keys if policy.enabled("form-key") else frozenset()
    edits = _pair_edits(
        text, 0, len(text), _FORM_PAIR_RE, policy, new,
        plus=True, rule="form-key", what="form key",
        secret=lambda name, value: body_key_applies(name, unquote_plus(value), keys),
    )
    edits += find_pattern_edits(text, policy, replacement=new, taken=_taken(edits))
    return sorted(edits, key=lambda e: e.start)


def redact_form_text(text: str, policy: Policy) -> Result | None:
    """Redact an ``application/x-www-form-urlencoded`` body, or return ``None``
    if ``text`` does not look like one (no ``=``, or raw line breaks)."""
    if "=" not in text or "\n" in text or "\r" in text:
        return None
    edits = _form_edits(text, policy)
    return apply_edits(text, edits), _findings(edits)


def redact_form_value(key: str, value: str, policy: Policy) -> Result:
    """Redact one decoded value of a go-vcr ``form`` map entry ``key``."""
    if policy.enabled("form-key") and body_key_applies(key, value, policy.body_keys):
        if policy.keeps(value):
            return value, []
        return policy.replacement, [Finding("form-key", 0, len(value), value, f"form key {key}", policy.replacement)]
    return redact_text(value, policy)


# --- bodies and streams ----------------------------------------------------------

_LINE_BREAK_RE = re.compile(r"(\r\n|\r|\n)")
_NDJSON_TYPES = frozenset(
    {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"}
)


def redact_lines(text: str, policy: Policy, *, event_stream: bool, apply: bool = True) -> Result:
    """Redact a line-oriented body, keeping every line ending as it is.

    With ``event_stream`` the JSON of each ``data:`` line is edited (after the
    one optional space); otherwise each whole line is tried as JSON (NDJSON).
    Lines that are not JSON get the patterns.
    """
    edits: list[Edit] = []
    for start, end in _candidate_lines(text, policy):
        part = text[start:end]
        payload_at = 0
        if event_stream and part.startswith("data:"):
            payload_at = 6 if part.startswith("data: ") else 5
        payload = part[payload_at:]
        inner = None
        if payload_at or not event_stream:
            inner = _json_edits(payload, policy) if payload.strip() else []
        if inner is None:
            inner = find_pattern_edits(payload, policy)
        edits += [_shift(e, start + payload_at) for e in inner]
    return (apply_edits(text, edits) if apply else text), _findings(edits)


_LINE_ENDS = "\r\n"


def _candidate_lines(text: str, policy: Policy) -> list[tuple[int, int]]:
    """The (start, end) of each line that could hold something to redact, in order.

    A line can only hold a finding if it holds a trigger: a key shape's prefix, a
    possible secret key, a URL, or an escape that could hide one. Big streams are mostly
    lines without any, so they are never split or parsed. With custom patterns every
    line is a candidate."""
    if policy.custom_patterns:
        every_line: list[tuple[int, int]] = []
        offset = 0
        for part in _LINE_BREAK_RE.split(text):
            if part and part[0] not in _LINE_ENDS:
                every_line.append((offset, offset + len(part)))
            offset += len(part)
        return every_line
    keys = policy.body_keys if policy.enabled("json-key") else frozenset()
    hits = [m.start() for m in _TRIGGER_RE.finditer(text)]
    key_trigger = _key_trigger(keys)
    if key_trigger is not None:
        hits.extend(m.start() for m in key_trigger.finditer(text))
    hits.sort()
    spans: list[tuple[int, int]] = []
    last_end = -1
    has_cr = "\r" in text
    for at in hits:
        if at < last_end:
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if has_cr:
            start = max(start, text.rfind("\r", start, at) + 1)
            cr = text.find("\r", at, end)
            end = end if cr == -1 else cr
        spans.append((start, end))
        last_end = end
    return spans


# The builtin patterns' trigger (rules._BUILTIN_TRIGGER_RE) spelled as literals, plus the
# escapes that could hide a secret. _TRIGGER_RE finds the same places, but each
# alternative starts at a character that is rare in bodies (an upper-case letter, `-`,
# `_`, `/`, `\\`) and looks back for the rest: the regex engine then skips ahead on a
# small set of first characters instead of trying every position.
_TRIGGER_LITERALS = (
    "PRIVATE KEY", "sk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "AIza", "A3T", "AKIA",
    "ASIA", "ABIA", "ACCA", "xox", "_test_", "_live_", "hf_", "eyJ", "://", "\\u", "\\/",
)
_TRIGGER_RE = re.compile(
    r"PRIVATE KEY|A(?:Iza|3T|KIA|SIA|BIA|CCA)|-(?<=sk-)|_(?:(?<=gh[pousr]_)|(?<=github_pat_)|(?<=hf_)|test_|live_)"
    r"|xox|J(?<=eyJ)|//(?<=://)|\\[u/]"
)



def redact_event_stream(text: str, policy: Policy) -> Result:
    """Redact a ``text/event-stream`` body (see :func:`redact_lines`)."""
    return redact_lines(text, policy, event_stream=True)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_like_event_stream(text: str) -> bool:
    first = text.lstrip("\ufeff\r\n")
    return first.startswith(("data:", "event:", "id:", "retry:", ":"))


_LARGE = 1 << 16  # bodies from this size on are looked at before they are parsed


def _json_keys(policy: Policy) -> frozenset[str]:
    return policy.body_keys if policy.enabled("json-key") else frozenset()


def redact_body(text: str, content_type: str | None, policy: Policy, *, apply: bool = True) -> Result:
    """Redact a decoded request or response body.

    ``text/event-stream`` (or, with no content type, text that starts like an
    event stream) is edited line by line; NDJSON types likewise; anything that
    parses as JSON is edited as JSON whatever the content type says; a form
    content type gets the form rules; anything else gets the patterns only.
    With ``apply=False`` the findings are all that is wanted: the text comes back as
    it was (a large body is not copied).
    """
    media = _media_type(content_type)
    if media == "text/event-stream" or (not media and _looks_like_event_stream(text)):
        return redact_lines(text, policy, event_stream=True, apply=apply)
    if media != "application/x-www-form-urlencoded" and len(text) > _LARGE and not _json_may_hold_secrets(text, policy, _json_keys(policy)):
        # Nothing any rule looks for is in this body (form bodies aside, whose keys are
        # not quoted): no need to parse a large JSON document only to find nothing.
        return text, []
    result = redact_json_text(text, policy, apply=apply)
    if result is not None:
        return result
    if media in _NDJSON_TYPES:
        return redact_lines(text, policy, event_stream=False, apply=apply)
    if media == "application/x-www-form-urlencoded":
        result = redact_form_text(text, policy)
        if result is not None:
            return result
    return redact_text(text, policy)
