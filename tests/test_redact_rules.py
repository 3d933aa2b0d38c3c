"""Header rules, value-shape patterns, previews, idempotence and the registry (cassette_cli.rules)."""

from __future__ import annotations

import dataclasses

import pytest

from cassette_cli.rules.examples import fires_on
from cassette_cli.rules.finding import Finding, preview, splice
from cassette_cli.rules.patterns import BUILTIN_PATTERNS, Pattern
from cassette_cli.rules.policy import Policy, default_policy, is_placeholder
from cassette_cli.rules.registry import REGISTRY, RULE_IDS
from cassette_cli.rules.rule import LOOKS_AT, Rule
from cassette_cli.rules.strings import redact_header, redact_text

P = default_policy()

# Fake secrets, assembled from pieces so that this file itself is not a scanner hit.
OPENAI = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7"
OPENAI_LEGACY = "sk-" + "aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4cD5eF"
ANTHROPIC = "sk-" + "ant-api03-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7" + "AA"
GOOGLE = "AI" + "za" + "SyD4k3J2h1G0f9E8d7C6b5A4z3Y2x1W0v9U"
GITHUB = "gh" + "p_" + "aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4"
GITHUB_PAT = "github_" + "pat_" + "11AB" + "cD3eF4gH5iJ6kL7mN8oP9q" * 3 + "R0sT5u7vWx9Z"
AWS = "AK" + "IA" + "IOSFODNN7EXAMPL2"
SLACK = "xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
STRIPE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
HF = "hf" + "_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"
JWT = (
    "ey"
    + "JhbGciOiJIUzI1NiJ9"
    + ".ey"
    + "JzdWIiOiIxMjM0NTY3ODkwIn0"
    + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
PEM = "-----BEGIN " + "PRIVATE KEY-----\n" + PEM_BODY + "\n-----END PRIVATE KEY-----"
assert len(GITHUB_PAT) == len("github_pat_") + 82


# --- preview ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("secret", "expected"),
    [
        pytest.param(OPENAI, "sk-p\u2026, 47 chars", id="long"),
        pytest.param("123456789", "1234\u2026, 9 chars", id="nine"),
        pytest.param("12345678", "12\u2026, 8 chars", id="eight"),
        pytest.param("12345", "12\u2026, 5 chars", id="five"),
        pytest.param("1234", "1\u2026, 4 chars", id="four"),
        pytest.param("12", "1\u2026, 2 chars", id="two"),
        pytest.param("1", "\u2026, 1 char", id="one"),
        pytest.param("", "\u2026, 0 chars", id="empty"),
    ],
)
def test_preview(secret: str, expected: str) -> None:
    assert preview(secret) == expected


@pytest.mark.parametrize("length", range(1, 40))
def test_preview_never_shows_whole_secret(length: int) -> None:
    secret = "abcdefghijklmnopqrstuvwxyz0123456789ABC"[:length]
    shown = preview(secret).split("\u2026")[0]
    assert len(shown) < len(secret) and secret.startswith(shown)
    assert preview(secret).endswith(f"{length} {'char' if length == 1 else 'chars'}")


def test_finding_repr_hides_secret() -> None:
    finding = Finding("openai-key", 0, len(OPENAI), OPENAI, "OpenAI API key")
    assert OPENAI not in repr(finding)
    assert "sk-p\u2026" in repr(finding)


# --- headers --------------------------------------------------------------------

