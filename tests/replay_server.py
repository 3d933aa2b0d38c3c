"""A local HTTP API for the replay end-to-end tests (issue 16): a GET that takes an
`api_key` query parameter and a bearer token, and a form POST with a password. It answers
only when the credentials are the fake ones below, so a recording is known to hold them."""

from __future__ import annotations

import json
import sys
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]

# Fake credentials shaped like real ones, so the built-in rules find them.
API_KEY = "k3yQ8vR2xZ7mN4pL9sT1"
TOKEN = "sk-proj-Zx81Kq0Lm3Np6Rs9Tv2Wy5Ab8Cd1Ef4Gh7Ij0Kl"
PASSWORD = "hunter2-Correct-Horse"
SECRETS = (API_KEY, TOKEN, PASSWORD)
ENV = {"REPLAY_API_KEY": API_KEY, "REPLAY_TOKEN": TOKEN, "REPLAY_PASSWORD": PASSWORD}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, ok: bool, payload: dict[str, object]) -> None:
        body = json.dumps(payload if ok else {"error": "bad credentials"}).encode()
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        query = parse_qs(urlsplit(self.path).query)
        ok = query.get("api_key") == [API_KEY] and self.headers.get("Authorization") == f"Bearer {TOKEN}"
        self._answer(ok, {"weather": "sunny", "city": query.get("city", ["?"])[0]})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        self._answer(form.get("password") == [PASSWORD], {"user": form.get("user", ["?"])[0], "logged_in": True})


class FakeApi:
    """`with FakeApi() as api:` serves on 127.0.0.1:api.port until the block ends."""

    def __enter__(self) -> "FakeApi":
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def cassette(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "cassette_cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def clean_env(base: dict[str, str]) -> dict[str, str]:
    """The environment without the fake secrets (CI replays with none set)."""
    return {k: v for k, v in base.items() if k not in ENV and not any(s in v for s in SECRETS)}
