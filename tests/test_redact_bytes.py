"""`cassette redact` byte for byte: small cassettes in every layout, before and after.

Each `after` is what the emitter that wrote the file would have written for the
redacted value (PyYAML/libyaml for VCR.py and Psych, yaml.v2/yaml.v3 for go-vcr,
json.dumps / Ruby's JSON for the JSON files), except that a value folded over several
lines keeps the lines that held no secret as they were (issue 12); every other byte
stays."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import pytest

# --------------------------------------------------------------------------- helpers


def write(tmp_path: Path, data: bytes) -> Path:
    suffix = ".json" if data.lstrip(b"\xef\xbb\xbf \r\n")[:1] in (b"{", b"[") else ".yaml"
    path = tmp_path / f"cassette{suffix}"
    path.write_bytes(data)
    return path


def pyyaml_binary(data: bytes, indent: int) -> bytes:
    """`!!binary |` as PyYAML writes it: base64.encodebytes, 76 columns a line."""
    lines = base64.encodebytes(data).decode("ascii").splitlines()
    return b"".join(b" " * indent + line.encode("ascii") + b"\n" for line in lines)


def gz(obj: object) -> bytes:
    return gzip.compress(json.dumps(obj).encode("utf-8"), mtime=0)


TOKEN_JSON = {"access_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.FAKEsignatureFAKE_sig", "token_type": "Bearer", "expires_in": 3600, "scope": "read write models.read"}
TOKEN_JSON_REDACTED = {**TOKEN_JSON, "access_token": "REDACTED"}

SSE_BODY = (
    b'data: {"id":"evt_1","api_key": "FAKE-api-key-0123456789abcdef0123"}\n\n'
    b'data: {"id":"evt_2","delta":"hi"}\n\n'
)
SSE_BODY_REDACTED = SSE_BODY.replace(b"FAKE-api-key-0123456789abcdef0123", b"REDACTED")

# --------------------------------------------------------------------------- go-vcr v1 (yaml.v2)

V1_HEAD = b"""---
version: 1
interactions:
- request:
"""

V1_PLAIN = (
    V1_HEAD
    + b"""    body: ""
    form: {}
    headers:
      Authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2
      Content-Type:
      - application/json
    url: https://api.example.com/v1/models?alt=sse&key=AIzaSyFAKE-fake_FAKE-SyFAKE-fake_FAKE-S
    method: GET
  response:
    body: '{"data":[]}'
    headers:
      Content-Type:
      - application/json
    status: 200 OK
    code: 200
    duration: ""
"""
)
V1_PLAIN_AFTER = (
    V1_HEAD
    + b"""    body: ""
    form: {}
    headers:
      Authorization:
      - Bearer REDACTED
      Content-Type:
      - application/json
    url: https://api.example.com/v1/models?alt=sse&key=REDACTED
    method: GET
  response:
    body: '{"data":[]}'
    headers:
      Content-Type:
      - application/json
    status: 200 OK
    code: 200
    duration: ""
"""
)

# yaml.v2 folds a long single-quoted scalar at the first space past column 80; `''` is a quote.
V1_SINGLE = (
    V1_HEAD
    + b"""    body: '{"model":"gpt-4o-mini","password":"FAKE-Passw0rd-do-not-use","messages":[{"role":"user","content":"What''s
      the weather in Florence?"}]}'
    form: {}
    headers:
      Content-Type:
      - application/json
    url: https://api.example.com/v1/chat/completions
    method: POST
  response:
    body: '{"ok":true}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)
