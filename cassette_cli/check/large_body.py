"""`large-body`: a request or response body over `max-size` bytes (as the application saw
it: base64 decoded, gzip inflated)."""

from __future__ import annotations

from collections.abc import Iterator

from .places import body_offset
from .rule import INT, CheckRule, Context, Hit, Option, Options


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check(context: Context, options: Options) -> Iterator[Hit]:
    limit = int(options["max-size"])  # type: ignore[call-overload]
    for interaction in context.cassette.interactions:
        for side in ("request", "response"):
            message = getattr(interaction, side)
            if message.node is None:
                continue
            size = message.body.size
            if size > limit:
                where = f"{context.where(interaction.index)}.{side}.body"
                yield Hit(body_offset(message.body, message.node), f"{side} body is {_size(size)} ({size:,} bytes; max-size {limit:,})", where, extra={"size": size})


RULE = CheckRule(
    id="large-body",
    description="a body over max-size bytes (default 1 MB, decoded size)",
    default=True,
    check=check,
    options=(Option("max-size", INT, 1_000_000, "the largest body allowed, in bytes"),),
    fires=("a 2 MB JSON response", "a gzip body that inflates past 1 MB"),
    quiet=("a 999,999-byte body", "a 1.5 MB body with max-size = 2000000"),
    fix="Record a smaller answer (a page size, a shorter prompt), or raise max-size for this file in per-file-ignores.",
)
