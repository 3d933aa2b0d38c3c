"""A redacted multi-line plain value keeps its line breaks: only the lines that held a
secret change (issue 12). Before/after tables in the layouts of the writers that fold
(PyYAML, go-yaml v2, Ruby's Psych, all at libyaml's width 80), LF and CRLF."""

from __future__ import annotations

import pytest
import yaml

from cassette_cli import api

CF_BM = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-1700000000-1.0.1.1-SeCrEtVaLuEaBcDeFgHiJkLmNoP"
CFUVID = "3UeEmz_rnmsoZxrVUv32u35gJOi766GDWNe5_RTjiPk-1736537376739-0.0.1.1-604800000"
SID = "sid0123456789abcdefghijklmnopqrstuv"

PYYAML = f"""interactions:
- request:
    body: null
    headers:
      User-Agent:
      - python-requests/2.31.0
    method: GET
    uri: https://api.openai.com/v1/models
  response:
    body:
      string: '{{}}'
    headers:
      Set-Cookie:
      - __cf_bm={CF_BM};
        path=/; expires=Sun, 26-Nov-23 12:15:48 GMT; domain=.api.openai.com; HttpOnly;
        Secure; SameSite=None
      - _cfuvid={CFUVID};
        path=/; domain=.api.openai.com; HttpOnly; Secure; SameSite=None
      - session={SID}; Path=/; Expires=Tue, 03 Mar 2026
        10:00:00 GMT; HttpOnly; Secure; SameSite=Lax
    status:
      code: 200
      message: OK
version: 1
"""

GO_YAML_V2 = f"""---
version: 1
interactions:
- request:
    body: ""
    form: {{}}
    headers:
      User-Agent:
      - Go-http-client/1.1
    url: https://api.openai.com/v1/models
    method: GET
  response:
    body: '{{}}'
    headers:
      Content-Type:
      - application/json
      Set-Cookie:
      - __cf_bm={CF_BM};
        path=/; expires=Sun, 26-Nov-23 12:15:48 GMT; domain=.api.openai.com; HttpOnly;
        Secure; SameSite=None
      - session={SID}; Path=/; Expires=Tue, 03
        Mar 2026 10:00:00 GMT; HttpOnly; Secure
    status: 200 OK
    code: 200
    duration: ""
"""

PSYCH = f"""---
http_interactions:
- request:
    method: get
    uri: https://api.openai.com/v1/models
    body:
      encoding: US-ASCII
      string: ''
    headers:
      User-Agent:
      - Ruby
  response:
    status:
      code: 200
      message: OK
    headers:
      Set-Cookie:
      - __cf_bm={CF_BM};
        path=/; expires=Sun, 26-Nov-23 12:15:48 GMT; domain=.api.openai.com; HttpOnly;
        Secure; SameSite=None
      - _cfuvid={CFUVID};
        path=/; domain=.api.openai.com; HttpOnly; Secure; SameSite=None
    body:
      encoding: UTF-8
      string: "{{}}"
  recorded_at: Sun, 26 Nov 2023 11:45:48 GMT
recorded_with: VCR 6.2.0
"""

LAYOUTS = [
    pytest.param(PYYAML, [CF_BM, CFUVID, SID], id="pyyaml"),
    pytest.param(GO_YAML_V2, [CF_BM, SID], id="go-yaml-v2"),
    pytest.param(PSYCH, [CF_BM, CFUVID], id="psych"),
]


def test_the_tables_are_what_pyyaml_writes() -> None:
    """The PyYAML table is PyYAML's own output (libyaml folds the same for the others)."""
    assert yaml.dump(yaml.safe_load(PYYAML), Dumper=getattr(yaml, "CDumper", yaml.Dumper)) == PYYAML


def _after(before: str, secrets: list[str]) -> str:
    """`before` with each cookie's value replaced on its own line and nothing else."""
    after = before
    for secret in secrets:
        after = after.replace(secret, "REDACTED")
    return after


def _changed_lines(before: bytes, after: bytes) -> list[int]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [i for i, (a, b) in enumerate(zip(old, new)) if a != b]


@pytest.mark.parametrize("line_break", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("before", "secrets"), LAYOUTS)
def test_only_the_lines_that_held_a_secret_change(before: str, secrets: list[str], line_break: str) -> None:
    data = before.replace("\n", line_break).encode()
    expected = _after(before, secrets).replace("\n", line_break).encode()
    got = api.redact_bytes(data, name="c.yaml")
    assert got == expected
    lines = data.splitlines(keepends=True)
    for i in _changed_lines(data, got):
        assert any(s.encode() in lines[i] for s in secrets)


@pytest.mark.parametrize(("before", "secrets"), LAYOUTS)
def test_the_values_are_what_was_meant(before: str, secrets: list[str]) -> None:
    """The redacted file reads (with PyYAML) as the original with each secret replaced."""
    got = api.redact_bytes(before.encode(), name="c.yaml").decode()
    assert yaml.safe_load(got) == yaml.safe_load(_after(before, secrets))


def test_a_longer_replacement_refolds_only_its_own_line() -> None:
    """A replacement that makes a line run past the width folds that line again (as the
    writer would) and leaves the following lines as they were."""
    long = "R" * 60
    got = api.redact_bytes(PSYCH.encode(), {"replacement": long}, name="c.yml").decode()
    assert yaml.safe_load(got) == yaml.safe_load(PSYCH.replace(CF_BM, long).replace(CFUVID, long))
    old_lines = PSYCH.splitlines()
    new_lines = got.splitlines()
    unchanged = [line for line in old_lines if CF_BM not in line and CFUVID not in line]
    for line in unchanged:
        assert line in new_lines
    assert len(new_lines) == len(old_lines)  # longer cookie lines, still within the width: no new line


def test_secret_on_a_middle_line() -> None:
    """A secret on the second of three lines: the first and the third stay."""
    doc = (
        "interactions:\n- request:\n    body: null\n    headers:\n      X-Debug:\n"
        f"      - theme=dark; lang=en-US; region=eu-west-1; consent=yes; layout=compact; a=b;\n"
        f"        session_token={SID}; tracking=off;\n"
        "        last_visit=2024-01-01; ui=beta; tz=Europe/Paris; currency=EUR; mode=auto\n"
        "    method: GET\n    uri: https://example.com/\n  response:\n    body:\n      string: ''\n"
        "    headers: {}\n    status:\n      code: 200\n      message: OK\nversion: 1\n"
    )
    got = api.redact_bytes(doc.encode(), {"patterns": [SID]}, name="c.yaml").decode()
    changed = _changed_lines(doc.encode(), got.encode())
    lines = doc.splitlines()
    assert changed and all(SID in lines[i] for i in changed), [lines[i] for i in changed]
