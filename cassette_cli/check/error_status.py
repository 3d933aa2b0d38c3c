"""`error-status`: a recorded 5xx or 429 (and, with `client-errors`, any 4xx): the test
then takes a failure for the API's answer."""

from __future__ import annotations

from collections.abc import Iterator

from .places import status_node
from .rule import BOOL, INT_LIST, CheckRule, Context, Hit, Option, Options


def fires(status: int, options: Options) -> bool:
    if status in options["allow-status"]:  # type: ignore[operator]
        return False
    return status >= 500 or status == 429 or (bool(options["client-errors"]) and 400 <= status < 500)


def check(context: Context, options: Options) -> Iterator[Hit]:
    for interaction, masked in zip(context.cassette.interactions, context.masked):
        response = interaction.response
        status = response.status
        if status is None or status > 599 or not fires(status, options):
            continue
        node = status_node(response)
        reason = f" {masked.reason}" if masked.reason else ""
        offset = node.start if node is not None else interaction.node.start
        yield Hit(offset, f"recorded response {status}{reason} to {masked.method} {masked.url}", f"{context.where(interaction.index)}.response.status", extra={"status": status})


RULE = CheckRule(
    id="error-status",
    description="a recorded 5xx or 429 response (4xx too with client-errors = true)",
    default=True,
    check=check,
    options=(
        Option("allow-status", INT_LIST, [], "status codes never reported (e.g. [503] for a test of the retry path)"),
        Option("client-errors", BOOL, False, "report 4xx responses too (429 always is)"),
    ),
    fires=("status 500, 502, 503", "status 429", "status 404 with client-errors = true"),
    quiet=("status 200, 301, 404", "status 503 with allow-status = [503]", "a body that mentions 500"),
    fix="Record the cassette again against a healthy API, or list the status in allow-status if the test is about that failure.",
)
