"""URL, JSON, form and event-stream editing (cassette_cli.rules: urls, json_body, forms, streams, bodies)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.rules.bodies import redact_body
from cassette_cli.rules.finding import Finding
from cassette_cli.rules.forms import redact_form_text, redact_form_value
from cassette_cli.rules.json_body import json_unescape_map, redact_json_text
from cassette_cli.rules.policy import default_policy
from cassette_cli.rules.urls import redact_url

P = default_policy()
OPENAI = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7"
GOOGLE = "AI" + "za" + "SyD4k3J2h1G0f9E8d7C6b5A4z3Y2x1W0v9U"
PEM = (
    "-----BEGIN "
    + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIB\n-----END PRIVATE KEY-----\n"
)


def check_spans(text: str, findings: list[Finding]) -> None:
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.secret
    assert [f.start for f in findings] == sorted(f.start for f in findings)


# --- URLs --------------------------------------------------------------------------

URL_CASES = [
    pytest.param("https://x.test/v1?key=abc", "https://x.test/v1?key=REDACTED", ["query-param"], id="key"),
    pytest.param(
        "https://x.test/?a=1&API_KEY=abc&b=2",
        "https://x.test/?a=1&API_KEY=REDACTED&b=2",
        ["query-param"],
        id="case-insensitive-order-kept",
    ),
    pytest.param(
        "/p?token=a;sig=b;x=c", "/p?token=REDACTED;sig=REDACTED;x=c", ["query-param"] * 2, id="semicolons"
    ),
    pytest.param(
        "https://x.test/?access_token=a%2Fb%3D#access_token=frag",
        "https://x.test/?access_token=REDACTED#access_token=frag",
        ["query-param"],
        id="percent-encoded-whole-fragment-kept",
    ),
    pytest.param(
        "https://x.test/?api%5Fkey=abc",
        "https://x.test/?api%5Fkey=REDACTED",
        ["query-param"],
        id="encoded-name",
    ),
    pytest.param(
        "https://s3.test/o?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKID%2F2026%2Fs3&X-Amz-Signature=e05",
        "https://s3.test/o?X-Amz-Algorithm=AWS4&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED",
        ["query-param"] * 2,
        id="presigned",
    ),
    pytest.param(
        "https://u:pw@x.test/?password=p",
        "https://u:REDACTED@x.test/?password=REDACTED",
        ["url-password", "query-param"],
        id="userinfo-and-query",
    ),
    pytest.param(
        f"https://x.test/{GOOGLE}/v", "https://x.test/REDACTED/v", ["google-api-key"], id="key-in-path"
    ),
    pytest.param(
        f"https://x.test/?q=%22{OPENAI}%22",
        "https://x.test/?q=%22REDACTED%22",
        ["openai-key"],
        id="key-in-other-param",
    ),
    pytest.param(
        "https://x.test/?next=https%3A%2F%2Fu%3Apw%40h.test%2F",
        "https://x.test/?next=https%3A%2F%2Fu%3AREDACTED%40h.test%2F",
        ["url-password"],
        id="encoded-url-password",
    ),
]


@pytest.mark.parametrize(("url", "expected", "rules"), URL_CASES)
def test_redact_url(url: str, expected: str, rules: list[str]) -> None:
    new, findings = redact_url(url, P)
    assert new == expected
    assert [f.rule for f in findings] == rules
    check_spans(url, findings)
    assert redact_url(new, P) == (new, [])


URL_NOOP = [
    pytest.param("https://x.test/v1/models?limit=10&order=asc", id="no-secrets"),
    pytest.param("https://x.test/?key=REDACTED&token=REDACTED", id="already"),
    pytest.param("https://x.test/?key=&token", id="empty-values"),
    pytest.param("https://x.test/?monkey=1&tokens=5&max_tokens=3", id="similar-names"),
    pytest.param("https://x.test/#key=abc", id="fragment-only"),
    pytest.param("https://x.test/?key=%3CGEMINI_API_KEY%3E", id="encoded-placeholder"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("url", URL_NOOP)
def test_redact_url_noop(url: str) -> None:
    assert redact_url(url, P) == (url, [])


def test_url_replacement_is_percent_encoded() -> None:
    policy = dataclasses.replace(P, replacement="<gone>")
    new, _ = redact_url("https://x.test/?key=abc", policy)
    assert new == "https://x.test/?key=%3Cgone%3E"
    assert redact_url(new, policy) == (new, [])


# --- JSON -------------------------------------------------------------------------

JSON_CASES = [
    pytest.param('{"password": "hunter2"}', '{"password": "REDACTED"}', ["json-key"], id="flat"),
    pytest.param(
        '{"a":{"b":[{"apiKey":"x1"}]}}',
        '{"a":{"b":[{"apiKey":"REDACTED"}]}}',
        ["json-key"],
        id="nested-camel",
    ),
    pytest.param(
        '{"Access-Token": "abc", "refresh_token": "def"}',
        '{"Access-Token": "REDACTED", "refresh_token": "REDACTED"}',
        ["json-key"] * 2,
        id="dash-and-underscore",
    ),
    pytest.param(
        '{\n  "client_secret" :\t"a\\"b\\\\c",\n  "n": 1\n}',
        '{\n  "client_secret" :\t"REDACTED",\n  "n": 1\n}',
        ["json-key"],
        id="escapes-whitespace-kept",
    ),
    pytest.param('{"pass\\u0077ord": "x"}', '{"pass\\u0077ord": "REDACTED"}', ["json-key"], id="escaped-key"),
    pytest.param(
        '{"token": "ghx_0123456789abcdef"}', '{"token": "REDACTED"}', ["json-key"], id="token-credential-like"
    ),
    pytest.param(
        '[{"secret": "s"}, {"private_key": "k"}]',
        '[{"secret": "REDACTED"}, {"private_key": "REDACTED"}]',
        ["json-key"] * 2,
        id="array-of-objects",
    ),
    pytest.param(
        json.dumps({"msg": f"use {OPENAI} \u00e9"}, ensure_ascii=True),
        json.dumps({"msg": "use REDACTED \u00e9"}, ensure_ascii=True),
        ["openai-key"],
        id="pattern-in-value",
    ),
    pytest.param(
        json.dumps({"pem": PEM}),
        json.dumps({"pem": PEM.replace("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIB", "REDACTED")}),
        ["private-key"],
        id="pem-escaped",
    ),
    pytest.param(
        '{"k": "\\u0073k-proj-Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7"}',
        '{"k": "REDACTED"}',
        ["openai-key"],
        id="key-with-unicode-escape",
    ),
    pytest.param(
        '{"u": "https:\\/\\/x.test\\/?key=abc\\u0026x=1"}',
        '{"u": "https:\\/\\/x.test\\/?key=REDACTED\\u0026x=1"}',
        ["query-param"],
        id="url-value",
    ),
    pytest.param(f'{{"{OPENAI}": 1}}', '{"REDACTED": 1}', ["openai-key"], id="pattern-in-key"),
    pytest.param('"Bearer x ' + OPENAI + '"', '"Bearer x REDACTED"', ["openai-key"], id="top-level-string"),
    pytest.param(
        '{"emoji": "\\ud83d\\ude00 ' + OPENAI + '"}',
        '{"emoji": "\\ud83d\\ude00 REDACTED"}',
        ["openai-key"],
        id="surrogate-pair-before",
    ),
]


@pytest.mark.parametrize(("text", "expected", "rules"), JSON_CASES)
def test_redact_json_text(text: str, expected: str, rules: list[str]) -> None:
    result = redact_json_text(text, P)
    assert result is not None
    new, findings = result
    assert new == expected
    assert [f.rule for f in findings] == rules
    check_spans(text, findings)
    assert redact_json_text(new, P) == (new, [])


JSON_NOOP = [
    pytest.param('{"max_tokens": 100, "token_type": "bearer", "tokens": 5}', id="token-like-names"),
    pytest.param(
        '{"token": null, "password": 5, "secret": {"a": 1}, "api_key": [1, true]}', id="non-string-values"
    ),
    pytest.param('{"password": "REDACTED"}', id="already"),
    pytest.param('{"token": " capital", "logprob": -0.1}', id="logprob-token"),
    pytest.param('{"token": "Horizonte"}', id="short-token"),
    pytest.param('{"access_token": "<GOOGLE_ACCESS_TOKEN>"}', id="placeholder"),
    pytest.param('{"text": "the sk- prefix is for keys", "key": "value"}', id="prose"),
    pytest.param('{"a": [1, 2.5e-3, true, false, null], "b": "c"}', id="literals"),
    pytest.param("  [ ]  ", id="empty-array"),
    pytest.param('{"secret_name": "x", "tokenizer": "y"}', id="whole-names-only"),
]


@pytest.mark.parametrize("text", JSON_NOOP)
def test_redact_json_noop(text: str) -> None:
    assert redact_json_text(text, P) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"password": "x"', id="truncated"),
        pytest.param("data: {}", id="sse"),
        pytest.param("", id="empty"),
        pytest.param("{'a': 1}", id="single-quotes"),
        pytest.param("[" * 100000 + "]" * 100000, id="too-deep"),
    ],
)
def test_redact_json_not_json(text: str) -> None:
    assert redact_json_text(text, P) is None


def test_json_key_disabled() -> None:
    policy = dataclasses.replace(P, disabled=frozenset({"json-key"}))
    assert redact_json_text('{"password": "x"}', policy) == ('{"password": "x"}', [])


def test_json_replacement_is_escaped() -> None:
    policy = dataclasses.replace(P, replacement="a\\b")
    result = redact_json_text('{"password": "x"}', policy)
    assert result is not None and result[0] == '{"password": "a\\\\b"}'
    assert json.loads(result[0]) == {"password": "a\\b"}
    assert redact_json_text(result[0], policy) == (result[0], [])


@pytest.mark.parametrize(
    "literal",
    [
        '"plain"',
        '"a\\"b\\\\c\\/d"',
        '"\\b\\f\\n\\r\\t"',
        '"\\u00e9\\u20ac"',
        '"\\ud83d\\ude00x"',
        '"\\ud800 lone"',
    ],
)
def test_json_unescape_map_agrees_with_json(literal: str) -> None:
    decoded, offsets = json_unescape_map(literal[1:-1])
    assert decoded == json.loads(literal)
    assert len(offsets) == len(decoded) + 1 and offsets[-1] == len(literal) - 2


# Property: planted secrets are replaced and nothing else changes.

SECRET_KEYS = ["password", "apiKey", "Client-Secret", "access_token", "token"]
SECRET_VALUES = st.text(
    alphabet='abcdefghijkmnopqrstuvwyzABCDEFGH0123456789!#$%-_./\\"\u00e9\U0001f600', min_size=16, max_size=40
).filter(lambda s: not s.isspace() and " " not in s)
safe_text = st.text(alphabet='abc xyz_-.\\"\n\u00e9', max_size=12)
safe_keys = st.sampled_from(["name", "max_tokens", "token_type", "tokens", "id", "content", "role"])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), safe_text
)


def planted(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    plain = st.dictionaries(safe_keys, children, max_size=4)
    with_secret = st.tuples(plain, st.sampled_from(SECRET_KEYS), SECRET_VALUES).map(
        lambda t: {**t[0], t[1]: t[2]}
    )
    return st.one_of(st.lists(children, max_size=4), plain, with_secret)


documents = st.recursive(scalars, planted, max_leaves=20)


def expected_structure(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {
            k: ("REDACTED" if k in SECRET_KEYS and isinstance(v, str) else expected_structure(v))
            for k, v in doc.items()
        }
    if isinstance(doc, list):
        return [expected_structure(v) for v in doc]
    return doc


@settings(max_examples=300, deadline=None)
@given(doc=documents, indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
def test_json_property_planted_secrets(doc: Any, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
    result = redact_json_text(text, P)
    assert result is not None
    new, findings = result
    assert json.loads(new) == expected_structure(doc)
    check_spans(text, findings)
    assert all(f.rule == "json-key" for f in findings)
    assert redact_json_text(new, P) == (new, [])


# --- forms -------------------------------------------------------------------------

FORM_CASES = [
    pytest.param(
        "grant_type=refresh_token&refresh_token=abc&client_secret=s%2F1",
        "grant_type=refresh_token&refresh_token=REDACTED&client_secret=REDACTED",
        ["form-key"] * 2,
        id="oauth",
    ),
    pytest.param("user=a&Pass-Word=b+c", "user=a&Pass-Word=REDACTED", ["form-key"], id="normalised-name"),
    pytest.param("q=" + OPENAI.replace("-", "%2D"), "q=REDACTED", ["openai-key"], id="encoded-pattern"),
    pytest.param(f"q={GOOGLE}&x=1", "q=REDACTED&x=1", ["google-api-key"], id="raw-pattern"),
]


@pytest.mark.parametrize(("text", "expected", "rules"), FORM_CASES)
def test_redact_form_text(text: str, expected: str, rules: list[str]) -> None:
    result = redact_form_text(text, P)
    assert result is not None
    new, findings = result
    assert new == expected
    assert [f.rule for f in findings] == rules
    check_spans(text, findings)
    assert redact_form_text(new, P) == (new, [])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("max_tokens=5&token_type=bearer", id="similar-names"),
        pytest.param("password=REDACTED&a=", id="already"),
        pytest.param("refresh_token=%3CGOOGLE_REFRESH_TOKEN%3E", id="placeholder"),
        pytest.param("token=short", id="short-token"),
    ],
)
def test_redact_form_text_noop(text: str) -> None:
    assert redact_form_text(text, P) == (text, [])


@pytest.mark.parametrize("text", ["no equals sign", "a=1\nb=2", '{"a": 1}'.replace("=", "")])
def test_redact_form_text_not_a_form(text: str) -> None:
    assert redact_form_text(text, P) is None


@pytest.mark.parametrize(
    ("key", "value", "expected", "rules"),
    [
        pytest.param("password", "p w", "REDACTED", ["form-key"], id="secret-key"),
        pytest.param("client-secret", "x", "REDACTED", ["form-key"], id="normalised"),
        pytest.param("q", f"a {OPENAI}", "a REDACTED", ["openai-key"], id="pattern"),
        pytest.param("password", "REDACTED", "REDACTED", [], id="already"),
        pytest.param("name", "value", "value", [], id="noop"),
    ],
)
def test_redact_form_value(key: str, value: str, expected: str, rules: list[str]) -> None:
    new, findings = redact_form_value(key, value, P)
    assert new == expected and [f.rule for f in findings] == rules
    check_spans(value, findings)


# --- bodies and event streams --------------------------------------------------------

SSE = (
    ": OPENROUTER PROCESSING{nl}{nl}"
    'data: {{"id":"1","choices":[{{"delta":{{"content":"{key}"}}}}]}}{nl}{nl}'
    'event: x{nl}data:{{"token": "0123456789abcdefXYZ"}}{nl}{nl}'
    "data: [DONE]{nl}{nl}"
)


@pytest.mark.parametrize(
    "nl", [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")]
)
def test_redact_event_stream_keeps_bytes(nl: str) -> None:
    text = SSE.format(nl=nl, key=OPENAI)
    new, findings = redact_body(text, "text/event-stream; charset=utf-8", P)
    assert new == SSE.format(nl=nl, key="REDACTED").replace("0123456789abcdefXYZ", "REDACTED")
    assert [f.rule for f in findings] == ["openai-key", "json-key"]
    check_spans(text, findings)
    assert redact_body(new, "text/event-stream", P) == (new, [])


def test_event_stream_sniffed_without_content_type() -> None:
    text = 'event: a\ndata: {"password": "x"}\n\n'
    assert redact_body(text, None, P)[0] == 'event: a\ndata: {"password": "REDACTED"}\n\n'


def test_event_stream_non_json_data_gets_patterns() -> None:
    text = f"data: key is {OPENAI}\n\nid: {GOOGLE}\n"
    assert redact_body(text, "text/event-stream", P)[0] == "data: key is REDACTED\n\nid: REDACTED\n"


@pytest.mark.parametrize(
    ("text", "content_type", "expected"),
    [
        pytest.param('{"password": "x"}', "text/plain", '{"password": "REDACTED"}', id="json-whatever-type"),
        pytest.param('{"password": "x"}', None, '{"password": "REDACTED"}', id="json-no-type"),
        pytest.param(
            "password=x&a=b", "application/x-www-form-urlencoded", "password=REDACTED&a=b", id="form"
        ),
        pytest.param("password=x&a=b", "text/plain", "password=x&a=b", id="form-needs-type"),
        pytest.param(f"hello {OPENAI}", "text/html", "hello REDACTED", id="patterns-only"),
        pytest.param(
            '{"password": "x"}\r\n{"token": null}\r\n',
            "application/x-ndjson",
            '{"password": "REDACTED"}\r\n{"token": null}\r\n',
            id="ndjson",
        ),
        pytest.param("", None, "", id="empty"),
    ],
)
def test_redact_body_dispatch(text: str, content_type: str | None, expected: str) -> None:
    new, findings = redact_body(text, content_type, P)
    assert new == expected
    check_spans(text, findings)
    assert redact_body(new, content_type, P) == (new, [])


def test_body_trigger_holds_every_pattern_literal() -> None:
    """Lines and JSON bodies without a trigger literal are skipped; the trigger is built
    from every pattern rule's literals, plus the escapes that could hide one."""
    from cassette_cli.rules.json_body import BODY_LITERALS
    from cassette_cli.rules.registry import REGISTRY

    for rule in REGISTRY:
        for literal in rule.literals:
            assert literal in BODY_LITERALS, (rule.id, literal)
    assert "\\u" in BODY_LITERALS and "\\/" in BODY_LITERALS


