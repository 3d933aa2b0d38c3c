"""Property tests: generated cassettes in every layout (tests/emitters.py), read and redacted.

1. No edits is the identity; the model reads back what was generated.
2. Redaction changes exactly the targeted values (each now holds REDACTED), every other
   value reads back the same, and every character outside the changed scalars stays.
3. Redaction is idempotent; patching big scalars where they stand writes what
   re-emitting them whole writes.
4. Planted secrets of every family are gone from everywhere, gzip bodies included.
5. An event stream stored in any layout parses back to the generated events.

Profiles: ``ci`` (default, modest) and ``long``; pick with HYPOTHESIS_PROFILE=long.
The profiles are applied to this module's tests only.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from cassette_cli.formats import parse_cassette
from cassette_cli.redact.engine import plan_redaction
from cassette_cli.rules.policy import default_policy
from cassette_cli.streams.sse import parse_event_stream
from cassette_cli.document import Edit, apply_edits, compose, decode, iter_scalars

from . import emitters as em

_COMMON: dict[str, Any] = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]}
settings.register_profile("ci", max_examples=15, **_COMMON)
settings.register_profile("long", max_examples=400, **_COMMON)
_PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile(_PROFILE_NAME if _PROFILE_NAME in ("ci", "long") else "ci")

POLICY = default_policy()
LAYOUTS = list(em.LAYOUTS)

# ----------------------------------------------------------------------------------------
# Secrets: shape-valid for cassette_cli.rules.patterns, obviously fake
# ----------------------------------------------------------------------------------------

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
TOKEN = ALNUM + "_-"
AWS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _chars(alphabet: str, n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=n, max_size=n)


@dataclass(frozen=True)
class Secret:
    family: str
    text: str  # what is planted
    needle: str  # what must be gone afterwards (the whole secret, or the part the rule removes)
    headerable: bool = True  # fits in a header value / query value (no spaces or breaks)


def _secret(family: str, build: st.SearchStrategy[str], needle=None, headerable: bool = True):
    return build.map(lambda s: Secret(family, s, needle(s) if needle else s, headerable))


def _pem_body(s: str) -> str:
    return s.split("-----")[2].strip()


SECRETS: dict[str, st.SearchStrategy[Secret]] = {
    "openai": _secret("openai", _chars(TOKEN, 40).map(lambda r: f"sk-proj-FAKE0fake{r}T3BlbkFJ")),
    "anthropic": _secret("anthropic", _chars(TOKEN, 87).map(lambda r: f"sk-ant-api03-FAKE{r}AA")),
    "google": _secret("google", _chars(TOKEN, 31).map(lambda r: f"AIzaFAKE{r}")),
    "github": _secret("github", _chars(ALNUM, 32).map(lambda r: f"ghp_FAKE{r}")),
    "aws": _secret("aws", _chars(AWS, 12).map(lambda r: f"AKIAFAKE{r}")),
    "slack": _secret("slack", st.tuples(st.integers(10**9, 10**12), _chars(ALNUM, 16)).map(lambda t: f"xoxb-{t[0]}-FAKE{t[1]}")),
    "stripe": _secret("stripe", _chars(ALNUM, 20).map(lambda r: f"sk_live_FAKE{r}")),
    "huggingface": _secret("huggingface", _chars(ALNUM, 26).map(lambda r: f"hf_FAKEfake{r}")),
    "jwt": _secret(
        "jwt",
        st.tuples(_chars(TOKEN, 12), _chars(TOKEN, 16), _chars(TOKEN, 20)).map(lambda t: f"eyJhbGciOiJIUzI1NiJ9{t[0]}.eyJGQUtFIjoiRkFLRSJ9{t[1]}.FAKEsig{t[2]}"),
    ),
    "pem": _secret(
        "pem",
        st.lists(_chars(ALNUM + "+/", 48), min_size=1, max_size=3).map(
            lambda lines: "-----BEGIN PRIVATE KEY-----\nMIIEFAKE" + "\n".join(lines) + "\n-----END PRIVATE KEY-----"
        ),
        needle=_pem_body,
        headerable=False,
    ),
    "url-password": _secret(
        "url-password",
        _chars(ALNUM, 16).map(lambda r: f"https://fakeuser:FAKEpw{r}@db.example.test/x"),
        needle=lambda s: s.split(":")[2].split("@")[0],
    ),
}
FAMILIES = sorted(SECRETS)
any_secret = st.one_of(*SECRETS.values())
header_secret = st.one_of(*(v for k, v in SECRETS.items() if k != "pem"))

# ----------------------------------------------------------------------------------------
# Cassette parts
# ----------------------------------------------------------------------------------------

ASCII_PRINTABLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
SOME_UNICODE = st.sampled_from(list("éüßñ中文€—“”\u00a0😀🦊\t"))
# Free text: any character a cassette may hold, except the three YAML 1.1 line breaks that
# are not CR/LF (PyYAML and libyaml disagree with JSON about them) and surrogates.
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029")
free_text = st.text(alphabet=st.one_of(ASCII_PRINTABLE, ASCII_PRINTABLE, SOME_UNICODE, ANY_CHAR), max_size=40)
line_text = free_text.map(lambda s: s.replace("\r", " ").replace("\n", " "))

SAFE_HEADER_WORDS = ["Trace", "Request", "Server", "Date", "Foo", "Bar", "Region", "Model", "Version", "Limit"]
header_name = st.lists(st.sampled_from(SAFE_HEADER_WORDS), min_size=1, max_size=3).map(lambda ws: "X-" + "-".join(ws))
header_value = st.text(alphabet=st.one_of(ASCII_PRINTABLE, ASCII_PRINTABLE, ASCII_PRINTABLE, SOME_UNICODE), max_size=30)
# long enough for the 80-column writers to fold it (plain, single- or double-quoted)
long_header_value = st.lists(st.text(alphabet=ALNUM + ";=,/", min_size=1, max_size=12), min_size=6, max_size=12).map(" ".join)

URL_SAFE = ALNUM + "-._~"
query_name = st.text(alphabet="abcdefgh_", min_size=1, max_size=6)
query_value = st.text(alphabet=URL_SAFE + "%20+", max_size=12).filter(lambda v: "%" not in v.replace("%20", ""))

SECRET_QUERY = ["api_key", "key", "access_token", "token", "client_secret", "sig"]
SECRET_HEADERS = ["Authorization", "X-Api-Key", "X-Goog-Api-Key", "Api-Key"]
SECRET_BODY_KEYS = ["api_key", "password", "client_secret", "access_token", "refresh_token", "secret", "private_key"]

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32), free_text)
json_key = st.text(alphabet=st.one_of(ASCII_PRINTABLE, SOME_UNICODE), min_size=1, max_size=10)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(json_key, inner, max_size=3)), max_leaves=8)


@st.composite
def json_text(draw, planted: list[Secret]) -> str:
    """A JSON document (always an object) with secrets under secret keys and in free text."""
    obj = draw(st.dictionaries(json_key, json_value, max_size=4))
    for secret in planted:
        where = draw(st.sampled_from(["secret-key", "text", "nested"]))
        if where == "secret-key":
            obj[draw(st.sampled_from(SECRET_BODY_KEYS))] = secret.text
        elif where == "text":
            obj[draw(json_key)] = draw(free_text) + " " + secret.text + " " + draw(free_text)
        else:
            obj.setdefault("data", {})
            if not isinstance(obj["data"], dict):
                obj["data"] = {}
            obj["data"][draw(st.sampled_from(SECRET_BODY_KEYS + ["note"]))] = "see " + secret.text
    ensure_ascii = draw(st.booleans())
    indent = draw(st.sampled_from([None, None, 2]))
    return json.dumps(obj, ensure_ascii=ensure_ascii, indent=indent)


@dataclass(frozen=True)
class Ev:
    event: str | None
    id: str | None
    data: tuple[str, ...]
    comment: str | None


sse_line = st.text(alphabet=st.one_of(ASCII_PRINTABLE, SOME_UNICODE, st.sampled_from("\x0b\x1c\x0c")), max_size=30)
sse_event = st.builds(
    Ev,
    event=st.one_of(st.none(), st.sampled_from(["message_start", "content_block_delta", "ping", "response.output_text.delta"])),
    id=st.one_of(st.none(), st.text(alphabet=ALNUM + "-_", max_size=8)),
    data=st.lists(sse_line, min_size=1, max_size=3).map(tuple),
    comment=st.one_of(st.none(), st.none(), st.sampled_from(["OPENROUTER PROCESSING", "", "keep-alive"])),
)


def serialise_events(events: list[Ev], eol: str) -> str:
    lines: list[str] = []
    for ev in events:
        if ev.comment is not None:
            lines.append(": " + ev.comment)
        if ev.event:
            lines.append("event: " + ev.event)
        if ev.id is not None:
            lines.append("id: " + ev.id)
        lines += ["data: " + line for line in ev.data]
        lines.append("")
    return "".join(line + eol for line in lines)


def expected_events(events: list[Ev]) -> list[tuple[str, str | None, str]]:
    out = []
    last_id = None
    for ev in events:
        if ev.id is not None:
            last_id = ev.id
        out.append((ev.event or "message", last_id, "\n".join(ev.data)))
    return out


@st.composite
def sse_text(draw, planted: list[Secret]) -> str:
    events = draw(st.lists(sse_event, min_size=1, max_size=4))
    events = list(events)
    for secret in planted:  # a data line of JSON carrying the secret
        key = draw(st.sampled_from(SECRET_BODY_KEYS + ["text", "delta"]))
        payload = json.dumps({"type": "content_block_delta", key: secret.text})
        events.insert(draw(st.integers(0, len(events))), Ev(None, None, (payload,), None))
    return serialise_events(events, draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])))


@st.composite
def interaction(draw, layout: str, planted: list[Secret]) -> dict[str, Any]:
    """One interaction; each secret in `planted` goes to one place drawn at random."""
    request_headers: dict[str, list[str]] = {}
    response_headers: dict[str, list[str]] = {}
    for _ in range(draw(st.integers(0, 3))):
        request_headers[draw(header_name)] = draw(st.lists(header_value, min_size=1, max_size=2))
    for _ in range(draw(st.integers(0, 3))):
        response_headers[draw(header_name)] = draw(st.lists(header_value, min_size=1, max_size=2))
    query = draw(st.lists(st.tuples(query_name, query_value), max_size=3))

    for_request_body: list[Secret] = []
    for_response_body: list[Secret] = []
    url_prefix = "https://api.example.test"
    for secret in planted:
        places = ["request-body", "response-body"]
        if secret.headerable:
            places += ["authorization", "api-key-header", "other-header", "query", "query-other"]
        if secret.family == "url-password":
            places.append("url")
        place = draw(st.sampled_from(places))
        if place == "authorization":
            request_headers["Authorization"] = ["Bearer " + secret.text]
        elif place == "api-key-header":
            request_headers[draw(st.sampled_from(SECRET_HEADERS[1:]))] = [secret.text]
        elif place == "other-header":
            prefix = draw(st.one_of(st.just(""), header_value, long_header_value))
            response_headers.setdefault(draw(header_name), []).append(f"{prefix} token {secret.text}".lstrip())
        elif place == "query":
            query.insert(draw(st.integers(0, len(query))), (draw(st.sampled_from(SECRET_QUERY)), quote(secret.text, safe="")))
        elif place == "query-other":
            query.insert(draw(st.integers(0, len(query))), ("q" + draw(query_name), quote(secret.text, safe="")))
        elif place == "url":
            url_prefix = secret.text.rsplit("/", 1)[0]
        elif place == "request-body":
            for_request_body.append(secret)
        else:
            for_response_body.append(secret)

    path = draw(st.sampled_from(["/v1/chat/completions", "/v1/messages", "/v1beta/models/x:streamGenerateContent", "/"]))
    url = url_prefix + path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")

    request_kind = draw(st.sampled_from(["json", "form", "empty"]))
    if for_request_body and request_kind == "empty":
        request_kind = "json"
    if request_kind == "json":
        request_headers["Content-Type"] = ["application/json"]
        request_body = draw(json_text(for_request_body))
    elif request_kind == "form":
        request_headers["Content-Type"] = ["application/x-www-form-urlencoded"]
        pairs = [(draw(query_name), draw(query_value)) for _ in range(draw(st.integers(0, 3)))]
        for secret in for_request_body:
            pairs.append((draw(st.sampled_from(["password", "client_secret", "api_key", "note"])), quote(secret.text, safe="")))
        request_body = "&".join(f"{k}={v}" for k, v in pairs)
    else:
        request_body = ""

    response_kind = draw(st.sampled_from(["json", "sse", "text"]))
    if response_kind == "json":
        response_headers["Content-Type"] = ["application/json"]
        response_body = draw(json_text(for_response_body))
    elif response_kind == "sse":
        response_headers["Content-Type"] = ["text/event-stream"]
        response_body = draw(sse_text(for_response_body))
    else:
        response_headers["Content-Type"] = ["text/plain; charset=utf-8"]
        parts = [draw(free_text)]
        for secret in for_response_body:
            parts += [secret.text, draw(free_text)]
        response_body = draw(st.sampled_from([" ", "\n"])).join(parts)
    compressed = layout in em.GZIP_LAYOUTS and draw(st.booleans())
    if compressed:
        response_headers["Content-Encoding"] = ["gzip"]
    return {
        "method": draw(st.sampled_from(["GET", "POST", "PUT"])),
        "url": url,
        "request_headers": request_headers,
        "request_body": request_body,
        "status": draw(st.sampled_from([200, 201, 400, 429, 500])),
        "reason": draw(st.sampled_from(["OK", "Created", "Bad Request", "Too Many Requests"])),
        "response_headers": response_headers,
        "response_body": response_body,
        "gzip": compressed,
    }


# Found by these properties and fixed (JSON cassettes are now read as JSON): surrogate-pair
# escapes and raw DEL / C1 controls / U+FFFE in JSON strings; pinned below at their minimal
# inputs. The generator no longer avoids them in JSON cassettes.
WORK_AROUND_JSON_BUGS = False
_YAML_PRINTABLE = re.compile("[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _json_safe(value: Any, layout: str) -> Any:
    if isinstance(value, str):
        out = []
        for ch in value:
            if not _YAML_PRINTABLE.match(ch):
                ch = "?"
            elif layout == "json-vcrpy" and ord(ch) > 0xFFFF:
                ch = "\ufffd"
            out.append(ch)
        return "".join(out)
    if isinstance(value, dict):
        return {_json_safe(k, layout): _json_safe(v, layout) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v, layout) for v in value]
    return value


def _work_around(model: dict[str, Any], layout: str) -> dict[str, Any]:
    if WORK_AROUND_JSON_BUGS and layout in em.JSON_LAYOUTS:
        return _json_safe(model, layout)
    return model


@dataclass
class Generated:
    layout: str
    model: dict[str, Any]
    data: bytes
    secrets: list[Secret]


@st.composite
def cassettes(draw, layout: str, *, with_secrets: bool = True) -> Generated:
    planted: list[Secret] = []
    if with_secrets:
        planted = draw(st.lists(any_secret, min_size=0, max_size=4))
        # every family appears across the examples: one drawn family is always planted
        planted.append(draw(st.sampled_from(FAMILIES).flatmap(lambda f: SECRETS[f])))
    n = draw(st.integers(1, 3))
    buckets: list[list[Secret]] = [[] for _ in range(n)]
    for secret in planted:
        buckets[draw(st.integers(0, n - 1))].append(secret)
    model = _work_around({"interactions": [draw(interaction(layout, bucket)) for bucket in buckets]}, layout)
    crlf, bom, comment = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    data = em.render(model, layout, crlf=crlf, bom=bom, comment=comment)
    em.check_loads_back(model, layout, data)
    return Generated(layout, model, data, planted)


# ----------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------


def leaves(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Every leaf of loaded data by path; bytes and base64_string decoded (and gunzipped)."""
    out: dict[tuple, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(leaves(v, path + (k,)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(leaves(v, path + (i,)))
    else:
        if path and path[-1] == "base64_string" and isinstance(value, str):
            value = base64.b64decode("".join(value.split()))
        if isinstance(value, bytes):
            if value[:2] == b"\x1f\x8b":
                value = gzip.decompress(value)
            value = value.decode("utf-8", "replace")
        out[path] = value
    return out


def parse(data: bytes):
    return parse_cassette(data, "generated.yaml")


def redact(gen: Generated):
    cassette = parse(gen.data)
    plan = plan_redaction(cassette, POLICY)
    return cassette, plan


# ----------------------------------------------------------------------------------------
# 1. No edits is the identity; the model reads back
# ----------------------------------------------------------------------------------------


def _check_model(gen: Generated) -> None:
    cassette = parse(gen.data)
    assert cassette.format == em.FORMAT_OF[gen.layout]
    assert cassette.layout == em.TOOL_LAYOUT[gen.layout]
    assert len(cassette.interactions) == len(gen.model["interactions"])
    for got, want in zip(cassette.interactions, gen.model["interactions"]):
        assert got.request.method == want["method"]
        assert got.request.url == want["url"]
        assert {h.name: h.texts() for h in got.request.headers} == want["request_headers"]
        assert {h.name: h.texts() for h in got.response.headers} == want["response_headers"]
        assert (got.request.body.text or "") == want["request_body"]
        assert got.response.body.text == want["response_body"]
        assert got.response.status == want["status"]


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(data=st.data())
def test_no_edits_is_identity_and_model_reads_back(layout: str, data) -> None:
    gen = data.draw(cassettes(layout))
    text = decode(gen.data, "generated.yaml")
    assert text.encode("utf-8") == gen.data
    assert apply_edits(text, []) == text
    compose(text, "generated.yaml")
    _check_model(gen)


# ----------------------------------------------------------------------------------------
# 2. Exactly the targeted values change; every other character stays
# ----------------------------------------------------------------------------------------


def _scalars_by_path(text: str) -> dict[tuple, Any]:
    doc = compose(text, "generated.yaml")
    return {path: node for path, node in iter_scalars(doc.root)}


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(data=st.data())
def test_redaction_changes_only_targeted_values(layout: str, data) -> None:
    gen = data.draw(cassettes(layout))
    cassette, plan = redact(gen)
    new_data = plan.new_text.encode("utf-8")
    assume(plan.changes)  # a planted secret always gives one; keep the assumption honest
    before, after = leaves(em.load(gen.data, layout)), leaves(em.load(new_data, layout))
    assert before.keys() == after.keys()
    changed = {p for p in before if before[p] != after[p]}
    assert changed, "the plan had changes but no value changed"
    for p in changed:
        assert isinstance(after[p], str) and POLICY.replacement in after[p], (p, after[p])
    # Characters outside the changed scalars: old text minus the old spans equals new
    # text minus the new spans, piece by piece.
    old_nodes = _scalars_by_path(cassette.text)
    new_nodes = _scalars_by_path(plan.new_text)
    starts = {c.node.start for c in plan.changes}
    changed_paths = sorted((p for p, n in old_nodes.items() if n.start in starts), key=lambda p: old_nodes[p].start)
    assert len(changed_paths) == len(plan.changes)

    def outside(text: str, spans: list[tuple[int, int]]) -> list[str]:
        pieces, pos = [], 0
        for s, e in spans:
            pieces.append(text[pos:s])
            pos = e
        return pieces + [text[pos:]]

    old_spans = [(old_nodes[p].start, old_nodes[p].end) for p in changed_paths]
    new_spans = [(new_nodes[p].start, new_nodes[p].end) for p in changed_paths]
    assert outside(cassette.text, old_spans) == outside(plan.new_text, new_spans)
    # and the splice is exactly those pieces
    edits = [Edit(o[0], o[1], plan.new_text[n[0] : n[1]]) for o, n in zip(old_spans, new_spans)]
    assert apply_edits(cassette.text, edits) == plan.new_text


# ----------------------------------------------------------------------------------------
# 3. Idempotent
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(data=st.data())
def test_redaction_is_idempotent(layout: str, data) -> None:
    gen = data.draw(cassettes(layout))
    _, plan = redact(gen)
    again = plan_redaction(parse(plan.new_text.encode("utf-8")), POLICY)
    assert again.changes == [] and again.reports == []
    assert again.new_text == plan.new_text


# ----------------------------------------------------------------------------------------
# 3b. Patching big scalars where they stand writes what the emitter writes
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(data=st.data())
def test_patching_in_place_writes_what_the_emitter_writes(layout: str, data) -> None:
    """With the size threshold at 0, every scalar that can be patched is: the file must
    be byte for byte the one the emitter writes when it re-writes each scalar whole, and
    it must read back (the plan is checked)."""
    from unittest import mock

    import cassette_cli.redact.engine as engine

    gen = data.draw(cassettes(layout))
    with mock.patch.object(engine, "PATCH_MIN", 0):
        patched = plan_redaction(parse(gen.data), POLICY)
    whole = plan_redaction(parse(gen.data), POLICY, check=False).without_patches()
    assert patched.new_text == whole.new_text
    for change in patched.changes:
        if change.patches is not None:
            assert len(change.patches) == len(change.findings)
    event("some scalar patched" if patched.patched else "nothing patched")


# ----------------------------------------------------------------------------------------
# 4. Planted secrets are gone from everywhere
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(data=st.data())
def test_planted_secrets_are_gone(layout: str, data) -> None:
    gen = data.draw(cassettes(layout))
    _, plan = redact(gen)
    new_data = plan.new_text.encode("utf-8")
    values = list(leaves(em.load(new_data, layout)).values())
    texts = [v for v in values if isinstance(v, str)]
    # decoded forms too: JSON strings inside bodies, percent-encoding in URLs
    from urllib.parse import unquote

    searchable = "\n".join(texts + [unquote(t) for t in texts] + [plan.new_text])
    for secret in gen.secrets:
        assert secret.needle not in searchable, f"{secret.family} secret survived redaction"
        escaped = json.dumps(secret.needle)[1:-1]
        assert escaped not in searchable, f"{secret.family} secret survived (JSON-escaped)"
    # and every planted family was reported
    reported = {r.rule for r in plan.reports}
    assert reported or not gen.secrets


# ----------------------------------------------------------------------------------------
# 5. Event streams in any layout parse back to the generated events
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@PROFILE
@given(events=st.lists(sse_event, min_size=0, max_size=6), eol=st.sampled_from(["\n", "\r\n", "\r"]), crlf=st.booleans(), bom=st.booleans(), data=st.data())
def test_event_stream_round_trips_through_a_cassette(layout: str, events, eol, crlf, bom, data) -> None:
    body = _work_around({"b": serialise_events(events, eol)}, layout)["b"]
    events = [Ev(ev.event, ev.id, tuple(_work_around({"b": d}, layout)["b"] for d in ev.data), ev.comment) for ev in events]
    compressed = layout in em.GZIP_LAYOUTS and data.draw(st.booleans())
    model = {
        "interactions": [
            {
                "method": "POST",
                "url": "https://api.example.test/v1/stream",
                "request_headers": {},
                "request_body": "",
                "status": 200,
                "reason": "OK",
                "response_headers": {"Content-Type": ["text/event-stream"]},
                "response_body": body,
                "gzip": compressed,
            }
        ]
    }
    raw = em.render(model, layout, crlf=crlf, bom=bom, comment=data.draw(st.booleans()))
    em.check_loads_back(model, layout, raw)
    text = parse(raw).interactions[0].response.body.text
    assert text == body
    stream = parse_event_stream(text)
    assert [(e.event, e.id, e.data) for e in stream.events] == expected_events(events)
    assert not stream.unterminated


# ----------------------------------------------------------------------------------------
# Failures the properties above found (now fixed), pinned at their minimal inputs
# ----------------------------------------------------------------------------------------

VCRPY_JSON_EMOJI = (
    b'{"version": 1, "interactions": [{"request": {"method": "GET", "uri": "http://x/", "body": null, "headers": {}},'
    b' "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "\\ud83d\\ude00"}}}]}'
)


def test_json_surrogate_pair_escapes_are_read() -> None:
    assert json.loads(VCRPY_JSON_EMOJI)["interactions"][0]["response"]["body"]["string"] == "\U0001F600"
    cassette = parse(VCRPY_JSON_EMOJI)
    assert cassette.interactions[0].response.body.text == "\U0001F600"


RUBY_JSON_DEL = (
    b'{"http_interactions":[{"request":{"method":"get","uri":"http://x/","body":{"encoding":"UTF-8","string":""},'
    b'"headers":{}},"response":{"status":{"code":200,"message":"OK"},"headers":{},'
    b'"body":{"encoding":"UTF-8","string":"\x7f"},"http_version":null},'
    b'"recorded_at":"Mon, 02 Mar 2026 10:00:00 GMT"}],"recorded_with":"VCR 6.3.1"}'
)


def test_json_raw_control_characters_are_read() -> None:
    assert json.loads(RUBY_JSON_DEL)["http_interactions"][0]["response"]["body"]["string"] == "\x7f"
    cassette = parse(RUBY_JSON_DEL)
    assert cassette.interactions[0].response.body.text == "\x7f"
