"""Propagation: a value any rule found is removed wherever else it occurs in the file.

A rule finds a key where it is labelled (a header, a query parameter, a JSON key); the
same key often sits unlabelled elsewhere: in an HTML body, a log line inside a JSON
string, a gzip or base64 body, event-stream data, a `Location` URL. Once found, a value
long and specific enough (:func:`specific`) is looked for in every string of the file, as
it is and in the encodings it hides behind there: JSON escapes (``\\/``, ``\\uXXXX``),
percent-encoding, and both (a percent-encoded URL inside a JSON string). Base64 and gzip
bodies are looked into decoded, like the rules look into them.

`Known` holds the values and where each was found first; `Known.findings` gives the
spans of one string to replace, each a Finding of the rule that found the value first.
Pure: strings in, Findings out."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from ..model import Body, Cassette
from ..rules.finding import Finding, splice
from ..rules.json_body import json_escape
from ..rules.policy import Policy
from ..rules.urls import HEX, URL_SAFE, percent_decode_map
from .value_search import ValueSearch, leftmost_longest, literal_trie

__all__ = ["MIN_PROPAGATED", "First", "Known", "find_known", "known_values", "literal_trie", "specific", "spread", "unescape_map"]

MIN_PROPAGATED = 8  # shorter values are too likely to occur by chance
BATCH_TEXT_MAX = 1 << 16  # texts up to this long are searched for known values together (Known.holding)
BATCH_CHARS = 1 << 20  # in joined texts of about this many characters

if TYPE_CHECKING:
    from ..document import Scalar
    from .scan import Planner

_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def specific(value: str, policy: Policy) -> bool:
    """True for a value worth looking for elsewhere: 8+ characters, no placeholder, and not
    a plain lower-case word (a database password ``postgres`` would hit every key of
    that name): a digit, a capital after the first letter, or a sign in it, or 16+ chars;
    and not digits only."""
    if len(value) < MIN_PROPAGATED or policy.keeps(value) or value.strip() != value:
        return False
    if value.isdigit():
        return False  # a number: propagated it would turn numbers elsewhere into strings
    if len(value) >= 16:
        return True
    return not (value[:1].isalpha() and value[1:].islower() and value.isalpha())


def unescape_map(text: str, *, offsets: bool = True) -> tuple[str, list[int]]:
    """``text`` with its JSON escapes decoded wherever they are well formed (anything
    else is kept as it is), and where each decoded character starts in ``text`` (plus a
    final entry ``len(text)``). Works on a whole JSON document or on any text. With
    ``offsets=False`` the same text, without the offsets (an empty list): a search of it
    tells whether they are worth making."""
    chars: list[str] = []
    places: list[int] = []
    extend, append = (places.extend, places.append) if offsets else (_ignore, _ignore)
    i, n = 0, len(text)
    find = text.find
    while i < n:
        j = find("\\", i)
        if j < 0:
            j = n
        if j > i:
            chars.append(text[i:j])
            extend(range(i, j))
            i = j
            continue
        e = text[i + 1 : i + 2]
        if e in _SIMPLE:
            chars.append(_SIMPLE[e])
            append(i)
            i += 2
        elif e == "u" and len(text) >= i + 6 and all(h in HEX for h in text[i + 2 : i + 6]):
            cp = int(text[i + 2 : i + 6], 16)
            step = 6
            low = text[i + 8 : i + 12]
            if 0xD800 <= cp < 0xDC00 and text.startswith("\\u", i + 6) and len(low) == 4 and all(h in HEX for h in low) and 0xDC00 <= int(low, 16) < 0xE000:
                cp = 0x10000 + ((cp - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                step = 12
            chars.append(chr(cp))
            append(i)
            i += step
        else:
            chars.append("\\")
            append(i)
            i += 1
    append(n)
    return "".join(chars), places


def _ignore(_: object) -> None:
    """Stands for the offsets' append and extend when no offsets are wanted."""


@dataclass(frozen=True)
class First:
    """Where a value was found first: its rule, what that finding said, and its location."""

    rule: str
    detail: str
    location: str


