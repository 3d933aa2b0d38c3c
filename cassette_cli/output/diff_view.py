"""How `cassette diff` reads: a rich view (plain when piped) and Markdown for a
pull-request comment. Drawn from the diff of masked interactions only; never prints."""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Iterator
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ..views.align import CassetteDiff, Pair
from ..views.compare import Change

STATUS_STYLE = {"changed": "yellow", "added": "green", "removed": "red", "same": "dim"}
CONTEXT = 2  # lines around a change in a text diff


def shown_value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def change_lines(change: Change) -> Iterator[str]:
    """A change as diff lines: a unified diff of multi-line text, else `-` old, `+` new."""
    if change.multiline:
        old = [] if change.old is None else shown_value(change.old).splitlines()
        new = [] if change.new is None else shown_value(change.new).splitlines()
        for line in difflib.unified_diff(old, new, n=CONTEXT, lineterm=""):
            if not line.startswith(("---", "+++")):
                yield line
        return
    if change.old is not None:
        yield "- " + _one_line(shown_value(change.old))
    if change.new is not None:
        yield "+ " + _one_line(shown_value(change.new))


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def positions(pair: Pair) -> str:
    if pair.old is None:
        return f"#{pair.new_index}"
    if pair.new is None:
        return f"#{pair.old_index}"
    return f"#{pair.old_index}" if pair.old_index == pair.new_index else f"#{pair.old_index} → #{pair.new_index}"


def summary_line(diff: CassetteDiff, all_shown: bool) -> str:
    counts = diff.summary
    line = ", ".join(f"{counts[s]} {s}" for s in ("changed", "added", "removed", "same"))
    moved = sum(1 for p in diff.pairs if p.moved)
    if moved:
        line += f" ({moved} moved: not a change)"
    if diff.ignored and not all_shown:
        line += f" · {diff.ignored} ignored difference{'s' if diff.ignored != 1 else ''} (--all shows them)"
    return line


# --- the human view -----------------------------------------------------------------

def diff_view(diff: CassetteDiff, *, all_shown: bool = False) -> RenderableType:
    parts: list[RenderableType] = [Text(f"── {diff.old_path} → {diff.new_path}", style="bold")]
    for pair in diff.pairs:
        if pair.status == "same" and not pair.moved:
            continue
        head = Text()
        label = "moved" if pair.status == "same" else pair.status
        head.append(f"{label:8}", style=STATUS_STYLE[pair.status])
        head.append(f" {positions(pair)}  ")
        head.append(f"{pair.shown.method} ", style="bold")
        head.append(pair.shown.url)
        parts.append(head)
        for change in pair.changes:
            parts.append(Text(f"  {change.path}", style="cyan"))
            for line in change_lines(change):
                style = "red" if line.startswith("-") else "green" if line.startswith("+") else "dim" if line.startswith("@@") else ""
                parts.append(Text(f"    {line}", style=style))
    parts.append(Text(summary_line(diff, all_shown), style="bold" if diff.differs else "dim"))
    parts.append(Text(""))
    return Group(*parts)


# --- Markdown -----------------------------------------------------------------------

def markdown(diffs: list[CassetteDiff], *, all_shown: bool = False) -> str:
    """A summary table, then one collapsible section per changed interaction."""
    out: list[str] = ["| file | changed | added | removed | same |", "|---|---:|---:|---:|---:|"]
    for diff in diffs:
        c = diff.summary
        out.append(f"| {_md_cell(_file_label(diff))} | {c['changed']} | {c['added']} | {c['removed']} | {c['same']} |")
    for diff in diffs:
        if not diff.differs:
            continue
        out += ["", f"#### {_md_text(_file_label(diff))}"]
        listed = [p for p in diff.pairs if p.status in ("added", "removed") or p.moved]
        if listed:
            out.append("")
        for pair in listed:
            label = "moved" if pair.status == "same" else pair.status
            out.append(f"- **{label}** {positions(pair)} {_code(pair.shown.method + ' ' + pair.shown.url)}")
        for pair in diff.pairs:
            if pair.status != "changed":
                continue
            count = len(pair.changes)
            title = f"changed {positions(pair)} <code>{html.escape(pair.shown.method + ' ' + pair.shown.url)}</code> ({count} change{'s' if count != 1 else ''})"
            body = []
            for change in pair.changes:
                body.append(f"@@ {change.path} @@")
                body.extend(change_lines(change))
            fence = "`" * max(3, _longest_backticks("\n".join(body)) + 1)
            out += ["", "<details>", f"<summary>{title}</summary>", "", fence + "diff", *body, fence, "", "</details>"]
        if diff.ignored and not all_shown:
            out += ["", f"{diff.ignored} ignored difference{'s' if diff.ignored != 1 else ''} (volatile headers and fields; `--all` shows them)."]
    return "\n".join(out) + "\n"


def _file_label(diff: CassetteDiff) -> str:
    return diff.new_path if diff.old_path == diff.new_path or diff.old_path.endswith(":" + diff.new_path) else f"{diff.old_path} → {diff.new_path}"


def _longest_backticks(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


def _code(text: str) -> str:
    ticks = "`" * (_longest_backticks(text) + 1)
    return f"{ticks} {text} {ticks}" if ticks != "`" else f"`{text}`"


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _md_cell(text: str) -> str:
    return _md_text(text).replace("\n", " ")
