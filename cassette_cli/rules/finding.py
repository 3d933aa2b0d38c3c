"""A secret found in a string, how it is shown, and the string with the secrets replaced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Finding", "preview", "splice"]


@dataclass(frozen=True)
class Finding:
    """One secret found in a string.

    ``start``/``end`` are character offsets into the string that was scanned
    (for JSON text: into the JSON source, covering the escaped characters).
    ``secret`` is the removed value as the application sees it (decoded from
    JSON or percent-encoding where that applies); never show it whole, use
    :func:`preview`. ``new`` is the text written in place of ``[start, end)``.
    """

    rule: str
    start: int
    end: int
    secret: str = field(repr=False)
    detail: str
    new: str | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:  # never leak the secret through a repr
        return (
            f"Finding(rule={self.rule!r}, start={self.start}, end={self.end}, "
            f"secret={preview(self.secret)!r}, detail={self.detail!r})"
        )

    def shifted(self, offset: int) -> Finding:
        """The same finding in a text where the scanned string starts at ``offset``."""
        return Finding(self.rule, self.start + offset, self.end + offset, self.secret, self.detail, self.new)


def preview(secret: str) -> str:
    """A safe short form of ``secret``: a prefix, an ellipsis and the length.

    Nine characters or more show 4, five to eight show 2, shorter ones show 1
    and a single character shows none, so no secret is ever shown whole.
    """
    n = len(secret)
    if n >= 9:
        shown = 4
    elif n >= 5:
        shown = 2
    elif n >= 2:
        shown = 1
    else:
        shown = 0
    unit = "char" if n == 1 else "chars"
    return f"{secret[:shown]}\u2026, {n} {unit}"


def splice(value: str, findings: Iterable[Finding]) -> str:
    """``value`` with each finding's characters replaced by its ``new`` text; every other
    character stays. Raises ValueError for a finding without ``new`` or overlapping ones."""
    pieces: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.new is None or finding.start < position:
            raise ValueError("findings without replacement text or overlapping")
        pieces += (value[position : finding.start], finding.new)
        position = finding.end
    pieces.append(value[position:])
    return "".join(pieces)
