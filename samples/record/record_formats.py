#!/usr/bin/env python3
"""Record the LangChain and pydantic-ai fixtures with their real serializers, against
fake_api.py (no network).

Run with a venv of its own (NOT the project venv: langchain-tests brings pytest plugins):
    python3 -m venv /tmp/rec-venv
    /tmp/rec-venv/bin/pip install vcrpy requests pyyaml langchain-tests
    # pydantic-ai's serializer is a test helper of its repository, not in its package:
    curl -o /tmp/json_body_serializer.py \
        https://raw.githubusercontent.com/pydantic/pydantic-ai/main/tests/json_body_serializer.py
    /tmp/rec-venv/bin/python samples/record/record_formats.py /tmp/json_body_serializer.py

Writes samples/record/formats/langchain_*.yaml.gz (langchain_tests' CustomSerializer
and CustomPersister: gzip YAML) and pydantic_ai_*.yaml (pydantic-ai's serializer:
JSON bodies as `parsed_body`). Planted secrets are the fake ones of fake_secrets.json.
"""
import importlib.util
import os
import sys

import requests
import vcr
from langchain_tests.conftest import CustomPersister, CustomSerializer

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "formats")
sys.path.insert(0, HERE)
import fake_api  # noqa: E402

S = fake_api.SECRETS


def fresh(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    return path


def pydantic_ai_serializer(path):
    spec = importlib.util.spec_from_file_location("json_body_serializer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    serializer_path = sys.argv[1]
    srv, base = fake_api.start_in_thread(port=int(os.environ.get("FAKE_API_PORT", "18081")))
    chat = {"model": "gpt-4o-mini", "stream": True, "messages": [{"role": "user", "content": "What's the weather in Florence?"}]}

    # LangChain: as langchain_tests' vcr_config fixture sets it up (its serializer and persister)
    lc = vcr.VCR(record_mode="once")
    lc.register_serializer("yaml.gz", CustomSerializer())
    lc.register_persister(CustomPersister())
    with lc.use_cassette(fresh(os.path.join(OUT, "langchain_openai_chat.yaml.gz")), serializer="yaml.gz"):
        requests.post(base + "/v1/chat/completions", json=chat, headers={"Authorization": "Bearer " + S["openai_key"]})
        requests.post(base + "/v1/login", json={"username": "fake-user", "password": S["password"], "api_key": S["api_key_field"]})

    # pydantic-ai: its serializer drops authorization, x-* and set-cookie headers itself;
    # what is left to find sits in bodies (parsed_body) and the URL
    pa = vcr.VCR(record_mode="once")
    pa.register_serializer("yaml", pydantic_ai_serializer(serializer_path))
    with pa.use_cassette(fresh(os.path.join(OUT, "pydantic_ai_login.yaml")), serializer="yaml"):
        requests.post(base + "/v1/login?key=" + S["google_key"], json={"username": "fake-user", "password": S["password"], "api_key": S["api_key_field"]},
                      headers={"Authorization": "Bearer " + S["openai_key"]})
        requests.post(base + "/v1/chat/completions", json=chat, headers={"Authorization": "Bearer " + S["openai_key"]})
    srv.shutdown()
    srv.server_close()


if __name__ == "__main__":
    main()