class Known:
    """The values found in one file, each with where it was found first."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.first: dict[str, First] = {}
        self.origins: dict[int, str] = {}  # id(finding) -> where its value was found first
        # what redact_body found in each body of the file, by its scalar's start: a masked
        # view of a body takes these instead of scanning it again
        self.bodies: dict[int, tuple[Finding, ...]] = {}
        self._values: ValueSearch | None = None  # built when first asked, again after a value is added

    def __bool__(self) -> bool:
        return bool(self.first)

    def add(self, secret: str, rule: str, detail: str, location: str) -> None:
        """Learn a found value, as found and decoded (percent-encoding, JSON escapes)."""
        forms = {secret}
        if "%" in secret:
            forms.add(unquote(secret))
        if "\\" in secret:
            forms.add(unescape_map(secret)[0])
        for form in forms:
            if form not in self.first and specific(form, self.policy):
                self.first[form] = First(rule, detail, location)
                self._values = None

    def add_findings(self, findings: Iterable[Finding], location: str) -> None:
        for f in findings:
            self.add(f.secret, f.rule, f.detail, location)

    FEW = 16  # up to this many values, each is looked for with str.find (faster to start than a search of them all)

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each known value in ``text``, left to right, none overlapping:
        where several start at a place the longest, and the search goes on after it (what
        a regex alternation of the values, longest first, finds)."""
        if len(self.first) > self.FEW:
            return self._search().spans(text)
        starts: list[tuple[int, int]] = []  # (start, -length) of every occurrence, overlapping ones too
        find = text.find
        for value in self.first:
            size = len(value)
            at = find(value)
            while at >= 0:
                starts.append((at, -size))
                at = find(value, at + 1)
        return leftmost_longest(starts) if starts else starts

    def occurs_in(self, text: str) -> bool:
        """Whether any known value is in ``text``."""
        if len(self.first) > self.FEW:
            return self._search().occurs_in(text)
        return any(value in text for value in self.first)

    def holding(self, texts: Sequence[str]) -> list[bool]:
        """Whether a known value occurs in each of ``texts``: the short ones searched
        together, joined by NULs (no value can span one: a value holding a NUL makes each
        text searched alone). The 77,000 strings of 8 characters or more of the bench's
        many-small file are four searches of about 1 MB, not 77,000 calls."""
        holds = [False] * len(texts)
        if any("\x00" in value for value in self.first):
            return [self.occurs_in(text) for text in texts]
        batch: list[int] = []  # the indices of the texts joined so far
        starts: list[int] = []  # where each starts in the joined text
        size = 0

        def search_batch() -> None:
            joined = "\x00".join(texts[i] for i in batch)
            for start, _ in self.occurrences(joined):
                holds[batch[bisect_right(starts, start) - 1]] = True

        for i, text in enumerate(texts):
            if len(text) > BATCH_TEXT_MAX:
                holds[i] = self.occurs_in(text)
                continue
            batch.append(i)
            starts.append(size)
            size += len(text) + 1
            if size >= BATCH_CHARS:
                search_batch()
                batch, starts, size = [], [], 0
        if batch:
            search_batch()
        return holds

    def _search(self) -> ValueSearch:
        if self._values is None:
            self._values = ValueSearch(self.first)
        return self._values

    def findings(self, text: str, taken: Sequence[Finding] = ()) -> list[Finding]:
        """A finding for each occurrence of a known value in ``text`` outside ``taken``,
        as it is, JSON-escaped, percent-encoded or both; each replaced by the policy's
        replacement in the same encoding. In order."""
        if not self.first or not text:
            return []
        rep = self.policy.replacement
        spans: list[tuple[int, int]] = [(f.start, f.end) for f in taken]
        found: list[Finding] = []

        def take(decoded: str, offsets: list[int] | None, new: str) -> None:
            for d_start, d_end in self.occurrences(decoded):
                start, end = (d_start, d_end) if offsets is None else (offsets[d_start], offsets[d_end])
                if any(start < t_end and t_start < end for t_start, t_end in spans):
                    continue
                spans.append((start, end))
                value = decoded[d_start:d_end]
                first = self.first[value]
                finding = Finding(first.rule, start, end, value, f"{first.detail}, propagated from {first.location}", new)
                self.origins[id(finding)] = first.location
                found.append(finding)

        # A decoded form is searched first; where each of its characters came from is
        # worked out only when a known value is in it (a 10 MB JSON body with a few
        # escapes has none, and its offsets are a list of ten million ints).
        take(text, None, rep)
        escaped = "\\" in text
        if escaped:
            unescaped = unescape_map(text, offsets=False)[0]
            if self.occurs_in(unescaped):
                take(unescaped, unescape_map(text)[1], json_escape(rep))
        if "%" in text:
            encoded = quote(rep, safe=URL_SAFE)
            decoded = percent_decode_map(text, plus=False, offsets=False)[0]
            if self.occurs_in(decoded):
                take(decoded, percent_decode_map(text, plus=False)[1], encoded)
            if escaped and "%" in unescaped:
                both = percent_decode_map(unescaped, plus=False, offsets=False)[0]
                if self.occurs_in(both):
                    offsets = unescape_map(text)[1]
                    take(both, [offsets[i] for i in percent_decode_map(unescaped, plus=False)[1]], json_escape(encoded))
        if found and text.lstrip()[:1] in ("{", "["):
            found = _in_strings(text, found)  # JSON: strings change, numbers and structure never
        found.sort(key=lambda f: f.start)
        return found