HEADER_CASES = [
    pytest.param("Authorization", "Bearer abc.def", "Bearer REDACTED", ["authorization-header"], id="bearer"),
    pytest.param("authorization", "bearer abc", "bearer REDACTED", ["authorization-header"], id="lowercase"),
    pytest.param(
        "Authorization", "Basic dXNlcjpwYXNz", "Basic REDACTED", ["authorization-header"], id="basic"
    ),
    pytest.param(
        "Authorization", "token ghx_abc", "token REDACTED", ["authorization-header"], id="token-scheme"
    ),
    pytest.param(
        "Authorization", "Bearer  two  words", "Bearer  REDACTED", ["authorization-header"], id="spaces"
    ),
    pytest.param("Authorization", OPENAI, "REDACTED", ["authorization-header"], id="no-scheme"),
    pytest.param(
        "Authorization", "Bearer " + OPENAI, "Bearer REDACTED", ["authorization-header"], id="bearer-key-once"
    ),
    pytest.param(
        "Proxy-Authorization", "Basic Zm9vOmJhcg==", "Basic REDACTED", ["authorization-header"], id="proxy"
    ),
    pytest.param(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=" + AWS + "/20240101/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0123abcd",
        "AWS4-HMAC-SHA256 Credential=REDACTED/20240101/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=REDACTED",
        ["authorization-header", "authorization-header"],
        id="aws-sigv4",
    ),
    pytest.param("Cookie", "a=1; b=two", "a=REDACTED; b=REDACTED", ["cookie-header"] * 2, id="cookie"),
    pytest.param("cookie", 'sid="quoted"', 'sid="REDACTED"', ["cookie-header"], id="cookie-quoted"),
    pytest.param(
        "Cookie", "a=1; b=REDACTED", "a=REDACTED; b=REDACTED", ["cookie-header"], id="cookie-half-done"
    ),
    pytest.param(
        "Set-Cookie",
        "__cf_bm=abc.def-1; path=/; expires=Sat, 01-Jan-25 00:00:00 GMT; HttpOnly; Secure",
        "__cf_bm=REDACTED; path=/; expires=Sat, 01-Jan-25 00:00:00 GMT; HttpOnly; Secure",
        ["set-cookie-header"],
        id="set-cookie",
    ),
    pytest.param("X-Api-Key", "abc123", "REDACTED", ["api-key-header"], id="x-api-key"),
    pytest.param("api-key", "abc123", "REDACTED", ["api-key-header"], id="azure-api-key"),
    pytest.param("X-Goog-Api-Key", GOOGLE, "REDACTED", ["api-key-header"], id="goog"),
    pytest.param("X-Auth-Token", "t", "REDACTED", ["api-key-header"], id="auth-token"),
    pytest.param("X-Amz-Security-Token", "FwoGZX", "REDACTED", ["api-key-header"], id="amz-token"),
    pytest.param("OpenAI-Organization", "org-abc", "REDACTED", ["organization-header"], id="openai-org"),
    pytest.param("openai-project", "proj_abc", "REDACTED", ["organization-header"], id="openai-project"),
    pytest.param(
        "Anthropic-Organization-Id", "b320df16", "REDACTED", ["organization-header"], id="anthropic-org"
    ),
    pytest.param("X-Debug", "key " + OPENAI, "key REDACTED", ["openai-key"], id="pattern-in-other-header"),
]


@pytest.mark.parametrize(("name", "value", "expected", "rules"), HEADER_CASES)
def test_redact_header(name: str, value: str, expected: str, rules: list[str]) -> None:
    new, findings = redact_header(name, value, P)
    assert new == expected
    assert [f.rule for f in findings] == rules
    for f in findings:
        assert value[f.start : f.end] == f.secret
    again, more = redact_header(name, new, P)
    assert (again, more) == (new, [])


HEADER_NOOP = [
    pytest.param("Authorization", "Bearer REDACTED", id="already-bearer"),
    pytest.param("Authorization", "REDACTED", id="already"),
    pytest.param("Authorization", "Bearer <OPENAI_ACCESS_TOKEN>", id="placeholder-angle"),
    pytest.param("Authorization", "token <<ACCESS_TOKEN>>", id="placeholder-double-angle"),
    pytest.param("Authorization", "AUTHORIZATION-XXX", id="placeholder-xxx"),
    pytest.param("Authorization", "Bearer ${TOKEN}", id="placeholder-dollar"),
    pytest.param("Authorization", "Bearer ", id="empty-token"),
    pytest.param("Authorization", "", id="empty"),
    pytest.param(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/<DATE>/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host, Signature=<AWS_SIGV4_SIGNATURE>",
        id="aws-placeholders",
    ),
    pytest.param("Set-Cookie", "sid=REDACTED; Path=/; HttpOnly", id="set-cookie-done"),
    pytest.param("Set-Cookie", "sid=; Path=/", id="set-cookie-empty"),
    pytest.param("Cookie", "a=REDACTED; b=REDACTED", id="cookie-done"),
    pytest.param("X-Api-Key", "<ANTHROPIC_API_KEY>", id="api-key-placeholder"),
    pytest.param("Vary", "Authorization, Cookie", id="vary-mentions-names"),
    pytest.param("Content-Type", "application/json", id="content-type"),
    pytest.param("X-Request-Id", "req_011CUm6ZQ1a2b3c4d5e6f7g8", id="request-id"),
    pytest.param("X-Api-Key", "allowed-value", id="allowed"),
]


