"""What `cassette ls` reports about each interaction, and its filters. Pure: never prints."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import asdict, dataclass

from .model import EVENT_STREAM, Cassette, Interaction, media_type
from .redact.mask import mask_url


@dataclass(frozen=True)
class Row:
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
        return asdict(self)


def summarize(cassette: Cassette, interaction: Interaction) -> Row:
    """One row; the URL as recorded, except that secret values (`?key=...`, passwords in
    it, key shapes) read as `redact` would write them: nothing prints a secret whole."""
    response = interaction.response
    content_type = response.content_type
    events: int | None = None
    if media_type(content_type) == EVENT_STREAM:
        from .sse import count_events

        text = response.body.text
        events = count_events(text) if text is not None else 0
    return Row(
        file=cassette.path,
        format=cassette.format,
        index=interaction.index,
        method=interaction.request.method,
        url=mask_url(interaction.request.url),
        status=response.status,
        content_type=content_type,
        request_bytes=interaction.request.body.size,
        response_bytes=response.body.size,
        duration_ms=None if response.duration_ms is None else round(response.duration_ms, 6),
        sse_events=events,
    )


@dataclass(frozen=True)
class Filters:
    methods: frozenset[str] = frozenset()
    statuses: tuple[str, ...] = ()  # "200", "4xx"
    url: str | None = None

    def matches(self, interaction: Interaction) -> bool:
        if self.methods and interaction.request.method not in self.methods:
            return False
        if self.statuses and not any(status_matches(pattern, interaction.response.status) for pattern in self.statuses):
            return False
        if self.url is not None and not url_matches(self.url, interaction.request.url):
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


def url_matches(pattern: str, url: str) -> bool:
    """A glob when the pattern has glob characters (matched against the whole URL), else a substring."""
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern)
    return pattern in url
