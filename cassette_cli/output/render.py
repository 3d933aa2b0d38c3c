"""Rich renderables for the human views, drawn from masked interactions and rows only.
The only module that draws; it never prints itself."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..bodies import Kind, declared_kind
from .ls_plain import cells
from .units import count_text, human_duration, human_size
from ..model import Cassette
from ..views.listing import Row

if TYPE_CHECKING:
    from ..mask import MaskedInteraction, MaskedMessage, MaskedStream
    from ..streams.deltas import DeltaKind, Summary

QUERY_SHOWN = 40


def status_text(status: int | None) -> Text:
    if status is None:
        return Text("-", style="dim")
    style = {1: "blue", 2: "green", 3: "cyan", 4: "yellow", 5: "bold red"}.get(status // 100, "")
    return Text(str(status), style=style)


def url_text(url: str, shorten: bool = True) -> Text:
    """Scheme and host dimmed; a long query string shortened (on a terminal)."""
    parts = urlsplit(url)
    if not shorten:
        return Text(url)
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
    heading = Text()
    heading.append(cassette.path, style="bold")
    heading.append(f"  {cassette.format} · {count_text(len(cassette.interactions), shown)}", style="dim")
    return heading


NARROW = 100  # below this many columns the content type is left out of `ls` tables


def ls_table(rows: list[Row], width: int = 120, plain: bool = False) -> Table:
    """On a terminal, fitted to its width (the URL column gives way first, folding);
    `plain` (piped): every column at its natural width, nothing cut or folded."""
    wide = plain or width >= NARROW
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1), collapse_padding=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("method", no_wrap=True)
    if plain:
        table.add_column("url", no_wrap=True)
    else:
        table.add_column("url", overflow="fold", min_width=20, ratio=1)
    table.add_column("status", justify="right", no_wrap=True)
    if plain:
        table.add_column("type", no_wrap=True)
    elif wide:
        table.add_column("type", overflow="ellipsis", max_width=24, min_width=4)
    table.add_column("req", justify="right", no_wrap=True)
    table.add_column("resp", justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    for row in rows:
        index, method, url, _, *rest = cells(row, wide)
        table.add_row(Text(index), Text(method), url_text(url, shorten=not plain), status_text(row.status), *map(Text, rest))
    return table


def ls_view(cassette: Cassette, rows: list[Row], width: int = 120, plain: bool = False) -> RenderableType:
    if not rows:
        return Group(ls_heading(cassette, 0), Text("  (no interactions)", style="dim"), Text(""))
    return Group(ls_heading(cassette, len(rows)), ls_table(rows, width, plain), Text(""))


# --- show -------------------------------------------------------------------------

def show_view(item: MaskedInteraction, *, max_body: int, raw: bool, decode_sse: bool = False, plain: bool = False) -> RenderableType:
    """One interaction; `plain` (piped): no rule drawn to a width, nothing folded."""
    from rich.rule import Rule

    title = Text(f"{item.file} · #{item.index} · {item.format}", style="bold")
    parts: list[RenderableType] = [Text("── ").append_text(title) if plain else Rule(title, align="left", style="dim")]
    request_line = Text()
    request_line.append(f"{item.method} ", style="bold")
    request_line.append_text(url_text(item.url, shorten=False))
    parts += [request_line, _headers_table(item.request.headers, max_body), _body_view(item.request, max_body, raw, plain), Text("")]

    status_line = Text("← ", style="dim")
    status_line.append_text(status_text(item.status))
    if item.reason:
        status_line.append(f" {item.reason}")
    if item.duration_ms is not None:
        status_line.append(f" · {human_duration(item.duration_ms)}", style="dim")
    if item.response.content_type:
        status_line.append(f" · {item.response.content_type}", style="dim")
    parts += [status_line, _headers_table(item.response.headers, max_body)]
    stream = item.stream if decode_sse else None
    if stream is not None and not raw:
        parts.append(stream_view(stream, item.response.body.size, plain))
    else:
        parts.append(_body_view(item.response, max_body, raw, plain))
    parts.append(Text(""))
    return Group(*parts)


def _headers_table(headers: list[tuple[str, list[str]]], limit: int) -> RenderableType:
    if not headers:
        return Text("  (no headers)", style="dim")
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("name", style="cyan", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, values in headers:
        for value in values or [""]:
            shown, cut = _cut(value, limit)
            cell = Text(shown)
            if cut:
                cell.append(f"… (cut: {len(value):,} characters)", style="dim italic")
            table.add_row(Text(f"  {name}"), cell)
    return table


def _body_view(message: MaskedMessage, max_body: int, raw: bool, plain: bool = False) -> RenderableType:
    from rich.syntax import Syntax

    body = message.body
    if body.absent and not raw:
        return Text("  (no body)", style="dim")
    if raw:
        stored = body.stored or ""
        return Group(Text("  body as stored in the cassette:", style="dim"), Text(_cut(stored, max_body)[0]), *_cut_note(stored, max_body))
    if body.binary:
        return Text(
            f"  binary body left out: {message.content_type or 'no content type'}, {human_size(body.size)}, sha256 {body.sha256[:16] if body.sha256 else ''}…",
            style="yellow",
        )
    text = body.text or ""
    if not text:
        return Text("  (empty body)", style="dim")
    notes = [Text(f"  {note}", style="dim") for note in body.notes]
    form = _form_table(text, message.content_type)
    if form is not None:
        return Group(*notes, form)
    pretty = pretty_json(text)
    shown, _ = _cut(pretty if pretty is not None else text, max_body)
    renderable: RenderableType
    if pretty is not None and not plain:
        renderable = Syntax(shown, "json", theme="ansi_dark", background_color="default", word_wrap=True)
    else:
        renderable = Text(shown)
    return Group(*notes, renderable, *_cut_note(pretty if pretty is not None else text, max_body))


def _form_table(text: str, content_type: str | None) -> Table | None:
    from urllib.parse import parse_qsl

    if declared_kind(content_type) is not Kind.FORM:
        return None
    pairs = parse_qsl(text, keep_blank_values=True)
    if not pairs:
        return None
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title="form", title_justify="left", title_style="dim")
    table.add_column("key", style="cyan")
    table.add_column("value", overflow="fold")
    for key, value in pairs:
        table.add_row(Text(key), Text(value))
    return table


def _cut(text: str, limit: int) -> tuple[str, bool]:
    if limit <= 0 or len(text) <= limit:
        return text, False
    return text[:limit], True


def _cut_note(text: str, limit: int) -> list[Text]:
    if limit <= 0 or len(text) <= limit:
        return []
    return [Text(f"  … cut at {limit:,} of {len(text):,} characters (--max-body N to see more, --max-body 0 for all)", style="dim italic")]


def stream_view(decoded: MaskedStream, size: int, plain: bool = False) -> RenderableType:
    stream, asm = decoded.stream, decoded.assembly
    title = f"{len(stream.events)} events · {asm.kind} · {human_size(size)}"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold", title=title, title_justify="left", title_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    if plain:
        table.add_column("event", no_wrap=True)
        table.add_column("id", no_wrap=True, style="dim")
        table.add_column("data", no_wrap=True)
    else:
        table.add_column("event", no_wrap=True, max_width=32, overflow="ellipsis")
        table.add_column("id", no_wrap=True, max_width=16, overflow="ellipsis", style="dim")
        table.add_column("data", no_wrap=True, overflow="ellipsis", ratio=1)
    comments = sorted(stream.comments, key=lambda c: c.after_event)
    position = 0
    for event, summary in zip(stream.events, asm.summaries):
        while position < len(comments) and comments[position].after_event <= event.index:
            table.add_row("", Text(f": {comments[position].text}", style="dim"), "", "", style="dim")
            position += 1
        table.add_row(str(event.index), Text(event.event), Text(event.id or ""), _summary_text(summary))
    for comment in comments[position:]:
        table.add_row("", Text(f": {comment.text}", style="dim"), "", "", style="dim")
    parts: list[RenderableType] = []
    if decoded.reason:
        parts.append(Text(f"  decoded: {decoded.reason}", style="yellow"))
    parts += [table, message_view(decoded, plain)]
    return Group(*parts)


@lru_cache(maxsize=1)
def _delta_styles() -> tuple[dict[DeltaKind, str], frozenset[DeltaKind]]:
    """Styles by delta kind: of the label (text, tool call, reasoning), of the whole line
    (finish, usage, [DONE]). Built on first use, so that `ls` never imports the streams."""
    from ..streams.deltas import DeltaKind

    labels = {DeltaKind.TEXT: "green", DeltaKind.TOOL_CALL: "magenta", DeltaKind.REASONING: "blue"}
    return labels, frozenset({DeltaKind.FINISH, DeltaKind.USAGE, DeltaKind.DONE})


def _summary_text(summary: Summary) -> Text:
    """An event's summary, styled by the kind of its first delta: the label of text,
    tool-call and reasoning deltas, the whole line for finish, usage and [DONE]."""
    text = Text(summary.text)
    if summary.deltas:
        lead = summary.deltas[0]
        label_styles, line_styled = _delta_styles()
        if lead.kind in label_styles:
            text.stylize(label_styles[lead.kind], 0, len(lead.label))
        elif lead.kind in line_styled:
            text.stylize("yellow")
    return text


def message_view(decoded: MaskedStream, plain: bool = False) -> RenderableType:
    from rich.panel import Panel

    asm, stream = decoded.assembly, decoded.stream
    rows = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    rows.add_column("what", style="bold", no_wrap=True)
    rows.add_column("value", overflow="fold")
    if asm.reasoning:
        rows.add_row("reasoning", Text(asm.reasoning, style="blue"))
    rows.add_row("text", Text(asm.text) if asm.text else Text("(none)", style="dim"))
    for call in asm.tool_calls:
        label = Text()
        label.append(call.name, style="magenta")
        if call.id:
            label.append(f" {call.id}", style="dim")
        label.append(" ")
        label.append(call.arguments or "(no arguments)")
        if not call.valid_json:
            label.append("  ✗ arguments are not valid JSON", style="bold red")
        rows.add_row("tool call", label)
    rows.add_row("finish", Text(asm.finish_reason) if asm.finish_reason else Text("(none)", style="dim"))
    if asm.usage:
        rows.add_row("usage", Text(", ".join(f"{k}={v}" for k, v in asm.usage.items() if not isinstance(v, (dict, list)))))
    counts = f"{len(stream.events)} events, {len(stream.comments)} comment{'s' if len(stream.comments) != 1 else ''}, {asm.pings} ping{'s' if asm.pings != 1 else ''}"
    if stream.retry is not None:
        counts += f", retry {stream.retry} ms"
    rows.add_row("counts", Text(counts, style="dim"))
    for warning in asm.warnings:
        rows.add_row(Text("warning", style="yellow"), Text(warning, style="yellow"))
    return Panel(rows, title="assembled message", title_align="left", border_style="dim", expand=not plain)


def pretty_json(text: str) -> str | None:
    """Indented JSON when text is one JSON document, else None."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        return json.dumps(json.loads(stripped), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return None