def test_lines_with_a_secret_are_never_skipped() -> None:
    """Differential: the trigger-filtered line scan finds what a scan of every line finds
    (a custom pattern that never matches makes every line a candidate)."""
    import random
    import re

    from cassette_cli.rules.patterns import BUILTIN_PATTERNS, Pattern
    from cassette_cli.rules.policy import Policy
    from cassette_cli.rules.streams import candidate_lines, redact_lines

    policy = default_policy()
    every_line = Policy(patterns=(*BUILTIN_PATTERNS, Pattern("never", re.compile(r"(?!)"), "never")))
    rng = random.Random(11)
    pieces = ['data: {"a": "b"}', 'data: {"api_key": "FAKEkey0123456789abcd"}', 'data: {"x": "sk-proj-FAKE0123456789abcdefghij0123456789abcdefgh"}',
              'data: {"u": "https://h/p?token=FAKEtok0123456789abc"}', 'data: {"u": "https:\\/\\/u:FAKEpw@h\\/"}', ": ping", "event: x", "",
              'data: {"Access-Token": "FAKEacc0123456789abcd"}', 'data: {"api\\u005fkey": "FAKEval0123456789"}', "data: [DONE]",
              'data: {"token": " the", "logprob": -0.1}', 'data: {"To-Ken": "FAKEtok0123456789abcdef"}', 'data: {"token": "a\\"b0123456789abcdefgh"}']
    for _ in range(300):
        body = rng.choice(["\n", "\r\n", "\r"]).join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert candidate_lines(body, every_line) == [m.span() for m in re.finditer(r"[^\r\n]+", body)]
        fast = redact_lines(body, policy, event_stream=True)
        slow = redact_lines(body, every_line, event_stream=True)
        assert fast[0] == slow[0] and [f.rule for f in fast[1]] == [f.rule for f in slow[1]], body


