"""`duplicate-request`: the same request recorded twice with the same response. Recorders
replay repeats in order, so the copy only bloats the file and ties the test to a call
count. Requests are the same when method, URL and body are; responses when status and
body are (headers such as Date and request ids differ between repeats)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from .places import url_node
from .rule import CheckRule, Context, Hit, Options


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def check(context: Context, options: Options) -> Iterator[Hit]:
    seen: dict[tuple[object, ...], int] = {}
    for interaction in context.cassette.interactions:
        request, response = interaction.request, interaction.response
        key = (request.method, request.url, _digest(request.body.data), response.status, _digest(response.body.data))
        earlier = seen.setdefault(key, interaction.index)
        if earlier == interaction.index:
            continue
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
