"""The `ls` table as text: its cells (the rich table draws them too) and, piped, the
table itself drawn without rich, whose import costs more than listing a small file.

The text drawn here is what rich draws piped (columns at their natural width, two
spaces apart, a rule under the header, lines stripped at the end), for text of
printable ASCII only; anything else (wide or combining characters, control characters
rich would strip) is left to rich. `tests/test_fast_start.py` compares the two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .units import count_text, human_duration, human_size

if TYPE_CHECKING:
    from ..model import Cassette
    from ..views.listing import Row

# (header, right-aligned); "type" is left out of narrow terminal tables
COLUMNS = (("#", True), ("method", False), ("url", False), ("status", True), ("type", False), ("req", True), ("resp", True), ("time", True), ("events", True))
GAP = "  "
RULE = "\u2500"


def cells(row: Row, wide: bool = True) -> list[str]:
    """The cells of one row, in the order of COLUMNS (without "type" unless wide)."""
    content_type = (row.content_type or "").split(";")[0].strip()
    return [
        str(row.index),
        row.method,
        row.url,
        "-" if row.status is None else str(row.status),
        *([content_type] if wide else []),
        human_size(row.request_bytes),
        human_size(row.response_bytes),
        human_duration(row.duration_ms),
        "" if row.sse_events is None else str(row.sse_events),
    ]


def plain_ls(cassette: Cassette, rows: list[Row]) -> str | None:
    """What `ls` prints piped for one cassette; None when its text is not all printable
    ASCII (rich draws it then)."""
    heading = f"{cassette.path}  {cassette.format} \u00b7 {count_text(len(cassette.interactions), len(rows))}"
    table = [cells(row) for row in rows]
    if not _printable(cassette.path) or not all(_printable(cell) for line in table for cell in line):
        return None
    if not rows:
        return f"{heading}\n  (no interactions)\n\n"
    widths = [max(len(name), *(len(line[i]) for line in table)) for i, (name, _) in enumerate(COLUMNS)]
    lines = [heading, _line([name for name, _ in COLUMNS], widths)]
    lines.append(RULE * (sum(widths) + len(GAP) * (len(widths) - 1)))
    lines += [_line(line, widths) for line in table]
    return "\n".join(lines) + "\n\n"


def _line(values: list[str], widths: list[int]) -> str:
    return GAP.join(value.rjust(width) if right else value.ljust(width) for value, width, (_, right) in zip(values, widths, COLUMNS)).rstrip()


def _printable(text: str) -> bool:
    return text.isascii() and text.isprintable()
