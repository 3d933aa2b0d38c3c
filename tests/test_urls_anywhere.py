"""Query parameters and userinfo are read in every URL of a cassette: headers (Location,
Link, Content-Location), JSON strings (whole or inside text), text and HTML bodies,
event-stream data, and URLs percent-encoded inside a query value. Presigned S3 and GCS
signatures go; the other parameters stay."""

from __future__ import annotations

import json

import pytest
import yaml

from cassette_cli import api

SECRET = "Zq8xW2mK7vB4nR9tLp3s"


def vcrpy(resp_headers: dict[str, str], body: str, content_type: str = "text/plain", uri: str = "https://api.example.com/v1") -> bytes:
    hs = "".join(f"      {json.dumps(k)}:\n      - {json.dumps(v)}\n" for k, v in {**resp_headers, "Content-Type": content_type}.items())
    return (
        f"interactions:\n- request:\n    body: null\n    headers: {{}}\n    method: GET\n    uri: {json.dumps(uri)}\n"
        f"  response:\n    body:\n      string: {json.dumps(body)}\n    headers:\n{hs}    status:\n      code: 200\n      message: OK\nversion: 1\n"
    ).encode()


CASES = {
    "location-s3": ({"Location": f"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={SECRET}&X-Amz-Expires=60"}, "", "text/plain"),
    "location-gcs": ({"Location": f"https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature={SECRET}"}, "", "text/plain"),
    "location-signature": ({"Location": f"https://cdn.example.com/o?Expires=1&Signature={SECRET}&Key-Pair-Id=K1"}, "", "text/plain"),
    "link": ({"Link": f'<https://api.example.com/items?page=2&access_token={SECRET}>; rel="next"'}, "", "text/plain"),
    "content-location": ({"Content-Location": f"https://api.example.com/x?api_key={SECRET}"}, "", "text/plain"),
    "userinfo-in-location": ({"Location": f"https://deploy:{SECRET}@git.example.com/repo"}, "", "text/plain"),
    "json-string-url": ({}, json.dumps({"next": f"https://api.example.com/p?key={SECRET}&n=2"}), "application/json"),
    "json-string-text": ({}, json.dumps({"message": f"see https://api.example.com/p?token={SECRET}."}), "application/json"),
    "html": ({}, f'<a href="https://embed.example/1/oembed?key={SECRET}&amp;url=x">e</a>', "text/html"),
    "sse-json": ({}, f'data: {{"url": "https://x.example/?access_token={SECRET}"}}\n\n', "text/event-stream"),
    "sse-text": ({}, f"data: fetched https://x.example/?api_key={SECRET} ok\n\n", "text/event-stream"),
    "nested-percent": ({"Location": f"https://a.example/login?continue=https%3A%2F%2Fb.example%2Fcb%3Faccess_token%3D{SECRET}%26x%3D1"}, "", "text/plain"),
    "nested-in-body": ({}, f"go to https://a.example/login?continue=https%3A%2F%2Fb.example%2F%3Fkey%3D{SECRET}", "text/plain"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_secret_in_a_url_goes_and_the_rest_stays(case: str) -> None:
    headers, body, content_type = CASES[case]
    old = vcrpy(headers, body, content_type)
    new = api.redact_bytes(old)
    assert SECRET.encode() not in new
    assert b"REDACTED" in new
    # exactly the secret was replaced: putting it back gives the old file
    assert new.replace(b"REDACTED", SECRET.encode()) == old
    assert api.redact_bytes(new) == new


def test_show_masks_them_too() -> None:
    for headers, body, content_type in CASES.values():
        cassette = api.load_bytes(vcrpy(headers, body, content_type))
        (item,) = api.masked(cassette)
        shown = json.dumps([item.response.headers, item.response.body.text])
        assert SECRET not in shown


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/p?page=2&per_page=100",
        "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=60",
        "https://a.example/login?continue=https%3A%2F%2Fb.example%2Fcb%3Fstate%3Dabc",
    ],
)
def test_urls_without_secrets_stay(url: str) -> None:
    old = vcrpy({"Location": url}, json.dumps({"next": url}), "application/json")
    assert api.redact_bytes(old) == old


def test_the_fixture_reads_back() -> None:
    data = yaml.safe_load(vcrpy(*CASES["link"]))
    assert data["interactions"][0]["response"]["headers"]["Link"][0].startswith("<https://")
