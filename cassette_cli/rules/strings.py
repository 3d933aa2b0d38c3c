"""Scanning one plain string: the value-shape patterns anywhere, and a header's value.

Functions take a ``str`` and a :class:`Policy` and return the new ``str`` (or only the
findings) with spans into the string they were given."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .finding import Finding, splice
from .headers import CUSTOM_HEADER, RULE_OF_HEADER
from .patterns import PATTERN_TRIGGER, Pattern, patterns_for
from .policy import Policy
from .rule import Rule
from .trigger import FOUND_NATIVE_MIN

__all__ = ["find_patterns", "header_rule", "redact_cookie", "redact_header", "redact_text"]

Result = tuple[str, list[Finding]]


class _Taken:
    """Spans already claimed, disjoint and sorted: an overlap test is a
    binary search (a string with thousands of matches stays linear-ish, not quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):  # overlapping ones are merged: the same test
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_patterns(
    text: str,
    policy: Policy,
    *,
    replacement: str | None = None,
    taken: Sequence[tuple[int, int]] = (),
) -> list[Finding]:
    """A finding for every enabled pattern match in ``text`` outside ``taken`` spans,
    in order.

    Where matches overlap the earlier pattern in ``policy.patterns`` wins.
    ``replacement`` is the text written in place of each match (default: the
    policy's replacement; callers pass an encoded form for URLs and forms).
    """
    new = policy.replacement if replacement is None else replacement
    if len(text) < FOUND_NATIVE_MIN and PATTERN_TRIGGER.search(text) is None:
        patterns: Sequence[Pattern] = policy.custom_patterns  # a short text: the regex tells at once (none but those without literals can match)
    else:
        patterns = patterns_for(text, policy.patterns)  # only those whose literal occurs (a long text: Hyperscan's one pass)
    if not patterns:
        return []
    spans = _Taken(taken)
    found: list[Finding] = []
    for pattern in patterns:
        if pattern.id in policy.disabled:
            continue
        for start, end in pattern.spans(text):
            secret = text[start:end]
            if policy.keeps(secret) or spans.overlaps(start, end):
                continue
            spans.add(start, end)
            found.append(Finding(pattern.id, start, end, secret, pattern.description, new))
    found.sort(key=lambda f: f.start)
    return found


def redact_text(text: str, policy: Policy) -> Result:
    """Apply the value-shape patterns to any string."""
    found = find_patterns(text, policy)
    return (splice(text, found) if found else text), found


def _header_rule(name: str, policy: Policy) -> Rule | None:
    lname = name.strip().lower()
    if lname not in policy.headers:
        return None
    rule = RULE_OF_HEADER.get(lname, CUSTOM_HEADER)
    return rule if policy.enabled(rule.id) else None


def header_rule(name: str, policy: Policy) -> str | None:
    """The id of the rule that covers header ``name`` under ``policy``, if any."""
    rule = _header_rule(name, policy)
    return None if rule is None else rule.id


def redact_header(name: str, value: str, policy: Policy) -> Result:
    """Redact one header value: the header rule for ``name``, then patterns.

    Patterns run on the parts the header rule left alone (a key pasted in an
    unlisted header, say).  A value on the allow list is left whole.
    """
    if value in policy.allow:
        return value, []
    rule = _header_rule(name, policy)
    found: list[Finding] = []
    if rule is not None and rule.value_spans is not None:
        detail = f"header {name.strip()}"
        for start, end, part in rule.value_spans(value):
            secret = value[start:end]
            if not policy.keeps(secret):
                where = detail if part is None else f"{detail} {part}"
                found.append(Finding(rule.id, start, end, secret, where, policy.replacement))
    found += find_patterns(value, policy, taken=[(f.start, f.end) for f in found])
    found.sort(key=lambda f: f.start)
    return (splice(value, found) if found else value), found


def redact_cookie(header: str, name: str, value: str, policy: Policy) -> Result:
    """Redact the value of cookie `name` as the `header` (Cookie, Set-Cookie) holding
    `name=value` would have it redacted (HAR stores each cookie apart from its header)."""
    from dataclasses import replace

    prefix = f"{name}="
    _, found = redact_header(header, prefix + value, policy)
    shift = len(prefix)
    found = [replace(f, start=f.start - shift, end=f.end - shift) for f in found if f.start >= shift]
    return (splice(value, found) if found else value), found
