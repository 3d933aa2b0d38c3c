"""The pieces of `cassette diff` on small cassettes written here: what counts as a change
of each kind of body, what is volatile, how requests to one URL are told apart."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import yaml

from cassette_cli.api import find_secrets, load_bytes, masked
from cassette_cli.views.align import diff_cassettes
from cassette_cli.views.compare import Options

from .conftest import CORPUS, LEGACY, corpus_files, needs_corpus


def _cassette(*items: dict) -> bytes:
    """A VCR.py cassette of (method, uri, req_body, status, headers, body) dicts."""
    interactions = []
    for item in items:
        body = item.get("body", "")
        interactions.append(
            {
                "request": {"body": item.get("req_body"), "headers": item.get("req_headers", {}), "method": item.get("method", "GET"), "uri": item["uri"]},
                "response": {"body": {"string": body}, "headers": {k: [v] for k, v in item.get("headers", {}).items()}, "status": {"code": item.get("status", 200), "message": "OK"}},
            }
        )
    return yaml.safe_dump({"interactions": interactions, "version": 1}).encode()


def _diff(old: bytes, new: bytes, options: Options = Options()):
    return diff_cassettes("old", masked(load_bytes(old, "old.yaml")), "new", masked(load_bytes(new, "new.yaml")), options)


JSON = {"Content-Type": "application/json"}


def test_json_bodies_by_path_with_volatile_fields_ignored() -> None:
    old = {"id": "chatcmpl-1", "created": 1, "system_fingerprint": "fp_1", "choices": [{"message": {"content": "Hi"}}]}
    new = {"id": "chatcmpl-2", "created": 2, "system_fingerprint": "fp_2", "choices": [{"message": {"content": "Hello"}}], "usage": {"total_tokens": 3}}
    diff = _diff(_cassette({"uri": "https://x/v1", "headers": JSON, "body": json.dumps(old)}), _cassette({"uri": "https://x/v1", "headers": JSON, "body": json.dumps(new)}))
    [pair] = diff.pairs
    assert [c.to_json() for c in pair.changes] == [
        {"path": "response.body.choices[0].message.content", "old": "Hi", "new": "Hello"},
        {"path": "response.body.usage.total_tokens", "old": None, "new": 3},
    ]
    assert sorted(c.path for c in pair.comparison.ignored) == ["response.body.created", "response.body.id", "response.body.system_fingerprint"]


def test_only_volatile_differences_are_same_and_all_shows_them() -> None:
    old = _cassette({"uri": "https://x/v1?_=1&q=a", "headers": {"Date": "Mon, 02 Mar 2026 10:00:00 GMT", "CF-Ray": "1", "X-Ratelimit-Remaining-Requests": "9", "Set-Cookie": "s=1; Expires=Mon, 02 Mar 2026 10:00:00 GMT; Path=/"}, "body": "ok"})
    new = _cassette({"uri": "https://x/v1?q=a&_=2", "headers": {"Date": "Tue, 03 Mar 2026 10:00:00 GMT", "CF-Ray": "2", "X-Ratelimit-Remaining-Requests": "8", "Set-Cookie": "s=1; Expires=Tue, 03 Mar 2026 10:00:00 GMT; Path=/"}, "body": "ok"})
    assert [p.status for p in _diff(old, new).pairs] == ["same"]
    [pair] = _diff(old, new, Options(all=True)).pairs
    assert pair.status == "changed"
    assert {c.path for c in pair.changes} == {"request.url", "response.headers.date", "response.headers.cf-ray", "response.headers.x-ratelimit-remaining-requests", "response.headers.set-cookie"}
    # the cookie's other attributes count (its value is masked: a new session is no change)
    cookie = _cassette({"uri": "https://x/v1?q=a", "headers": {"Set-Cookie": "s=2; Expires=Tue, 03 Mar 2026 10:00:00 GMT; Path=/v1"}, "body": "ok"})
    [change] = _diff(old, cookie).pairs[0].changes
    assert change.to_json() == {"path": "response.headers.set-cookie", "old": "s=REDACTED; Path=/", "new": "s=REDACTED; Path=/v1"}


def test_ignore_header_adds_to_the_list() -> None:
    old = _cassette({"uri": "https://x/", "headers": {"X-Build": "1"}, "body": "ok"})
    new = _cassette({"uri": "https://x/", "headers": {"X-Build": "2"}, "body": "ok"})
    assert _diff(old, new).pairs[0].status == "changed"
    assert _diff(old, new, Options(ignore_headers=frozenset({"x-build"}))).pairs[0].status == "same"


def test_text_binary_and_status() -> None:
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    old = _cassette({"uri": "https://x/a", "body": "one\ntwo\nthree\n"}, {"uri": "https://x/b", "body": png}, {"uri": "https://x/c", "status": 200})
    new = _cassette({"uri": "https://x/a", "body": "one\n2\nthree\n"}, {"uri": "https://x/b", "body": png[:-1] + b"\x00"}, {"uri": "https://x/c", "status": 503})
    a, b, c = _diff(old, new).pairs
    [text] = a.changes
    assert text.path == "response.body" and text.multiline and (text.old, text.new) == ("one\ntwo\nthree\n", "one\n2\nthree\n")
    [binary] = b.changes
    assert binary.old.startswith(f"binary, {len(png)} bytes, sha256 ") and binary.old != binary.new
    assert [x.to_json() for x in c.changes] == [{"path": "response.status", "old": 200, "new": 503}]


def test_requests_to_one_url_pair_by_body_similarity() -> None:
    def chat(content: str, answer: str) -> dict:
        return {"method": "POST", "uri": "https://x/chat", "req_body": json.dumps({"messages": [{"content": content}]}), "body": answer}

    old = _cassette(chat("What is the weather in Florence today?", "sunny"), chat("Translate hello into Portuguese please", "olá"))
    new = _cassette(chat("Translate hello into Portuguese, please", "olá"), chat("What is the weather in Florence today?", "rain"))
    pairs = _diff(old, new).pairs
    assert [(p.old_index, p.new_index, p.status) for p in pairs] == [(1, 0, "changed"), (0, 1, "changed")]
    assert pairs[1].changes[0].to_json() == {"path": "response.body", "old": "sunny", "new": "rain"}


def test_same_path_other_query_pairs_as_changed_url() -> None:
    old = _cassette({"uri": "https://x/items?page=1", "body": "a"})
    new = _cassette({"uri": "https://x/items?page=2", "body": "a"})
    [pair] = _diff(old, new).pairs
    assert pair.status == "changed" and [c.to_json() for c in pair.changes] == [{"path": "request.url", "old": "https://x/items?page=1", "new": "https://x/items?page=2"}]


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 0, 1, 2], [1, 0, 3, 2]])
def test_moved_is_what_left_its_order(order: list[int]) -> None:
    items = [{"uri": f"https://x/{n}", "body": str(n)} for n in range(4)]
    pairs = _diff(_cassette(*items), _cassette(*[items[n] for n in order])).pairs
    assert all(p.status == "same" for p in pairs)
    moved = [p.old_index for p in pairs if p.moved]
    assert moved == {"[0, 1, 2, 3]": [], "[3, 0, 1, 2]": [3], "[1, 0, 3, 2]": [1, 3]}[str(order)]


def test_textconv_is_the_same_for_the_same_answers(tmp_path: Path, run) -> None:
    old = _cassette({"uri": "https://x/v1", "headers": {**JSON, "Date": "Mon, 02 Mar 2026 10:00:00 GMT"}, "body": json.dumps({"id": "a", "b": 1, "a": [1, 2]})})
    new = _cassette({"uri": "https://x/v1", "headers": {**JSON, "Date": "Tue, 03 Mar 2026 10:00:00 GMT"}, "body": json.dumps({"a": [1, 2], "b": 1, "id": "b"}, indent=4)})
    (tmp_path / "old.yaml").write_bytes(old)
    (tmp_path / "new.yaml").write_bytes(new)
    first, second = run("textconv", tmp_path / "old.yaml"), run("textconv", tmp_path / "new.yaml")
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stdout == '## GET https://x/v1\n< 200 OK\n< content-type: application/json\n  {\n    "a": [\n      1,\n      2\n    ],\n    "b": 1\n  }\n\n'
    assert '"id": "a"' in run("textconv", "--all", tmp_path / "old.yaml").stdout


@needs_corpus
@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(CORPUS).as_posix()) for p in corpus_files() if p.relative_to(CORPUS).as_posix() not in LEGACY])
def test_every_corpus_file_is_the_same_as_itself_and_textconv_prints_no_secret(path: Path, run) -> None:
    """Read only: the corpus is never written to."""
    same = run("diff", "--json", path, path)
    assert same.exit_code == 0, same.stderr
    report = same.json()
    assert report["summary"]["same"] == len(report["interactions"]) and all(i["old_index"] == i["new_index"] for i in report["interactions"])
    shown = run("textconv", path)
    assert shown.exit_code == 0, shown.stderr
    secrets = {f.secret for f in find_secrets(path.read_bytes(), None, path.name) if len(f.secret) >= 8}
    assert [s[:4] for s in secrets if s in shown.stdout] == []
