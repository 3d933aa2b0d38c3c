#!/usr/bin/env python3
"""Deterministic benchmark cassettes for `cassette` (see bench/README.md).

Writes into an output directory (default: bench/out/, git-ignored):

  many-small.yaml   ~10 MB go-vcr format 2, yaml.v3 layout (4-space, like go-vcr v4),
                    thousands of small interactions
  few-huge.yaml     ~50 MB go-vcr format 2, charm compact layout (2-space), a few
                    interactions with huge bodies (|+ SSE streams, long double-quoted
                    JSON, one !!binary body)
  precommit/        300 small cassettes (2-6 KB) of mixed formats: go-vcr v2 (both
                    layouts), VCR.py (PyYAML CDumper), Ruby VCR (Psych-like)
  manifest.json     sizes, interaction counts and the fake secrets planted per file

Every secret is fake: it contains the word FAKE and is drawn from a seeded PRNG, but has
the shape scanners look for (sk-proj-..., sk-ant-api03-..., AKIA..., AIza..., ghp_...).

The go-vcr files are written by a small emitter in this file that follows go-yaml v3's
choices (scalar styles, indentation, no folding, 70-column base64), not by a YAML dumper.
Each file is checked by loading it with yaml.CSafeLoader and comparing with the data it
was generated from.

Usage: python bench/make_cassettes.py [--out DIR] [--only NAME ...] [--no-verify]
"""
from __future__ import annotations

import argparse
import base64
import json
import random
import re
import string
import sys
import time
from pathlib import Path

GEN_VERSION = 1
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"

ALNUM = string.ascii_letters + string.digits
WORDCH = ALNUM + "_-"
B32UP = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"

# --------------------------------------------------------------------------------------
# Fake secrets
# --------------------------------------------------------------------------------------


def rs(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choices(alphabet, k=n))


