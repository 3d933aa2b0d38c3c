"""What a rule is: one unit of data that a scanner applies and a test checks.

Like a gitleaks rule (the literal keywords that must occur before its regex runs) and a
ruff rule (a code, a description, examples), a :class:`Rule` declares everything about
itself; the scanners look its behaviour up through it, never through its id."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Union

__all__ = ["ANY_TEXT", "FORM_KEY", "HEADER", "JSON_KEY", "LOOKS_AT", "QUERY", "DeferredRegex", "Regex", "Rule", "ValueSpans"]

# What a rule looks at; its examples are written in that form.
HEADER = "header"  # a header value; examples are "Name: value"
QUERY = "query"  # URL query parameters; examples are URLs
JSON_KEY = "json-key"  # string values under keys of JSON text; examples are JSON
FORM_KEY = "form-key"  # values of keys in form bodies; examples are form bodies
ANY_TEXT = "text"  # any string; examples are strings
LOOKS_AT = (HEADER, QUERY, JSON_KEY, FORM_KEY, ANY_TEXT)

# For a header rule: the (start, end, part) spans of a value to replace; `part` names
# the piece (a cookie name, `Signature`) or is None for the value as a whole.
ValueSpans = Callable[[str], Sequence[tuple[int, int, "str | None"]]]


class DeferredRegex:
    """A regex compiled the first time it is used. A run needs the few built-in shapes
    whose literals occur in its files; compiling all ninety at import took 20-30 ms of
    every process (the standard ``re`` parses a pattern in Python)."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern)
        return compiled

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(text, pos, endpos)


Regex = Union[re.Pattern[str], DeferredRegex]  # what a rule's or a pattern's regex may be


@dataclass(frozen=True)
class Rule:
    """One redaction rule.

    ``fires``: examples it must find something in; ``quiet``: examples it must not.
    ``literals``: for value-shape rules, strings one of which occurs wherever ``regex``
    matches (text without any of them is never searched). ``headers``: for header
    rules, the lower-case names covered by default; ``value_spans`` says which parts of
    the value are the secret.
    """

    id: str
    description: str
    looks_at: str
    fires: tuple[str, ...]
    quiet: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()
    regex: Regex | None = None
    headers: tuple[str, ...] = ()
    value_spans: ValueSpans | None = None
    default: bool = True  # on unless configured off (False: only when configured on, like --entropy)
