"""No command prints a secret whole, in any output mode.

Cassettes of every format are written with secrets planted in every place the rules
cover (headers, a header, a body key and a pattern added in config, query, JSON and form
bodies, gzip bodies, event-stream JSON, a key split across stream deltas, tool-call
arguments, an error message); every command runs in every output mode, on a terminal
and piped, and no planted value may appear in what it prints."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

from cassette_cli.api import find_secrets, load_bytes

SECRETS = {
    "bearer": "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w",
    "custom_header": "cust-hdr-7f3a9b2c4d5e6f70",
    "cookie": "cookie-val-9d8c7b6a5f4e3d2c",
    "set_cookie": "setck-0a1b2c3d4e5f6a7b8c9d",
    "query": "qry-key-5e4d3c2b1a09f8e7",
    "json_password": "json-pass-3c2b1a0f9e8d7c6b",
    "config_key": "cfg-key-8e7d6c5b4a3f2e1d",
    "config_pattern": "acme_0123456789abcdef01234567",
    "form_password": "form-pass-6b5a4f3e2d1c0b9a",
    "access_token": "acc-tok-2d1c0b9a8f7e6d5c4b",
    "gzip_secret": "gzip-sec-1f2e3d4c5b6a7f8e9d",
    "sse_key": "sk-ant-api03-Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0",
    "sse_password": "sse-pass-4a5b6c7d8e9f0a1b2c",
    "split_key": "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
    "tool_key": "tool-key-7c8d9e0f1a2b3c4d5e",
}
SPLIT = SECRETS["split_key"]
# A key inside tool-call arguments: in the file it sits JSON-escaped inside a JSON
# string, split over two events; the rules find it in the assembled arguments.
TOOL_KEY = SECRETS["tool_key"]
TOOL_ARGS = json.dumps({"city": "Paris", "api_key": TOOL_KEY})
CONFIG = {"headers": ["X-Secret"], "keys": ["passphrase"], "patterns": ["acme_[0-9a-f]{24}"]}


def _sse() -> str:
    events = [
        {"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Key: " + SECRETS["sse_key"] + " "}}]},
        {"choices": [{"index": 0, "delta": {"content": SPLIT[:20]}}], "password": SECRETS["sse_password"]},
        {"choices": [{"index": 0, "delta": {"content": SPLIT[20:] + " done"}}]},
        {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "weather", "arguments": TOOL_ARGS[:25]}}]}}]},
        {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": TOOL_ARGS[25:]}}]}}]},
        {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]},
    ]
    return "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"


def _interactions() -> list[dict]:
    """Method, url, request headers and body, response headers and body (str or bytes)."""
    return [
        {
            "method": "POST",
            "url": f"https://api.example.com/v1/chat/completions?api_key={SECRETS['query']}&x=1",
            "req_headers": {
                "Authorization": "Bearer " + SECRETS["bearer"],
                "X-Secret": SECRETS["custom_header"],
                "Cookie": "session=" + SECRETS["cookie"],
                "Content-Type": "application/json",
            },
            "req_body": json.dumps({"model": "m", "password": SECRETS["json_password"], "passphrase": SECRETS["config_key"]}),
            "res_headers": {"Content-Type": "text/event-stream", "Set-Cookie": f"sid={SECRETS['set_cookie']}; Path=/; HttpOnly"},
            "res_body": _sse(),
        },
        {
            "method": "POST",
            "url": "https://api.example.com/oauth/token",
            "req_headers": {"Content-Type": "application/x-www-form-urlencoded"},
            "req_body": f"username=me&password={SECRETS['form_password']}",
            "res_headers": {"Content-Type": "application/json"},
            "res_body": json.dumps({"access_token": SECRETS["access_token"], "note": "issued " + SECRETS["config_pattern"]}),
        },
        {
            "method": "GET",
            "url": "https://api.example.com/v1/config",
            "req_headers": {},
            "req_body": None,
            "res_headers": {"Content-Type": "application/json", "Content-Encoding": "gzip"},
            "res_body": gzip.compress(json.dumps({"client_secret": SECRETS["gzip_secret"]}).encode(), mtime=0),
        },
    ]


def _vcrpy(items: list[dict]) -> dict:
    return {
        "interactions": [
            {
                "request": {"body": i["req_body"], "headers": {k: [v] for k, v in i["req_headers"].items()}, "method": i["method"], "uri": i["url"]},
                "response": {"body": {"string": i["res_body"]}, "headers": {k: [v] for k, v in i["res_headers"].items()}, "status": {"code": 200, "message": "OK"}},
            }
            for i in items
        ],
        "version": 1,
    }


def _ruby(items: list[dict]) -> dict:
    def body(value: str | bytes | None) -> dict:
        if isinstance(value, bytes):  # as with preserve_exact_body_bytes
            return {"encoding": "ASCII-8BIT", "base64_string": base64.b64encode(value).decode()}
        return {"encoding": "UTF-8", "string": value or ""}

    return {
        "http_interactions": [
            {
                "request": {"method": i["method"].lower(), "uri": i["url"], "body": body(i["req_body"]), "headers": {k: [v] for k, v in i["req_headers"].items()}},
                "response": {"status": {"code": 200, "message": "OK"}, "headers": {k: [v] for k, v in i["res_headers"].items()}, "body": body(i["res_body"]), "http_version": "1.1"},
                "recorded_at": "Tue, 01 Dec 2026 10:00:00 GMT",
            }
            for i in items
        ],
        "recorded_with": "VCR 6.3.1",
    }


def _govcr(items: list[dict]) -> dict:
    return {
        "version": 2,
        "interactions": [
            {
                "id": n,
                "request": {"proto": "HTTP/1.1", "body": i["req_body"] or "", "headers": {k: [v] for k, v in i["req_headers"].items()}, "url": i["url"], "method": i["method"]},
                "response": {"body": i["res_body"], "headers": {k: [v] for k, v in i["res_headers"].items()}, "status": "200 OK", "code": 200, "duration": "1ms"},
            }
            for n, i in enumerate(items)
        ],
    }


def _har(items: list[dict]) -> dict:
    def content(value: str | bytes) -> dict:
        if isinstance(value, bytes):
            return {"size": len(value), "mimeType": "application/json", "text": base64.b64encode(value).decode(), "encoding": "base64"}
        return {"size": len(value), "mimeType": "text/plain", "text": value}

    def pairs(table: dict) -> list[dict]:
        return [{"name": k, "value": v} for k, v in table.items()]

    return {"log": {"version": "1.2", "creator": {"name": "Polly.JS", "version": "6.0.6"}, "entries": [
        {
            "startedDateTime": "2026-12-01T10:00:00.000Z",
            "time": 12,
            "request": {
                "method": i["method"], "url": i["url"], "httpVersion": "HTTP/1.1", "headers": pairs(i["req_headers"]),
                "queryString": [{"name": "api_key", "value": SECRETS["query"]}] if "?" in i["url"] else [],
                "cookies": [{"name": "session", "value": SECRETS["cookie"]}] if "Cookie" in i["req_headers"] else [],
                **({"postData": {"mimeType": i["req_headers"].get("Content-Type", ""), "text": i["req_body"]}} if i["req_body"] else {}),
                "headersSize": -1, "bodySize": -1,
            },
            "response": {
                "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": pairs(i["res_headers"]),
                "cookies": [{"name": "sid", "value": SECRETS["set_cookie"]}] if "Set-Cookie" in i["res_headers"] else [],
                "content": content(i["res_body"]), "redirectURL": "", "headersSize": -1, "bodySize": -1,
            },
            "cache": {},
            "timings": {"send": 0, "wait": 12, "receive": 0},
        }
        for i in items
    ]}}


def _nock(items: list[dict]) -> list:
    return [
        {
            "scope": "https://api.example.com:443",
            "method": i["method"],
            "path": i["url"].split("api.example.com", 1)[1],
            "body": i["req_body"] or "",
            "status": 200,
            "response": i["res_body"],
            "rawHeaders": [x for pair in i["res_headers"].items() for x in pair],
            "reqheaders": i["req_headers"],
        }
        for i in items
    ]


def _langchain(items: list[dict]) -> dict:
    return {
        "requests": [{"body": i["req_body"], "headers": {k: [v] for k, v in i["req_headers"].items()}, "method": i["method"], "uri": i["url"]} for i in items],
        "responses": [{"body": {"string": i["res_body"]}, "headers": {k: [v] for k, v in i["res_headers"].items()}, "status": {"code": 200, "message": "OK"}} for i in items],
    }


def _httprr(items: list[dict]) -> bytes:
    out = [b"httprr trace v1\n"]
    for i in items:
        body = (i["req_body"] or "").encode()
        request = f"{i['method']} {i['url']} HTTP/1.1\r\n".encode() + b"".join(f"{k}: {v}\r\n".encode() for k, v in i["req_headers"].items())
        request += b"Content-Length: %d\r\n\r\n" % len(body) + body
        res_body = i["res_body"].encode()
        response = b"HTTP/2.0 200 OK\r\n" + b"".join(f"{k}: {v}\r\n".encode() for k, v in i["res_headers"].items())
        response += b"Content-Length: %d\r\n\r\n" % len(res_body) + res_body
        out.append(b"%d %d\n" % (len(request), len(response)) + request + response)
    return b"".join(out)


def _files(tmp: Path) -> list[Path]:
    items = _interactions()
    text_items = [i for i in items if not isinstance(i["res_body"], bytes)]  # go-vcr keeps inflated text
    files = {
        "vcrpy.yaml": yaml.safe_dump(_vcrpy(items), sort_keys=True),
        "ruby.yml": yaml.safe_dump(_ruby(items), sort_keys=False),
        "ruby.json": json.dumps(_ruby(items), indent=2),
        "govcr.yaml": "---\n" + yaml.safe_dump(_govcr(text_items), sort_keys=False),
        "vcrpy.json": json.dumps(_vcrpy(text_items), indent=2),
        "polly.har": json.dumps(_har(items), indent=2),
        "nock.json": json.dumps(_nock(text_items), indent=2),
    }
    (tmp / "langchain.yaml.gz").write_bytes(gzip.compress(yaml.safe_dump(_langchain(items)).encode(), mtime=0))
    (tmp / "trace.httprr").write_bytes(_httprr(text_items))
    paths = [tmp / "langchain.yaml.gz", tmp / "trace.httprr"]
    for name, text in files.items():
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (tmp / ".cassette.toml").write_text('[redact]\nheaders = ["X-Secret"]\nkeys = ["passphrase"]\npatterns = ["acme_[0-9a-f]{24}"]\n')
    return paths


MODES = [
    ("ls",),
    ("ls", "--json"),
    ("show",),
    ("show", "--json"),
    ("show", "--raw"),
    ("show", "--decode-sse"),
    ("show", "--decode-sse", "--json"),
    ("show", "--decode-sse", "--raw"),
    ("redact", "--check"),
    ("redact", "--check", "--json"),
    ("redact", "--diff"),
    ("export", "--har"),
    ("recorder-config", "--for", "vcrpy"),
    ("recorder-config", "--for", "vcrpy", "--json"),
    ("recorder-config", "--for", "pytest-recording"),
    ("recorder-config", "--for", "ruby-vcr"),
    ("recorder-config", "--for", "go-vcr"),
    ("recorder-config", "--for", "go-vcr-v1"),
    ("check",),
    ("check", "--select", "ALL"),
    ("check", "--select", "ALL", "--format", "json"),
    ("check", "--select", "ALL", "--format", "github"),
    ("check", "--select", "ALL", "--format", "sarif"),
]
RECORDERS = ("vcrpy", "pytest-recording", "ruby-vcr", "go-vcr", "go-vcr-v1")
TERMINALS = {"piped": {"COLUMNS": None, "FORCE_COLOR": None, "NO_COLOR": None}, "terminal": {"COLUMNS": "100", "FORCE_COLOR": "1", "NO_COLOR": None}}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _leaks(text: str, also: frozenset[str] = frozenset()) -> list[str]:
    plain = ANSI.sub("", text)
    values = {**SECRETS, **{f"finding {v[:4]}": v for v in also}}
    return sorted({name for name, value in values.items() if value in text or value in plain})


def _found(path: Path) -> frozenset[str]:
    """The value of every finding of `redact --check` in the file."""
    return frozenset(f.secret for f in find_secrets(path.read_bytes(), CONFIG, path.name))


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    return _files(tmp_path)


def test_every_file_reads_and_every_placed_secret_is_a_finding(planted: list[Path]) -> None:
    """The matrix means something only if the files read and the rules see the secrets."""
    for path in planted:
        data = path.read_bytes()
        assert len(load_bytes(data, path.name).interactions) >= 2
        rules = {f.rule for f in find_secrets(data, CONFIG)}
        assert {"authorization-header", "custom-header", "cookie-header", "set-cookie-header", "query-param", "json-key", "form-key", "custom-pattern-1", "anthropic-key"} <= rules, path.name


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
@pytest.mark.parametrize("mode", MODES, ids=" ".join)
def test_no_output_prints_a_planted_secret(planted: list[Path], run, mode: tuple[str, ...], terminal: str) -> None:
    for path in planted:
        result = run(*mode, path.name, env=TERMINALS[terminal])
        assert result.exit_code in (0, 1), result.stderr
        assert _leaks(result.stdout + result.stderr, _found(path)) == [], f"{path.name}: {' '.join(mode)} ({terminal})"


def test_assembled_tool_arguments_and_split_keys_are_masked(planted: list[Path], run) -> None:
    for path in planted:
        result = run("show", "--decode-sse", "--json", path.name, "0")
        stream = result.json()[0]["response"]["sse"]
        assert stream["tool_calls"][0]["name"] == "weather"
        assert json.loads(stream["tool_calls"][0]["arguments"]) == {"city": "Paris", "api_key": "REDACTED"}
        assert "REDACTED" in stream["text"] and SPLIT[:20] not in stream["text"]


def test_redact_writes_no_secret_and_prints_none(planted: list[Path], run) -> None:
    """After `redact`, every secret is gone from the file, the key split across deltas and
    the key inside streamed tool-call arguments included."""
    for path in planted:
        result = run("redact", path.name)
        assert result.exit_code == 1 and _leaks(result.stdout + result.stderr) == []
        left = _leaks(gzip.decompress(path.read_bytes()).decode() if path.suffix == ".gz" else path.read_text(encoding="utf-8"))
        assert left == [], path.name


@pytest.mark.parametrize("replacement", [None, "<{name}>"], ids=["default", "template"])
def test_recorder_config_of_redacted_files_names_placeholders_only(planted: list[Path], run, replacement: str | None) -> None:
    """recorder-config reads the redacted files: it names the fields and their placeholders,
    never a secret (an unredacted file is covered by MODES above)."""
    flags = ("--replacement", replacement) if replacement else ()
    for path in planted:
        assert run("redact", *flags, path.name).exit_code == 1
        for recorder in RECORDERS:
            result = run("recorder-config", "--for", recorder, *flags, path.name)
            assert result.exit_code == 0, result.stderr
            assert _leaks(result.stdout + result.stderr) == [], f"{path.name}: {recorder}"
            assert '"api_key"' in result.stdout or "'api_key'" in result.stdout, result.stdout  # the redacted query parameter is named


def test_error_messages_are_masked(tmp_path: Path, run) -> None:
    """An error message quotes what it refuses: through the mask too."""
    path = tmp_path / "bad.yaml"
    path.write_text(f"version: {SECRETS['bearer']}\ninteractions: []\n")
    for command in (("ls",), ("show",), ("redact", "--check"), ("check",)):
        result = run(*command, path)
        assert result.exit_code == 2 and result.stderr.startswith("cassette: error: ")
        assert _leaks(result.stderr) == [], result.stderr


def test_raw_bytes_of_a_gzip_body_are_masked_inside(planted: list[Path]) -> None:
    """Piped `show --raw` writes a gzip body gzip-compressed, as recorded: its secret
    must be gone from the inflated bytes too (the matrix above only sees compressed bytes)."""
    import gzip
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    for name in ("vcrpy.yaml", "ruby.yml", "ruby.json", "polly.har", "langchain.yaml.gz"):
        proc = subprocess.run([sys.executable, "-m", "cassette_cli", "show", "--raw", name, "2"], capture_output=True, timeout=60, env=env)
        assert proc.returncode == 0, proc.stderr
        inflated = gzip.decompress(proc.stdout).decode()
        assert json.loads(inflated) == {"client_secret": "REDACTED"}, name


# --- diff and textconv: the "old" side of a change is masked as well as the new ------

def _rotated(value: str) -> str:
    """Another secret of the same shape: the last four characters reversed."""
    return value[:-4] + value[-4:][::-1]


def _changed_copy(path: Path) -> tuple[Path, frozenset[str]]:
    """The planted file with its answers changed and every secret rotated (a re-recording
    with new keys): what differs is exactly where the secrets are."""
    data = path.read_bytes()
    zipped = path.suffix == ".gz"
    # same-length changes: an httprr trace counts the bytes of each record
    text = (gzip.decompress(data) if zipped else data).decode("utf-8").replace("Paris", "Turin").replace("issued ", "grants ")
    rotated = set()
    for name, value in SECRETS.items():
        new = _rotated(value)
        assert new != value
        if name == "split_key":
            text = text.replace(value[20:], new[20:])
        else:
            text = text.replace(value, new)
        rotated.add(new)
    copy = path.with_name("changed-" + path.name)
    copy.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0) if zipped else text.encode("utf-8"))
    return copy, frozenset(rotated)


DIFF_MODES = [("diff",), ("diff", "--json"), ("diff", "--format", "markdown"), ("diff", "--all"), ("diff", "--all", "--json"), ("diff", "--all", "--format", "markdown")]


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
@pytest.mark.parametrize("mode", DIFF_MODES, ids=" ".join)
def test_diff_prints_no_planted_secret_on_either_side(planted: list[Path], run, mode: tuple[str, ...], terminal: str) -> None:
    for path in planted:
        copy, rotated = _changed_copy(path)
        also = _found(path) | _found(copy) | rotated
        for old, new in ((path, copy), (copy, path)):
            result = run(*mode, old.name, new.name, env=TERMINALS[terminal])
            assert result.exit_code == 1, result.stderr  # the answers changed
            assert _leaks(result.stdout + result.stderr, also) == [], f"{old.name} -> {new.name}: {' '.join(mode)} ({terminal})"
            assert "Turin" in ANSI.sub("", result.stdout) or "grants" in ANSI.sub("", result.stdout)


@pytest.mark.parametrize("mode", [("textconv",), ("textconv", "--all")], ids=" ".join)
def test_textconv_prints_no_planted_secret(planted: list[Path], run, mode: tuple[str, ...]) -> None:
    for path in planted:
        result = run(*mode, path.name)
        assert result.exit_code == 0, result.stderr
        assert "## POST https://api.example.com" in result.stdout  # nock keeps the port
        assert _leaks(result.stdout + result.stderr, _found(path)) == [], path.name