class Secrets:
    """Makes shape-valid fake secrets and remembers which were planted."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.planted: list[str] = []

    def _keep(self, s: str) -> str:
        self.planted.append(s)
        return s

    def openai(self) -> str:  # sk-proj- + 48 [A-Za-z0-9], with the T3BlbkFJ marker
        return self._keep("sk-proj-FAKE" + rs(self.rng, ALNUM, 16) + "T3BlbkFJ" + rs(self.rng, ALNUM, 20))

    def anthropic(self) -> str:  # sk-ant-api03- + 93 [\w-] + AA
        return self._keep("sk-ant-api03-FAKE" + rs(self.rng, WORDCH, 89) + "AA")

    def aws(self) -> str:  # AKIA + 16 [A-Z2-7]
        return self._keep("AKIAFAKE" + rs(self.rng, B32UP, 12))

    def google(self) -> str:  # AIza + 35 [\w-]
        return self._keep("AIzaFAKE" + rs(self.rng, WORDCH, 31))

    def github(self) -> str:  # ghp_ + 36 [A-Za-z0-9]
        return self._keep("ghp_FAKE" + rs(self.rng, ALNUM, 32))

    def session(self) -> str:  # cookie value, not a pattern secret but header-redactable
        return "FAKE" + rs(self.rng, ALNUM, 28)


# --------------------------------------------------------------------------------------
# A go-yaml v3 style emitter (only what cassettes need)
# --------------------------------------------------------------------------------------

_SPECIAL_WORDS = {
    "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
    "off", "Off", "OFF", "<<", "=",
}
_NON_STR_RE = re.compile(
    r"""[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F_]+|0b[01_]+)
      |[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
      |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
      |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
      |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*""",
    re.X,
)
_PLAIN_ASCII_RE = re.compile(r"[\x20-\x7e]*\Z")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _printable(ch: str) -> bool:
    """go-yaml's is_printable (BMP only: characters above U+FFFF are not printable)."""
    o = ord(ch)
    return (
        o == 0x0A
        or 0x20 <= o <= 0x7E
        or (0xA0 <= o <= 0xD7FF)
        or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
    )


def _all_printable(s: str) -> bool:
    if _PLAIN_ASCII_RE.match(s):
        return True
    return all(_printable(c) for c in s)


def _resolves_non_str(s: str) -> bool:
    return s in _SPECIAL_WORDS or _NON_STR_RE.fullmatch(s) is not None


def _plain_ok(s: str) -> bool:
    if not s or "\n" in s or s[0] == " " or s[-1] == " ":
        return False
    if s.startswith(("---", "...")):
        return False
    c0 = s[0]
    if c0 in _INDICATORS:
        if not (c0 in "-?:" and len(s) > 1 and s[1] != " "):
            return False
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return False
    return _all_printable(s)


_DQ_ESC = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N",
    "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}
_DQ_NEEDS = re.compile(r'[^\x20-\x21\x23-\x5b\x5d-\x7e]')


def _dq_char(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _DQ_ESC:
        return _DQ_ESC[ch]
    o = ord(ch)
    if _printable(ch) and o != 0xFEFF:
        return ch
    if o <= 0xFF:
        return "\\x%02X" % o
    if o <= 0xFFFF:
        return "\\u%04X" % o
    return "\\U%08X" % o


def double_quoted(s: str) -> str:
    return '"' + _DQ_NEEDS.sub(_dq_char, s) + '"'


def single_quoted(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _literal_ok(s: str) -> bool:
    if not _all_printable(s):
        return False
    if " \n" in s or s.endswith(" ") or s.startswith((" ", "\n")):
        return False  # space_break / trailing space / would need an indentation indicator
    return True


class GoYaml:
    """Emit nested dict/list/scalars the way go-yaml v3 Marshal does.

    step=4, compact=False: stock yaml.v3 (go-vcr v2.1+ / v3 / v4)
    step=2, compact=True:  charm.land/x/vcr (SetIndent(2) + CompactSeqIndent())
    """

    def __init__(self, step: int = 4, compact: bool = False):
        self.step = step
        self.compact = compact

    def next_indent(self, i: int) -> int:
        return (i + self.step) // self.step * self.step

    def dump(self, data: dict) -> str:
        out: list[str] = ["---\n"]  # go-vcr's Save() prepends this
        self._map(data, 0, out)
        return "".join(out)

    def _map(self, d: dict, indent: int, out: list, first_prefix: str | None = None) -> None:
        pad = " " * indent
        first = True
        for k, v in d.items():
            lead = first_prefix if (first and first_prefix is not None) else pad
            first = False
            self._entry(lead + self._key(k) + ":", v, indent, out)

    def _key(self, k: str) -> str:
        if _plain_ok(k) and not _resolves_non_str(k):
            return k
        return double_quoted(k)

    def _entry(self, head: str, v, indent: int, out: list) -> None:
        if isinstance(v, dict):
            if not v:
                out.append(head + " {}\n")
            else:
                out.append(head + "\n")
                self._map(v, self.next_indent(indent), out)
        elif isinstance(v, list):
            if not v:
                out.append(head + " []\n")
            else:
                out.append(head + "\n")
                self._seq(v, indent if self.compact else self.next_indent(indent), out)
        else:
            self._scalar(head + " ", v, self.next_indent(indent), out)

    def _seq(self, lst: list, indent: int, out: list) -> None:
        pad = " " * indent
        for item in lst:
            if isinstance(item, dict) and item:
                self._map(item, indent + 2, out, first_prefix=pad + "- ")
            else:
                self._scalar(pad + "- ", item, self.next_indent(indent), out)

    def _scalar(self, prefix: str, v, block_indent: int, out: list) -> None:
        if v is None:
            out.append(prefix + "null\n")
        elif v is True or v is False:
            out.append(prefix + ("true\n" if v else "false\n"))
        elif isinstance(v, int):
            out.append(prefix + str(v) + "\n")
        elif isinstance(v, bytes):
            b64 = base64.b64encode(v).decode("ascii")
            pad = " " * block_indent
            out.append(prefix + "!!binary |\n")
            out.extend(pad + b64[i:i + 70] + "\n" for i in range(0, len(b64), 70))
        elif isinstance(v, str):
            out.append(prefix + self._str(v, block_indent) + "\n")
        else:
            raise TypeError(type(v))

    def _str(self, s: str, block_indent: int) -> str:
        if "\n" in s:
            if _literal_ok(s):
                if not s.endswith("\n"):
                    chomp, body = "-", s
                elif s.endswith("\n\n"):
                    chomp, body = "+", s[:-1]
                else:
                    chomp, body = "", s[:-1]
                pad = " " * block_indent
                lines = body.split("\n")
                return "|" + chomp + "\n" + "\n".join(pad + ln if ln else "" for ln in lines)
            return double_quoted(s)
        if _resolves_non_str(s):
            return double_quoted(s)
        if _plain_ok(s):
            return s
        if _all_printable(s):
            return single_quoted(s)
        return double_quoted(s)


# --------------------------------------------------------------------------------------
# Shared content helpers
# --------------------------------------------------------------------------------------

WORDS = (
    "the a an of to and in is it for on with as be at by this that from or are was "
    "model stream token cassette replay record request response header body event data "
    "chunk delta content assistant user system tool call function result error retry "
    "latency cache prompt completion usage cost byte buffer parser yaml json http proxy "
    "server client what's it's don't hello world pelican llama gopher ruby python"
).split()


def sentence(rng: random.Random, n: int) -> str:
    w = rng.choices(WORDS, k=n)
    w[0] = w[0].capitalize()
    return " ".join(w) + rng.choice([".", "?", "!", "."])


def go_duration(ns: int) -> str:
    """time.Duration.String() for durations below one minute."""
    def frac(v: int, unit: int, suffix: str) -> str:
        whole, rem = divmod(v, unit)
        if rem == 0:
            return f"{whole}{suffix}"
        digits = len(str(unit)) - 1
        return f"{whole}.{str(rem).rjust(digits, '0').rstrip('0')}{suffix}"
    if ns < 1000:
        return f"{ns}ns"
    if ns < 1_000_000:
        return frac(ns, 1000, "\u00b5s")
    if ns < 1_000_000_000:
        return frac(ns, 1_000_000, "ms")
    return frac(ns, 1_000_000_000, "s")


def http_date(rng: random.Random) -> str:
    day = rng.randint(1, 28)
    t = rng.randint(0, 86399)
    dow = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day % 7]
    return f"{dow}, {day:02d} Mar 2025 {t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d} GMT"


def status_line(rng: random.Random) -> tuple[int, str]:
    r = rng.random()
    if r < 0.85:
        return 200, "200 OK"
    return rng.choice([(201, "201 Created"), (400, "400 Bad Request"), (401, "401 Unauthorized"),
                       (404, "404 Not Found"), (429, "429 Too Many Requests"),
                       (500, "500 Internal Server Error")])


def jdump(o) -> str:
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)


def go_req_base(host: str, body: str, content_length: int | None = None) -> dict:
    return {
        "proto": "HTTP/1.1",
        "proto_major": 1,
        "proto_minor": 1,
        "content_length": len(body.encode()) if content_length is None else content_length,
        "transfer_encoding": [],
        "trailer": {},
        "host": host,
        "remote_addr": "",
        "request_uri": "",
        "body": body,
        "form": {},
    }


# --------------------------------------------------------------------------------------
# many-small.yaml
# --------------------------------------------------------------------------------------

ENDPOINTS = [
    ("api.openai.com", "/v1/chat/completions", "POST", "openai"),
    ("api.openai.com", "/v1/models", "GET", "openai"),
    ("api.anthropic.com", "/v1/messages", "POST", "anthropic"),
    ("generativelanguage.googleapis.com", "/v1beta/models/gemini-2.5-flash:generateContent", "POST", "google"),
    ("api.example.com", "/v2/items", "GET", "example"),
    ("auth.example.com", "/oauth/token", "POST", "form"),
    ("httpbin.org", "/anything", "GET", "httpbin"),
]


def small_interaction(rng: random.Random, sec: Secrets, idx: int) -> dict:
    host, path, method, kind = rng.choices(ENDPOINTS, weights=[30, 8, 15, 10, 20, 7, 10])[0]
    query = ""
    form: dict = {}
    body = ""
    headers: dict[str, list[str]] = {}
    if kind == "openai":
        headers["Authorization"] = ["Bearer " + (sec.openai() if rng.random() < 0.6 else "sk-proj-REDACTED")]
        headers["Openai-Organization"] = ["org-FAKE" + rs(rng, ALNUM, 20)]
        if method == "POST":
            body = jdump({"model": rng.choice(["gpt-4o-mini", "gpt-4.1", "o4-mini"]),
                          "messages": [{"role": "user", "content": sentence(rng, rng.randint(3, 10))}],
                          "temperature": round(rng.random(), 2)})
    elif kind == "anthropic":
        if rng.random() < 0.5:
            headers["X-Api-Key"] = [sec.anthropic()]
        headers["Anthropic-Version"] = ["2023-06-01"]
        body = jdump({"max_tokens": 1024, "model": "claude-sonnet-4-5",
                      "messages": [{"role": "user", "content": sentence(rng, rng.randint(3, 10))}]})
    elif kind == "google":
        query = "?key=" + (sec.google() if rng.random() < 0.5 else "AIzaREDACTED")
        body = jdump({"contents": [{"role": "user", "parts": [{"text": sentence(rng, rng.randint(4, 12))}]}]})
    elif kind == "example":
        q = [f"page={rng.randint(1, 40)}", f"per_page={rng.choice([20, 50, 100])}"]
        if rng.random() < 0.4:
            q.append("api_key=FAKE" + rs(rng, HEX, 28))
        if rng.random() < 0.3:
            q.append("sort=-created_at")
        query = "?" + "&".join(q)
    elif kind == "form":
        secret = "FAKE" + rs(rng, ALNUM, 36)
        cid = "client-" + rs(rng, HEX, 12)
        body = f"client_id={cid}&client_secret={secret}&grant_type=client_credentials"
        form = {"client_id": [cid], "client_secret": [secret], "grant_type": ["client_credentials"]}
        headers["Content-Type"] = ["application/x-www-form-urlencoded"]
    elif kind == "httpbin":
        query = "?q=" + rng.choice(WORDS) + "&n=" + str(rng.randint(1, 999))

    # filler headers, Go-canonical names
    pool = {
        "Accept": [rng.choice(["application/json", "*/*", "text/event-stream"])],
        "Accept-Encoding": ["gzip"],
        "Content-Type": ["application/json"],
        "User-Agent": [rng.choice(["Go-http-client/1.1", "OpenAI/Go 1.12.0", "Charm-Fantasy/0.21.0 (https://charm.land/fantasy)"])],
        "X-Request-Id": ["req_" + rs(rng, HEX, 32)],
        "X-Stainless-Arch": [rng.choice(["x64", "arm64"])],
        "X-Stainless-Lang": ["go"],
        "X-Stainless-Os": [rng.choice(["Linux", "MacOS"])],
        "X-Stainless-Package-Version": ["1.12.0"],
        "X-Stainless-Retry-Count": [str(rng.randint(0, 2))],
        "X-Stainless-Runtime": ["go"],
        "X-Stainless-Runtime-Version": ["go1.24.2"],
        "Traceparent": [f"00-{rs(rng, HEX, 32)}-{rs(rng, HEX, 16)}-01"],
        "Idempotency-Key": ["stainless-go-retry-" + rs(rng, HEX, 8) + "-" + rs(rng, HEX, 4)],
        "Cache-Control": ["no-cache"],
    }
    if rng.random() < 0.25:
        pool["Cookie"] = [f"session={sec.session()}; __cf_bm={rs(rng, ALNUM, 24)}-{rng.randint(10**9, 2 * 10**9)}"]
    if "Authorization" not in headers and rng.random() < 0.2:
        headers["Authorization"] = ["Bearer " + sec.openai()]
    want = rng.randint(8, 12) if rng.random() < 0.85 else rng.randint(13, 15)
    for name in rng.sample(sorted(pool), k=len(pool)):
        if len(headers) >= want:
            break
        headers.setdefault(name, pool[name])
    if "Cookie" in pool and "Cookie" not in headers:
        headers["Cookie"] = pool["Cookie"]
    headers = dict(sorted(headers.items()))

    req = go_req_base(host, body)
    req["form"] = form
    req["headers"] = headers
    req["url"] = f"https://{host}{path}{query}"
    req["method"] = method

    code, status = status_line(rng)
    r = rng.random()
    if kind == "httpbin" or r < 0.12:
        # httpbin-style pretty JSON with ", \n": space before newline => double-quoted
        obj = {"args": {}, "data": body, "headers": {k: v[0] for k, v in list(headers.items())[:4]},
               "origin": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
               "url": req["url"]}
        rbody = json.dumps(obj, indent=2, separators=(", ", ": ")) + "\n"
    elif r < 0.22:
        # pretty JSON without trailing spaces => literal block
        rbody = json.dumps({"id": "obj_" + rs(rng, HEX, 16), "ok": code < 400,
                            "text": sentence(rng, rng.randint(3, 10))}, indent=2) + "\n"
    elif code >= 400:
        rbody = jdump({"error": {"message": sentence(rng, 8), "type": "invalid_request_error", "code": None}})
    else:
        rbody = jdump({"id": "chatcmpl-" + rs(rng, ALNUM, 24), "object": "chat.completion",
                       "created": 1741960000 + idx, "model": "gpt-4o-mini",
                       "choices": [{"index": 0, "message": {"role": "assistant",
                                                            "content": sentence(rng, rng.randint(3, 16))},
                                    "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": rng.randint(5, 200), "completion_tokens": rng.randint(5, 300)}})
    rh = {
        "Access-Control-Allow-Origin": ["*"],
        "Cf-Ray": [rs(rng, HEX, 16) + "-" + rng.choice(["LHR", "SJC", "FRA", "IAD"])],
        "Content-Length": [str(len(rbody.encode()))],
        "Content-Type": ["application/json"],
        "Date": [http_date(rng)],
        "Openai-Processing-Ms": [str(rng.randint(50, 4000))],
        "Server": [rng.choice(["cloudflare", "gunicorn/19.9.0", "ESF"])],
        "Strict-Transport-Security": ["max-age=31536000; includeSubDomains; preload"],
        "X-Content-Type-Options": ["nosniff"],
        "X-Ratelimit-Remaining-Requests": [str(rng.randint(0, 10000))],
        "Access-Control-Allow-Credentials": ["true"],
        "Vary": ["Origin"],
    }
    if rng.random() < 0.15:
        rh["Set-Cookie"] = [f"__cf_bm={sec.session()}; path=/; expires={http_date(rng)}; domain=.{host}; HttpOnly; Secure"]
    keep = rng.sample(sorted(rh), k=rng.randint(4, 8))
    rh = {k: rh[k] for k in sorted(keep)}
    r2 = rng.random()
    if r2 < 0.03:
        ns = rng.randint(200_000, 999_999)  # Go prints these with a micro sign: 512.3µs
    elif r2 < 0.15:
        ns = rng.randint(1_000_000_000, 9_999_999_999)
    else:
        ns = rng.randint(10_000_000, 999_999_999)
    resp = {
        "proto": "HTTP/2.0",
        "proto_major": 2,
        "proto_minor": 0,
        "transfer_encoding": [],
        "trailer": {},
        "content_length": len(rbody.encode()),
        "uncompressed": False,
        "body": rbody,
        "headers": rh,
        "status": status,
        "code": code,
        "duration": go_duration(ns),
    }
    return {"id": idx, "request": req, "response": resp}


def make_many_small(n: int = 5000, seed: int = 1) -> tuple[dict, str, list[str]]:
    rng = random.Random(seed)
    sec = Secrets(rng)
    data = {"version": 2, "interactions": [small_interaction(rng, sec, i) for i in range(n)]}
    return data, GoYaml(step=4, compact=False).dump(data), sec.planted


# --------------------------------------------------------------------------------------
# few-huge.yaml
# --------------------------------------------------------------------------------------

def sse_openai(rng: random.Random, target: int, secret: str | None) -> str:
    cid = "chatcmpl-" + rs(rng, ALNUM, 29)
    parts = [": OPENROUTER PROCESSING\n\n"] if rng.random() < 0.5 else []
    size = 0
    n = 0
    plant_at = 1500
    while size < target:
        text = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        if n == 7:
            text = "Olá! ça va? "
        if secret and n == plant_at:
            text = f"your key is {secret} "
        chunk = {"id": cid, "object": "chat.completion.chunk", "created": 1741960908,
                 "model": "gpt-4o-2024-08-06", "system_fingerprint": "fp_" + rs(rng, HEX, 10),
                 "choices": [{"index": 0, "delta": {"content": text}, "logprobs": None, "finish_reason": None}]}
        line = "data: " + jdump(chunk) + "\n\n"
        parts.append(line)
        size += len(line)
        n += 1
    parts.append("data: " + jdump({"id": cid, "object": "chat.completion.chunk", "choices": [],
                                   "usage": {"prompt_tokens": 11, "completion_tokens": n, "total_tokens": n + 11}}) + "\n\n")
    parts.append("data: [DONE]\n\n")
    return "".join(parts)


def sse_anthropic(rng: random.Random, target: int) -> str:
    mid = "msg_" + rs(rng, ALNUM, 24)
    parts = [
        "event: message_start\n",
        "data: " + jdump({"type": "message_start", "message": {"id": mid, "type": "message", "role": "assistant",
                                                               "model": "claude-sonnet-4-5", "content": []}}) + "\n\n",
        "event: content_block_start\n",
        "data: " + jdump({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}) + "\n\n",
        "event: ping\ndata: {\"type\": \"ping\"}\n\n",
    ]
    size = sum(map(len, parts))
    while size < target:
        ev = "event: content_block_delta\ndata: " + jdump(
            {"type": "content_block_delta", "index": 0,
             "delta": {"type": "text_delta", "text": " ".join(rng.choices(WORDS, k=rng.randint(1, 6)))}}) + "\n\n"
        parts.append(ev)
        size += len(ev)
    parts.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n")
    parts.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
    return "".join(parts)


def sse_gemini_crlf(rng: random.Random, target: int, secret: str) -> str:
    """Gemini-style SSE with CRLF and an emoji: go-yaml writes it as one double-quoted line."""
    parts = []
    size = 0
    n = 0
    while size < target:
        text = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
        if n % 997 == 3:
            text += " \U0001F60A"
        if n == 2000:
            text += f" (debug: x-goog-api-key={secret})"
        ev = "data: " + jdump({"candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "index": 0}],
                               "usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": n + 1},
                               "modelVersion": "gemini-2.5-flash"}) + "\r\n\r\n"
        parts.append(ev)
        size += len(ev)
        n += 1
    return "".join(parts)


def sse_responses(rng: random.Random, target: int, secret: str) -> str:
    parts = []
    size = 0
    seq = 0
    while size < target:
        delta = " ".join(rng.choices(WORDS, k=rng.randint(1, 3)))
        if seq == 4321:
            delta = f"export GITHUB_TOKEN={secret}"
        ev = "event: response.output_text.delta\ndata: " + jdump(
            {"type": "response.output_text.delta", "sequence_number": seq, "item_id": "msg_" + rs(rng, HEX, 40),
             "output_index": 0, "content_index": 0, "delta": delta, "logprobs": []}) + "\n\n"
        parts.append(ev)
        size += len(ev)
        seq += 1
    parts.append("event: response.completed\ndata: " + jdump({"type": "response.completed", "sequence_number": seq}) + "\n\n")
    return "".join(parts)


def embeddings_pretty(rng: random.Random, target: int) -> str:
    """Pretty JSON with ", \\n" (space before newline): go-yaml writes it double-quoted."""
    items = []
    size = 0
    i = 0
    while size < target:
        vec = [round(rng.uniform(-0.1, 0.1), 8) for _ in range(256)]
        items.append({"object": "embedding", "index": i, "embedding": vec})
        size += 256 * 14 + 60
        i += 1
    return json.dumps({"object": "list", "data": items, "model": "text-embedding-3-small",
                       "usage": {"prompt_tokens": 8 * i, "total_tokens": 8 * i}},
                      indent=2, separators=(", ", ": ")) + "\n"


def eventstream_bytes(rng: random.Random, target: int, secret: str) -> bytes:
    """AWS eventstream-ish frames: binary prelude + JSON payload; invalid UTF-8 => !!binary."""
    out = bytearray()
    n = 0
    while len(out) < target:
        text = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
        if n == 500:
            text = f"aws_access_key_id={secret}"
        payload = jdump({"bytes": base64.b64encode(jdump({"type": "content_block_delta",
                                                           "delta": {"type": "text_delta", "text": text}}).encode()).decode(),
                         "p": rs(rng, ALNUM, rng.randint(5, 40))}).encode()
        headers = b"\x0b:event-type\x07\x00\x05chunk\r:content-type\x07\x00\x10application/json\r:message-type\x07\x00\x05event"
        total = 12 + len(headers) + len(payload) + 4
        out += total.to_bytes(4, "big") + len(headers).to_bytes(4, "big") + rng.randbytes(4)
        out += headers + payload + rng.randbytes(3) + b"\xff"
        n += 1
    return bytes(out)


def huge_interaction(idx: int, host: str, path: str, req_body: str, req_headers: dict,
                     resp_body, resp_headers: dict, query: str = "", stream: bool = True,
                     duration_ns: int = 1_008_848_875) -> dict:
    req = {
        "proto": "HTTP/1.1",
        "proto_major": 1,
        "proto_minor": 1,
        "content_length": len(req_body.encode()),
        "host": "",
        "body": req_body,
        "headers": dict(sorted(req_headers.items())),
        "url": f"https://{host}{path}{query}",
        "method": "POST" if req_body else "GET",
    }
    resp = {
        "proto": "HTTP/2.0",
        "proto_major": 2,
        "proto_minor": 0,
        "content_length": -1 if stream else len(resp_body if isinstance(resp_body, bytes) else resp_body.encode()),
    }
    if not stream:
        resp["uncompressed"] = True
    resp.update({
        "body": resp_body,
        "headers": dict(sorted(resp_headers.items())),
        "status": "200 OK",
        "code": 200,
        "duration": go_duration(duration_ns),
    })
    return {"id": idx, "request": req, "response": resp}


def make_few_huge(scale: float = 1.0, seed: int = 2) -> tuple[dict, str, list[str]]:
    rng = random.Random(seed)
    sec = Secrets(rng)
    MB = int(1_000_000 * scale)
    ua = {"User-Agent": ["Charm-Fantasy/0.21.0 (https://charm.land/fantasy)"]}
    json_h = {"Accept": ["application/json"], "Content-Type": ["application/json"], **ua}
    sse_h = {"Content-Type": ["text/event-stream"]}
    big_prompt = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(int(1.5 * MB / 90)))
    inter = []
    # 0: OpenAI chat stream, huge single-quoted request (prompt contains apostrophes), |+ SSE
    inter.append(huge_interaction(
        0, "api.openai.com", "/v1/chat/completions",
        jdump({"model": "gpt-4o", "messages": [{"role": "user", "content": big_prompt}], "stream": True}),
        {**json_h, "Authorization": ["Bearer " + sec.openai()]},
        sse_openai(rng, 9 * MB, sec.openai()), sse_h))
    # 1: Anthropic stream, |+ SSE with event: lines
    inter.append(huge_interaction(
        1, "api.anthropic.com", "/v1/messages",
        jdump({"max_tokens": 64000, "model": "claude-sonnet-4-5", "stream": True,
               "messages": [{"role": "user", "content": sentence(rng, 20)}]}),
        {**json_h, "X-Api-Key": [sec.anthropic()], "Anthropic-Version": ["2023-06-01"]},
        sse_anthropic(rng, int(7.5 * MB)), sse_h, duration_ns=31_415_926_535))
    # 2: Gemini SSE with CRLF + emoji: one long double-quoted line
    inter.append(huge_interaction(
        2, "generativelanguage.googleapis.com", "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        jdump({"contents": [{"role": "user", "parts": [{"text": sentence(rng, 12)}]}]}),
        json_h, sse_gemini_crlf(rng, int(6.5 * MB), sec.google()), sse_h,
        query="?alt=sse&key=" + sec.google(), duration_ns=8_765_432_101))
    # 3: embeddings response, pretty JSON with ", \n": long double-quoted body
    inter.append(huge_interaction(
        3, "api.openai.com", "/v1/embeddings",
        jdump({"model": "text-embedding-3-small", "input": [sentence(rng, 6) for _ in range(64)]}),
        {**json_h, "Authorization": ["Bearer " + sec.openai()]},
        embeddings_pretty(rng, int(5.5 * MB)), {"Content-Type": ["application/json"]}, stream=False,
        duration_ns=2_086_618_375))
    # 4: Bedrock eventstream: !!binary |
    inter.append(huge_interaction(
        4, "bedrock-runtime.us-east-1.amazonaws.com",
        "/model/us.anthropic.claude-opus-4-6-v1/invoke-with-response-stream",
        jdump({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 4000,
               "messages": [{"role": "user", "content": sentence(rng, 10)}]}),
        {**json_h, "Authorization": [f"AWS4-HMAC-SHA256 Credential={sec.aws()}/20250314/us-east-1/bedrock/aws4_request, "
                                     f"SignedHeaders=content-type;host;x-amz-date, Signature={rs(rng, HEX, 64)}"]},
        eventstream_bytes(rng, int(4.5 * MB), sec.aws()), {"Content-Type": ["application/vnd.amazon.eventstream"]},
        duration_ns=12_345_678_901))
    # 5: Responses API stream, |+ SSE
    inter.append(huge_interaction(
        5, "api.openai.com", "/v1/responses",
        jdump({"model": "gpt-5", "input": sentence(rng, 14), "stream": True}),
        json_h, sse_responses(rng, 7 * MB, sec.github()), sse_h, duration_ns=45_000_000_123))
    # 6: huge multi-line request body with trailing spaces (double-quoted) and a small reply
    pretty_req = json.dumps({"model": "gpt-4o", "messages": [{"role": "system", "content": sentence(rng, 30)}] +
                             [{"role": "user", "content": sentence(rng, 40)} for _ in range(int(1.5 * MB / 280))]},
                            indent=2, separators=(", ", ": "))
    inter.append(huge_interaction(
        6, "api.openai.com", "/v1/chat/completions", pretty_req,
        {**json_h, "Authorization": ["Bearer " + sec.openai()], "Cookie": ["session=" + sec.session()]},
        jdump({"id": "chatcmpl-" + rs(rng, ALNUM, 29), "object": "chat.completion",
               "choices": [{"index": 0, "message": {"role": "assistant", "content": sentence(rng, 20)}}]}),
        {"Content-Type": ["application/json"]}, stream=False, duration_ns=987_654_321))
    # 7: small GET
    models = jdump({"object": "list", "data": [{"id": m, "object": "model"} for m in ("gpt-4o", "gpt-4o-mini", "o4-mini")]})
    inter.append(huge_interaction(
        7, "api.openai.com", "/v1/models", "", {**ua, "Authorization": ["Bearer " + sec.openai()]},
        models, {"Content-Type": ["application/json"]}, stream=False, duration_ns=123_456_789))
    data = {"version": 2, "interactions": inter}
    return data, GoYaml(step=2, compact=True).dump(data), sec.planted


