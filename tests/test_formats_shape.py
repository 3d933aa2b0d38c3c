"""The other recorders' files are told by their shape, never their name; folder walks
pick them up and skip what only looks like them; gzip is written back deterministically."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from cassette_cli.api import load_bytes, redact_bytes
from cassette_cli.errors import CassetteError, NotACassette
from cassette_cli.formats.sniff import may_be_cassette

from .conftest import SAMPLES

RECORDED = SAMPLES / "record" / "formats"
HAR = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "1"}, "entries": [
    {"startedDateTime": "2026-01-01T00:00:00Z", "time": 5, "request": {"method": "GET", "url": "https://x.test/a?key=AIzaSyFAKE-fake_FAKE-SyFAKE-fake_FAKE-S", "httpVersion": "HTTP/1.1", "headers": [{"name": "Authorization", "value": "Bearer abcdefghijklmnop"}], "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 0},
     "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 2, "mimeType": "text/plain", "text": "aGk=", "encoding": "base64"}, "redirectURL": "", "headersSize": -1, "bodySize": 2},
     "cache": {}, "timings": {"send": 0, "wait": 5, "receive": 0}}]}}
NOCK = [{"scope": "https://x.test:443", "method": "POST", "path": "/login?token=abc", "body": {"password": "hunter2hunter2"}, "status": 201, "response": {"ok": True}, "rawHeaders": ["Content-Type", "application/json", "Set-Cookie", "sid=abcdef0123456789; Path=/"]}]
LANGCHAIN = b"requests:\n- body: null\n  headers:\n    authorization:\n    - Bearer abcdefghijklmnop\n  method: GET\n  uri: https://x.test/a\nresponses:\n- body:\n    string: hi\n  headers: {}\n  status:\n    code: 200\n    message: OK\n"


@pytest.mark.parametrize(("data", "fmt"), [
    (json.dumps(HAR).encode(), "har"),
    (json.dumps(NOCK, indent=2).encode(), "nock"),
    (LANGCHAIN, "langchain"),
    (gzip.compress(LANGCHAIN), "langchain"),
    (b'{"http_interactions": [], "recorded_with": "betamax/0.8.1"}', "betamax"),
])
def test_told_by_shape_whatever_the_name(data: bytes, fmt: str) -> None:
    assert may_be_cassette(data[:65536])
    assert load_bytes(data, "no-suffix").format == fmt


def test_har_reads_headers_base64_content_time_and_polly() -> None:
    cassette = load_bytes(json.dumps(HAR).encode(), "x")
    [item] = cassette.interactions
    assert (item.request.method, item.response.status, item.response.body.data, item.response.duration_ms) == ("GET", 200, b"hi", 5.0)
    assert item.request.header("authorization") == "Bearer abcdefghijklmnop"
    polly = json.loads(json.dumps(HAR))
    polly["log"]["creator"]["name"] = "Polly.JS"
    assert load_bytes(json.dumps(polly).encode(), "x").format == "polly"


def test_nock_joins_scope_and_path_and_reads_flat_raw_headers() -> None:
    [item] = load_bytes(json.dumps(NOCK).encode(), "x").interactions
    assert item.request.url == "https://x.test:443/login?token=abc"
    assert item.response.status == 201 and item.response.content_type == "application/json"
    assert json.loads(item.request.body.data) == {"password": "hunter2hunter2"}


def test_redacting_nock_and_har_edits_only_the_secrets() -> None:
    for data in (json.dumps(NOCK, indent=2).encode(), json.dumps(HAR, indent=1).encode()):
        new = redact_bytes(data)
        assert new != data and len(new.splitlines()) == len(data.splitlines())
        changed = [b for a, b in zip(data.splitlines(), new.splitlines()) if a != b]
        assert changed and all(b"REDACTED" in line for line in changed)
        assert redact_bytes(new) == new


def test_gzip_is_written_back_the_same_every_time_without_a_name_or_time(tmp_path: Path) -> None:
    source = RECORDED / "langchain_openai_chat.yaml.gz"
    first = redact_bytes(source.read_bytes())
    assert first != source.read_bytes() and first[:2] == b"\x1f\x8b"
    assert redact_bytes(source.read_bytes()) == first
    assert first[3] & 0x08 == 0  # no FNAME
    assert first[4:8] == b"\0\0\0\0"  # mtime 0
    inner_old, inner_new = gzip.decompress(source.read_bytes()), gzip.decompress(first)
    assert [b for a, b in zip(inner_old.splitlines(), inner_new.splitlines()) if a != b]


def test_a_broken_gzip_file_is_one_error() -> None:
    good = gzip.compress(LANGCHAIN)
    with pytest.raises(CassetteError, match="truncated gzip"):
        load_bytes(good[: len(good) // 2], "x.yaml.gz")
    with pytest.raises(CassetteError, match="not a valid gzip"):
        load_bytes(b"\x1f\x8b" + b"\xff" * 30, "x.yaml.gz")


def test_langchain_lists_of_different_lengths_are_an_error() -> None:
    data = LANGCHAIN.replace(b"responses:\n", b"responses:\n- body: {string: a}\n  headers: {}\n  status: {code: 200, message: OK}\n")
    with pytest.raises(CassetteError, match="1 requests but 2 responses"):
        load_bytes(data, "x")


@pytest.mark.parametrize("data", [
    b'{"log": {"level": "debug"}}',  # a logging config, not HAR
    b'[{"scope": "global", "rules": []}]',  # a list that starts like nock but holds no requests
    b"requests:\n  cpu: 100m\n",  # a Kubernetes resources block
    gzip.compress(b"name: not a cassette\n"),
])
def test_look_alikes_are_not_cassettes(data: bytes) -> None:
    with pytest.raises(NotACassette):
        load_bytes(data, "x")


def test_folder_walks_pick_the_new_shapes_up_and_skip_look_alikes(tmp_path: Path, run) -> None:
    for path in RECORDED.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "app.har").write_bytes(b'{"log": {"level": "debug"}}')
    (tmp_path / "data.json.gz").write_bytes(gzip.compress(b'{"rows": [1, 2]}'))
    (tmp_path / "notes.har").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = run("ls", "--json", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert {Path(r["file"]).name for r in result.json()} == {p.name for p in RECORDED.iterdir()}
    assert run("redact", "--check", "--skip-non-cassettes", *sorted(str(p) for p in tmp_path.iterdir() if p.name in ("app.har", "data.json.gz", "notes.har"))).exit_code == 0


def _trace(*records: tuple[bytes, bytes]) -> bytes:
    return b"httprr trace v1\n" + b"".join(b"%d %d\n" % (len(q), len(r)) + q + r for q, r in records)


BODY = b'{"api_key": "FAKE-api-key-0123456789abcdef0123456789abcdef", "q": 1}'
TRACE = _trace(
    (b"POST https://x.test/v1/a HTTP/1.1\r\nHost: x.test\r\nAuthorization: Bearer sk-proj-FAKEfakeFAKEfakeFAKEfake00\r\nContent-Length: %d\r\nContent-Type: application/json\r\n\r\n" % len(BODY) + BODY,
     b"HTTP/2.0 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"),
    (b"GET https://x.test/v1/b?key=AIzaSyFAKE-fake_FAKE-SyFAKE-fake_FAKE-S HTTP/1.1\r\nHost: x.test\r\n\r\n",
     b"HTTP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
)


def test_httprr_reads_raw_messages() -> None:
    cassette = load_bytes(TRACE, "t")
    first, second = cassette.interactions
    assert (cassette.format, first.request.method, first.request.url, first.response.status, first.response.body.text) == ("httprr", "POST", "https://x.test/v1/a", 200, "ok")
    assert json.loads(first.request.body.data)["q"] == 1 and (second.response.status, second.response.reason) == (404, "Not Found")


def test_httprr_redact_rewrites_the_counts_and_content_length_and_is_a_fixed_point() -> None:
    new = redact_bytes(TRACE)
    body = b'{"api_key": "REDACTED", "q": 1}'
    assert body in new and b"Content-Length: %d\r\n" % len(body) in new
    assert b"Bearer REDACTED" in new and b"key=REDACTED" in new
    again = load_bytes(new, "t")
    assert [i.request.url for i in again.interactions] == ["https://x.test/v1/a", "https://x.test/v1/b?key=REDACTED"]
    assert again.interactions[0].response.body.text == "ok"  # the counts still cut the records right
    assert redact_bytes(new) == new


def test_a_secret_in_a_chunked_httprr_body_is_an_error_not_a_broken_file() -> None:
    chunk = b'{"password": "FAKE-Passw0rd-do-not-use"}'
    trace = _trace((b"GET https://x.test/ HTTP/1.1\r\nHost: x.test\r\n\r\n", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n%x\r\n" % len(chunk) + chunk + b"\r\n0\r\n\r\n"))
    assert json.loads(load_bytes(trace, "t").interactions[0].response.body.text) == {"password": "FAKE-Passw0rd-do-not-use"}
    with pytest.raises(CassetteError, match="chunked"):
        redact_bytes(trace)


def test_har_content_mime_type_stands_in_for_a_missing_content_type_header() -> None:
    [item] = load_bytes(json.dumps(HAR).encode(), "x").interactions
    assert item.response.headers == [] and item.response.content_type == "text/plain"


def test_a_gzipped_httprr_trace_is_redacted_and_compressed_again(tmp_path: Path, run) -> None:
    path = tmp_path / "trace.httprr.gz"
    path.write_bytes(gzip.compress(TRACE))
    assert run("redact", path).exit_code == 1
    assert path.read_bytes()[:2] == b"\x1f\x8b" and b"Bearer REDACTED" in gzip.decompress(path.read_bytes())
    assert run("redact", path).exit_code == 0
