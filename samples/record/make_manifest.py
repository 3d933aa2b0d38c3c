#!/usr/bin/env python3
"""Write samples/manifest.json: per sample, its format, interactions
(method, url, status, SSE event count by the WHATWG rules, eventstream frames)
and where each planted fake secret sits. Also prints the README tables.

    /tmp/vcrpy-venv/bin/python samples/record/make_manifest.py   # needs PyYAML

Independent of the cassette tool on purpose: tests compare against it.
"""
import base64
import glob
import gzip
import json
import os
import re
import struct
import zlib

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SECRETS = json.load(open(os.path.join(HERE, "fake_secrets.json")))
SECRETS.pop("client_id", None)  # sent alongside client_secret, but not a secret

RULES = {  # secret name -> rule kind
    "openai_key": "openai-api-key", "anthropic_key": "anthropic-api-key",
    "openrouter_key": "openrouter-api-key", "google_key": "google-api-key",
    "aws_access_key_id": "aws-access-key-id", "aws_signature": "aws-sigv4-signature",
    "aws_session_token": "aws-session-token", "session_cookie": "cookie",
    "set_cookie_session": "set-cookie", "password": "json-field:password",
    "api_key_field": "json-field:api_key", "client_secret": "form-field:client_secret",
    "access_token_jwt": "jwt (json-field:access_token)",
}


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!binary", lambda l, n: base64.b64decode(l.construct_scalar(n)))


def sse_events(body):
    """WHATWG event-stream parsing: count dispatched events (non-empty data buffer)."""
    t = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if t.startswith("\ufeff"):
        t = t[1:]
    lines = re.split(r"\r\n|\r|\n", t)[:-1]  # the piece after the last line end is incomplete
    events, comments, data, ev = [], 0, None, ""
    for ln in lines:
        if ln == "":
            if data is not None:
                events.append(ev or "message")
            data, ev = None, ""
            continue
        if ln.startswith(":"):
            comments += 1
            continue
        f, _, v = ln.partition(":")
        if v.startswith(" "):
            v = v[1:]
        if f == "data":
            data = v if data is None else data + "\n" + v
        elif f == "event":
            ev = v
    return events, comments


def eventstream(b):
    i, out = 0, []
    while i < len(b):
        tot, hl = struct.unpack(">II", b[i:i + 8])
        assert zlib.crc32(b[i:i + 8]) == struct.unpack(">I", b[i + 8:i + 12])[0]
        assert zlib.crc32(b[i:i + tot - 4]) == struct.unpack(">I", b[i + tot - 4:i + tot])[0]
        inner = json.loads(base64.b64decode(json.loads(b[i + 12 + hl:i + tot - 4])["bytes"]))
        out.append(inner["type"])
        i += tot
    return out


def hget(h, name):
    for k, v in (h or {}).items():
        if k.lower() == name.lower():
            return v[0] if isinstance(v, list) else v
    return None


def detect(d):
    if isinstance(d, list):
        return "legacy"
    if "http_interactions" in d:
        return "ruby-vcr"
    if d.get("version") == 1 and d["interactions"] and "uri" in d["interactions"][0]["request"]:
        return "vcrpy"
    return "go-vcr-v%d" % d["version"]


def interactions(fmt, d):
    if fmt == "ruby-vcr":
        for i in d["http_interactions"]:
            q, r = i["request"], i["response"]
            b = r["body"]
            body = b["string"] if "string" in b else base64.b64decode(b["base64_string"])
            yield q["method"].upper(), q["uri"], r["status"]["code"], r["headers"], body
    elif fmt == "vcrpy":
        for i in d["interactions"]:
            q, r = i["request"], i["response"]
            yield q["method"], q["uri"], r["status"]["code"], r["headers"], r["body"]["string"]
    else:
        for i in d["interactions"]:
            q, r = i["request"], i["response"]
            yield q["method"], q["url"], r["code"], r["headers"], r["body"]


def walk(x, path=()):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from walk(v, path + (str(k),))
    elif isinstance(x, list):
        for n, v in enumerate(x):
            yield from walk(v, path + (str(n),))
    elif isinstance(x, bytes):
        try:
            x = gzip.decompress(x)
        except OSError:
            pass
        try:
            x = base64.b64decode(x)  # not expected; harmless
        except Exception:
            pass
        yield path, x.decode("utf-8", "replace") if isinstance(x, bytes) else x
    elif isinstance(x, str):
        yield path, x


def where(path):
    p = [s for s in path if not s.isdigit()]
    # drop leading container names
    while p and p[0] in ("interactions", "http_interactions"):
        p = p[1:]
    return ".".join(p)


def main():
    manifest = {}
    files = sorted(glob.glob(os.path.join(ROOT, "*", "*.y*ml")) + glob.glob(os.path.join(ROOT, "json", "*.json")))
    for f in files:
        rel = os.path.relpath(f, ROOT)
        raw = open(f, "rb").read()
        if rel.startswith("legacy/"):
            manifest[rel] = {"format": "legacy", "refuse": True, "bytes": len(raw)}
            continue
        d = json.loads(raw) if f.endswith(".json") else yaml.load(raw, Loader=Loader)
        fmt = detect(d)
        entry = {"format": fmt, "bytes": len(raw), "interactions": [], "secrets": []}
        for n, (m, u, code, headers, body) in enumerate(interactions(fmt, d)):
            it = {"method": m, "url": u, "status": code}
            ct = hget(headers, "content-type") or ""
            ce = hget(headers, "content-encoding")
            b = body.encode() if isinstance(body, str) else body
            if ce == "gzip":
                try:
                    gzip.decompress(b)
                    it["body_gzip"] = True
                except OSError:
                    it["body_gzip"] = False  # header says gzip, body is already plain
            if "text/event-stream" in ct:
                ev, comments = sse_events(body)
                it["sse_events"] = len(ev)
                it["sse_comments"] = comments
                it["sse_done"] = "data: [DONE]" in (body if isinstance(body, str) else body.decode())
            if "vnd.amazon.eventstream" in ct:
                fr = eventstream(b)
                it["eventstream_frames"] = len(fr)
            entry["interactions"].append(it)
        seen = set()
        for path, s in walk(d):
            for name, val in SECRETS.items():
                if val in s:
                    loc = where(path)
                    key = (name, loc, path[1] if len(path) > 1 and path[1].isdigit() else "")
                    if key in seen:
                        continue
                    seen.add(key)
                    entry["secrets"].append({"rule": RULES[name], "secret": name, "where": loc,
                                             "interaction": int(path[1]) if len(path) > 1 and path[1].isdigit() else None})
        manifest[rel] = entry
    with open(os.path.join(ROOT, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    for rel, e in manifest.items():
        if e["format"] == "legacy":
            continue
        its = "<br>".join("%d. %s %s %s%s" % (
            n, i["method"], re.sub(r"key=AIza[^&]*", "key=AIza…", i["url"]).replace("http://127.0.0.1:18080", ""),
            i["status"],
            (" — SSE %d events" % i["sse_events"] + (", %d comments" % i["sse_comments"] if i["sse_comments"] else "")) if "sse_events" in i
            else (" — eventstream %d frames" % i["eventstream_frames"]) if "eventstream_frames" in i else "")
            for n, i in enumerate(e["interactions"]))
        sec = "<br>".join("%s @ #%s %s" % (s["rule"], s["interaction"], s["where"]) for s in e["secrets"]) or "none"
        print("| `%s` | %d | %s | %s |" % (rel, len(e["interactions"]), its, sec))


if __name__ == "__main__":
    main()
