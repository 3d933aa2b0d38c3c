"""Which redacted values can break replay: those in fields recorders match requests on.

VCR.py matches method, scheme, host, port, path and query by default; Ruby VCR method and
URI; go-vcr method and URL. Suites add body matching, and a cassette does not record
`match_on`, so form and JSON request-body fields count too. Header and response values
never do: no recorder matches them by default."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..redact.scan import Report

__all__ = ["affects_matching", "matched_field", "warning_line", "warning_lines"]

# interactions[3].request.uri / .request.url / .request.body.string / .request.form.x[0]
_REQUEST_PLACE_RE = re.compile(r"\w+\[\d+\]\.request\.(?P<place>\w+)(?:\.(?P<name>.+)\[\d+\]\Z)?")
_URL_PLACES = frozenset({"uri", "url", "request_uri"})
_BODY_PLACES = frozenset({"body", "form", "parsed_body"})
_FIELD_RE = re.compile(r"(query parameter|form key|JSON key) (\S+)")


def _place(report: Report) -> str | None:
    m = _REQUEST_PLACE_RE.match(report.location)
    if m is None:
        return None
    place = m.group("place")
    return place if place in _URL_PLACES or place in _BODY_PLACES else None


def affects_matching(report: Report) -> bool:
    """True for a value replaced in a request's URL (query parameter, path segment) or
    body (form or JSON field, or text): a recorder matching on it no longer matches."""
    return _place(report) is not None


def matched_field(report: Report) -> str:
    """The field, as a user would name it: ``query parameter api_key``, ``form field
    password``, ``JSON body field token``, or the part of the URL or body it sat in."""
    m = _FIELD_RE.match(report.detail)
    if m is not None:
        kind, name = m.groups()
        if kind == "query parameter":
            return f"query parameter {name}"
        return f"{'form' if kind == 'form key' else 'JSON body'} field {name}"
    place = _place(report)
    m = _REQUEST_PLACE_RE.match(report.location)
    if place == "form" and m is not None and m.group("name"):
        return f"form field {m.group('name')}"  # go-vcr's form map
    return "request URL" if place in _URL_PLACES else "request body"


def warning_line(report: Report, places: int = 1) -> str:
    """``PATH:LINE:COL: warning: ...`` for a report that affects matching (never the
    secret); ``places``: how many values of the same field and rule it stands for."""
    what = matched_field(report)
    more = f" in {places} places" if places > 1 else ""
    return (
        f"{report.file}:{report.line}:{report.column}: warning: {what} redacted ({report.rule}){more}; "
        f"a recorder matching on it needs to filter it too or replay will not match "
        f"(see `cassette recorder-config`)\n"
    )


def warning_lines(reports: list[Report]) -> list[str]:
    """The warnings for one file's reports: one per field and rule, at its first place,
    with how many places it stands for (a cassette with an API key in every request's
    query gets one line, not one per request: the field is what a recorder filters)."""
    first: dict[tuple[str, str], Report] = {}
    places: dict[tuple[str, str], int] = {}
    for report in reports:
        if affects_matching(report):
            key = (matched_field(report), report.rule)
            first.setdefault(key, report)
            places[key] = places.get(key, 0) + 1
    return [warning_line(report, places[key]) for key, report in first.items()]