@pytest.mark.parametrize(("name", "value"), HEADER_NOOP)
def test_redact_header_noop(name: str, value: str) -> None:
    policy = dataclasses.replace(P, allow=frozenset({"allowed-value"}))
    assert redact_header(name, value, policy) == (value, [])


def test_header_rule_disabled() -> None:
    policy = dataclasses.replace(P, disabled=frozenset({"cookie-header"}))
    assert redact_header("Cookie", "a=1", policy) == ("a=1", [])
    assert redact_header("Set-Cookie", "a=1", policy)[0] == "a=REDACTED"


def test_custom_header_and_replacement() -> None:
    policy = dataclasses.replace(P, headers=P.headers | {"x-secret"}, replacement="[gone]")
    new, findings = redact_header("X-Secret", "value", policy)
    assert (new, [f.rule for f in findings]) == ("[gone]", ["custom-header"])
    assert redact_header("Authorization", "Bearer abc", policy)[0] == "Bearer [gone]"


def test_placeholders_can_be_redacted_too() -> None:
    policy = dataclasses.replace(P, keep_placeholders=False)
    assert redact_header("X-Api-Key", "<API_KEY>", policy)[0] == "REDACTED"


# --- patterns --------------------------------------------------------------------

PATTERN_CASES = [
    pytest.param(f"key {OPENAI}.", "openai-key", id="openai-proj"),
    pytest.param(f"'{OPENAI_LEGACY}'", "openai-key", id="openai-legacy"),
    pytest.param("sk-" + "svcacct-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8", "openai-key", id="openai-svcacct"),
    pytest.param("sk-" + "admin-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8", "openai-key", id="openai-admin"),
    pytest.param(f"x={ANTHROPIC}", "anthropic-key", id="anthropic-wins-over-openai"),
    pytest.param(f"?key={GOOGLE}&x", "google-api-key", id="google"),
    pytest.param(f"token {GITHUB}", "github-token", id="github"),
    pytest.param(GITHUB_PAT, "github-token", id="github-pat"),
    pytest.param(f'"{AWS}"', "aws-access-key-id", id="aws"),
    pytest.param("ASIA" + "Y34FZKBOKMUTVV7A", "aws-access-key-id", id="aws-sts"),
    pytest.param(SLACK, "slack-token", id="slack"),
    pytest.param(STRIPE, "stripe-key", id="stripe"),
    pytest.param("rk_" + "test_" + "51H8abcDEF123456789", "stripe-key", id="stripe-restricted"),
    pytest.param(f"use {HF} now", "huggingface-token", id="huggingface"),
    pytest.param(f"jwt={JWT};", "jwt", id="jwt"),
    pytest.param(f"key:\n{PEM}\n", "private-key", id="pem"),
    pytest.param(PEM.replace("\n", "\\n"), "private-key", id="pem-escaped-newlines"),
    pytest.param(PEM.replace("PRIVATE", "RSA PRIVATE"), "private-key", id="pem-rsa"),
    pytest.param(
        "-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1r\r\n-----END OPENSSH PRIVATE KEY-----",
        "private-key",
        id="pem-openssh-crlf",
    ),
    pytest.param("https://app:hunter2@git.example.com/x", "url-password", id="url-password"),
    pytest.param("postgres://app:hunter2@db.example.com:5432/x", "database-url-password", id="database-url-password"),
    pytest.param("redis://:s3cr3t@cache:6379", "database-url-password", id="url-password-no-user"),
]


