"""JSON text edited in place: secret keys' string values, and key shapes in every string.

A **string** value whose key is a secret key (``policy.body_keys``, compared through
:func:`normalize_key`; ``token`` only for credential-like values, see
:func:`body_key_applies`) is replaced whole, at any depth; so is every string inside an
object or array under such a key (``"client_secret": {"value": "..."}``), keys aside.
Numbers, booleans and ``null`` are left as they are: only strings change. String values that are absolute
URLs get the URL rules; every other string token (keys included) gets the patterns, on
its decoded value, so a PEM whose line breaks are ``\\n`` escapes is found. The
replacement is written as a JSON string with minimal escaping; key order, whitespace,
escapes and separators stay. Spans cover the source characters, escapes included."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..document.json_tokens import END, KEY, MAP_START, SEQ_START, STRING, events
from .entropy import ENTROPY_RULE, high_entropy, non_secret_key
from .finding import Finding, splice
from .json_hits import key_findings, looked_at_strings
from .keys import AMBIGUOUS_BODY_KEYS, JSON_KEY_RULE, body_key_applies, key_value_spans, letter_spellings, normalize_key
from .patterns import PATTERN_LITERALS
from .policy import Policy
from .rule import DeferredRegex
from .trigger import Trigger
from .url_hits import url_query_hits
from .urls import HEX, text_findings, url_findings

__all__ = [
    "BODY_LITERALS",
    "BODY_TRIGGER",
    "body_hits",
    "json_escape",
    "json_findings",
    "json_findings_walked",
    "json_keys",
    "json_may_hold_secrets",
    "json_unescape_map",
    "key_trigger",
    "redact_json_text",
    "url_query_hits",
]

# The patterns' literals and the escapes that could hide a secret in JSON text.
BODY_LITERALS: tuple[str, ...] = (*PATTERN_LITERALS, "\\u", "\\/")
BODY_LITERAL_SEARCH = Trigger(BODY_LITERALS)
BODY_TRIGGER = BODY_LITERAL_SEARCH.regex

def body_hits(text: str, keys: frozenset[str]) -> list[int]:
    """Where the triggers of a body's rules occur in ``text``, sorted: the pattern
    literals and escapes, URLs with a query, and keys that could be secret keys."""
    hits = BODY_LITERAL_SEARCH.positions(text)
    hits += url_query_hits(text)
    trigger = key_trigger(keys)
    if trigger is not None:
        hits += [m.start() for m in trigger.finditer(text)]
    hits.sort()
    return hits


_ABSOLUTE_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*\Z")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE_OUT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE_RE = re.compile(r'["\\\x00-\x1f]')


def json_escape(value: str) -> str:
    """The body of a JSON string literal for ``value``, escaping only what JSON requires."""
    return _NEEDS_ESCAPE_RE.sub(lambda m: _ESCAPE_OUT.get(m.group(), f"\\u{ord(m.group()):04x}"), value)


def json_unescape_map(raw: str) -> tuple[str, list[int]]:
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
            if len(low) == 4 and all(h in HEX for h in low) and 0xDC00 <= int(low, 16) < 0xE000:
                cp = 0x10000 + ((cp - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                i += 6
        chars.append(chr(cp))
    offsets.append(n)
    return "".join(chars), offsets


@lru_cache(maxsize=8)
def key_trigger(keys: frozenset[str]) -> re.Pattern[str] | None:
    """Finds a JSON key that could normalise to one of ``keys`` (``-``/``_`` anywhere,
    any case, as ``str.lower`` reads it: a KELVIN SIGN is a ``k``), with its quotes. The
    names are factored into a trie, so the engine tries one branch per letter at each
    quote. A key that only counts for credential-like values (``token``) is found only
    with a string value of 16 or more characters before any quote or white space
    (escapes counted as characters), or an object or array (whose strings it covers):
    the logprobs of an LLM stream carry thousands of ``"token": " the"``."""
    if not keys:
        return None
    firsts = sorted({ch for key in keys for ch in letter_spellings(key[0])})
    first = "[-_" + "".join(re.escape(ch) for ch in firsts) + "]"
    plain = sorted(key for key in keys if key not in AMBIGUOUS_BODY_KEYS)
    ambiguous = sorted(key for key in keys if key in AMBIGUOUS_BODY_KEYS)
    branches = []
    if plain:
        branches.append(_trie(plain) + '"')
    if ambiguous:
        branches.append(_trie(ambiguous) + r'"\s*:\s*(?:"(?:[^"\s\\]|\\.){16}|[\[{])')
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
                spellings = letter_spellings(ch)
                letter = f"[{re.escape(spellings)}]" if len(spellings) > 1 else re.escape(ch)
                alternatives.append(letter + "[-_]*" + branch(sub))
        if not alternatives:
            return ""
        return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")

    return branch(tree)


def json_keys(policy: Policy) -> frozenset[str]:
    """The secret JSON keys under ``policy`` (none when the rule is off)."""
    return policy.body_keys if policy.enabled(JSON_KEY_RULE.id) else frozenset()


def json_may_hold_secrets(text: str, policy: Policy, keys: frozenset[str]) -> bool:
    """A cheap look before tokenizing: no secret key, no URL with a query, no key shape,
    no escape that could hide one (``\\u``, ``\\/``) means nothing to find in this JSON."""
    if policy.scans_every_string or BODY_TRIGGER.search(text) is not None or url_query_hits(text):
        return True
    trigger = key_trigger(keys)
    return trigger is not None and trigger.search(text) is not None


def json_findings(text: str, policy: Policy, *, hits: list[int] | None = None, valid: bool = False) -> list[Finding] | None:
    """The findings in JSON ``text`` (not in order), or None if it is not JSON.
    ``hits``: where the triggers are in ``text``, sorted, when the caller found them;
    ``valid``: the caller parsed ``text`` already."""
    keys = json_keys(policy)
    if not valid:
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            return None
    if policy.scans_every_string:
        return json_findings_walked(text, policy, keys)
    if hits is None:
        hits = body_hits(text, keys)
    if not hits or _only_quiet_urls(text, hits, policy):
        return []
    # a string that may be base64 of text is looked into wherever a trigger occurs
    hits = sorted(hits + [m.start() + 1 for m in _BASE64_CANDIDATE.finditer(text)])
    new_literal = json_escape(policy.replacement)
    rule = JSON_KEY_RULE.id
    found: list[Finding] = []
    for token in looked_at_strings(text, hits, keys):
        c_start = token.start + 1
        raw = text[c_start : token.end - 1]
        escaped = "\\" in raw
        decoded = json.loads(text[token.start : token.end]) if escaped else raw
        if not token.is_key:
            by_key = key_findings(token, text, raw, decoded, keys, policy.keeps, rule, new_literal, _offsets)
            if by_key is not None:
                found += by_key
                continue
        if not token.is_key and _ABSOLUTE_URL_RE.match(decoded):
            inner = url_findings(decoded, policy)
        else:
            inner = text_findings(decoded, policy)
            if not inner and not token.is_key and len(decoded) >= 24 and _BASE64_RE.match(decoded):
                inner = base64_text_findings(decoded, policy)
        if inner:
            offsets = _offsets(raw) if escaped else None
            found += _placed(inner, text, c_start, offsets)
    return found


def _only_quiet_urls(text: str, hits: list[int], policy: Policy) -> bool:
    """Whether every trigger in valid JSON ``text`` is the ``://`` of a URL that the loop
    of :func:`json_findings` would find nothing in, so that the text need not be
    tokenized: a value string without escapes that is an absolute URL whose URL rules
    find nothing (remembered per URL), in a text with no string that may be base64 (it
    would be looked into). Perplexity repeats its citations, a query among them, in
    every event of a stream. A key rule's finding in such a string needs its key, a
    trigger of its own."""
    if not all(text.startswith("://", at) for at in hits) or _BASE64_CANDIDATE.search(text) is not None:
        return False
    for at in hits:
        start = text.rfind('"', 0, at)
        end = text.find('"', at)
        if start < 1 or end < 0 or text[start - 1] == "\\":
            return False  # (an escaped quote may be inside the string: it is tokenized)
        url = text[start + 1 : end]
        if "\\" in url or not _ABSOLUTE_URL_RE.match(url) or url_findings(url, policy):
            return False
        after = end + 1
        while after < len(text) and text[after] in " \t\r\n":
            after += 1
        if after < len(text) and text[after] == ":":
            return False  # a key: the patterns would look at it
    return True


# Where a JSON string could hold base64 (a superset: escapes allowed, checked decoded).
_BASE64_CANDIDATE = re.compile(r'"[A-Za-z0-9+/=\\]{24,}"')


def _offsets(raw: str) -> list[int]:
    return json_unescape_map(raw)[1]


def _placed(inner: list[Finding], text: str, c_start: int, offsets: list[int] | None) -> list[Finding]:
    """Findings in a decoded string, placed in the JSON source (escapes covered)."""
    placed = []
    for f in inner:
        s = c_start + (offsets[f.start] if offsets is not None else f.start)
        t = c_start + (offsets[f.end] if offsets is not None else f.end)
        placed.append(Finding(f.rule, s, t, text[s:t], f.detail, json_escape(f.new or "")))
    return placed


def json_findings_walked(text: str, policy: Policy, keys: frozenset[str], *, look_first: bool = True) -> list[Finding]:
    """The findings in valid JSON ``text``, every token looked at in document order: the
    way with custom patterns (they can match anywhere), and the reference the fast path
    (:mod:`.json_hits`) is tested against, then without the look for triggers first
    (``look_first=False``), which the fast path shares."""
    if look_first and not json_may_hold_secrets(text, policy, keys):
        return []
    new_literal = json_escape(policy.replacement)
    rule = JSON_KEY_RULE.id
    found: list[Finding] = []
    entropy_on = policy.enabled(ENTROPY_RULE.id)
    owners: list[str | None] = []  # per open collection: the current key (None in arrays)
    covers: list[str | None] = []  # per open collection: the secret key it sits under, at any depth
    for kind, start, end, value in events(text, values=False):
        if kind is STRING:
            owner = owners[-1] if owners else None
            if (owner is None or normalize_key(owner) not in keys) and covers and covers[-1] is not None:
                owner = covers[-1]  # a string inside an object or array under a secret key
        elif kind is KEY:
            owners[-1] = value
            owner = None
        elif kind is MAP_START or kind is SEQ_START:
            key = owners[-1] if owners else None
            cover = covers[-1] if covers else None
            covers.append(cover if cover is not None else (key if key is not None and normalize_key(key) in keys else None))
            owners.append(None)
            continue
        elif kind is END:
            owners.pop()
            covers.pop()
            continue
        else:
            continue
        c_start, c_end = start + 1, end - 1  # the characters between the quotes
        raw = text[c_start:c_end]
        escaped = "\\" in raw
        if escaped:
            decoded, offsets = json_unescape_map(raw)
        else:
            decoded, offsets = raw, []
        if owner is not None and body_key_applies(owner, decoded, keys):
            for v_start, v_end in key_value_spans(owner, decoded):
                piece = decoded[v_start:v_end]
                whole = v_end - v_start == len(decoded)
                if policy.keeps(piece) or (whole and policy.keeps(raw)):
                    continue
                s = c_start + (offsets[v_start] if escaped else v_start)
                t = c_start + (offsets[v_end] if escaped else v_end)
                found.append(Finding(rule, s, t, text[s:t], f"JSON key {owner}", new_literal))
            continue
        if kind is STRING and _ABSOLUTE_URL_RE.match(decoded):
            inner = url_findings(decoded, policy)
        else:
            inner = text_findings(decoded, policy)
            if not inner and kind is STRING and len(decoded) >= 24 and _BASE64_RE.match(decoded):
                inner = base64_text_findings(decoded, policy)
            if entropy_on and not inner and kind is STRING and owner is not None and not non_secret_key(owner) and high_entropy(decoded):
                inner = [Finding(ENTROPY_RULE.id, 0, len(decoded), decoded, f"high-entropy string under JSON key {owner}", policy.replacement)]
        found += _placed(inner, text, c_start, offsets if escaped else None)
    return found


_BASE64_RE = re.compile(r"(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\Z")
_TEXT_RE = DeferredRegex(r"[\t\n\r\x20-\x7e\u00a0-\uffff]*\Z")  # its class takes 5 ms to compile


def base64_text_findings(value: str, policy: Policy, depth: int = 0) -> list[Finding]:
    """A base64 string that decodes to text (a service-account JSON, a config file):
    the rules run on the text; a finding replaces the whole string with the base64 of
    the text with its secrets replaced. Binary data decodes to no text and is left."""
    if depth > 2 or len(value) > 1 << 20:
        return []
    import base64
    import binascii

    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return []
    if not _TEXT_RE.match(text):
        return []
    inner = json_findings(text, policy) if text.lstrip()[:1] in ("{", "[") else None
    if inner is None:
        inner = text_findings(text, policy)
    if not inner:
        return []
    inner.sort(key=lambda f: f.start)
    new = base64.b64encode(splice(text, inner).encode("utf-8")).decode("ascii")
    first = inner[0]
    return [Finding(first.rule, 0, len(value), first.secret, f"{first.detail} (in base64 text)", new)]


def redact_json_text(text: str, policy: Policy, *, apply: bool = True) -> tuple[str, list[Finding]] | None:
    """Redact JSON ``text`` in place, or return ``None`` if it is not JSON."""
    found = json_findings(text, policy)
    if found is None:
        return None
    found.sort(key=lambda f: f.start)
    return (splice(text, found) if apply and found else text), found
