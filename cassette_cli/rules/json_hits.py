"""JSON text scanned only where a trigger occurs: the fast path of :func:`json_findings`.

Walking every token of a JSON document in Python, decoding every string and running
the patterns over each costs about half a millisecond per event of an LLM stream
(thousands of strings, a few of which hold a URL). Every finding needs a trigger in
the source text: a pattern's literal, an escape that could hide one (``\\u``, ``\\/``),
a URL with a query (:func:`url_query_hits`) or a key that could be a secret key
(:func:`key_trigger`). So the triggers are found in one pass of the regex engine, the
string tokens are found by a second (in valid JSON every ``"`` outside a string opens
one), and only the strings that hold a trigger, or that are the value of a key that
does, are decoded and given the rules — the same rules, in the same way, as the walk
in ``json_body`` gives them. Custom patterns can match anywhere, so with them the
caller walks instead.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from json.decoder import scanstring

from .finding import Finding
from .keys import body_key_applies, key_value_spans, normalize_key

__all__ = ["StringToken", "key_findings", "looked_at_strings", "string_tokens", "triggered_strings"]

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SPACE = " \t\r\n"


def string_tokens(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every string token of valid JSON ``text``, quotes included."""
    return [m.span() for m in _STRING.finditer(text)]


def _string_end(text: str, start: int) -> int:
    """Just after the string token opening at ``start``: json's C scanner finds it (a
    regular expression is slow where escapes are many, as in a body stored as a string)."""
    return scanstring(text, start + 1, False)[1]


def _prev_char_at(text: str, at: int) -> int:
    """The index of the last non-space character before ``at`` (-1 if none)."""
    at -= 1
    while at >= 0 and text[at] in _SPACE:
        at -= 1
    return at


def _decode(token: str) -> str:
    return json.loads(token) if "\\" in token else token[1:-1]


class StringToken:
    """One string token of the document: where it is, what it is, whose value it is
    (``owner``: the key, decoded when first asked for; None for an array element)."""

    __slots__ = ("_owner", "_owner_token", "end", "is_key", "start")

    def __init__(self, start: int, end: int, is_key: bool, owner_token: str | None, owner: str | None = None) -> None:
        self.start, self.end, self.is_key = start, end, is_key
        self._owner_token = owner_token  # the owner key's source, quotes included
        self._owner = owner  # decoded; given for a string under a covering key

    @property
    def owner(self) -> str | None:
        if self._owner is None and self._owner_token is not None:
            self._owner = _decode(self._owner_token)
        return self._owner


def triggered_strings(text: str, hits: list[int]) -> list[StringToken]:
    """The string tokens of valid JSON ``text`` that hold one of the ``hits`` (sorted
    positions), plus the value string of every key token among them, in order. Each
    value string knows its owner key (decoded; None for an array element)."""
    if not hits:
        return []
    opening_of: dict[int, int] | None = None  # closing quote -> opening quote
    if "\\\\" in text:  # an escaped backslash: a quote after one is not escaped
        spans = string_tokens(text)
        opening_of = {end - 1: start for start, end in spans}
        starts = _starts_in(spans, hits)
    else:
        starts = _starts_by_counting_quotes(text, hits)
    tokens: dict[int, StringToken] = {}
    for start in starts:
        if start in tokens:
            continue
        end = _string_end(text, start)
        after = _next_at(text, end)
        if after < len(text) and text[after] == ":":
            tokens[start] = StringToken(start, end, True, None)
            value_at = _next_at(text, after + 1)
            if value_at < len(text) and text[value_at] == '"':
                v_end = _string_end(text, value_at)
                tokens[value_at] = StringToken(value_at, v_end, False, text[start:end])
            continue
        owner = None
        before = _prev_char_at(text, start)
        if before >= 0 and text[before] == ":":
            k_end = _prev_char_at(text, before) + 1
            k_start = _opening_quote(text, k_end - 1) if opening_of is None else opening_of[k_end - 1]
            owner = text[k_start:k_end]
        tokens[start] = StringToken(start, end, False, owner)
    return [tokens[at] for at in sorted(tokens)]


