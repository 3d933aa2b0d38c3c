"""Every rule in the registry, in every format: it fires where it looks, the secret is
gone after redact, a second redact changes nothing; look-alikes and placeholders stay."""

from __future__ import annotations

import json

import pytest

from cassette_cli import api
from cassette_cli.rules.registry import REGISTRY
from cassette_cli.rules.rule import ANY_TEXT, FORM_KEY, HEADER, JSON_KEY, QUERY, Rule

URL = "https://api.example.com/v1/things"
FORMATS = ("vcrpy", "go-vcr-v2", "ruby-vcr", "ruby-vcr-json")
CONFIG = {"headers": ["X-Internal-Secret"]}  # the custom-header rule needs a configured header


def q(text: str) -> str:
    return json.dumps(text)


def cassette(fmt: str, *, headers: dict[str, str], url: str = URL, body: str = "") -> bytes:
    if fmt == "ruby-vcr-json":
        request = {"method": "post", "uri": url, "body": {"encoding": "UTF-8", "string": body}, "headers": {k: [v] for k, v in headers.items()}}
        response = {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"encoding": "UTF-8", "string": "{}"}}
        doc = {"http_interactions": [{"request": request, "response": response, "recorded_at": "Tue, 01 Jan 2030 00:00:00 GMT"}], "recorded_with": "VCR 6.2.0"}
        return json.dumps(doc).encode()
    if fmt == "vcrpy":
        hs = "".join(f"      {q(k)}:\n      - {q(v)}\n" for k, v in headers.items())
        text = (
            f"interactions:\n- request:\n    body: {q(body)}\n    headers:\n{hs}    method: POST\n    uri: {q(url)}\n"
            "  response:\n    body:\n      string: '{}'\n    headers: {}\n    status:\n      code: 200\n      message: OK\nversion: 1\n"
        )
    elif fmt == "go-vcr-v2":
        hs = "".join(f"            {q(k)}:\n                - {q(v)}\n" for k, v in headers.items())
        text = (
            "---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n"
            f"        body: {q(body)}\n        form: {{}}\n        headers:\n{hs}        url: {q(url)}\n        method: POST\n"
            "      response:\n        body: '{}'\n        headers: {}\n        status: 200 OK\n        code: 200\n        duration: 1ms\n"
        )
    else:
        hs = "".join(f"      {q(k)}:\n      - {q(v)}\n" for k, v in headers.items())
        text = (
            f"---\nhttp_interactions:\n- request:\n    method: post\n    uri: {q(url)}\n    body:\n      encoding: UTF-8\n"
            f"      string: {q(body)}\n    headers:\n{hs}"
            "  response:\n    status:\n      code: 200\n      message: OK\n    headers: {}\n    body:\n      encoding: UTF-8\n"
            "      string: '{}'\n  recorded_at: Tue, 01 Jan 2030 00:00:00 GMT\nrecorded_with: VCR 6.2.0\n"
        )
    return text.encode()


def placed(rule: Rule, example: str, fmt: str) -> bytes:
    """A cassette holding ``example`` where ``rule`` looks."""
    if rule.looks_at == HEADER:
        name, _, value = example.partition(":")
        return cassette(fmt, headers={name.strip(): value.strip()})
    if rule.looks_at == QUERY:
        return cassette(fmt, headers={}, url=example)
    if rule.looks_at == JSON_KEY:
        return cassette(fmt, headers={"Content-Type": "application/json"}, body=example)
    if rule.looks_at == FORM_KEY:
        return cassette(fmt, headers={"Content-Type": "application/x-www-form-urlencoded"}, body=example)
    assert rule.looks_at == ANY_TEXT
    return cassette(fmt, headers={"Content-Type": "application/json"}, body=json.dumps({"note": example}))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.id)
def test_rule_fires_in_every_format_and_redact_removes_it(rule: Rule, fmt: str) -> None:
    config = CONFIG if rule.default else {**CONFIG, "entropy": True}  # an opt-in rule, configured on
    data = placed(rule, rule.fires[0], fmt)
    reports = [r for r in api.find_secrets(data, config) if r.rule == rule.id]
    assert reports, (rule.id, data.decode())
    redacted = api.redact_bytes(data, config)
    assert redacted != data
    for report in reports:
        assert report.secret not in redacted.decode()
    assert api.redact_bytes(redacted, config) == redacted
    assert not api.find_secrets(redacted, config)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("rule", [r for r in REGISTRY if r.quiet], ids=lambda r: r.id)
