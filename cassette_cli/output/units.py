"""Sizes, durations and counts as the human views write them (no rich here: the plain
`ls` uses them too)."""

from __future__ import annotations


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    for unit in ("kB", "MB", "GB"):
        size_f = size / 1000
        if size_f < 1000:
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return f"{size / 1000:.1f} TB"


def human_duration(ms: float | None) -> str:
    if ms is None:
        return ""
    if ms < 1:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.0f} ms"
    return f"{ms / 1000:.2f} s"


def count_text(total: int, shown: int) -> str:
    """`3 interactions`, or `1 of 3 interactions` when filters hid some."""
    count = f"{total} interaction{'s' if total != 1 else ''}"
    return count if shown == total else f"{shown} of {count}"
