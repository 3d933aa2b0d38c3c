"""Propagation: a value a rule found (in a header, a query string, a JSON key) is removed
everywhere else in the file it sits unlabelled: an HTML body, a log line inside a JSON
string (JSON-escaped), base64 and gzip bodies, event-stream data, a `Location` URL, a URL
percent-encoded in a query value. The rest of the file stays byte for byte."""

from __future__ import annotations

import base64
import difflib
import gzip
import json
from urllib.parse import quote

import yaml

from cassette_cli import api

HEADER_SECRET = "hT9vQ2mLx7Kp4RwZ8sYbN3cD"  # found as Authorization: Bearer ...
QUERY_SECRET = "q7Fh2KdP9xLmW4tVbR6nJ8sA"  # found as ?api_key=...
JSON_SECRET = "jS/3kX9pQ+wL7mR2vN5bT8zC"  # found under "client_secret" (has / and +)
SECRETS = (HEADER_SECRET, QUERY_SECRET, JSON_SECRET)


def b64_lines(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join("        " + text[i : i + 60] for i in range(0, len(text), 60))


HTML = (
    f'<html><body><p>key {HEADER_SECRET}</p><a href="https://embed.example/v1?x={QUERY_SECRET}">e</a>'
    f'<a href="https://a.example/login?continue={quote("https://b.example/cb?k=" + JSON_SECRET, safe="")}">l</a></body></html>'
)
LOG = json.dumps({"log": f"auth ok secret={JSON_SECRET} q=\u0071{QUERY_SECRET[1:]}"}).replace("/", "\\/").replace('q=q', "q=\\u0071")
EVENTS = f'data: {{"delta": "the key is {HEADER_SECRET}"}}\n\ndata: {{"delta": "{JSON_SECRET}"}}\n\ndata: [DONE]\n\n'
PLAIN_B64 = f"echo {HEADER_SECRET} and {JSON_SECRET}\n".encode()
GZIPPED = gzip.compress(f'{{"seen": "{QUERY_SECRET}"}}'.encode(), mtime=0)


def interaction(uri: str, req_headers: str, req_body: str, resp_headers: str, resp_body: str) -> str:
    return (
        f"- request:\n    body: {req_body}\n    headers:\n{req_headers}    method: POST\n    uri: {uri}\n"
        f"  response:\n    body:\n      string: {resp_body}\n    headers:\n{resp_headers}"
        "    status:\n      code: 200\n      message: OK\n"
    )


CASSETTE = (
    "interactions:\n"
    + interaction(
        f"https://api.example.com/v1/auth?api_key={QUERY_SECRET}&page=2",
        f"      Authorization:\n      - Bearer {HEADER_SECRET}\n",
        json.dumps(json.dumps({"client_secret": JSON_SECRET, "n": 1})),
        f"      Content-Type:\n      - text/html\n      Location:\n      - https://cdn.example.com/files/{HEADER_SECRET}/x?v={JSON_SECRET.replace('/', '%2F').replace('+', '%2B')}\n",
        json.dumps(HTML),
    )
    + interaction(
        "https://api.example.com/v1/logs",
        "      Accept:\n      - application/json\n",
        "null",
        "      Content-Type:\n      - application/json\n",
        json.dumps(LOG),
    )
    + interaction(
        "https://api.example.com/v1/stream",
        "      Accept:\n      - text/event-stream\n",
        "null",
        "      Content-Type:\n      - text/event-stream\n",
        json.dumps(EVENTS),
    )
    + interaction(
        "https://api.example.com/v1/blob",
        "      Accept:\n      - '*/*'\n",
        "null",
        "      Content-Type:\n      - text/plain\n",
        "!!binary |\n" + b64_lines(PLAIN_B64),
    )
    + interaction(
        "https://api.example.com/v1/zipped",
        "      Accept:\n      - application/json\n",
        "null",
        "      Content-Encoding:\n      - gzip\n      Content-Type:\n      - application/json\n",
        "!!binary |\n" + b64_lines(GZIPPED),
    )
    + "version: 1\n"
)


def encodings(secret: str) -> set[str]:
    return {secret, secret.replace("/", "\\/"), quote(secret, safe=""), quote(secret, safe="/"), "\\u0071" + secret[1:]}


def test_the_fixture_is_what_it_says() -> None:
    data = yaml.safe_load(CASSETTE)
    assert data["interactions"][0]["request"]["headers"]["Authorization"] == [f"Bearer {HEADER_SECRET}"]
    assert data["interactions"][4]["response"]["body"]["string"] == GZIPPED
    assert json.loads(LOG)["log"].endswith(QUERY_SECRET)
    assert "\\/" in LOG and "\\u0071" in LOG


def test_every_occurrence_is_removed_and_nothing_else_changes() -> None:
    old = CASSETTE.encode()
    new = api.redact_bytes(old)
    text = new.decode()
    data = yaml.safe_load(text)
    for secret in SECRETS:
        for form in encodings(secret):
            assert form not in text, form[:4]
    # the decoded bodies lose them too
    blob = data["interactions"][3]["response"]["body"]["string"]
    zipped = gzip.decompress(data["interactions"][4]["response"]["body"]["string"]).decode()
    assert blob == b"echo REDACTED and REDACTED\n"
    assert json.loads(zipped) == {"seen": "REDACTED"}
    assert json.loads(data["interactions"][1]["response"]["body"]["string"]) == {"log": "auth ok secret=REDACTED q=REDACTED"}
    assert data["interactions"][0]["response"]["headers"]["Location"] == ["https://cdn.example.com/files/REDACTED/x?v=REDACTED"]
    # byte-compare the rest: every changed span of the old text lies inside an occurrence
    # of a secret (in any of its encodings) or inside a base64 scalar that holds one
    allowed: list[tuple[int, int]] = []
    for secret in SECRETS:
        for form in encodings(secret) | {f.replace("\\", "\\\\") for f in encodings(secret)}:  # and YAML-escaped
            at = CASSETTE.find(form)
            while at >= 0:
                allowed.append((at, at + len(form)))
                at = CASSETTE.find(form, at + 1)
    for b64 in (b64_lines(PLAIN_B64), b64_lines(GZIPPED)):
        at = CASSETTE.find(b64)
        allowed.append((at, at + len(b64)))
    matcher = difflib.SequenceMatcher(None, CASSETTE, text, autojunk=False)
    changed = [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]
    assert changed
    for i1, i2 in changed:
        assert any(a <= i1 and i2 <= b for a, b in allowed), CASSETTE[max(0, i1 - 20) : i2 + 20]


def test_findings_name_the_first_rule_and_say_propagated() -> None:
    reports = api.find_secrets(CASSETTE.encode())
    direct = [r for r in reports if r.propagated_from is None]
    spread = [r for r in reports if r.propagated_from is not None]
    assert sorted((r.rule, r.location) for r in direct) == [
        ("authorization-header", "interactions[0].request.headers.Authorization[0]"),
        ("json-key", "interactions[0].request.body"),
        ("query-param", "interactions[0].request.uri"),
    ]
    assert len(spread) == 12  # HTML 3, Location 2, log line 2, stream 2, base64 2, gzip 1
    assert {r.secret for r in spread} == set(SECRETS)  # decoded, whatever the encoding
    for r in spread:
        assert "propagated from" in r.detail
        assert r.to_json()["propagated_from"] == r.propagated_from
    by_first = {r.propagated_from for r in spread}
    assert "interactions[0].request.headers.Authorization[0]" in by_first


def test_check_text_and_json_show_propagation(tmp_path) -> None:
    from typer.testing import CliRunner

    from cassette_cli.cli import app

    path = tmp_path / "c.yaml"
    path.write_text(CASSETTE)
    result = CliRunner().invoke(app, ["redact", "--check", str(path)])
    assert result.exit_code == 1
    assert "propagated from interactions[0].request.headers.Authorization[0]" in result.stdout
    for secret in SECRETS:
        assert secret not in result.stdout
    result = CliRunner().invoke(app, ["redact", "--check", "--json", str(path)])
    rows = json.loads(result.stdout)
    assert any(row.get("propagated_from") for row in rows)
    assert path.read_text() == CASSETTE  # --check writes nothing


def test_a_second_redact_changes_nothing() -> None:
    once = api.redact_bytes(CASSETTE.encode())
    assert api.redact_bytes(once) == once


def test_short_and_plain_word_values_are_not_propagated() -> None:
    from cassette_cli.redact.propagate import specific
    from cassette_cli.rules.policy import default_policy

    policy = default_policy()
    assert not specific("abc123", policy)  # too short
    assert not specific("postgres", policy)  # a plain word
    assert not specific("REDACTED", policy)  # the replacement
    assert specific("s3cretPass", policy)
    assert specific(HEADER_SECRET, policy)


def test_show_hides_every_occurrence_too(tmp_path) -> None:
    from typer.testing import CliRunner

    from cassette_cli.cli import app

    path = tmp_path / "c.yaml"
    path.write_text(CASSETTE)
    for args in (["show"], ["show", "--json"], ["show", "--decode-sse"], ["show", "--raw"]):
        result = CliRunner().invoke(app, [*args, str(path)])
        assert result.exit_code == 0, result.stdout
        for secret in SECRETS:
            for form in encodings(secret):
                assert form not in result.stdout, (args, form[:4])
        assert "REDACTED" in result.stdout


def test_show_of_one_interaction_hides_the_values_found_in_the_others(tmp_path) -> None:
    """`show FILE N` lets go of the other interactions once the file is scanned: what
    was found in them is still hidden in the one shown, whichever it is and however
    often it is asked for; a position past the end is still an error that counts them."""
    from typer.testing import CliRunner

    from cassette_cli.cli import app

    path = tmp_path / "c.yaml"
    path.write_text(CASSETTE)
    count = len(yaml.safe_load(CASSETTE)["interactions"])
    assert count > 1
    for index in range(count):
        for args in (["show", "--json", "--decode-sse"], ["show"]):
            result = CliRunner().invoke(app, [*args, str(path), str(index), str(index)])
            assert result.exit_code == 0, result.stdout
            for secret in SECRETS:
                for form in encodings(secret):
                    assert form not in result.stdout, (args, index, form[:4])
        shown = json.loads(CliRunner().invoke(app, ["show", "--json", str(path), str(index), str(index)]).stdout)
        assert [item["index"] for item in shown] == [index, index]
    result = CliRunner().invoke(app, ["show", str(path), "0", str(count)])
    assert result.exit_code == 2
    assert f"no interaction {count} (the cassette has {count}: 0 to {count - 1})" in result.stderr


def test_holding_tells_each_text_as_a_search_of_it_alone_would() -> None:
    """Known.holding searches the short texts joined: no value is found across two of
    them, each text holding one is told (at its start, its end, in a long text, in the
    second batch of ~4 M characters), and a value with a NUL in it still works."""
    import random

    from cassette_cli.redact.propagate import Known

    rng = random.Random(6)
    known = Known(api.policy())
    values = ["Tk7" + "".join(rng.choice("abcdefXYZ0123") for _ in range(13)) for _ in range(40)]
    for value in values:
        known.add(value, "rule", "detail", "here")
    texts = ["", "x" * 70_000, "x" * 70_000 + values[0], values[1][:8], values[1][8:]]  # a value split over two texts is in neither
    for i in range(120_000):  # ~9 M characters: three batches
        words = [rng.choice(("lorem", "ipsum", "Tk7", "a1b2")) for _ in range(rng.randrange(1, 25))]
        if i % 997 == 0:
            words.insert(rng.randrange(len(words) + 1), rng.choice(values))
        texts.append(" ".join(words) if i % 3 else "".join(words))
    texts += [values[2] + " tail", "head " + values[3]]
    alone = [known.occurs_in(text) for text in texts]
    assert known.holding(texts) == alone
    assert 100 < sum(alone) < 200 and alone[2] and not alone[3] and not alone[4] and alone[-1] and alone[-2]

    with_nul = Known(api.policy())
    with_nul.add("Tk7\x00abcdefXYZ", "rule", "detail", "here")
    assert with_nul.holding(["Tk7", "abcdefXYZ", "a Tk7\x00abcdefXYZ b"]) == [False, False, True]
