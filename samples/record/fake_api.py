#!/usr/bin/env python3
"""A tiny fake LLM/HTTP API used to record the cassettes in samples/.

Python stdlib only. Listens on 127.0.0.1 only, answers a bounded number of
requests and stops by itself (after --max-requests requests, --timeout
seconds, or a GET /__shutdown). Every response is fake data; the secrets
the clients send are the fake ones in fake_secrets.json.

Endpoints
  POST /v1/chat/completions            OpenAI chat; SSE if "stream": true
  POST /api/v1/chat/completions        OpenRouter chat SSE (": OPENROUTER PROCESSING")
  POST /v1/messages                    Anthropic messages SSE (thinking + text)
  POST /v1/responses                   OpenAI Responses API SSE
  POST /v1beta/models/<m>:streamGenerateContent?alt=sse&key=...   Gemini SSE, CRLF
  POST /model/<id>/invoke-with-response-stream   Bedrock vnd.amazon.eventstream
  GET  /v1/models                      JSON, Content-Encoding: gzip
  GET  /v1/status                      plain JSON (spaced, long) + Set-Cookie
  POST /v1/login                       JSON body in, JSON out + Set-Cookie
  POST /oauth/token                    form POST in, JSON (access_token) out
  GET  /v1/files/blob                  application/octet-stream, invalid UTF-8
"""
import argparse
import base64
import gzip
import json
import os
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fake_secrets.json")) as f:
    SECRETS = json.load(f)

FIXED_DATE = "Mon, 02 Mar 2026 10:00:00 GMT"
CREATED = 1772445600  # 2026-03-02T10:00:00Z


def j(obj):
    """Compact JSON, as most LLM APIs send inside SSE data lines."""
    return json.dumps(obj, separators=(",", ":"))


# ---------------------------------------------------------------- streams

def openai_chat_events(model="gpt-4o-mini-2024-07-18", chunk_id="chatcmpl-FAKE0001"):
    base = {"id": chunk_id, "object": "chat.completion.chunk", "created": CREATED,
            "model": model, "system_fingerprint": "fp_fake0001"}

    def chunk(delta, finish=None):
        c = dict(base)
        c["choices"] = [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
        return "data: " + j(c) + "\n\n"

    out = [chunk({"role": "assistant", "content": "", "refusal": None})]
    for piece in ["Let me", " check", " the weather", " in Florence", " for you", "."]:
        out.append(chunk({"content": piece}))
    out.append(chunk({"tool_calls": [{"index": 0, "id": "call_FAKE0001", "type": "function",
                                      "function": {"name": "get_weather", "arguments": ""}}]}))
    for frag in ['{"lo', 'cation', '":"Flor', 'ence, Italy', '"}']:
        out.append(chunk({"tool_calls": [{"index": 0, "function": {"arguments": frag}}]}))
    out.append(chunk({}, "tool_calls"))
    usage = dict(base)
    usage["choices"] = []
    usage["usage"] = {"prompt_tokens": 57, "completion_tokens": 23, "total_tokens": 80}
    out.append("data: " + j(usage) + "\n\n")
    out.append("data: [DONE]\n\n")
    return out


def openrouter_events():
    base = {"id": "gen-1772445600-FAKEfakeFAKEfake0001", "provider": "FakeProvider",
            "model": "fake/fake-model-1", "object": "chat.completion.chunk", "created": CREATED}

    def chunk(delta, finish=None, native=None):
        c = dict(base)
        c["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish,
                         "native_finish_reason": native, "logprobs": None}]
        return "data: " + j(c) + "\n\n"

    out = [": OPENROUTER PROCESSING\n\n", ": OPENROUTER PROCESSING\n\n"]
    out.append(chunk({"role": "assistant", "content": ""}))
    for piece in ["The", " sky over", " Florence", " is clear", " today", "; let me", " fetch", " the forecast", "."]:
        out.append(chunk({"role": "assistant", "content": piece}))
    out.append(": OPENROUTER PROCESSING\n\n")
    out.append(chunk({"role": "assistant", "content": None, "tool_calls": [
        {"index": 0, "id": "call_FAKEor0001", "type": "function",
         "function": {"name": "get_forecast", "arguments": ""}}]}))
    for frag in ['{"city":', ' "Florence",', ' "days":', ' 3}']:
        out.append(chunk({"role": "assistant", "content": None, "tool_calls": [
            {"index": 0, "type": "function", "function": {"arguments": frag}}]}))
    out.append(chunk({"role": "assistant", "content": ""}, "tool_calls", "tool_calls"))
    usage = dict(base)
    usage["choices"] = [{"index": 0, "delta": {"role": "assistant", "content": ""},
                         "finish_reason": None, "native_finish_reason": None, "logprobs": None}]
    usage["usage"] = {"prompt_tokens": 91, "completion_tokens": 34, "total_tokens": 125,
                      "cost": 0.0000125, "is_byok": False,
                      "prompt_tokens_details": {"cached_tokens": 0},
                      "completion_tokens_details": {"reasoning_tokens": 0}}
    out.append("data: " + j(usage) + "\n\n")
    out.append("data: [DONE]\n\n")
    return out


