"""What `cassette ls` reports about each interaction, and its filters. Pure: never prints.

Rows and filters read the masked interaction: the URL as recorded, except that secret
values (`?key=...`, passwords in it, key shapes) read as `redact` would write them."""

from __future__ import annotations

import fnmatch
import re
from typing import NamedTuple

from ..mask import MaskedInteraction


class Row(NamedTuple):
    file: str
    format: str
    index: int
    method: str
    url: str
    status: int | None
    content_type: str | None
    request_bytes: int
    response_bytes: int
    duration_ms: float | None
    sse_events: int | None

    def to_json(self) -> dict[str, object]:
        return self._asdict()


def summarize(item: MaskedInteraction) -> Row:
    """One row of `ls`."""
    events = item.sse_events  # first: decoding the stream notes the body's size on the way
    return Row(
        file=item.file,
        format=item.format,
        index=item.index,
        method=item.method,
        url=item.url,
        status=item.status,
        content_type=item.content_type,
        request_bytes=item.request_bytes,
        response_bytes=item.response_bytes,
        duration_ms=None if item.duration_ms is None else round(item.duration_ms, 6),
        sse_events=events,
    )


class Filters(NamedTuple):
    methods: frozenset[str] = frozenset()
    statuses: tuple[str, ...] = ()  # "200", "4xx"
    url: str | None = None  # a substring, literally
    url_glob: str | None = None  # matched against the whole URL
    url_regex: re.Pattern[str] | None = None  # searched in the URL

    def matches(self, item: MaskedInteraction) -> bool:
        """Filters see what `ls` shows: the masked URL (a secret cannot be probed by
        filtering on it)."""
        if self.methods and item.method not in self.methods:
            return False
        if self.statuses and not any(status_matches(pattern, item.status) for pattern in self.statuses):
            return False
        if self.url is not None and self.url not in item.url:
            return False
        if self.url_glob is not None and not fnmatch.fnmatchcase(item.url, self.url_glob):
            return False
        if self.url_regex is not None and self.url_regex.search(item.url) is None:
            return False
        return True


_STATUS_PATTERN = re.compile(r"[1-5](\d\d|xx)", re.IGNORECASE)


def valid_status_pattern(pattern: str) -> bool:
    return bool(_STATUS_PATTERN.fullmatch(pattern))


def status_matches(pattern: str, status: int | None) -> bool:
    if status is None:
        return False
    if pattern[1:].lower() == "xx":
        return status // 100 == int(pattern[0])
    return status == int(pattern)

