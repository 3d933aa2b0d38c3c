"""Rich renderables for the human views. The only module that draws; it never prints itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .listing import Row
from .model import Cassette

QUERY_SHOWN = 40


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


def status_text(status: int | None) -> Text:
    if status is None:
        return Text("-", style="dim")
    style = {1: "blue", 2: "green", 3: "cyan", 4: "yellow", 5: "bold red"}.get(status // 100, "")
    return Text(str(status), style=style)


def url_text(url: str) -> Text:
    """Scheme and host dimmed; a long query string shortened."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return Text(_shorten_query(url))
    text = Text()
    text.append(f"{parts.scheme}://{parts.netloc}", style="dim")
    rest = url[len(parts.scheme) + 3 + len(parts.netloc) :]
    text.append(_shorten_query(rest))
    return text


def _shorten_query(rest: str) -> str:
    path, sep, query = rest.partition("?")
    if sep and len(query) > QUERY_SHOWN:
        return f"{path}?{query[: QUERY_SHOWN - 1]}…"
    return rest


def ls_heading(cassette: Cassette, shown: int) -> Text:
    total = len(cassette.interactions)
    count = f"{total} interaction{'s' if total != 1 else ''}"
    if shown != total:
        count = f"{shown} of {count}"
    heading = Text()
    heading.append(cassette.path, style="bold")
    heading.append(f"  {cassette.format} · {count}", style="dim")
    return heading


NARROW = 100  # below this many columns the content type is left out of `ls` tables


def ls_table(rows: list[Row], width: int = 120) -> Table:
    wide = width >= NARROW
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1), collapse_padding=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("method", no_wrap=True)
    table.add_column("url", overflow="fold", min_width=20, ratio=1)
    table.add_column("status", justify="right", no_wrap=True)
    if wide:
        table.add_column("type", overflow="ellipsis", max_width=24, min_width=4)
    table.add_column("req", justify="right", no_wrap=True)
    table.add_column("resp", justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    for row in rows:
        content_type = (row.content_type or "").split(";")[0].strip()
        table.add_row(
            str(row.index),
            row.method,
            url_text(row.url),
            status_text(row.status),
            *([content_type] if wide else []),
            human_size(row.request_bytes),
            human_size(row.response_bytes),
            human_duration(row.duration_ms),
            "" if row.sse_events is None else str(row.sse_events),
        )
    return table


def ls_view(cassette: Cassette, rows: list[Row], width: int = 120) -> RenderableType:
    if not rows:
        return Group(ls_heading(cassette, 0), Text("  (no interactions)", style="dim"), Text(""))
    return Group(ls_heading(cassette, len(rows)), ls_table(rows, width), Text(""))
