#!/usr/bin/env python3
"""Record the VCR.py samples against fake_api.py.

Run with a venv that has vcrpy, requests, httpx and pyyaml (NOT the project venv):
    python3 -m venv /tmp/vcrpy-venv
    /tmp/vcrpy-venv/bin/pip install vcrpy requests httpx pyyaml
    /tmp/vcrpy-venv/bin/python samples/record/record_vcrpy.py

Writes samples/vcrpy/*.yaml and samples/json/vcrpy_*.json (existing files are
removed first, since VCR.py's default record mode replays an existing cassette).
"""
import json
import os
import sys

import httpx
import requests
import vcr
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import fake_api  # noqa: E402

S = fake_api.SECRETS


def fresh(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    return path


def main():
    if not getattr(yaml, "__with_libyaml__", False):
        sys.exit("PyYAML without libyaml: VCR.py would fall back to the pure-Python Dumper")
    srv, base = fake_api.start_in_thread(port=int(os.environ.get("FAKE_API_PORT", "18080")))
    my_vcr = vcr.VCR(record_mode="once")
    chat_req = {"model": "gpt-4o-mini", "stream": True, "stream_options": {"include_usage": True},
                "messages": [{"role": "user", "content": "What's the weather in Florence?"}],
                "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {
                    "type": "object", "properties": {"location": {"type": "string"}}}}}]}
    openai_headers = {"Authorization": "Bearer " + S["openai_key"], "OpenAI-Organization": "org-FAKEfakeFAKE"}

    # 1. OpenAI chat SSE with requests (YAML, default serializer)
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "openai_chat_streaming.yaml"))):
        r = requests.post(base + "/v1/chat/completions", json=chat_req, headers=openai_headers, stream=True)
        for _ in r.iter_lines():
            pass

    # 2. Anthropic messages SSE (thinking + text, non-ASCII) with httpx
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "anthropic_messages_streaming.yaml"))):
        with httpx.Client() as c:
            c.post(base + "/v1/messages", json={
                "model": "claude-fake-4-5", "max_tokens": 1024, "stream": True,
                "thinking": {"type": "enabled", "budget_tokens": 1024},
                "messages": [{"role": "user", "content": "Say hi in Portuguese"}]},
                headers={"x-api-key": S["anthropic_key"], "anthropic-version": "2023-06-01"})

    # 3. gzip JSON response: httpx keeps the gzip bytes, stored as !!binary
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "gzip_models.yaml"))):
        httpx.get(base + "/v1/models", headers={"Authorization": "Bearer " + S["openai_key"],
                                                "Cookie": "session=" + S["session_cookie"]})
    # 3b. same with requests: VCR.py 9 stores the DECODED text but keeps "Content-Encoding: gzip"
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "gzip_header_decoded_body.yaml"))):
        requests.get(base + "/v1/models", headers={"Authorization": "Bearer " + S["openai_key"]})

    # 4. auth flows: JSON body secrets, form POST, Set-Cookie, Cookie
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "auth_mixed.yaml"))):
        s = requests.Session()
        s.post(base + "/v1/login", json={"username": "fake-user", "password": S["password"],
                                          "api_key": S["api_key_field"]})
        s.post(base + "/oauth/token", data={"grant_type": "client_credentials", "client_id": S["client_id"],
                                             "client_secret": S["client_secret"]})
        s.get(base + "/v1/status", headers={"Cookie": "session=" + S["session_cookie"]})

    # 5. Gemini ?alt=sse with ?key= and CRLF separators (httpx)
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "gemini_sse.yaml"))):
        httpx.post(base + "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                   params={"alt": "sse", "key": S["google_key"]},
                   json={"contents": [{"role": "user", "parts": [{"text": "Tell me about Florence"}]}]})

    # 6. Bedrock eventstream (binary), SigV4-style headers with fake AWS credentials
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "bedrock_eventstream.yaml"))):
        requests.post(base + "/model/anthropic.claude-fake-v1%3A0/invoke-with-response-stream",
                      data=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1024,
                                       "messages": [{"role": "user", "content": "Say hi in Portuguese"}]}),
                      headers={"Content-Type": "application/json",
                               "Accept": "application/vnd.amazon.eventstream",
                               "X-Amz-Date": "20260302T100000Z",
                               "X-Amz-Security-Token": S["aws_session_token"],
                               "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20260302/us-east-1/bedrock/aws4_request, "
                                                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=%s"
                                                % (S["aws_access_key_id"], S["aws_signature"])})

    # 7. OpenAI Responses API SSE
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "vcrpy", "openai_responses_streaming.yaml"))):
        requests.post(base + "/v1/responses", json={"model": "gpt-4.1-mini", "input": "What is 2+2?", "stream": True},
                      headers={"Authorization": "Bearer " + S["openai_key"]})

    # 8. JSON serializer: OpenAI chat SSE + JSON body secrets
    with my_vcr.use_cassette(fresh(os.path.join(SAMPLES, "json", "vcrpy_openai_streaming.json")), serializer="json"):
        requests.post(base + "/v1/chat/completions", json=chat_req, headers=openai_headers)
        requests.post(base + "/v1/login", json={"username": "fake-user", "password": S["password"],
                                                 "api_key": S["api_key_field"]})

    srv.shutdown()
    srv.server_close()
    print("vcrpy %s, requests %s, httpx %s, PyYAML %s (libyaml %s)" % (
        vcr.__version__ if hasattr(vcr, "__version__") else "?", requests.__version__, httpx.__version__,
        yaml.__version__, yaml.__with_libyaml__))


if __name__ == "__main__":
    main()
