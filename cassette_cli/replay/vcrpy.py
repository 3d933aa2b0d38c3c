"""VCR.py and pytest-recording: the filters that make a live request match its redacted
recording.

VCR.py runs its `before_record_request` filters on the live request and on every stored
request it loads (`Cassette._load` appends each through them), and
`filter_query_parameters` / `filter_post_data_parameters` set the named field to the
given value on both sides: any value matches, the stored placeholder also keeps what a
re-recording writes the same. `filter_headers` matters only for what gets re-recorded.
VCR.py wants each pair as a tuple (a list is taken for a name); JSON has no tuples, so
`--json` gives lists of `[name, replacement]` pairs."""

from __future__ import annotations

from .fields import ReplayFields

__all__ = ["vcr_kwargs", "vcrpy_code", "pytest_recording_code"]


def vcr_kwargs(fields: ReplayFields) -> dict[str, object]:
    """The keyword arguments of `vcr.VCR(...)` (or of pytest-recording's `vcr_config`)."""
    kwargs: dict[str, object] = {
        "filter_query_parameters": [[name, value] for name, value in fields.query.items()],
        "filter_post_data_parameters": [[name, value] for name, value in fields.body().items()],
        "filter_headers": [[name, value] for name, value in fields.headers.items()],
    }
    if fields.nested_json:
        kwargs["filter_nested_post_data_parameters"] = True
    return kwargs


def _notes(fields: ReplayFields, count: int) -> list[str]:
    lines = [
        f"# Made by `cassette recorder-config` from {count} cassette{'s' if count != 1 else ''}.",
        "# VCR.py applies these filters to the live request and to each stored one, so a",
        "# request matches its redacted recording; the values are the stored placeholders.",
    ]
    if fields.json or fields.nested_json:
        lines.append("# JSON bodies are filtered when the request's Content-Type is exactly application/json.")
    if fields.path:
        shown = ", ".join(repr(p) for p in fields.path)
        lines.append(f"# URL paths hold placeholders ({shown}): no VCR.py filter rewrites a path;")
        lines.append("# match those requests without 'path' in match_on, or with a custom matcher.")
    for conflict in fields.conflicts:
        lines.append(f"# {conflict} holds different placeholders in different files; the first is used.")
    return lines


def _pairs(items: object, indent: str) -> str:
    pairs = [f"({name!r}, {value!r})" for name, value in items]  # type: ignore[attr-defined]
    if not pairs:
        return "[]"
    inner = "".join(f"{indent}    {p},\n" for p in pairs)
    return f"[\n{inner}{indent}]"


def vcrpy_code(fields: ReplayFields, count: int) -> str:
    lines = _notes(fields, count) + ["import vcr", "", "recorder = vcr.VCR("]
    lines.append(f"    filter_query_parameters={_pairs(fields.query.items(), '    ')},")
    lines.append(f"    filter_post_data_parameters={_pairs(fields.body().items(), '    ')},")
    lines.append(f"    filter_headers={_pairs(fields.headers.items(), '    ')},")
    if fields.nested_json:
        lines.append("    filter_nested_post_data_parameters=True,")
    lines.append(")")
    return "\n".join(lines) + "\n"


def pytest_recording_code(fields: ReplayFields, count: int) -> str:
    lines = _notes(fields, count) + ["import pytest", "", "", '@pytest.fixture(scope="module")', "def vcr_config():", "    return {"]
    lines.append(f'        "filter_query_parameters": {_pairs(fields.query.items(), "        ")},')
    lines.append(f'        "filter_post_data_parameters": {_pairs(fields.body().items(), "        ")},')
    lines.append(f'        "filter_headers": {_pairs(fields.headers.items(), "        ")},')
    if fields.nested_json:
        lines.append('        "filter_nested_post_data_parameters": True,')
    lines.append("    }")
    return "\n".join(lines) + "\n"