_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _in_strings(text: str, found: list[Finding]) -> list[Finding]:
    """The findings that lie inside a JSON string of ``text`` (a JSON document)."""
    found.sort(key=lambda f: f.start)
    kept: list[Finding] = []
    strings = _JSON_STRING_RE.finditer(text)
    current = next(strings, None)
    for f in found:
        while current is not None and current.end() <= f.start:
            current = next(strings, None)
        if current is not None and current.start() < f.start and f.end < current.end():
            kept.append(f)
    return kept


def known_values(planner: Planner) -> Known:
    """The values the rules found in the planner's file, each with where it was first."""
    known = Known(planner.policy)
    known.bodies = planner.body_findings
    for _, finding, location in planner.found:
        known.add(finding.secret, finding.rule, finding.detail, location)
    return known


def find_known(cassette: Cassette, policy: Policy) -> Known:
    """The values the rules find in ``cassette`` (a find-only walk, as `redact --check`)."""
    from .scan import Planner, scan_big_bodies

    planner = Planner(cassette, policy, keep_values=False)
    planner.scanned = scan_big_bodies(cassette, policy)
    for interaction in cassette.interactions:
        planner.interaction(interaction)
    planner.everything_else()
    return known_values(planner)


def spread(planner: Planner) -> Known:
    """Remove every other occurrence of each value the planner's rules found: add a
    finding to the scalar's change (or a new change) for each, decoded like the walk
    decodes it (base64 and gzip bodies, binary scalars)."""
    from .patch import PATCH_MIN
    from .scan import _spell, _where

    known = known_values(planner)
    if not known:
        return known
    changes = {c.node.start: c for c in planner.changes}
    strings = _strings(planner)
    texts = [text for _, _, _, _, _, text in strings]
    # a text without escapes or percent signs has findings only where a value occurs in it as it is
    holds = known.holding(texts)
    for (path, scalar, owner, location, body, text), held in zip(strings, holds):
        if not held and "\\" not in text and "%" not in text:
            continue
        if scalar.is_null or scalar.is_number_or_bool:
            continue  # not a string: left as it is
        binary = body is not None and body.base64
        change = changes.get(scalar.start)
        new = known.findings(text, change.findings if change is not None else ())
        if not new:
            continue
        for f in new:
            planner.propagated[id(f)] = known.origins[id(f)]
        if change is None:
            whole = _new_value(text, new, body, binary) if binary or len(text) < PATCH_MIN else None
            planner.record(scalar, owner, location or _spell(path), whole, new, binary=binary)  # type: ignore[arg-type]
            continue
        change.findings = sorted([*change.findings, *new], key=lambda f: f.start)
        if change.whole is not None:
            change.whole = _new_value(text, change.findings, body, binary)
        for f in new:
            planner.found.append((_where(scalar, f, change.binary), f, change.location))
    return known


def _strings(planner: Planner) -> list[tuple[object, Scalar, object, str | None, Body | None, str]]:
    """(path, scalar, owner, location, body, text) of each scalar of the planner's file
    that holds text as long as a known value or longer, as the walk decodes it (a base64
    body or binary scalar decoded); nulls, numbers and booleans too (told apart only
    where a value may be)."""
    from ..document import Mapping, Scalar, Sequence

    found = []
    root = planner.cassette.document.root
    todo: list[tuple[object, object, object]] = [(None, root, root)] if root is not None else []
    while todo:
        path, parent, node = todo.pop()
        kind = type(node)
        if kind is Mapping:
            todo.extend(((path, key), node, value) for key, (_, value) in node.map.items())  # type: ignore[union-attr]
            continue
        if kind is Sequence:
            todo.extend(((path, i), node, item) for i, item in enumerate(node.items))  # type: ignore[union-attr]
            continue
        if kind is not Scalar:
            continue
        scalar: Scalar = node  # type: ignore[assignment]
        owner, location, body = planner.places.get(scalar.start, (parent, None, None))
        if body is None and scalar.is_binary:
            body = Body(scalar, base64=True)
        binary = body is not None and body.base64
        text = body.text if binary else scalar.value  # type: ignore[union-attr]
        if text is None or len(text) < MIN_PROPAGATED:
            continue  # bytes that are not text, or too short to hold a value in any spelling
        found.append((path, scalar, owner, location, body, text))
    return found


def _new_value(text: str, findings: list[Finding], body: Body | None, binary: bool) -> str:
    new_text = splice(text, findings)
    if not binary:
        return new_text
    import base64

    assert body is not None
    return base64.b64encode(body.reencode(new_text.encode("utf-8", "surrogatepass"))).decode("ascii")