# --------------------------------------------------------------------------------------
# precommit/: 300 small mixed-format cassettes
# --------------------------------------------------------------------------------------

def _pad_text(rng: random.Random, n: int) -> str:
    out = []
    size = 0
    while size < n:
        s = sentence(rng, rng.randint(6, 14))
        out.append(s)
        size += len(s) + 1
    return " ".join(out)[:max(n, 0)].rstrip()


def pc_govcr(rng: random.Random, sec: Secrets, pad: int, charm: bool) -> dict:
    key = sec.openai()
    body = jdump({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": _pad_text(rng, pad)}]})
    req = go_req_base("", body)
    req["headers"] = {"Authorization": ["Bearer " + key], "Content-Type": ["application/json"],
                      "User-Agent": ["OpenAI/Go 1.12.0"]}
    req["url"] = "https://api.openai.com/v1/chat/completions"
    req["method"] = "POST"
    rbody = "data: " + jdump({"choices": [{"delta": {"content": sentence(rng, 6)}}]}) + "\n\ndata: [DONE]\n\n"
    resp = {"proto": "HTTP/2.0", "proto_major": 2, "proto_minor": 0, "transfer_encoding": [], "trailer": {},
            "content_length": -1, "uncompressed": False, "body": rbody,
            "headers": {"Content-Type": ["text/event-stream"], "Date": [http_date(rng)]},
            "status": "200 OK", "code": 200, "duration": go_duration(rng.randint(10**8, 2 * 10**9))}
    return {"version": 2, "interactions": [{"id": 0, "request": req, "response": resp}]}


def pc_vcrpy(rng: random.Random, sec: Secrets, pad: int) -> dict:
    body = jdump({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": _pad_text(rng, pad)}]})
    return {"interactions": [{
        "request": {"body": body,
                    "headers": {"accept": ["application/json"], "authorization": ["Bearer " + sec.openai()],
                                "content-length": [str(len(body))], "content-type": ["application/json"],
                                "host": ["api.openai.com"], "user-agent": ["OpenAI/Python 1.68.2"]},
                    "method": "POST", "uri": "https://api.openai.com/v1/chat/completions"},
        "response": {"body": {"string": jdump({"id": "chatcmpl-" + rs(rng, ALNUM, 20),
                                               "choices": [{"message": {"content": sentence(rng, 12)}}]})},
                     "headers": {"Content-Type": ["application/json"], "Date": [http_date(rng)],
                                 "openai-processing-ms": [str(rng.randint(100, 900))]},
                     "status": {"code": 200, "message": "OK"}}}],
        "version": 1}


def pc_ruby(rng: random.Random, sec: Secrets, pad: int) -> dict:
    body = jdump({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": _pad_text(rng, pad)}]})
    return {"http_interactions": [{
        "request": {"method": "post", "uri": "https://api.openai.com/v1/chat/completions",
                    "body": {"encoding": "UTF-8", "string": body},
                    "headers": {"Content-Type": ["application/json"], "Authorization": ["Bearer " + sec.openai()],
                                "Accept-Encoding": ["gzip;q=1.0,deflate;q=0.6,identity;q=0.3"],
                                "Accept": ["*/*"], "User-Agent": ["Ruby"]}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Date": [http_date(rng)], "Content-Type": ["application/json"],
                                 "Transfer-Encoding": ["chunked"], "Connection": ["keep-alive"]},
                     "body": {"encoding": "UTF-8",
                              "string": jdump({"choices": [{"message": {"content": sentence(rng, 10)}}]})},
                     "http_version": None},
        "recorded_at": http_date(rng)}],
        "recorded_with": "VCR 6.3.1"}


def make_precommit(n: int = 300, seed: int = 3):
    import yaml  # PyYAML is what VCR.py uses to write its cassettes
    Dumper = getattr(yaml, "CDumper", yaml.Dumper)
    rng = random.Random(seed)
    files = []
    kinds = ["govcr-v3", "govcr-charm", "vcrpy", "ruby"]
    for i in range(n):
        kind = kinds[i % 4]
        target = rng.randint(2200, 5300)

        def render(pad: int) -> tuple[object, str]:
            r = random.Random(f"{seed}-{i}")
            s = Secrets(r)
            if kind == "govcr-v3":
                d = pc_govcr(r, s, pad, False)
                return d, GoYaml(4, False).dump(d), s
            if kind == "govcr-charm":
                d = pc_govcr(r, s, pad, True)
                return d, GoYaml(2, True).dump(d), s
            if kind == "vcrpy":
                d = pc_vcrpy(r, s, pad)
                return d, yaml.dump(d, Dumper=Dumper), s
            d = pc_ruby(r, s, pad)
            return d, yaml.dump(d, Dumper=Dumper, sort_keys=False, explicit_start=True), s

        _, base, _ = render(0)
        data, text, sec = render(max(0, target - len(base)))
        ext = ".yml" if kind == "ruby" else ".yaml"
        files.append((f"{i:03d}-{kind}{ext}", data, text, sec.planted))
    return files


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

def verify(name: str, raw: bytes, data) -> None:
    import yaml
    loaded = yaml.load(raw, Loader=yaml.CSafeLoader)
    if loaded != data:
        # find the first difference for a useful message
        def diff(a, b, path="$"):
            if type(a) is not type(b):
                return f"{path}: {type(a).__name__} != {type(b).__name__}"
            if isinstance(a, dict):
                if list(a) != list(b):
                    return f"{path}: keys {list(a)[:5]} != {list(b)[:5]}"
                for k in a:
                    d = diff(a[k], b[k], f"{path}.{k}")
                    if d:
                        return d
            elif isinstance(a, list):
                if len(a) != len(b):
                    return f"{path}: len {len(a)} != {len(b)}"
                for j, (x, y) in enumerate(zip(a, b)):
                    d = diff(x, y, f"{path}[{j}]")
                    if d:
                        return d
            elif a != b:
                return f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}"
            return None
        raise SystemExit(f"verify failed for {name}: {diff(loaded, data)}")


def count_interactions(data) -> int:
    for k in ("interactions", "http_interactions"):
        if isinstance(data, dict) and k in data:
            return len(data[k])
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", nargs="*", choices=["many-small", "few-huge", "precommit"])
    ap.add_argument("--no-verify", action="store_true", help="skip the CSafeLoader round-trip check")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ["many-small", "few-huge", "precommit"])
    manifest_path = out / "manifest.json"
    manifest = {"gen_version": GEN_VERSION, "files": {}}
    if manifest_path.exists():
        try:
            old = json.loads(manifest_path.read_text())
            if old.get("gen_version") == GEN_VERSION:
                manifest = old
        except ValueError:
            pass

    for name, maker in (("many-small", make_many_small), ("few-huge", make_few_huge)):
        if name not in only:
            continue
        t0 = time.perf_counter()
        data, text, planted = maker()
        raw = text.encode("utf-8")
        path = out / f"{name}.yaml"
        path.write_bytes(raw)
        t1 = time.perf_counter()
        if not args.no_verify:
            verify(name, raw, data)
        t2 = time.perf_counter()
        n = count_interactions(data)
        manifest["files"][name] = {"path": path.name, "size": len(raw), "interactions": n,
                                   "secrets": sorted(s for s in set(planted) if s in text),
                                   "secrets_in_binary": sorted(s for s in set(planted) if s not in text)}
        print(f"{path}: {len(raw) / 1e6:.2f} MB, {n} interactions, {len(set(planted))} fake secrets "
              f"(generated in {t1 - t0:.1f} s, verified in {t2 - t1:.1f} s)", file=sys.stderr)
        del data, text, raw

    if "precommit" in only:
        t0 = time.perf_counter()
        pdir = out / "precommit"
        pdir.mkdir(exist_ok=True)
        for old in pdir.iterdir():
            if old.is_file():
                old.unlink()
        files = make_precommit()
        total = 0
        sizes = []
        entries = {}
        for fname, data, text, planted in files:
            raw = text.encode("utf-8")
            (pdir / fname).write_bytes(raw)
            if not args.no_verify:
                verify(fname, raw, data)
            total += len(raw)
            sizes.append(len(raw))
            entries[fname] = {"size": len(raw), "interactions": count_interactions(data),
                              "secrets": sorted(s for s in set(planted) if s in text)}
        manifest["files"]["precommit"] = {"path": "precommit", "size": total, "count": len(files),
                                          "min_size": min(sizes), "max_size": max(sizes), "files": entries}
        print(f"{pdir}: {len(files)} files, {total / 1e6:.2f} MB total, {min(sizes)}-{max(sizes)} bytes each "
              f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