def anthropic_event_objects():
    return [
        ("message_start", {"type": "message_start", "message": {
            "model": "claude-fake-4-5", "id": "msg_FAKE0001", "type": "message", "role": "assistant",
            "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 42, "cache_creation_input_tokens": 0,
                      "cache_read_input_tokens": 0, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0,
                                 "content_block": {"type": "thinking", "thinking": "", "signature": ""}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "thinking_delta", "thinking": "The user wants a greeting"}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "thinking_delta", "thinking": " in Portuguese."}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "signature_delta", "signature": "RkFLRXNpZ25hdHVyZUZBS0U="}}),
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("content_block_start", {"type": "content_block_start", "index": 1,
                                 "content_block": {"type": "text", "text": ""}}),
        ("ping", {"type": "ping"}),
        ("content_block_delta", {"type": "content_block_delta", "index": 1,
                                 "delta": {"type": "text_delta", "text": "Olá"}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 1,
                                 "delta": {"type": "text_delta", "text": "! Tudo"}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 1,
                                 "delta": {"type": "text_delta", "text": " bem?"}}),
        ("content_block_stop", {"type": "content_block_stop", "index": 1}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                           "usage": {"input_tokens": 42, "cache_creation_input_tokens": 0,
                                     "cache_read_input_tokens": 0, "output_tokens": 27}}),
        ("message_stop", {"type": "message_stop"}),
    ]


def anthropic_events(ascii_only=False):
    out = []
    for name, obj in anthropic_event_objects():
        data = json.dumps(obj, separators=(",", ":"), ensure_ascii=ascii_only)
        out.append("event: %s\ndata: %s\n\n" % (name, data))
    return out


