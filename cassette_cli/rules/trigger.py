"""Where a set of literals occurs in a text, in one pass: the prefilter every scan of a
body starts with (a rule's regex runs only where one of its literals is).

Two engines give the same answer. The regex of :func:`trigger_regex` (one
alternation, each literal anchored at a rare character) runs everywhere and on short
texts; on a long body, Hyperscan (Vectorscan) matches all the literals at once, 6-20x
faster, when the `hyperscan` package is installed (it is a dependency on the platforms
it ships wheels for). Both report the position of each occurrence's anchor character;
the regex skips an occurrence that starts inside the one it just matched, so
Hyperscan's positions are a superset: every string and line holding a literal is
found either way (tests/test_trigger.py compares the two on every body). Which
literals a text holds (`found`) is exact with both: the regex's answer also looks at
every anchor inside each match."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["FOUND_NATIVE_MIN", "NATIVE_MIN", "Trigger", "anchor_index", "character_offsets", "native_available", "trigger_regex"]

# Characters rare in bodies: a trigger alternative starts at one and looks back for the
# rest of its literal, so the regex engine skips ahead on a few first characters
# instead of trying every position.
_RARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ-_/\\")


def anchor_index(literal: str) -> int:
    """Where a literal's trigger alternative starts: its first rare character (else 0)."""
    return next((i for i, ch in enumerate(literal) if ch in _RARE), 0)


def trigger_regex(literals: Iterable[str]) -> re.Pattern[str]:
    """A regex that finds, in one pass, every place where one of ``literals`` occurs
    (a match starts at the literal's anchor character, never on another line)."""
    groups: dict[str, list[str]] = {}
    for literal in dict.fromkeys(literals):
        at = anchor_index(literal)
        head, anchor, tail = literal[:at], literal[at], literal[at + 1 :]
        behind = f"(?<={re.escape(head + anchor)})" if head else ""
        groups.setdefault(anchor, []).append(behind + re.escape(tail))
    branches = []
    for anchor, rests in groups.items():
        if "" in rests:
            branches.append(re.escape(anchor))
        elif len(rests) == 1:
            branches.append(re.escape(anchor) + rests[0])
        else:
            branches.append(re.escape(anchor) + "(?:" + "|".join(rests) + ")")
    return re.compile("|".join(branches))


# Texts shorter than this use the regex: below it, encoding the text and a call into
# Hyperscan cost about what the regex's own pass does. Above it the regex loses fast: it
# tries every capital letter (the anchor of `AKIA`, `SK`, ...), so on the bodies of the
# bench's 300 LLM cassettes from 1 KB to 64 KB (5.4 MB) it takes 0.24 s, Hyperscan 0.013 s.
NATIVE_MIN = 1024
# `found` asks Hyperscan for the first occurrence of each literal only (a call back per
# literal, not per match), which pays from about a kilobyte: on the 910 texts the bench's
# 10 MB JSON API file asks about, 0.009 s against the regex's 0.18 s.
FOUND_NATIVE_MIN = 1024

_hyperscan: Any = None  # the module, once imported; False when it cannot be


def native_available() -> bool:
    """Whether Hyperscan can be used here (imported on first use)."""
    global _hyperscan
    if _hyperscan is None:
        try:
            import hyperscan
        except ImportError:
            hyperscan = False
        _hyperscan = hyperscan
    return _hyperscan is not False


class Trigger:
    """The occurrences of ``literals`` (ASCII text) in a text."""

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(dict.fromkeys(literals))
        self.regex = trigger_regex(self.literals)
        self._anchor_from_end = [len(lit) - anchor_index(lit) for lit in self.literals]
        self._by_anchor: dict[str, list[tuple[str, int]]] = {}  # anchor character -> (literal, its index)
        for literal in self.literals:
            at = anchor_index(literal)
            self._by_anchor.setdefault(literal[at], []).append((literal, at))
        self._anchor_re = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self._by_anchor)) + "]")
        self._databases: dict[bool, Any] = {}  # first_only -> the compiled Hyperscan database
        self._native = all(lit.isascii() for lit in self.literals)

    def positions(self, text: str) -> list[int]:
        """Where the literals occur in ``text``: each occurrence's anchor character, sorted."""
        if self._goes_native(text):
            return self._native_positions(text)
        return [m.start() for m in self.regex.finditer(text)]

    def found(self, text: str) -> set[str]:
        """The literals that occur in ``text``."""
        if self._goes_native(text, FOUND_NATIVE_MIN):
            seen: set[int] = set()
            self._scan(text.encode("utf-8", "surrogatepass"), lambda index, start, end, flags, context: seen.add(index), first_only=True)
            return {self.literals[i] for i in seen}
        present: set[str] = set()
        by_anchor, inner_anchor = self._by_anchor, self._anchor_re.search
        for m in self.regex.finditer(text):
            pos, end = m.start(), m.end()
            while True:
                for literal, at in by_anchor.get(text[pos], ()):
                    if text.startswith(literal, pos - at):
                        present.add(literal)
                # an anchor inside the match: a literal the regex stepped over
                # (`SG.atlasv1.` holds the `.atlasv1.` of Terraform Cloud's tokens)
                inner = inner_anchor(text, pos + 1, end)
                if inner is None:
                    break
                pos = inner.start()
        return present

    def _goes_native(self, text: str, minimum: int | None = None) -> bool:
        return self._native and len(text) >= (NATIVE_MIN if minimum is None else minimum) and native_available()

    def _scan(self, data: bytes, on_match: Any, *, first_only: bool = False) -> None:
        """Hyperscan over ``data``: ``on_match`` for every occurrence, or with
        ``first_only`` for the first of each literal (a literal in every line of a big
        body then costs one call back into Python, not one per line)."""
        databases = self._databases
        if first_only not in databases:
            database = _hyperscan.Database(mode=_hyperscan.HS_MODE_BLOCK)
            flags = _hyperscan.HS_FLAG_SINGLEMATCH if first_only else 0
            database.compile(expressions=[lit.encode("ascii") for lit in self.literals], ids=list(range(len(self.literals))), flags=[flags] * len(self.literals), literal=True)
            databases[first_only] = database
        databases[first_only].scan(data, match_event_handler=on_match)

    def _native_positions(self, text: str) -> list[int]:
        data = text.encode("utf-8", "surrogatepass")
        back = self._anchor_from_end
        ends: list[int] = []

        def on_match(index: int, start: int, end: int, flags: int, context: object) -> None:
            ends.append(end - back[index])

        self._scan(data, on_match)
        found = sorted(set(ends))
        if len(data) == len(text):
            return found  # ASCII: a byte offset is a character offset
        return character_offsets(data, found)


def character_offsets(data: bytes, offsets: list[int]) -> list[int]:
    """Byte offsets into UTF-8 ``data`` (each at a character's first byte: the literals
    are ASCII) as character offsets."""
    out: list[int] = []
    chars = previous = 0
    for offset in offsets:
        chars += len(data[previous:offset].decode("utf-8", "surrogatepass"))
        previous = offset
        out.append(chars)
    return out