@pytest.mark.parametrize(("text", "rule"), PATTERN_CASES)
def test_patterns(text: str, rule: str) -> None:
    new, findings = redact_text(text, P)
    assert [f.rule for f in findings] == [rule]
    f = findings[0]
    assert text[f.start : f.end] == f.secret
    assert new == text[: f.start] + "REDACTED" + text[f.end :]
    assert redact_text(new, P) == (new, [])


def test_only_the_match_is_replaced() -> None:
    assert redact_text(f"a {OPENAI} b {GOOGLE} c", P)[0] == "a REDACTED b REDACTED c"
    assert redact_text("https://user:pw@host/p", P)[0] == "https://user:REDACTED@host/p"
    pem_new = redact_text(PEM, P)[0]
    assert pem_new == "-----BEGIN PRIVATE KEY-----\nREDACTED\n-----END PRIVATE KEY-----"


PATTERN_NOOP = [
    pytest.param("ask-me-anything and task-runner-configuration-2024", id="sk-inside-words"),
    pytest.param("the sk- prefix marks keys; sk-xxxxxxxxxxxxxxxxxxxxxxxx is fake", id="sk-in-prose"),
    pytest.param("sk-" + "1234567890abcdef1234567890abcdef", id="sk-no-upper-case"),
    pytest.param("sk-this-is-a-long-but-harmless-slug-name", id="sk-slug"),
    pytest.param("sk-ant-test", id="anthropic-short"),
    pytest.param("my_hf_model_name_and_more_words_here_ok", id="hf-in-identifier"),
    pytest.param("hf_" + "abcdefghijklmnopqrstuvwxyzabcdefgh", id="hf-lowercase-only"),
    pytest.param("xhf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", id="hf-glued"),
    pytest.param(
        "QUtJQUlPU0ZPRE5ON0VYQU1QTEVBS0lBSU9TRk9ETk43RVhBTVBMRQ" + "AKIA" + "IOSFODNN7EXAMPLE1Zz",
        id="akia-in-base64",
    ),
    pytest.param("ZXhhbXBsZUFLSUFJT1NGT0ROTjdFWEFNUExF" + "ASIA" + "Y34FZKBOKMUTVV7Aab", id="asia-in-base64"),
    pytest.param("eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0", id="base64-json-no-dots"),
    pytest.param("pk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc", id="stripe-publishable"),
    pytest.param("-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3\n-----END PUBLIC KEY-----", id="public-key"),
    pytest.param("https://example.com:8443/path?x=1", id="url-port"),
    pytest.param("https://user@example.com/", id="url-user-only"),
    pytest.param("see https://user:REDACTED@example.com/", id="url-password-done"),
    pytest.param("mailto:someone@example.com", id="mailto"),
    pytest.param("max_tokens token_type tokens: 5", id="token-words"),
    pytest.param("Bearer REDACTED", id="bearer-redacted"),
    pytest.param("-----BEGIN PRIVATE KEY-----\nREDACTED\n-----END PRIVATE KEY-----", id="pem-done"),
]


@pytest.mark.parametrize("text", PATTERN_NOOP)
def test_patterns_noop(text: str) -> None:
    assert redact_text(text, P) == (text, [])


def test_allow_list_skips_exact_values() -> None:
    policy = dataclasses.replace(P, allow=frozenset({OPENAI}))
    assert redact_text(f"{OPENAI} {GOOGLE}", policy)[0] == f"{OPENAI} REDACTED"


def test_disabled_pattern() -> None:
    policy = dataclasses.replace(P, disabled=frozenset({"openai-key"}))
    assert redact_text(OPENAI, policy) == (OPENAI, [])


REDACTED_FORMS = [
    "REDACTED",
    "Bearer REDACTED",
    "token REDACTED",
    "name=REDACTED; Path=/; HttpOnly",
    "a=REDACTED; b=REDACTED",
    "AWS4-HMAC-SHA256 Credential=REDACTED/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=REDACTED",
    "https://x.test/p?key=REDACTED&sig=REDACTED#frag",
    "https://user:REDACTED@host/",
    '{"password": "REDACTED"}',
    "client_secret=REDACTED&grant_type=refresh_token",
    "-----BEGIN PRIVATE KEY-----\nREDACTED\n-----END PRIVATE KEY-----",
]