V1_SINGLE_AFTER = (
    V1_HEAD
    + b"""    body: '{"model":"gpt-4o-mini","password":"REDACTED","messages":[{"role":"user","content":"What''s
      the weather in Florence?"}]}'
    form: {}
    headers:
      Content-Type:
      - application/json
    url: https://api.example.com/v1/chat/completions
    method: POST
  response:
    body: '{"ok":true}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)

# A form body (plain) and the go-vcr `form:` map.
V1_FORM = (
    V1_HEAD
    + b"""    body: grant_type=client_credentials&client_id=fake-client-id-123&client_secret=FAKEclientSECRETx9Y8z7x9Y8z7x9Y8z7x9Y8z7
    form:
      client_id:
      - fake-client-id-123
      client_secret:
      - FAKEclientSECRETx9Y8z7x9Y8z7x9Y8z7x9Y8z7
      grant_type:
      - client_credentials
    headers:
      Content-Type:
      - application/x-www-form-urlencoded
    url: https://auth.example.com/oauth/token
    method: POST
  response:
    body: '{"token_type":"Bearer"}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)
V1_FORM_AFTER = (
    V1_HEAD
    + b"""    body: grant_type=client_credentials&client_id=fake-client-id-123&client_secret=REDACTED
    form:
      client_id:
      - fake-client-id-123
      client_secret:
      - REDACTED
      grant_type:
      - client_credentials
    headers:
      Content-Type:
      - application/x-www-form-urlencoded
    url: https://auth.example.com/oauth/token
    method: POST
  response:
    body: '{"token_type":"Bearer"}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)

# Literal blocks: `|+` (an SSE body ending in a blank line), `|` (one final newline),
# `|-` (none).
V1_LITERALS = (
    V1_HEAD
    + b"""    body: |-
      {
        "password": "FAKE-Passw0rd-do-not-use"
      }
    form: {}
    headers:
      Content-Type:
      - application/json
    url: https://api.example.com/v1/stream
    method: POST
  response:
    body: |+
      data: {"id":"evt_1","api_key": "FAKE-api-key-0123456789abcdef0123"}

      data: {"id":"evt_2","delta":"hi"}

    headers:
      Content-Type:
      - text/event-stream
    status: 200 OK
    code: 200
    duration: ""
- request:
    body: ""
    form: {}
    headers: {}
    url: https://api.example.com/v1/token
    method: GET
  response:
    body: |
      {"access_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.FAKEsignatureFAKE_sig",
       "token_type": "Bearer"}
    headers:
      Content-Type:
      - application/json
    status: 200 OK
    code: 200
    duration: ""
"""
)
V1_LITERALS_AFTER = (
    V1_HEAD
    + b"""    body: |-
      {
        "password": "REDACTED"
      }
    form: {}
    headers:
      Content-Type:
      - application/json
    url: https://api.example.com/v1/stream
    method: POST
  response:
    body: |+
      data: {"id":"evt_1","api_key": "REDACTED"}

      data: {"id":"evt_2","delta":"hi"}

    headers:
      Content-Type:
      - text/event-stream
    status: 200 OK
    code: 200
    duration: ""
- request:
    body: ""
    form: {}
    headers: {}
    url: https://api.example.com/v1/token
    method: GET
  response:
    body: |
      {"access_token": "REDACTED",
       "token_type": "Bearer"}
    headers:
      Content-Type:
      - application/json
    status: 200 OK
    code: 200
    duration: ""
"""
)

# A double-quoted scalar with escapes (a multipart body), short enough not to fold.
V1_DOUBLE = (
    V1_HEAD
    + b"""    body: "--b\\r\\nContent-Disposition: form-data; name=\\"k\\"\\r\\n\\r\\nsk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2\\r\\n--b--\\r\\n"
    form: {}
    headers:
      Content-Type:
      - multipart/form-data; boundary=b
    url: https://api.example.com/v1/files
    method: POST
  response:
    body: '{}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)
V1_DOUBLE_AFTER = (
    V1_HEAD
    + b"""    body: "--b\\r\\nContent-Disposition: form-data; name=\\"k\\"\\r\\n\\r\\nREDACTED\\r\\n--b--\\r\\n"
    form: {}
    headers:
      Content-Type:
      - multipart/form-data; boundary=b
    url: https://api.example.com/v1/files
    method: POST
  response:
    body: '{}'
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
"""
)

# Comments, an explicit `...` end marker, and a comment after a value.
V1_COMMENTS = b"""# recorded by hand
---
version: 1
interactions:
# the first one
- request:
    body: ""
    form: {}
    headers:
      Authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2 # rotated since
    url: https://api.example.com/v1/models
    method: GET
  response:
    body: ok
    headers: {}
    status: 200 OK
    code: 200
    duration: ""
...
# trailing comment
"""
V1_COMMENTS_AFTER = V1_COMMENTS.replace(b"Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2", b"Bearer REDACTED")

# The whole file with CRLF line ends, a folded single-quoted scalar among them.
V1_CRLF = V1_SINGLE.replace(b"Content-Type:\n      - application/json\n", b"Authorization:\n      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2\n      Content-Type:\n      - application/json\n").replace(b"\n", b"\r\n")
V1_CRLF_AFTER = V1_SINGLE_AFTER.replace(b"Content-Type:\n      - application/json\n", b"Authorization:\n      - Bearer REDACTED\n      Content-Type:\n      - application/json\n").replace(b"\n", b"\r\n")

# --------------------------------------------------------------------------- go-vcr v2 (yaml.v3, 4 spaces)

V3 = b"""---
version: 2
interactions:
    - id: 0
      request:
        proto: HTTP/1.1
        proto_major: 1
        proto_minor: 1
        content_length: 77
        transfer_encoding: []
        trailer: {}
        host: api.example.com
        remote_addr: ""
        request_uri: ""
        body: '{"name":"x","password":"FAKE-Passw0rd-do-not-use","note":"it''s fine, really"}'
        form: {}
        headers:
            Authorization:
                - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2
            Content-Type:
                - application/json
            X-Auth-Token:
                - "0123456789"
        url: https://api.example.com/v1/secrets
        method: POST
      response:
        proto: HTTP/2.0
        proto_major: 2
        proto_minor: 0
        transfer_encoding: []
        trailer: {}
        content_length: 54
        uncompressed: false
        body: |-
            {
              "id": "s1",
              "secret": "FAKEclientSECRETx9Y8z7x9"
            }
        headers:
            Content-Length:
                - "54"
            Content-Type:
                - application/json
        status: 200 OK
        code: 200
        duration: 12.5ms
"""
V3_AFTER = (
    V3.replace(b'"password":"FAKE-Passw0rd-do-not-use"', b'"password":"REDACTED"')
    .replace(b"Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2", b"Bearer REDACTED")
    # The original is double-quoted (yaml.v3 quoted it so it would not read as a number);
    # the splice keeps the scalar's own style, so it stays double-quoted.
    .replace(b'- "0123456789"', b'- "REDACTED"')
    .replace(b'"secret": "FAKEclientSECRETx9Y8z7x9"', b'"secret": "REDACTED"')
)

# --------------------------------------------------------------------------- charm (yaml.v3, 2 spaces, compact)

CHARM = b"""---
version: 2
interactions:
- id: 0
  request:
    proto: HTTP/1.1
    proto_major: 1
    proto_minor: 1
    content_length: 146
    host: 127.0.0.1:18080
    body: '{"max_tokens":1024,"messages":[{"content":[{"text":"Say hi in Portuguese, it''s fine","type":"text"}],"role":"user"}],"model":"claude-fake-4-5","stream":true,"api_key":"FAKE-api-key-0123456789abcdef0123"}'
    headers:
      Anthropic-Version:
      - "2023-06-01"
      X-Api-Key:
      - sk-ant-api03-FAKEfake5TEST6test7-FAKEfake5TEST6test7AA
    url: http://127.0.0.1:18080/v1/messages
    method: POST
  response:
    proto: HTTP/1.1
    proto_major: 1
    proto_minor: 1
    transfer_encoding:
    - chunked
    content_length: -1
    body: |+
      data: {"id":"evt_1","api_key": "FAKE-api-key-0123456789abcdef0123"}

      data: {"id":"evt_2","delta":"hi"}

    headers:
      Content-Type:
      - text/event-stream
      Anthropic-Organization-Id:
      - 00000000-fake-0000-fake-000000000000
    status: 200 OK
    code: 200
    duration: 1.2s
"""
CHARM_AFTER = (
    CHARM.replace(b'"api_key":"FAKE-api-key-0123456789abcdef0123"', b'"api_key":"REDACTED"')
    .replace(b"- sk-ant-api03-FAKEfake5TEST6test7-FAKEfake5TEST6test7AA", b"- REDACTED")
    .replace(b'"api_key": "FAKE-api-key-0123456789abcdef0123"', b'"api_key": "REDACTED"')
    .replace(b"- 00000000-fake-0000-fake-000000000000", b"- REDACTED")
)

# --------------------------------------------------------------------------- VCR.py (PyYAML)

# What yaml.dump(..., Dumper=CDumper) writes: sequences not indented, long quoted and
# plain scalars folded at 80 columns, non-ASCII forcing double quotes.
VCRPY = b"""interactions:
- request:
    body: '{"username": "fake-user", "password": "FAKE-Passw0rd-do-not-use", "api_key":
      "FAKE-api-key-0123456789abcdef0123"}'
    headers:
      Accept:
      - '*/*'
      Authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2
    method: POST
    uri: http://127.0.0.1:18080/v1/login?api_key=abcdef123456&x=1
  response:
    body:
      string: ok
    headers:
      Set-Cookie:
      - session=FAKEsrvsetc00kieFAKEsetc00kieFAKEsetc00k; Path=/; Expires=Tue, 03
        Mar 2026 10:00:00 GMT; HttpOnly; Secure
    status:
      code: 200
      message: OK
version: 1
"""
VCRPY_AFTER = b"""interactions:
- request:
    body: '{"username": "fake-user", "password": "REDACTED", "api_key": "REDACTED"}'
    headers:
      Accept:
      - '*/*'
      Authorization:
      - Bearer REDACTED
    method: POST
    uri: http://127.0.0.1:18080/v1/login?api_key=REDACTED&x=1
  response:
    body:
      string: ok
    headers:
      Set-Cookie:
      - session=REDACTED; Path=/; Expires=Tue, 03
        Mar 2026 10:00:00 GMT; HttpOnly; Secure
    status:
      code: 200
      message: OK
version: 1
"""

VCRPY_DOUBLE_AND_BINARY = (
    b"""interactions:
- request:
    body: "{\\"model\\": \\"gpt-4o\\", \\"api_key\\": \\"FAKE-api-key-0123456789abcdef0123\\",
      \\"note\\": \\"caf\\xE9 line1\\\\nline2\\", \\"more\\": \\"padding padding padding padding\\"}"
    headers:
      authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2
    method: POST
    uri: http://127.0.0.1:18080/v1/chat
  response:
    body:
      string: !!binary |
"""
    + pyyaml_binary(gz(TOKEN_JSON), 8)
    + b"""    headers:
      content-encoding:
      - gzip
      content-type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
"""
)
VCRPY_DOUBLE_AND_BINARY_AFTER = (
    b"""interactions:
- request:
    body: "{\\"model\\": \\"gpt-4o\\", \\"api_key\\": \\"REDACTED\\",
      \\"note\\": \\"caf\\xE9 line1\\\\nline2\\", \\"more\\": \\"padding padding padding padding\\"}"
    headers:
      authorization:
      - Bearer REDACTED
    method: POST
    uri: http://127.0.0.1:18080/v1/chat
  response:
    body:
      string: !!binary |
"""
    + pyyaml_binary(gz(TOKEN_JSON_REDACTED), 8)
    + b"""    headers:
      content-encoding:
      - gzip
      content-type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
"""
)

# Hand-edited flow sequences for headers.
VCRPY_FLOW = b"""interactions:
- request:
    body: null
    headers:
      Authorization: ['Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2']
      Cookie: [session=FAKEsess10nc00kieFAKEc00kieFAKEc00kieFAK]
      X-Api-Key: ["sk-ant-api03-FAKEfake5TEST6test7-FAKEfake5TEST6test7AA"]
      Accept: ['*/*']
    method: GET
    uri: https://api.example.com/v1/models
  response:
    body: {string: ok}
    headers: {}
    status: {code: 200, message: OK}
version: 1
"""
VCRPY_FLOW_AFTER = b"""interactions:
- request:
    body: null
    headers:
      Authorization: ['Bearer REDACTED']
      Cookie: [session=REDACTED]
      X-Api-Key: ["REDACTED"]
      Accept: ['*/*']
    method: GET
    uri: https://api.example.com/v1/models
  response:
    body: {string: ok}
    headers: {}
    status: {code: 200, message: OK}
version: 1
"""

VCRPY_BOM = b"\xef\xbb\xbf" + VCRPY
VCRPY_BOM_AFTER = b"\xef\xbb\xbf" + VCRPY_AFTER

# --------------------------------------------------------------------------- Ruby VCR (Psych)

RUBY = (
    b"""---
http_interactions:
- request:
    method: post
    uri: https://api.example.com/v1/login
    body:
      encoding: UTF-8
      string: '{"username":"fake-user","password":"FAKE-Passw0rd-do-not-use","note":"it''s"}'
    headers:
      Authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2
      Accept:
      - "*/*"
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - text/event-stream
    body:
      encoding: ASCII-8BIT
      string: !binary |-
        """
    + base64.b64encode(SSE_BODY)
    + b"""
  recorded_at: Mon, 02 Mar 2026 10:00:00 GMT
recorded_with: VCR 6.3.1
"""
)
RUBY_AFTER = (
    b"""---
http_interactions:
- request:
    method: post
    uri: https://api.example.com/v1/login
    body:
      encoding: UTF-8
      string: '{"username":"fake-user","password":"REDACTED","note":"it''s"}'
    headers:
      Authorization:
      - Bearer REDACTED
      Accept:
      - "*/*"
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - text/event-stream
    body:
      encoding: ASCII-8BIT
      string: !binary |-
        """
    + base64.b64encode(SSE_BODY_REDACTED)
    + b"""
  recorded_at: Mon, 02 Mar 2026 10:00:00 GMT
recorded_with: VCR 6.3.1
"""
)

# --------------------------------------------------------------------------- JSON

VCRPY_JSON = b"""{
    "version": 1,
    "interactions": [
        {
            "request": {
                "method": "POST",
                "uri": "https://api.example.com/v1/login?key=AIzaSyFAKE-fake_FAKE-SyFAKE-fake_FAKE-S",
                "body": "{\\"password\\": \\"FAKE-Passw0rd-do-not-use\\", \\"name\\": \\"caf\\u00e9\\"}",
                "headers": {
                    "Authorization": [
                        "Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2"
                    ],
                    "Content-Type": [
                        "application/json"
                    ]
                }
            },
            "response": {
                "status": {
                    "code": 200,
                    "message": "OK"
                },
                "headers": {},
                "body": {
                    "string": "ok"
                }
            }
        }
    ]
}
"""
VCRPY_JSON_AFTER = (
    VCRPY_JSON.replace(b"key=AIzaSyFAKE-fake_FAKE-SyFAKE-fake_FAKE-S", b"key=REDACTED")
    .replace(b'\\"FAKE-Passw0rd-do-not-use\\"', b'\\"REDACTED\\"')
    .replace(b"Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2", b"Bearer REDACTED")
)

RUBY_JSON = (
    b'{"http_interactions":[{"request":{"method":"post","uri":"https://api.example.com/v1/chat",'
    b'"body":{"encoding":"UTF-8","string":"{\\"api_key\\":\\"FAKE-api-key-0123456789abcdef0123\\",\\"q\\":\\"a/b\\"}"},'
    b'"headers":{"Authorization":["Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2"],"Content-Type":["application/json"]}},'
    b'"response":{"status":{"code":200,"message":"OK"},"headers":{"Set-Cookie":["session=FAKEsrvsetc00kieFAKEsetc00kieFAKEsetc00k; Path=/; HttpOnly"]},'
    b'"body":{"encoding":"UTF-8","string":"ok"}},"recorded_at":"Mon, 02 Mar 2026 10:00:00 GMT"}],"recorded_with":"VCR 6.3.1"}'
)
RUBY_JSON_AFTER = (
    RUBY_JSON.replace(b'\\"FAKE-api-key-0123456789abcdef0123\\"', b'\\"REDACTED\\"')
    .replace(b"Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2", b"Bearer REDACTED")
    .replace(b"session=FAKEsrvsetc00kieFAKEsetc00kieFAKEsetc00k;", b"session=REDACTED;")
)

# --------------------------------------------------------------------------- tables


def CRLF(data: bytes) -> bytes:  # noqa: N802
    return data.replace(b"\n", b"\r\n")


REDACT = [
    pytest.param(V1_PLAIN, V1_PLAIN_AFTER, id="go-vcr-v1-plain-header-and-query"),
    pytest.param(V1_SINGLE, V1_SINGLE_AFTER, id="go-vcr-v1-single-quoted-folded"),
    pytest.param(V1_FORM, V1_FORM_AFTER, id="go-vcr-v1-form-body-and-form-map"),
    pytest.param(V1_LITERALS, V1_LITERALS_AFTER, id="go-vcr-v1-literal-strip-keep-clip"),
    pytest.param(V1_DOUBLE, V1_DOUBLE_AFTER, id="go-vcr-v1-double-quoted-escapes"),
    pytest.param(V1_COMMENTS, V1_COMMENTS_AFTER, id="go-vcr-v1-comments-and-markers"),
    pytest.param(V1_CRLF, V1_CRLF_AFTER, id="go-vcr-v1-crlf"),
    pytest.param(V3, V3_AFTER, id="go-vcr-v2-yaml-v3-4-space"),
    pytest.param(CHARM, CHARM_AFTER, id="go-vcr-v2-charm-2-space"),
    pytest.param(VCRPY, VCRPY_AFTER, id="vcrpy-single-quoted-and-plain-folded"),
    pytest.param(VCRPY_DOUBLE_AND_BINARY, VCRPY_DOUBLE_AND_BINARY_AFTER, id="vcrpy-double-quoted-folded-and-gzip-binary"),
    pytest.param(VCRPY_FLOW, VCRPY_FLOW_AFTER, id="vcrpy-flow-header-lists"),
    pytest.param(VCRPY_BOM, VCRPY_BOM_AFTER, id="vcrpy-bom"),
    pytest.param(RUBY, RUBY_AFTER, id="ruby-psych-single-quoted-and-binary"),
    pytest.param(VCRPY_JSON, VCRPY_JSON_AFTER, id="vcrpy-json"),
    pytest.param(RUBY_JSON, RUBY_JSON_AFTER, id="ruby-json-one-line"),
    pytest.param(CRLF(VCRPY), CRLF(VCRPY_AFTER), id="vcrpy-crlf-refolded"),
    pytest.param(CRLF(V1_LITERALS), CRLF(V1_LITERALS_AFTER), id="go-vcr-v1-literals-crlf"),
    pytest.param(CRLF(VCRPY_DOUBLE_AND_BINARY), CRLF(VCRPY_DOUBLE_AND_BINARY_AFTER), id="vcrpy-double-and-binary-crlf"),
    pytest.param(CRLF(RUBY), CRLF(RUBY_AFTER), id="ruby-psych-crlf"),
    pytest.param(CRLF(VCRPY_JSON), CRLF(VCRPY_JSON_AFTER), id="vcrpy-json-crlf"),
]

NOOP = [
    pytest.param(V1_PLAIN_AFTER, id="go-vcr-v1-already-redacted"),
    pytest.param(V1_LITERALS_AFTER, id="go-vcr-v1-literals-already-redacted"),
    pytest.param(V3_AFTER, id="go-vcr-v2-already-redacted"),
    pytest.param(CHARM_AFTER, id="charm-already-redacted"),
    pytest.param(VCRPY_AFTER, id="vcrpy-already-redacted"),
    pytest.param(VCRPY_FLOW_AFTER, id="vcrpy-flow-already-redacted"),
    pytest.param(VCRPY_BOM_AFTER.replace(b"\n", b"\r\n"), id="vcrpy-bom-crlf-already-redacted"),
    pytest.param(RUBY_AFTER, id="ruby-already-redacted"),
    pytest.param(VCRPY_JSON_AFTER, id="vcrpy-json-already-redacted"),
    pytest.param(RUBY_JSON_AFTER, id="ruby-json-already-redacted"),
    pytest.param(
        b"""interactions:
- request:
    body: '{"api_key": "<OPENAI_API_KEY>", "password": "{{password}}", "token": " capital"}'
    headers:
      Authorization:
      - Bearer <API_KEY>
      Cookie:
      - session=***
      X-Api-Key:
      - '[FILTERED]'
      Content-Length:
      - '82'
    method: POST
    uri: https://api.example.com/v1/x?key=${GOOGLE_KEY}
  response:
    body:
      string: '{"logprobs": [{"token": "Paris", "logprob": -0.1}]}'
    headers:
      Set-Cookie:
      - session=; Path=/
    status:
      code: 200
      message: OK
version: 1
""",
        id="vcrpy-placeholders-and-short-token",
    ),
    pytest.param(
        b"""---
version: 2
interactions:
- id: 0
  request:
    content_length: 11
    body: hello world
    headers:
      Authorization:
      - ""
    url: https://example.com/
    method: POST
  response:
    content_length: 2
    body: ok
    headers:
      Content-Length:
      - "2"
    status: 200 OK
    code: 200
    duration: 1ms
""",
        id="charm-no-secrets-empty-authorization",
    ),
    pytest.param(
        b"""---
http_interactions:
- request:
    method: get
    uri: https://example.com/
    body:
      encoding: US-ASCII
      string: ''
    headers:
      Authorization:
      - "<ANTHROPIC_API_KEY>"
  response:
    status:
      code: 200
      message: OK
    headers: {}
    body:
      encoding: UTF-8
      string: "<<SECRET>>"
  recorded_at: Mon, 02 Mar 2026 10:00:00 GMT
recorded_with: VCR 6.3.1
""",
        id="ruby-filter-sensitive-data-placeholders",
    ),
]


@pytest.mark.parametrize(("before", "after"), REDACT)
def test_redacts_exactly(before: bytes, after: bytes, tmp_path: Path, run) -> None:
    path = write(tmp_path, before)
    result = run("redact", path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout.startswith("Redacted ") and result.stdout.rstrip().endswith(f" in {path}")
    assert path.read_bytes() == after
    again = run("redact", path)
    assert again.exit_code == 0, again.stdout + again.stderr
    assert again.stdout == ""
    assert path.read_bytes() == after


@pytest.mark.parametrize(("before", "after"), REDACT)
def test_check_writes_nothing(before: bytes, after: bytes, tmp_path: Path, run) -> None:
    path = write(tmp_path, before)
    result = run("redact", "--check", path)
    assert result.exit_code == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("data", NOOP)
def test_nothing_to_do(data: bytes, tmp_path: Path, run) -> None:
    path = write(tmp_path, data)
    result = run("redact", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == data
    assert run("redact", "--check", path).exit_code == 0


def test_crlf_is_kept_everywhere(tmp_path: Path, run) -> None:
    path = write(tmp_path, V1_CRLF)
    assert run("redact", path).exit_code == 1
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == V1_CRLF.count(b"\r\n")


def test_binary_body_decodes_to_the_redacted_text(tmp_path: Path, run) -> None:
    import yaml

    path = write(tmp_path, VCRPY_DOUBLE_AND_BINARY)
    assert run("redact", path).exit_code == 1
    data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    body = data["interactions"][0]["response"]["body"]["string"]
    assert json.loads(gzip.decompress(body)) == TOKEN_JSON_REDACTED
