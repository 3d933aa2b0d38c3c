"""Conformance on real files of the other recorders (../shared/real-world/other and
../shared/formats-real, where they exist) and on the fixtures recorded here with the real
serializers (samples/record/formats, made by samples/record/record_formats.py and
record_formats.mjs): ls, show, redact keeping every other byte, a second redact a no-op.

The expected interactions come from an independent reader (json, PyYAML, gzip), not from
our own code."""

from __future__ import annotations

import difflib
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from cassette_cli.mask import Masker

from .conftest import ROOT, SAMPLES

SHARED = ROOT.parent / "shared"
REAL = [SHARED / "real-world" / "other", SHARED / "formats-real"]
RECORDED = SAMPLES / "record" / "formats"
SUFFIXES = (".har", ".json", ".yaml", ".yaml.gz", ".httprr")
NOT_YET = ("vcr-langchain",)  # vcr-langchain's tool:// cassettes: a response that is a plain string


def files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIXES) and not any(n in p.name for n in NOT_YET))


def inner(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def httprr_records(data: bytes) -> list[tuple[bytes, bytes]]:
    """An httprr trace's (request, response) dumps, cut by their byte counts; each
    message's Content-Length checked against its body."""
    assert data.startswith(b"httprr trace v1\n")
    records, rest = [], data[len(b"httprr trace v1\n"):]
    while rest:
        counts, rest = rest.split(b"\n", 1)
        n1, n2 = map(int, counts.split(b" "))
        request, response, rest = rest[:n1], rest[n1 : n1 + n2], rest[n1 + n2 :]
        assert len(response) == n2
        for message in (request, response):
            head, _, body = message.replace(b"\r\n", b"\n").partition(b"\n\n")
            for line in head.split(b"\n")[1:]:
                if line.lower().startswith(b"content-length:"):
                    assert int(line.split(b":", 1)[1]) == len(message) - len(message.split(b"\r\n\r\n", 1)[0]) - 4
        records.append((request, response))
    return records


def oracle(path: Path) -> list[tuple[str, str, int]]:
    """(method, url, status) of each interaction, read with json / PyYAML / by hand."""
    if path.suffix == ".httprr":
        return [(q.split(b" ")[0].decode(), q.split(b" ")[1].decode(), int(r.split(b" ")[1])) for q, r in httprr_records(path.read_bytes())]
    text = inner(path.read_bytes()).decode("utf-8-sig")
    data = json.loads(text) if text.lstrip()[:1] in "{[" else yaml.safe_load(text)
    if isinstance(data, list):  # nock
        return [(d.get("method", "GET").upper(), d["scope"].rstrip("/") + d.get("path", ""), d.get("status", 200)) for d in data]
    if "log" in data:  # HAR
        return [(e["request"]["method"].upper(), e["request"]["url"], e["response"]["status"]) for e in data["log"]["entries"]]
    if "requests" in data:  # LangChain
        return [(q["method"].upper(), q["uri"], r["status"]["code"]) for q, r in zip(data["requests"], data["responses"])]
    key = "http_interactions" if "http_interactions" in data else "interactions"
    return [(i["request"]["method"].upper(), i["request"]["uri"], i["response"]["status"]["code"]) for i in data[key]]


FORMAT_OF = {".har": {"har", "polly"}, ".gz": {"langchain"}, ".json": {"nock", "betamax"}, ".yaml": {"vcrpy"}, ".httprr": {"httprr"}}
# httprr: a changed message changes its byte counts and Content-Length lines too
COUNT_LINES = re.compile(r"\+ (\d+ \d+|Content-Length: \d+\r?)\n?$")

ALL = [p for folder in REAL for p in files(folder)] + files(RECORDED)


def test_the_recorded_fixtures_are_there() -> None:
    names = {p.name for p in files(RECORDED)}
    assert {"langchain_openai_chat.yaml.gz", "pydantic_ai_login.yaml"} <= names


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_ls_lists_like_an_independent_reader(path: Path, run) -> None:
    result = run("ls", "--json", path)
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    assert [(r["method"], r["url"], r["status"]) for r in rows] == [(m, Masker().url(u), s) for m, u, s in oracle(path)]
    assert {r["format"] for r in rows} <= FORMAT_OF[path.suffix]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_show_shows_every_interaction(path: Path, run) -> None:
    result = run("show", "--json", path)
    assert result.exit_code == 0, result.stderr
    shown = result.json()
    assert [(s["request"]["method"], s["request"]["url"], s["response"]["status"]) for s in shown] == [(m, Masker().url(u), c) for m, u, c in oracle(path)]
    plain = run("show", path)
    assert plain.exit_code == 0 and plain.stdout.count("\n") > 2 * len(shown)


BASE64_LINE = re.compile(r"\+ \s*[A-Za-z0-9+/]+={0,2}\s*$")


def binaries(data: object) -> list[bytes]:
    if isinstance(data, bytes):
        return [data]
    if isinstance(data, dict):
        return [b for v in data.values() for b in binaries(v)]
    if isinstance(data, list):
        return [b for v in data for b in binaries(v)]
    return []


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_redact_keeps_every_other_byte_and_a_second_run_is_a_noop(path: Path, tmp_path: Path, run) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    before = copy.read_bytes()
    first = run("redact", copy)
    assert first.exit_code in (0, 1), first.stderr
    after = copy.read_bytes()
    assert (first.exit_code == 1) == (after != before)
    old, new = inner(before).decode("utf-8"), inner(after).decode("utf-8")
    old_lines, new_lines = old.splitlines(True), new.splitlines(True)
    if len(old_lines) == len(new_lines):
        changed = ["+ " + n for o, n in zip(old_lines, new_lines) if o != n]
    else:  # a base64 body re-wrapped to fewer lines
        diff = difflib.unified_diff(old_lines, new_lines, n=0)
        changed = ["+ " + line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    # a changed line holds the replacement, or is base64 of bytes that hold it
    assert all("REDACTED" in line or BASE64_LINE.match(line) or (path.suffix == ".httprr" and COUNT_LINES.match(line)) for line in changed), changed[:3]
    if path.suffix == ".httprr":
        assert len(httprr_records(after)) == len(httprr_records(before))
    if any("REDACTED" not in line for line in changed) and path.suffix != ".httprr":
        assert any(b"REDACTED" in blob for blob in binaries(yaml.safe_load(new.lstrip("\ufeff"))))
    second = run("redact", copy)
    assert (second.exit_code, copy.read_bytes()) == (0, after)
    if after != before:
        assert run("ls", "--json", copy).exit_code == 0


def test_the_recorded_fixtures_lose_their_planted_secrets(tmp_path: Path, run) -> None:
    from .conftest import planted_secrets

    for path in files(RECORDED):
        copy = tmp_path / path.name
        shutil.copyfile(path, copy)
        text = inner(copy.read_bytes()).decode("utf-8")
        planted = [s for s in planted_secrets() if s in text]
        assert planted, path.name
        assert run("redact", copy).exit_code == 1
        text = inner(copy.read_bytes()).decode("utf-8")
        assert [s for s in planted if s in text] == [], path.name