@pytest.mark.parametrize("which", ["patterns", "body"])
def test_trigger_regex_finds_every_trigger_literal(which: str) -> None:
    """A trigger (rare first characters with look-behinds) against a plain search for
    each literal, on random text that contains them."""
    import random

    from cassette_cli.rules.json_body import BODY_LITERALS, BODY_TRIGGER
    from cassette_cli.rules.patterns import PATTERN_LITERALS, PATTERN_TRIGGER

    literals, trigger = (PATTERN_LITERALS, PATTERN_TRIGGER) if which == "patterns" else (BODY_LITERALS, BODY_TRIGGER)
    rng = random.Random(3)
    alphabet = "abcsk-_ghpoursAIzKSBCJey:/\\3TxfPRIVATE KEYtlvi\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(literals) + text[at:]
        expected = any(literal in text for literal in literals)
        assert (trigger.search(text) is not None) == expected, repr(text)


def test_key_trigger_matches_exactly_the_secret_key_spellings() -> None:
    """The trie regex that finds candidate JSON keys, against normalize_key on random
    spellings: any case (a KELVIN SIGN for a k), `-` and `_` anywhere."""
    import random

    from cassette_cli.rules.json_body import key_trigger
    from cassette_cli.rules.keys import AMBIGUOUS_BODY_KEYS, body_key_applies, normalize_key

    keys = default_policy().body_keys
    trigger = key_trigger(keys)
    assert trigger is not None
    rng = random.Random(9)
    words = sorted(keys) + ["maxtokens", "tokentype", "key", "secrets", "pass", "id", "tokens", "apikeys"]
    for _ in range(4000):
        word = rng.choice(words)
        spelled = "".join(rng.choice([ch, ch.upper(), *(["\u212a"] if ch == "k" else [])]) + rng.choice(["", "", "", "_", "-", "__"]) for ch in word)
        if rng.random() < 0.3:
            spelled = rng.choice(["_", "-"]) + spelled
        name = normalize_key(spelled)
        value = rng.choice(['"FAKEtoken0123456789abcd"', '" the"', '"two words that are long"', '12'])
        quoted = f'"{spelled}": {value}'
        expected = name in keys and (name not in AMBIGUOUS_BODY_KEYS or body_key_applies(spelled, json.loads(value) if value.startswith('"') else "", keys))
        assert (trigger.match(quoted) is not None) == expected, quoted