def test_rule_stays_quiet_on_its_look_alikes(rule: Rule, fmt: str) -> None:
    config = CONFIG if rule.default else {**CONFIG, "entropy": True}
    for example in rule.quiet:
        data = placed(rule, example, fmt)
        assert [r.rule for r in api.find_secrets(data, config) if r.rule == rule.id] == [], example


LOOK_ALIKES = {
    "model": "gpt-4o-mini-2024-07-18",
    "max_tokens": 1024,
    "token_count": 5000,
    "tokens": ["sk", "-", "ant"],
    "id": "3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a3b",
    "etag": "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "secret": "test",
    "password": "changeme",
    "api_key": "REDACTED",
    "client_secret": "<CLIENT_SECRET>",
    "access_token": "***",
    "auth_token": "xxxx",
    "session_token": "",
    "secret_key": "fake",
    "refresh_token": "[FILTERED]",
    "id_token": "dummy",
    "api_secret": "placeholder",
    "mfa_token": None,
    "recovery_code": True,
    "Authorization": "Bearer ",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_look_alikes_and_placeholders_are_neither_reported_nor_rewritten(fmt: str) -> None:
    headers = {"Content-Type": "application/json", "Authorization": "Bearer", "X-Vault-Token": "REDACTED", "Private-Token": "<TOKEN>"}
    data = cassette(fmt, headers=headers, url=URL + "?api-key=REDACTED&model=gpt-4o", body=json.dumps(LOOK_ALIKES))
    assert api.find_secrets(data) == []
    assert api.redact_bytes(data) == data


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_echoed_authorization_key_keeps_its_scheme(fmt: str) -> None:
    data = cassette(fmt, headers={"Content-Type": "application/json"}, body=json.dumps({"headers": {"Authorization": "Bearer abc123def456ghi"}}))
    assert [r.rule for r in api.find_secrets(data)] == ["json-key"]
    redacted = api.redact_bytes(data).decode()
    assert "abc123def456ghi" not in redacted
    assert "Bearer REDACTED" in redacted


@pytest.mark.parametrize("fmt", FORMATS)
def test_twilio_account_sid_is_an_id_and_a_database_url_keeps_all_but_its_password(fmt: str) -> None:
    sid = "A" + "C" + "0123456789abcdef" * 2
    url = "postgres://app:" + "s3cretPw" + "@db.internal:5432/app"
    data = cassette(fmt, headers={"Content-Type": "application/json"}, body=json.dumps({"account_sid": sid, "dsn": url}))
    assert [r.rule for r in api.find_secrets(data)] == ["database-url-password"]
    redacted = api.redact_bytes(data).decode()
    assert sid in redacted and "postgres://app:REDACTED@db.internal:5432/app" in redacted


@pytest.mark.parametrize("fmt", ["vcrpy", "go-vcr-v2", "ruby-vcr"])
def test_a_pattern_or_a_key_rule_never_turns_a_number_or_boolean_into_a_string(fmt: str) -> None:
    config = {"patterns": [{"id": "digits", "regex": r"^(?:12345678|11223344|true|1\.5e3)$"}]}
    headers = {"X-Count": "12345678", "X-Flag": "true", "X-Api-Key": "87654321", "X-Float": "1.5e3", "X-Quoted": "11223344"}
    text = cassette(fmt, headers=headers, body=json.dumps({"api_key": 12345678, "password": True, "n": 12345678})).decode()
    for plain in ("12345678", "true", "87654321", "1.5e3"):
        text = text.replace(f'- "{plain}"', f"- {plain}")
    data = text.encode()
    reports = api.find_secrets(data, config)
    assert [r.location.rsplit(".", 1)[-1] for r in reports] == ["X-Quoted[0]"]
    assert api.redact_bytes(data, config) == data.replace(b'- "11223344"', b'- "REDACTED"')
