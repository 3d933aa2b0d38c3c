"""`stale-recording` (opt-in): a cassette recorded longer ago than `max-age` days, told
from Ruby VCR's `recorded_at` or else a response's `Date` header (go-vcr and VCR.py keep
no recording time of their own). One finding per file, at its oldest interaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from ..document import Scalar
from ..model import scalar_text
from .rule import INT, CheckRule, Context, Hit, Option, Options


def parse_date(text: str) -> datetime | None:
    """An HTTP date (RFC 9110, also Ruby VCR's recorded_at) or ISO 8601, in UTC."""
    from email.utils import parsedate_to_datetime  # the rule is opt-in: imported when it runs

    text = text.strip()
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def recorded(context: Context) -> Iterator[tuple[datetime, int, str, int]]:
    """(when, offset, location, index) of each interaction whose time is known."""
    for interaction in context.cassette.interactions:
        where = context.where(interaction.index)
        node = interaction.node.get("recorded_at")
        if type(node) is Scalar and (when := parse_date(node.value)) is not None:
            yield when, node.start, f"{where}.recorded_at", interaction.index
            continue
        for header in interaction.response.headers:
            if header.name.lower() == "date" and header.values and (when := parse_date(scalar_text(header.values[0]))) is not None:
                yield when, header.values[0].start, f"{where}.response.headers.{header.name}[0]", interaction.index
                break


def check(context: Context, options: Options, now: datetime | None = None) -> Iterator[Hit]:
    max_age = int(options["max-age"])  # type: ignore[call-overload]
    now = now or datetime.now(timezone.utc)
    oldest = min(recorded(context), default=None, key=lambda r: r[0])
    if oldest is None:
        return
    when, offset, location, _ = oldest
    days = (now - when).days
    if days > max_age:
        yield Hit(offset, f"recorded {when:%Y-%m-%d}, {days} days ago (max-age {max_age})", location, extra={"recorded": when.strftime("%Y-%m-%d"), "days": days})


RULE = CheckRule(
    id="stale-recording",
    description="a cassette recorded longer ago than max-age days (opt-in; recorded_at, else the Date header)",
    default=False,
    check=check,
    options=(Option("max-age", INT, 365, "days a recording stays fresh"),),
    fires=("recorded_at: Tue, 01 Nov 2011 04:58:44 GMT", "Date: Mon, 02 Jan 2017 10:00:00 GMT"),
    quiet=("recorded today", "no recorded_at and no Date header", "a Date in the request only"),
    fix="Record the cassette again against today's API.",
)