@pytest.mark.parametrize("pattern", BUILTIN_PATTERNS, ids=lambda p: p.id)
@pytest.mark.parametrize("text", REDACTED_FORMS)
def test_no_pattern_matches_redacted_text(pattern: Pattern, text: str) -> None:
    # A pattern may only match where its secret part is the replacement itself.
    assert all(text[s:e] == "REDACTED" for s, e in pattern.spans(text))
    assert redact_text(text, P) == (text, [])


def test_rule_ids_are_kebab_case_and_unique() -> None:
    ids = [p.id for p in BUILTIN_PATTERNS]
    assert len(ids) == len(set(ids))
    for rule_id in RULE_IDS:
        assert rule_id == rule_id.lower() and " " not in rule_id and "_" not in rule_id
    assert {
        "authorization-header",
        "cookie-header",
        "set-cookie-header",
        "api-key-header",
        "organization-header",
        "query-param",
        "json-key",
        "form-key",
        "openai-key",
        "anthropic-key",
        "google-api-key",
        "github-token",
        "aws-access-key-id",
        "slack-token",
        "stripe-key",
        "huggingface-token",
        "jwt",
        "private-key",
        "url-password",
    } <= RULE_IDS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("<OPENAI_API_KEY>", True, id="angle"),
        pytest.param("<<ACCESS_TOKEN>>", True, id="double-angle"),
        pytest.param("${TOKEN}", True, id="dollar"),
        pytest.param("{{ token }}", True, id="mustache"),
        pytest.param("X-API-KEY-XXX", True, id="xxx-suffix"),
        pytest.param("****", True, id="stars"),
        pytest.param("[FILTERED]", True, id="filtered"),
        pytest.param("dummy", True, id="dummy"),
        pytest.param("foo", False, id="foo"),
        pytest.param("<a> and <b>", False, id="not-whole"),
        pytest.param("XXXsecret", False, id="xxx-prefix"),
    ],
)
def test_is_placeholder(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected


def test_splice_rejects_overlaps() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        splice("abc", [Finding("x", 0, 2, "ab", "d", "X"), Finding("x", 1, 3, "bc", "d", "Y")])
    with pytest.raises(ValueError, match="replacement"):
        splice("abc", [Finding("x", 0, 1, "a", "d")])
    assert splice("abc", [Finding("x", 2, 3, "c", "d", "Z"), Finding("x", 0, 1, "a", "d", "X")]) == "XbZ"


# --- the registry -------------------------------------------------------------------


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.id)
def test_every_rule_fires_on_its_examples_and_not_on_its_counter_examples(rule: Rule) -> None:
    assert rule.fires, "a rule needs examples it fires on"
    assert rule.looks_at in LOOKS_AT
    for example in rule.fires:
        assert fires_on(rule, example), example
    for example in rule.quiet:
        assert not fires_on(rule, example), example


@pytest.mark.parametrize("rule", [r for r in REGISTRY if r.regex is not None], ids=lambda r: r.id)
def test_a_pattern_rule_declares_the_literals_its_matches_hold(rule: Rule) -> None:
    """Text without any literal is never searched, so every match must hold one."""
    assert rule.literals
    assert rule.regex is not None
    for example in rule.fires:
        for m in rule.regex.finditer(example):
            assert any(literal in m.group() for literal in rule.literals), example


def test_registry_ids_are_unique_and_give_the_rule_ids() -> None:
    ids = [r.id for r in REGISTRY]
    assert len(ids) == len(set(ids)) and set(ids) == RULE_IDS
    assert [p.id for p in BUILTIN_PATTERNS] == [r.id for r in REGISTRY if r.regex is not None]


def test_policy_defaults() -> None:
    assert default_policy() == Policy()
    assert "authorization" in P.headers and "x-amz-signature" in P.query_params
    assert "apikey" in P.body_keys and P.replacement == "REDACTED"
