"""Each rule of `cassette check` over every format (go-vcr v1, v2, v4; VCR.py YAML and
JSON; Ruby VCR YAML and JSON): cassettes where it fires, with the line and column of the
value asserted (found by PyYAML, not by the tool), and look-alikes where it must not."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

import pytest

from cassette_cli.api import find_secrets, load_bytes
from cassette_cli.check import CHECK_IDS, CHECK_RULES, run_checks
from cassette_cli.mask import Masker

from .check_fixtures import BINARY_FORMATS, FORMATS, build, item, place

SSE = {"Content-Type": "text/event-stream"}


def _sse(*events: str, end: str = "\n\n") -> str:
    return "".join(f"{e}\n\n" for e in events[:-1]) + events[-1] + end


def _chunk(text: str, finish: str | None = None) -> str:
    return "data: " + json.dumps({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]})


def _anthropic(*types: str) -> str:
    return _sse(*(f"event: {t}\ndata: " + json.dumps({"type": t}) for t in types))


NOW = format_datetime(datetime.now(timezone.utc), usegmt=True)
OLD = "Mon, 02 Jan 2017 10:00:00 GMT"
BIG = 1_000_001

# (id, rule, interactions, options, where the finding is: (index, place, inner) or None)
Row = tuple[str, str, list[dict[str, Any]], dict[str, Any], "tuple[int, str, str | None] | None"]

FIRES: list[Row] = [
    ("bearer", "secret", [item(req_headers={"Authorization": "Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w"})], {}, (0, "req_header:Authorization", "sk-proj")),
    ("503", "error-status", [item(status=503, reason="Service Unavailable")], {}, (0, "status", None)),
    ("429", "error-status", [item(), item(status=429, reason="Too Many Requests")], {}, (1, "status", None)),
    ("404-opt-in", "error-status", [item(status=404, reason="Not Found")], {"client-errors": True}, (0, "status", None)),
    ("repeat", "duplicate-request", [item(), item(url="https://api.example.com/v1/other"), item()], {}, (2, "url", None)),
    ("no-done", "incomplete-stream", [item(res_headers=SSE, res_body=_sse(_chunk("Hel"), _chunk("lo")))], {}, (0, "res_body", None)),
    ("unterminated-done", "incomplete-stream", [item(res_headers=SSE, res_body=_sse(_chunk("Hi", "stop"), "data: [DONE]", end="\n"))], {}, (0, "res_body", None)),
    ("no-message-stop", "incomplete-stream", [item(res_headers=SSE, res_body=_anthropic("message_start", "content_block_start", "content_block_delta"))], {}, (0, "res_body", None)),
    ("error-event", "incomplete-stream", [item(res_headers=SSE, res_body=_anthropic("message_start", "error", "message_stop"))], {}, (0, "res_body", None)),
    ("json-not-json", "undecodable-body", [item(res_body="<html>Bad Gateway</html>")], {}, (0, "res_body", None)),
    ("big", "large-body", [item(res_body="x" * BIG, res_headers={"Content-Type": "text/plain"})], {}, (0, "res_body", None)),
    ("header-home", "local-path", [item(req_headers={"User-Agent": "tool/1.0 (/home/alice/bin/python)"})], {}, (0, "req_header:User-Agent", "/home/alice/")),
    ("body-users", "local-path", [item(req_body=json.dumps({"cwd": "/Users/bob/project"}))], {}, (0, "req_body", "/Users/bob/")),
    ("windows", "local-path", [item(res_headers={"Content-Type": "text/plain", "X-Path": "C:\\Users\\carol\\app"})], {}, (0, "res_header:X-Path", "C:\\Users")),
    ("header-email", "email", [item(res_headers={"Content-Type": "text/plain", "X-Contact": "ops jane.doe@acme.io"})], {}, (0, "res_header:X-Contact", "jane.doe@")),
    ("old-date", "stale-recording", [item(res_headers={"Content-Type": "application/json", "Date": OLD}, recorded_at=OLD), item()], {}, (0, "date", None)),
]

QUIET: list[tuple[str, str, list[dict[str, Any]], dict[str, Any]]] = [
    ("placeholder", "secret", [item(req_headers={"Authorization": "Bearer REDACTED"})], {}),
    ("ok-and-404", "error-status", [item(), item(status=404, reason="Not Found"), item(status=301, reason="Moved")], {}),
    ("allowed-503", "error-status", [item(status=503, reason="Service Unavailable")], {"allow-status": [503]}),
    ("body-says-500", "error-status", [item(res_body='{"code": 500}')], {}),
    ("poll", "duplicate-request", [item(res_body='{"state": "running"}'), item(res_body='{"state": "done"}')], {}),
    ("other-method", "duplicate-request", [item(), item(method="DELETE")], {}),
    ("503-then-200", "duplicate-request", [item(status=503, reason="Service Unavailable"), item()], {}),
    ("done", "incomplete-stream", [item(res_headers=SSE, res_body=_sse(_chunk("Hi"), _chunk("", "stop"), "data: [DONE]"))], {}),
    ("gemini", "incomplete-stream", [item(res_headers=SSE, res_body=_sse("data: " + json.dumps({"candidates": [{"content": {"parts": [{"text": "Hi"}]}, "finishReason": "STOP"}]})))], {}),
    ("anthropic-whole", "incomplete-stream", [item(res_headers=SSE, res_body=_anthropic("message_start", "content_block_delta", "message_delta", "message_stop"))], {}),
    ("json-mentions-done", "incomplete-stream", [item(res_body='{"text": "data: [DONE]"}')], {}),
    ("valid-json", "undecodable-body", [item(res_body='{"a": [1, 2]}')], {}),
    ("placeholder-json", "undecodable-body", [item(res_body='{"id":<APP_ID>,"name":"x"}')], {}),  # filter_sensitive_data's placeholder: JSON once replayed
    ("ndjson", "undecodable-body", [item(res_body='{"status":"Pulling"}\n{"status":"Done"}\n')], {}),  # Docker streams JSON values under application/json
    ("empty-json", "undecodable-body", [item(status=204, reason="No Content", res_body="")], {}),
    ("stored-decoded", "undecodable-body", [item(res_headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})], {}),
    ("brotli", "undecodable-body", [item(res_headers={"Content-Type": "text/plain", "Content-Encoding": "br"}, res_body="\u00e9t\u00e9")], {}),
    ("under-limit", "large-body", [item(res_body="x" * (BIG - 2), res_headers={"Content-Type": "text/plain"})], {}),
    ("raised-limit", "large-body", [item(res_body="x" * BIG, res_headers={"Content-Type": "text/plain"})], {"max-size": 2_000_000}),
    ("url-home", "local-path", [item(url="https://example.com/home/feed/", res_body='{"next": "https://example.com/Users/list/"}')], {}),
    ("no-name", "local-path", [item(res_body='{"dirs": ["/home/", "/usr/local/bin", "~/x"]}')], {}),
    ("allowed-name", "local-path", [item(req_headers={"User-Agent": "ci (/home/runner/work)"})], {"allow-names": ["runner"]}),
    ("example-domain", "email", [item(res_body='{"email": "user@example.com", "logo": "logo@2x.png", "handle": "@jane"}')], {}),
    ("email-in-url", "email", [item(url="https://api.example.com/v1/users/jane%40acme.io?x=jane@acme.io")], {}),
    ("fresh", "stale-recording", [item(res_headers={"Content-Type": "application/json", "Date": NOW}, recorded_at=NOW)], {}),
    ("no-date", "stale-recording", [item(res_headers={"Content-Type": "application/json"})], {}),
]


def _findings(text: str, rule: str, options: dict[str, Any]) -> list[Any]:
    cassette = load_bytes(text.encode("utf-8"), "c.yaml")
    return [f for f in run_checks(cassette, Masker(), [rule], {rule: options}) if f.rule == rule]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "rule", "items", "options", "where"), FIRES, ids=[f"{r[1]}-{r[0]}" for r in FIRES])
def test_rule_fires_at_the_value(fmt: str, name: str, rule: str, items: list[dict[str, Any]], options: dict[str, Any], where: Any) -> None:
    text = build(fmt, items)
    found = _findings(text, rule, options)
    assert len(found) == 1, found
    index, at, inner = where
    if at == "date":
        at = "recorded_at" if fmt.startswith("ruby") else "res_header:Date"
    assert (found[0].line, found[0].column) == place(text, fmt, index, at, inner), text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "rule", "items", "options"), QUIET, ids=[f"{r[1]}-{r[0]}" for r in QUIET])
def test_rule_is_quiet_on_look_alikes(fmt: str, name: str, rule: str, items: list[dict[str, Any]], options: dict[str, Any]) -> None:
    assert _findings(build(fmt, items), rule, options) == []


# --- binary bodies: only where the format can store bytes ----------------------------

NOT_GZIP = b"\x1f\x8b\x08\x00broken gzip \xff\xfe"
GZIP_JSON = gzip.compress(b'{"ok": true}', mtime=0)


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
def test_undecodable_gzip_fires_on_the_body(fmt: str) -> None:
    text = build(fmt, [item(res_headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}, res_body=NOT_GZIP)])
    found = _findings(text, "undecodable-body", {})
    assert [f.text.split(": ", 1)[1][:35] for f in found] == ["Content-Encoding gzip, but the body"]
    assert (found[0].line, found[0].column) == place(text, fmt, 0, "res_body:base64")


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
def test_gzip_that_inflates_is_quiet(fmt: str) -> None:
    text = build(fmt, [item(res_headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}, res_body=GZIP_JSON)])
    assert _findings(text, "undecodable-body", {}) == []


@pytest.mark.parametrize("fmt", ["ruby-yaml", "ruby-json"])
def test_base64_that_is_not_base64(fmt: str) -> None:
    text = build(fmt, [item(res_body=b"placeholder")]).replace("cGxhY2Vob2xkZXI=", "not*base64!")
    found = _findings(text, "undecodable-body", {})
    assert len(found) == 1 and "not base64" in found[0].text
    assert (found[0].line, found[0].column) == place(text, fmt, 0, "res_body:base64")


def test_binary_tag_that_is_not_base64() -> None:
    text = build("vcrpy-yaml", [item(res_body=b"placeholder")]).replace("cGxhY2Vob2xkZXI=", "not*base64!")
    found = _findings(text, "undecodable-body", {})
    assert len(found) == 1 and "not base64" in found[0].text


# --- rule-specific details --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_secret_is_exactly_what_redact_check_finds(fmt: str) -> None:
    items = [item(url="https://api.example.com/v1?api_key=qry-key-5e4d3c2b1a09f8e7", req_headers={"Authorization": "Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w", "Cookie": "session=cookie-val-9d8c7b6a5f4e3d2c"}, res_body=json.dumps({"access_token": "acc-tok-2d1c0b9a8f7e6d5c4b"}))]
    data = build(fmt, items).encode()
    redact = [(r.line, r.column, f"{r.rule}: {r.detail} (value: {r.preview})") for r in find_secrets(data)]
    check = [(f.line, f.column, f.text) for f in run_checks(load_bytes(data), Masker(), ["secret"])]
    assert len(redact) >= 4
    assert check == redact


def test_duplicate_names_the_earlier_index() -> None:
    found = _findings(build("vcrpy-yaml", [item(url="https://a.example/x"), item(), item(url="https://a.example/x")]), "duplicate-request", {})
    assert [f.to_json()["earlier"] for f in found] == [0]
    assert "as interaction 0" in found[0].text


def test_incomplete_stream_says_why() -> None:
    text = build("go-vcr-v2", [item(res_headers=SSE, res_body=_sse(_chunk("Hi"), "data: [DONE]", end="\n"))])
    (finding,) = _findings(text, "incomplete-stream", {})
    assert "unterminated" in finding.text and "no end event ([DONE] or a finish_reason)" in finding.text


def test_stale_recording_reports_once_per_file_at_the_oldest() -> None:
    items = [item(recorded_at="Tue, 01 Nov 2011 04:58:44 GMT"), item(url="https://a.example/b", recorded_at=OLD)]
    text = build("ruby-yaml", items)
    (finding,) = _findings(text, "stale-recording", {"max-age": 30})
    assert "recorded 2011-11-01" in finding.text
    assert (finding.line, finding.column) == place(text, "ruby-yaml", 0, "recorded_at")
    assert _findings(text, "stale-recording", {"max-age": 100_000}) == []


def test_opt_in_rules_are_off_by_default() -> None:
    text = build("vcrpy-yaml", [item(res_headers={"Content-Type": "text/plain", "X-Contact": "jane@acme.io", "Date": OLD})])
    default = {f.rule for f in run_checks(load_bytes(text.encode()), Masker())}
    every = {f.rule for f in run_checks(load_bytes(text.encode()), Masker(), CHECK_IDS)}
    assert not default & {"email", "stale-recording"}
    assert {"email", "stale-recording"} <= every
    assert {r.id for r in CHECK_RULES if not r.default} == {"email", "stale-recording"}


def test_messages_come_from_the_masked_view() -> None:
    """A message quoting a URL or a path quotes it masked."""
    key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w"
    items = [item(url=f"https://api.example.com/v1?api_key={key}", status=500, reason="Error", req_headers={"User-Agent": f"t (/home/{key}/x)"}), item(url=f"https://api.example.com/v1?api_key={key}", status=500, reason="Error", req_headers={"User-Agent": f"t (/home/{key}/x)"})]
    for fmt in FORMATS:
        found = run_checks(load_bytes(build(fmt, items).encode()), Masker(), CHECK_IDS)
        assert {"error-status", "duplicate-request", "local-path", "secret"} <= {f.rule for f in found}
        for f in found:
            assert key not in f.text and key not in json.dumps(f.to_json()), f


def test_every_rule_has_fires_and_quiet_rows() -> None:
    assert {r[1] for r in FIRES} == set(CHECK_IDS)
    assert {r[1] for r in QUIET} == set(CHECK_IDS)
    for rule in CHECK_RULES:
        assert rule.fires and rule.quiet and rule.description and rule.fix, rule.id




@pytest.mark.parametrize("fmt", ["ruby-yaml", "ruby-json", "vcrpy-yaml", "go-vcr-v2"])
def test_local_path_inside_gzip_bytes(fmt: str) -> None:
    """A body stored as bytes (base64_string, !!binary) is read decoded and inflated."""
    body = gzip.compress(json.dumps({"log": "/home/dave/run.txt"}).encode(), mtime=0)
    text = build(fmt, [item(res_headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}, res_body=body)])
    (finding,) = _findings(text, "local-path", {})
    assert (finding.line, finding.column) == place(text, fmt, 0, "res_body:base64")
    assert "/home/dave/" in finding.text


def test_library_find_problems() -> None:
    from cassette_cli.api import find_problems

    data = build("vcrpy-yaml", [item(status=502, reason="Bad Gateway", res_body="x" * 20, res_headers={"Content-Type": "text/plain"})]).encode()
    assert [f.rule for f in find_problems(data)] == ["error-status"]
    assert [f.rule for f in find_problems(data, rules=["large-body"], options={"large-body": {"max-size": 10}})] == ["large-body"]
