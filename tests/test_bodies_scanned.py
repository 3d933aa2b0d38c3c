"""Every body is scanned: text in its declared charset (latin-1), multipart parts (a
secret form field, a JSON part, part headers), a multipart body with a binary part (the
ASCII shape of a key is found and every other byte stays), base64 text inside a JSON
string."""

from __future__ import annotations

import base64
import json

import yaml

from cassette_cli import api

KEY = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
PASSWORD = "mp-pass-9a8b7c6d5e4f"


def vcrpy(body: bytes, content_type: str, *, binary: bool) -> bytes:
    if binary:
        encoded = base64.b64encode(body).decode()
        stored = "!!binary |\n        " + "\n        ".join(encoded[i : i + 60] for i in range(0, len(encoded), 60))
    else:
        stored = json.dumps(body.decode())
    return (
        f"interactions:\n- request:\n    body: null\n    headers: {{}}\n    method: POST\n    uri: https://api.example.com/upload\n"
        f"  response:\n    body:\n      string: {stored}\n    headers:\n      Content-Type:\n      - {json.dumps(content_type)}\n"
        "    status:\n      code: 200\n      message: OK\nversion: 1\n"
    ).encode()


def stored_body(data: bytes) -> bytes | str:
    return yaml.safe_load(data)["interactions"][0]["response"]["body"]["string"]


def test_latin1_text_in_its_declared_charset() -> None:
    body = f"Café déjà vu: token {KEY} — fin".replace("—", "-").encode("latin-1")
    old = vcrpy(body, "text/plain; charset=ISO-8859-1", binary=True)
    reports = api.find_secrets(old)
    assert [r.rule for r in reports] == ["github-token"]
    new = stored_body(api.redact_bytes(old))
    assert new == "Café déjà vu: token REDACTED - fin".encode("latin-1")


BOUNDARY = "----b0undary42"


def multipart(binary_part: bytes) -> bytes:
    return (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nme\r\n"
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n{PASSWORD}\r\n"
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
        + json.dumps({"client_secret": "cs-7y6t5r4e3w2q"})
        + f"\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ).encode() + binary_part + f"\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\nX-Api-Key: {KEY}\r\n\r\nuse {KEY}\r\n--{BOUNDARY}--\r\n".encode()


def test_multipart_parts_as_text() -> None:
    old = vcrpy(multipart(b"plain file"), f"multipart/form-data; boundary={BOUNDARY}", binary=False)
    rules = sorted(r.rule for r in api.find_secrets(old))
    assert rules == ["api-key-header", "form-key", "github-token", "json-key"]
    new = api.redact_bytes(old).decode()
    assert PASSWORD not in new and KEY not in new and "cs-7y6t" not in new
    assert 'name=\\"user\\"\\r\\n\\r\\nme' in new  # the other parts stay


def test_multipart_with_a_binary_part_keeps_every_other_byte() -> None:
    blob = bytes(range(256)) * 4  # not UTF-8
    body = multipart(blob)
    old = vcrpy(body, f"multipart/form-data; boundary={BOUNDARY}", binary=True)
    assert {r.rule for r in api.find_secrets(old)} == {"api-key-header", "form-key", "github-token", "json-key"}
    new = stored_body(api.redact_bytes(old))
    assert isinstance(new, bytes)
    expected = body.replace(PASSWORD.encode(), b"REDACTED").replace(KEY.encode(), b"REDACTED").replace(b"cs-7y6t5r4e3w2q", b"REDACTED")
    assert new == expected


def test_show_raw_masks_a_binary_multipart_body(tmp_path) -> None:
    from typer.testing import CliRunner

    from cassette_cli.cli import app

    path = tmp_path / "c.yaml"
    path.write_bytes(vcrpy(multipart(bytes(range(256))), f"multipart/form-data; boundary={BOUNDARY}", binary=True))
    result = CliRunner().invoke(app, ["show", "--raw", str(path)])
    assert result.exit_code == 0
    assert KEY.encode() not in result.stdout_bytes and PASSWORD.encode() not in result.stdout_bytes


def test_base64_text_inside_a_json_string_is_looked_into() -> None:
    account = json.dumps({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n", "client_email": "ci@p.iam.gserviceaccount.com"})
    image = base64.b64encode(bytes(range(256))).decode()
    body = json.dumps({"name": "ci", "credentials_b64": base64.b64encode(account.encode()).decode(), "thumbnail": image})
    old = vcrpy(body.encode(), "application/json", binary=False)
    assert [r.rule for r in api.find_secrets(old)] == ["json-key"]
    data = json.loads(stored_body(api.redact_bytes(old)))
    inner = json.loads(base64.b64decode(data["credentials_b64"]))
    assert inner == {**json.loads(account), "private_key": "REDACTED"}
    assert data["thumbnail"] == image and data["name"] == "ci"  # binary base64 is left


def _ruby_with_binary_header(encoded: str) -> bytes:
    return (
        "---\nhttp_interactions:\n- request:\n    method: get\n    uri: https://x.test/\n"
        "    body:\n      encoding: UTF-8\n      string: ''\n"
        f"    headers:\n      X-Api-Key: !binary |-\n        {encoded}\n"
        "  response:\n    status:\n      code: 200\n      message: OK\n    headers: {}\n"
        "    body:\n      encoding: UTF-8\n      string: ok\n"
        "  recorded_at: Tue, 01 Jan 2030 00:00:00 GMT\nrecorded_with: VCR 6.0.0\n"
    ).encode()


def test_a_binary_header_value_is_read_as_the_views_read_it(tmp_path, run) -> None:  # type: ignore[no-untyped-def]
    # base64 that decodes: its key is found; base64 that does not (bad padding): nothing
    # to find, as the views read it, and no traceback
    found = api.find_secrets(_ruby_with_binary_header(base64.b64encode(KEY.encode()).decode()), None, "key.yml")
    assert [r.rule for r in found] and all(KEY not in str(r) for r in found)
    assert api.find_secrets(_ruby_with_binary_header("abc"), None, "bad.yml") == []
    path = tmp_path / "bad.yml"
    path.write_bytes(_ruby_with_binary_header("abc"))
    for command in (["redact", "--check"], ["show"], ["check"]):
        result = run(*command, path)
        assert result.exit_code == 0 and "Traceback" not in result.stdout + result.stderr, command