def looked_at_strings(text: str, hits: list[int], keys: frozenset[str]) -> list[StringToken]:
    """:func:`triggered_strings`, plus every string inside an object or array that is
    the value of a secret key (``"client_secret": {"value": "..."}``): those strings have
    the covering key as owner (the outermost one), unless their own key is secret."""
    tokens = {token.start: token for token in triggered_strings(text, hits)}
    last_end = -1
    for token in sorted((t for t in tokens.values() if t.is_key), key=lambda t: t.start):
        if token.start < last_end:
            continue  # inside a region already covered: the outer key covers it
        name = _decode(text[token.start : token.end])
        if normalize_key(name) not in keys:
            continue
        value_at = _next_at(text, text.index(":", token.end) + 1)
        if value_at >= len(text) or text[value_at] not in "[{":
            continue
        end = _closing(text, value_at)
        last_end = end
        previous: tuple[int, int] | None = None  # the string before: a value's key
        for m in _STRING.finditer(text, value_at, end):
            start, stop = m.span()
            after = _next_at(text, stop)
            if after < len(text) and text[after] == ":":
                previous = (start, stop)
                continue  # a key: not covered (a key inside with a trigger is in tokens already)
            own = None
            if previous is not None and text[_prev_char_at(text, start)] == ":":
                own = _decode(text[previous[0] : previous[1]])
            previous = (start, stop)
            owner = own if own is not None and normalize_key(own) in keys else name
            tokens[start] = StringToken(start, stop, False, None, owner)
    return [tokens[at] for at in sorted(tokens)]


_TOKEN_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def _closing(text: str, opening: int) -> int:
    """Just after the bracket that closes the one at ``opening`` (strings skipped)."""
    depth = 0
    for m in _TOKEN_OR_BRACKET.finditer(text, opening):
        ch = m.group()
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return m.end()
    return len(text)


def _next_at(text: str, at: int) -> int:
    n = len(text)
    while at < n and text[at] in _SPACE:
        at += 1
    return at


def _opening_quote(text: str, closing: int) -> int:
    """Where the string that ends with the quote at ``closing`` starts, in text with no
    escaped backslash (so a quote right after a backslash is escaped)."""
    at = text.rfind('"', 0, closing)
    while at > 0 and text[at - 1] == "\\":
        at = text.rfind('"', 0, at)
    return at


def _starts_by_counting_quotes(text: str, hits: list[int]) -> list[int]:
    """Where the string holding each hit starts. With no escaped backslash in the text
    every quote after a backslash is escaped and every other one opens or closes a
    string, so the quotes before a position say whether it is inside one."""
    starts: list[int] = []
    counted_to = 0
    open_quotes = 0  # unescaped quotes in text[:counted_to]
    for at in hits:
        quote = text.rfind('"', 0, at + 1)
        while quote > 0 and text[quote - 1] == "\\":
            quote = text.rfind('"', 0, quote)
        if quote < counted_to:
            continue  # in the string found for an earlier hit
        open_quotes += text.count('"', counted_to, quote) - text.count('\\"', counted_to, quote)
        counted_to = quote
        if open_quotes % 2 == 0:  # an opening quote: the hit is in this string
            starts.append(quote)
    return starts


def _starts_in(spans: list[tuple[int, int]], hits: list[int]) -> list[int]:
    begins = [s for s, _ in spans]
    starts = []
    for at in hits:
        i = bisect_right(begins, at) - 1
        if i >= 0 and at < spans[i][1]:
            starts.append(spans[i][0])
    return starts


def key_findings(token: StringToken, text: str, raw: str, decoded: str, keys: frozenset[str], keeps, rule: str, new_literal: str, offsets_of) -> list[Finding] | None:
    """The key rule's findings for a value string, or None when its owner is not a secret
    key for this value (then the other rules look at it)."""
    owner = token.owner
    if owner is None or not body_key_applies(owner, decoded, keys):
        return None
    found = []
    c_start = token.start + 1
    offsets = None
    for v_start, v_end in key_value_spans(owner, decoded):
        piece = decoded[v_start:v_end]
        whole = v_end - v_start == len(decoded)
        if keeps(piece) or (whole and keeps(raw)):
            continue
        if "\\" in raw:
            offsets = offsets or offsets_of(raw)
            s, t = c_start + offsets[v_start], c_start + offsets[v_end]
        else:
            s, t = c_start + v_start, c_start + v_end
        found.append(Finding(rule, s, t, text[s:t], f"JSON key {owner}", new_literal))
    return found