def test_letter_spellings_are_every_character_lower_turns_into_the_letter() -> None:
    """What the key trigger allows for each letter of a key: each character whose
    lower() is that letter (a final sigma: the capital sigma, which lower() makes one at
    a word's end), and a configured key spelled in capitals is found."""
    import sys

    from cassette_cli.redact.config import build_policy
    from cassette_cli.rules.json_body import key_trigger
    from cassette_cli.rules.keys import letter_spellings

    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        lowered = ch.lower()
        if len(lowered) == 1:
            assert ch in letter_spellings(lowered), hex(cp)
            assert all(other.lower() == lowered or (lowered, other) == ("\u03c2", "\u03a3") for other in letter_spellings(lowered)), hex(cp)
    assert letter_spellings("k") == "kK\u212a" and letter_spellings("-") == "-"
    keys = build_policy({}, keys=["\u03ba\u03c9\u03b4\u03b9\u03ba\u03bf\u03c2", "cl\u00e9", "stra\u00dfe"]).body_keys
    trigger = key_trigger(keys)
    assert trigger is not None
    for spelled in ("\u039a\u03a9\u0394\u0399\u039a\u039f\u03a3", "CL\u00c9", "Stra\u1e9ee", "STRA\u1e9eE"):
        assert trigger.match(f'"{spelled}": "x"') is not None, spelled
