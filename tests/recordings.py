"""Cassettes recorded by VCR.py (the real recorder) against samples/record/fake_api.py,
twice or more, for `cassette diff` and `cassette textconv`.

Every session runs against one server (one port) in this process. A re-recording
changes what a re-recording changes anyway, so a diff has something to ignore: the Date
header, the Set-Cookie expiry, the processing time, chunk ids and `created`, and the
chunk boundaries of the streams (every text delta split in two). `answer` replaces
text in the streamed OpenAI answer: the one change in the answers a test makes."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .conftest import SAMPLES

RECORD = SAMPLES / "record"
CHAT = {
    "model": "gpt-4o-mini",
    "stream": True,
    "stream_options": {"include_usage": True},
    "messages": [{"role": "user", "content": "What's the weather in Florence?"}],
}
# the requests of one session, by name, in order
REQUESTS = ("chat", "messages", "status", "login", "responses")


def fake_api() -> Any:
    if str(RECORD) not in sys.path:
        sys.path.insert(0, str(RECORD))
    import fake_api as module

    return module


@contextlib.contextmanager
def server() -> Iterator[str]:
    api = fake_api()
    srv, base = api.start_in_thread(port=0, timeout=600, max_requests=10_000)
    try:
        yield base
    finally:
        srv.shutdown()
        srv.server_close()


def _rechunked(pieces: list[str]) -> list[str]:
    """The same stream with every text delta split in two: other chunk boundaries."""
    out = []
    for piece in pieces:
        if not piece.startswith("data: {"):
            out.append(piece)
            continue
        chunk = json.loads(piece[6:])
        delta = chunk["choices"][0]["delta"] if chunk.get("choices") else {}
        content = delta.get("content")
        if not content or len(content) < 2:
            out.append(piece)
            continue
        half = len(content) // 2
        for part in (content[:half], content[half:]):
            copy = json.loads(json.dumps(chunk))
            copy["choices"][0]["delta"]["content"] = part
            out.append("data: " + json.dumps(copy, separators=(",", ":")) + "\n\n")
    return out


@contextlib.contextmanager
def rerecording(answer: tuple[str, str] | None = None) -> Iterator[None]:
    """The fake API as on another day: other dates, ids, expiry, chunks; `answer`
    (old, new) changes the text of the streamed chat answer."""
    api = fake_api()
    saved = (api.CREATED, api.FIXED_DATE, api.openai_chat_events, api.Handler._cookie)
    original_events = api.openai_chat_events

    def events(model: str = "gpt-4o-mini-2024-07-18", chunk_id: str = "chatcmpl-FAKE0001") -> list[str]:
        pieces = original_events(model, "chatcmpl-RERECORDED9")
        if answer is not None:
            pieces = [p.replace(json.dumps(" in " + answer[0])[1:-1], json.dumps(" in " + answer[1])[1:-1]) if '"content":' in p else p for p in pieces]
        return _rechunked(pieces)

    def cookie(self: Any) -> tuple[str, str]:
        return ("Set-Cookie", "session=%s; Path=/; Expires=Fri, 04 Dec 2026 09:00:00 GMT; HttpOnly; Secure" % api.SECRETS["set_cookie_session"])

    api.CREATED = saved[0] + 86_400 * 275
    api.FIXED_DATE = "Thu, 03 Dec 2026 09:00:00 GMT"
    api.openai_chat_events = events
    api.Handler._cookie = cookie
    try:
        yield
    finally:
        api.CREATED, api.FIXED_DATE, api.openai_chat_events, api.Handler._cookie = saved


def record(base: str, path: Path, order: tuple[str, ...] = REQUESTS, serializer: str = "yaml") -> Path:
    """One VCR.py session: the named requests, in that order, into a new cassette."""
    import requests
    import vcr

    secrets = fake_api().SECRETS
    calls = {
        "chat": lambda: requests.post(base + "/v1/chat/completions", json=CHAT, headers={"Authorization": "Bearer " + secrets["openai_key"]}),
        "messages": lambda: requests.post(base + "/v1/messages", json={"model": "claude-fake-4-5", "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "Say hi"}]}, headers={"x-api-key": secrets["anthropic_key"]}),
        "status": lambda: requests.get(base + "/v1/status"),
        "login": lambda: requests.post(base + "/v1/login", json={"username": "fake-user", "password": secrets["password"]}),
        "responses": lambda: requests.post(base + "/v1/responses", json={"model": "gpt-4.1-mini", "input": "What is 2+2?", "stream": True}),
        "models": lambda: requests.get(base + "/v1/models"),
    }
    if path.exists():
        path.unlink()
    with vcr.VCR(record_mode="once").use_cassette(str(path), serializer=serializer):
        for name in order:
            calls[name]().content
    return path


def converted(source: Path, target: Path, fmt: str) -> Path:
    """A VCR.py cassette written as another recorder would keep the same interactions
    (`ruby-vcr` or `go-vcr-v2`): format conversion, the recorders of those being absent."""
    import yaml

    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.suffix != ".json" else json.loads(source.read_text(encoding="utf-8"))
    items = data["interactions"]
    if fmt == "ruby-vcr":
        doc: dict[str, Any] = {
            "http_interactions": [
                {
                    "request": {"method": i["request"]["method"].lower(), "uri": i["request"]["uri"], "body": {"encoding": "UTF-8", "string": i["request"]["body"] or ""}, "headers": i["request"]["headers"]},
                    "response": {"status": i["response"]["status"], "headers": i["response"]["headers"], "body": {"encoding": "UTF-8", "string": i["response"]["body"]["string"]}, "http_version": "1.1"},
                    "recorded_at": "Thu, 03 Dec 2026 09:00:00 GMT",
                }
                for i in items
            ],
            "recorded_with": "VCR 6.3.1",
        }
        target.write_text("---\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    elif fmt == "go-vcr-v2":
        doc = {
            "version": 2,
            "interactions": [
                {
                    "id": n,
                    "request": {"proto": "HTTP/1.1", "body": i["request"]["body"] or "", "headers": i["request"]["headers"], "url": i["request"]["uri"], "method": i["request"]["method"]},
                    "response": {"body": i["response"]["body"]["string"], "headers": i["response"]["headers"], "status": f"{i['response']['status']['code']} {i['response']['status']['message']}", "code": i["response"]["status"]["code"], "duration": "12.5ms"},
                }
                for n, i in enumerate(items)
            ],
        }
        target.write_text("---\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    else:
        raise ValueError(fmt)
    return target
