"""`duplicate-request`: the same request recorded twice with the same response. Recorders
replay repeats in order, so the copy only bloats the file and ties the test to a call
count. Requests are the same when method, URL and body are; responses when status and
body are (headers such as Date and request ids differ between repeats)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Interaction
from .places import url_node
from .rule import CheckRule, Context, Hit, Options


def _digest(data: bytes) -> bytes:
    import hashlib  # only for a request recorded more than once

    return hashlib.sha256(data).digest()


def check(context: Context, options: Options) -> Iterator[Hit]:
    # grouped by what is cheap to compare first; bodies are hashed only within a group
    groups: dict[tuple[object, ...], list[Interaction]] = {}
    for interaction in context.cassette.interactions:
        request, response = interaction.request, interaction.response
        groups.setdefault((request.method, request.url, response.status), []).append(interaction)
    repeats: list[tuple[Interaction, int]] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        seen: dict[tuple[bytes, bytes], int] = {}
        for interaction in group:
            key = (_digest(interaction.request.body.data), _digest(interaction.response.body.data))
            earlier = seen.setdefault(key, interaction.index)
            if earlier != interaction.index:
                repeats.append((interaction, earlier))
    for interaction, earlier in sorted(repeats, key=lambda r: r[0].index):
        masked = context.masked[interaction.index]
        text = f"{masked.method} {masked.url} recorded again with the same response as interaction {earlier}"
        yield Hit(url_node(interaction).start, text, f"{context.where(interaction.index)}.request", extra={"earlier": earlier})


RULE = CheckRule(
    id="duplicate-request",
    description="the same request recorded twice with the same response (names the earlier interaction, 0-based)",
    default=True,
    check=check,
    fires=("GET /items twice, both 200 with the same body", "a retried POST with the same body and answer"),
    quiet=("a poll whose answers differ", "the same URL with another method or body", "the same request answered 503 then 200"),
    fix="Delete the repeated interaction (or record with the recorder's allow_playback_repeats / once mode).",
)
