"""What the rules change and what they leave: strings at any depth under a secret key;
numbers and booleans never (a custom pattern included); placeholders neither reported
nor rewritten; every cookie of a joined Set-Cookie."""

from __future__ import annotations

import json

import pytest
import yaml

from cassette_cli import api
from cassette_cli.rules.policy import DEFAULT_REPLACEMENT


def vcrpy(req_body: str = "", resp_headers: dict[str, list[str]] | None = None, resp_body: str = "{}", uri: str = "https://api.example.com/v1") -> bytes:
    hs = "".join(f"      {json.dumps(k)}:\n" + "".join(f"      - {json.dumps(v)}\n" for v in vs) for k, vs in (resp_headers or {}).items()) or "      {}\n"
    head = "    headers:\n" + hs if resp_headers else "    headers: {}\n"
    return (
        f"interactions:\n- request:\n    body: {json.dumps(req_body)}\n    headers: {{}}\n    method: POST\n    uri: {json.dumps(uri)}\n"
        f"  response:\n    body:\n      string: {json.dumps(resp_body)}\n{head}    status:\n      code: 200\n      message: OK\nversion: 1\n"
    ).encode()


def response_body(data: bytes) -> object:
    return json.loads(yaml.safe_load(data)["interactions"][0]["response"]["body"]["string"])


def test_every_string_under_a_secret_key_at_any_depth() -> None:
    body = {
        "client_secret": {"value": "cs-9f8e7d6c5b4a", "meta": {"kind": "hmac-Zx81"}, "ids": ["aa11bb22cc33", {"deep": "Qw3rTy7uI9oP"}]},
        "password": ["hunter2hunter2", "s3cond-pass"],
        "model": "gpt-4o",
    }
    new = api.redact_bytes(vcrpy(resp_body=json.dumps(body)))
    assert response_body(new) == {
        "client_secret": {"value": "REDACTED", "meta": {"kind": "REDACTED"}, "ids": ["REDACTED", {"deep": "REDACTED"}]},
        "password": ["REDACTED", "REDACTED"],
        "model": "gpt-4o",
    }


def test_numbers_booleans_and_null_under_a_secret_key_stay() -> None:
    body = {"password": 12345678, "secret": True, "token": None, "api_key": {"n": 42, "on": False}}
    old = vcrpy(resp_body=json.dumps(body))
    assert api.find_secrets(old) == []
    assert api.redact_bytes(old) == old


def test_a_custom_pattern_never_turns_a_number_or_boolean_into_a_string() -> None:
    body = {"count": 12345678, "flag": True, "text": "id 12345678"}
    old = vcrpy(resp_body=json.dumps(body))
    config = {"patterns": [r"\d{8}", "true"]}
    new = api.redact_bytes(old, config)
    assert response_body(new) == {"count": 12345678, "flag": True, "text": "id REDACTED"}


PLACEHOLDERS = [
    DEFAULT_REPLACEMENT, "FILTERED", "[FILTERED]", "<API_KEY>", "<...>", "***", "xxxx", "XXXXXXXX", "sk-xxxx",
    "dummy", "test", "fake", "placeholder", "changeme", "", "${TOKEN}", "{{token}}", "your-api-key", "null",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_a_placeholder_is_neither_reported_nor_rewritten(value: str) -> None:
    old = vcrpy(
        req_body=f"grant_type=client_credentials&client_secret={value}",
        resp_headers={"Set-Cookie": [f"sid={value}; Path=/"], "X-Api-Key": [value]},
        resp_body=json.dumps({"secret": value, "nested": {"client_secret": {"v": value}}}),
        uri=f"https://api.example.com/v1?api_key={value}",
    )
    assert api.find_secrets(old) == []
    assert api.redact_bytes(old) == old


def test_bearer_with_no_token_is_no_finding() -> None:
    old = vcrpy(resp_headers={"Authorization": ["Bearer"], "Proxy-Authorization": ["Bearer "]})
    assert api.find_secrets(old) == []


def test_a_custom_replacement_is_a_placeholder_too() -> None:
    old = vcrpy(resp_body=json.dumps({"secret": "Zx9cV8bN7mQ2"}))
    once = api.redact_bytes(old, {"replacement": "SCRUBBED_BY_CI"})
    assert b"SCRUBBED_BY_CI" in once
    assert api.find_secrets(once, {"replacement": "SCRUBBED_BY_CI"}) == []


def test_joined_set_cookie_every_cookie_value() -> None:
    joined = "sid=Ab12Cd34Ef56; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT, csrf=Zz98Yy76Xx54; Path=/; Secure, lang=en"
    old = vcrpy(resp_headers={"Set-Cookie": [joined]})
    new = api.redact_bytes(old)
    header = yaml.safe_load(new)["interactions"][0]["response"]["headers"]["Set-Cookie"][0]
    assert header == "sid=REDACTED; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT, csrf=REDACTED; Path=/; Secure, lang=REDACTED"