def responses_events():
    rid = "resp_FAKE0001"
    mid = "msg_FAKE0001"
    seq = [0]
    out = []

    def ev(name, obj):
        obj = dict(obj)
        obj["type"] = name
        obj["sequence_number"] = seq[0]
        seq[0] += 1
        out.append("event: %s\ndata: %s\n\n" % (name, j(obj)))

    def resp(status, output, usage):
        return {"id": rid, "object": "response", "created_at": CREATED, "status": status,
                "model": "gpt-4.1-mini-2025-04-14", "output": output, "usage": usage}

    ev("response.created", {"response": resp("in_progress", [], None)})
    ev("response.in_progress", {"response": resp("in_progress", [], None)})
    item = {"id": mid, "type": "message", "status": "in_progress", "content": [], "role": "assistant"}
    ev("response.output_item.added", {"output_index": 0, "item": item})
    ev("response.content_part.added", {"item_id": mid, "output_index": 0, "content_index": 0,
                                       "part": {"type": "output_text", "annotations": [], "text": ""}})
    text = ""
    for piece in ["Two", " plus", " two", " is", " four", "."]:
        text += piece
        ev("response.output_text.delta", {"item_id": mid, "output_index": 0, "content_index": 0,
                                          "delta": piece})
    ev("response.output_text.done", {"item_id": mid, "output_index": 0, "content_index": 0, "text": text})
    part = {"type": "output_text", "annotations": [], "text": text}
    ev("response.content_part.done", {"item_id": mid, "output_index": 0, "content_index": 0, "part": part})
    done_item = {"id": mid, "type": "message", "status": "completed", "content": [part], "role": "assistant"}
    ev("response.output_item.done", {"output_index": 0, "item": done_item})
    usage = {"input_tokens": 12, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 6,
             "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 18}
    ev("response.completed", {"response": resp("completed", [done_item], usage)})
    return out


def gemini_events():
    def resp(parts, finish=None, usage=None):
        cand = {"content": {"parts": parts, "role": "model"}, "index": 0}
        if finish:
            cand["finishReason"] = finish
        r = {"candidates": [cand]}
        if usage:
            r["usageMetadata"] = usage
        r["modelVersion"] = "gemini-2.5-flash"
        r["responseId"] = "FAKEresp0001"
        return "data: " + json.dumps(r, separators=(",", ": "), ensure_ascii=False) + "\r\n\r\n"

    return [
        resp([{"text": "Florence is"}]),
        resp([{"text": " the capital of Tuscany \U0001F33B."}]),
        resp([{"functionCall": {"name": "get_weather", "args": {"location": "Florence"}}}]),
        resp([{"text": ""}], "STOP", {"promptTokenCount": 11, "candidatesTokenCount": 9,
                                      "totalTokenCount": 20}),
    ]


# ------------------------------------------------------- AWS eventstream

def _es_header(name, value):
    n = name.encode()
    v = value.encode()
    return struct.pack(">B", len(n)) + n + struct.pack(">BH", 7, len(v)) + v


def eventstream_frame(payload, event_type="chunk"):
    headers = (_es_header(":event-type", event_type)
               + _es_header(":content-type", "application/json")
               + _es_header(":message-type", "event"))
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    msg = prelude + headers + payload
    return msg + struct.pack(">I", zlib.crc32(msg))


def bedrock_frames():
    frames = []
    for _name, obj in anthropic_event_objects():
        if obj["type"] == "ping":
            continue
        if obj["type"] == "message_stop":
            obj = dict(obj)
            obj["amazon-bedrock-invocationMetrics"] = {
                "inputTokenCount": 42, "outputTokenCount": 27,
                "invocationLatency": 812, "firstByteLatency": 301}
        inner = base64.b64encode(j(obj).encode()).decode()
        frames.append(eventstream_frame(j({"bytes": inner}).encode()))
    return frames


# ------------------------------------------------------------- handler

def long_status():
    return {"status": "ok", "service": "fake-api",
            "description": "This is a fake status document with a long sentence so that emitters that fold long scalars at eighty columns have to fold it.",
            "regions": ["fake-east-1", "fake-west-2"],
            "components": [{"name": "chat", "state": "operational"},
                           {"name": "embeddings", "state": "degraded",
                            "note": "folded lines may start with a hash: #fake #sample #cassette #redaction #folding #yaml #test #demo #not-a-comment"}]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-api/1.0"
    sys_version = ""

    def date_time_string(self, timestamp=None):  # deterministic Date header
        return FIXED_DATE

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("fake_api: " + (fmt % args) + "\n")

    # -- helpers
    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _send(self, status, body, ctype, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status, obj, extra=()):
        self._send(status, (json.dumps(obj, indent=None) + "\n").encode(), "application/json", extra)

    def _stream(self, pieces, ctype, extra=()):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-cache")
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for p in pieces:
            b = p.encode() if isinstance(p, str) else p
            self.wfile.write(b"%x\r\n%s\r\n" % (len(b), b))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _count(self):
        with self.server.lock:
            self.server.handled += 1
            if self.server.handled >= self.server.max_requests:
                threading.Thread(target=self.server.shutdown, daemon=True).start()

    def _cookie(self):
        return ("Set-Cookie", "session=%s; Path=/; Expires=Tue, 03 Mar 2026 10:00:00 GMT; HttpOnly; Secure"
                % SECRETS["set_cookie_session"])

    # -- routes
    def do_GET(self):
        self._count()
        path = urlsplit(self.path).path
        if path == "/__shutdown":
            self._json(200, {"bye": True})
            threading.Thread(target=self.server.shutdown, daemon=True).start()
        elif path == "/v1/models":
            doc = {"object": "list", "data": [
                {"id": "fake-model-%d" % i, "object": "model", "created": CREATED, "owned_by": "fake-org"}
                for i in range(1, 6)]}
            body = gzip.compress((json.dumps(doc) + "\n").encode(), mtime=0)
            self._send(200, body, "application/json", [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
        elif path == "/v1/status":
            # no trailing newline: yaml.v2 then folds the one-line scalar at 80 columns
            self._send(200, json.dumps(long_status()).encode(), "application/json", [self._cookie()])
        elif path == "/v1/files/blob":
            blob = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(range(0x80, 0xC0)) + b"FAKE\xff\xfe\x00\x01"
            self._send(200, blob, "application/octet-stream")
        else:
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self):
        self._count()
        raw = self._body()
        u = urlsplit(self.path)
        path, query = u.path, parse_qs(u.query)
        try:
            req = json.loads(raw) if raw[:1] in (b"{", b"[") else {}
        except ValueError:
            req = {}
        if path == "/v1/chat/completions":
            if req.get("stream"):
                self._stream(openai_chat_events(), "text/event-stream; charset=utf-8",
                             [("openai-processing-ms", "123"), self._cookie()])
            else:
                self._json(200, {"id": "chatcmpl-FAKE0002", "object": "chat.completion", "created": CREATED,
                                 "model": "gpt-4o-mini-2024-07-18",
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from the fake API."},
                                              "finish_reason": "stop"}],
                                 "usage": {"prompt_tokens": 9, "completion_tokens": 6, "total_tokens": 15}})
        elif path == "/api/v1/chat/completions":
            self._stream(openrouter_events(), "text/event-stream")
        elif path == "/v1/messages":
            self._stream(anthropic_events(ascii_only=bool(query.get("ascii"))), "text/event-stream; charset=utf-8",
                         [("request-id", "req_FAKE0001"), ("anthropic-organization-id", "00000000-fake-fake-fake-000000000000")])
        elif path == "/v1/responses":
            self._stream(responses_events(), "text/event-stream; charset=utf-8")
        elif path.startswith("/v1beta/models/") and path.endswith(":streamGenerateContent"):
            if query.get("key", [""])[0] != SECRETS["google_key"]:
                self._json(403, {"error": {"code": 403, "message": "fake key mismatch"}})
            else:
                self._stream(gemini_events(), "text/event-stream")
        elif path.startswith("/model/") and path.endswith("/invoke-with-response-stream"):
            self._stream(bedrock_frames(), "application/vnd.amazon.eventstream",
                         [("X-Amzn-Requestid", "00000000-fake-fake-fake-000000000001"),
                          ("X-Amzn-Bedrock-Content-Type", "application/json")])
        elif path == "/v1/login":
            self._json(200, {"ok": True, "user": req.get("username", "fake-user"),
                             "token_type": "bearer"}, [self._cookie()])
        elif path == "/oauth/token":
            self._json(200, {"access_token": SECRETS["access_token_jwt"], "token_type": "Bearer",
                             "expires_in": 3600, "scope": "read write"})
        else:
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})


def make_server(port=0, max_requests=200, verbose=False):
    srv = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.handled = 0
    srv.max_requests = max_requests
    srv.verbose = verbose
    return srv


def start_in_thread(port=0, timeout=120, max_requests=200):
    """Start the server in a daemon thread; returns (server, base_url)."""
    srv = make_server(port, max_requests)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    timer = threading.Timer(timeout, srv.shutdown)
    timer.daemon = True
    timer.start()
    return srv, "http://127.0.0.1:%d" % srv.server_address[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--timeout", type=float, default=120, help="stop after this many seconds")
    ap.add_argument("--max-requests", type=int, default=200, help="stop after this many requests")
    ap.add_argument("--port-file", help="write the bound port here once listening")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    srv = make_server(a.port, a.max_requests, a.verbose)
    timer = threading.Timer(a.timeout, srv.shutdown)
    timer.daemon = True
    timer.start()
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as f:
            f.write(str(srv.server_address[1]))
        os.replace(a.port_file + ".tmp", a.port_file)
    print("fake_api listening on http://127.0.0.1:%d" % srv.server_address[1], file=sys.stderr, flush=True)
    try:
        srv.serve_forever(poll_interval=0.1)
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()
