"""`cassette ls` over samples/, checked against samples/manifest.json, which the recording
scripts wrote independently of the tool (samples/record/make_manifest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cassette_cli.mask import Masker

mask_url = Masker().url
from cassette_cli.document import apply_edits, compose, decode

from .conftest import SAMPLES, planted_secrets, sample_files

EVERYTHING = json.loads((SAMPLES / "manifest.json").read_text())
MANIFEST = {name: entry for name, entry in EVERYTHING.items() if not name.startswith("legacy/")}
LEGACY_SAMPLES = sorted(name for name in EVERYTHING if name.startswith("legacy/"))


def test_every_sample_is_in_the_manifest() -> None:
    listed = {SAMPLES / name for name in MANIFEST}
    assert set(sample_files()) == listed
    assert len(LEGACY_SAMPLES) == 2


@pytest.mark.parametrize("name", LEGACY_SAMPLES)
def test_legacy_samples_are_refused(name: str, run) -> None:
    result = run("ls", SAMPLES / name)
    assert result.exit_code == 2
    assert "legacy cassette" in result.stderr


def test_samples_cover_every_format_and_layout() -> None:
    from cassette_cli.formats import load_cassette

    seen = {(c.format, c.layout) for c in map(load_cassette, sample_files())}
    assert {f for f, _ in seen} == {"go-vcr-v1", "go-vcr-v2", "vcrpy", "ruby-vcr"}
    assert {("go-vcr-v1", "yaml.v2"), ("go-vcr-v2", "yaml.v3"), ("go-vcr-v2", "charm"), ("go-vcr-v2", "pyyaml"),
            ("vcrpy", "pyyaml"), ("ruby-vcr", "psych"), ("vcrpy", "json"), ("ruby-vcr", "json")} <= seen


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_ls_json_matches_the_manifest(name: str, run) -> None:
    expected = MANIFEST[name]
    result = run("ls", "--json", SAMPLES / name)
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    assert {r["format"] for r in rows} <= {expected["format"]}
    assert [(r["method"], r["url"], r["status"]) for r in rows] == [(i["method"], mask_url(i["url"]), i["status"]) for i in expected["interactions"]]
    assert [r["sse_events"] for r in rows] == [i.get("sse_events") for i in expected["interactions"]]
    for row in rows:
        assert set(row) == {"file", "format", "index", "method", "url", "status", "content_type", "request_bytes", "response_bytes", "duration_ms", "sse_events"}


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_no_edits_is_the_identity(path: Path) -> None:
    data = path.read_bytes()
    text = decode(data, str(path))
    compose(text, str(path))
    assert apply_edits(text, []).encode("utf-8") == data


def test_openrouter_sample_is_what_the_issue_asks_for(run) -> None:
    path = SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml"
    text = path.read_text()
    assert text.startswith("---\nversion: 2\n")
    assert "body: |+\n" in text and ": OPENROUTER PROCESSING" in text
    [row] = run("ls", "--json", path).json()
    assert row["sse_events"] == 18 and row["content_type"] == "text/event-stream"


def test_gzip_body_size_is_the_inflated_size(run) -> None:
    import base64
    import gzip

    import yaml

    path = SAMPLES / "vcrpy" / "gzip_models.yaml"
    data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    stored = data["interactions"][0]["response"]["body"]["string"]
    raw = stored if isinstance(stored, bytes) else base64.b64decode(stored)
    [row] = run("ls", "--json", path).json()[:1]
    assert row["response_bytes"] == len(gzip.decompress(raw))


def test_filters(run) -> None:
    everything = run("ls", "--json", SAMPLES).json()
    posts = run("ls", "--json", "--method", "post", SAMPLES).json()
    assert posts and all(r["method"] == "POST" for r in posts) and len(posts) < len(everything)
    ok = run("ls", "--json", "--status", "2xx", SAMPLES).json()
    assert all(200 <= r["status"] < 300 for r in ok)
    exact = run("ls", "--json", "--status", "200", SAMPLES).json()
    assert all(r["status"] == 200 for r in exact)
    glob = run("ls", "--json", "--url-glob", "*/v1/messages*", SAMPLES).json()
    assert glob and all("/v1/messages" in r["url"] for r in glob)
    assert run("ls", "--json", "--url", "*/v1/messages*", SAMPLES).json() == []  # --url is literal
    regex = run("ls", "--json", "--url-regex", r"/v1/(messages|responses)\b", SAMPLES).json()
    assert regex and all("/v1/messages" in r["url"] or "/v1/responses" in r["url"] for r in regex)
    sub = run("ls", "--json", "--url", "chat/completions", SAMPLES).json()
    assert sub and all("chat/completions" in r["url"] for r in sub)
    bad = run("ls", "--url-regex", "(", SAMPLES)
    assert bad.exit_code == 2 and bad.stderr.startswith("cassette: error: ")


def test_url_filter_takes_a_question_mark_literally(run) -> None:
    rows = run("ls", "--json", SAMPLES).json()
    with_query = [r for r in rows if "?" in r["url"]]
    assert with_query, "a sample URL with a query string"
    needle = with_query[0]["url"][with_query[0]["url"].index("?") - 3 :][:8]
    found = run("ls", "--json", "--url", needle, SAMPLES).json()
    assert found and all(needle in r["url"] for r in found)
    assert run("ls", "--json", "--url", "?", SAMPLES).json() == with_query


def test_show_takes_several_files_and_positions(run) -> None:
    a, b = SAMPLES / "vcrpy" / "auth_mixed.yaml", SAMPLES / "ruby-vcr" / "auth_mixed.yml"
    both = run("show", "--json", a, b).json()
    assert [(r["file"], r["index"]) for r in both] == [(str(a), 0), (str(a), 1), (str(a), 2), (str(b), 0), (str(b), 1), (str(b), 2)]
    picked = run("show", "--json", a, b, "2", "0").json()
    assert [(r["file"], r["index"]) for r in picked] == [(str(a), 2), (str(a), 0), (str(b), 2), (str(b), 0)]
    only = run("show", "--json", a, "1").json()
    assert [(r["file"], r["index"]) for r in only] == [(str(a), 1)]
    assert run("show", "1").exit_code == 2


def test_human_table_plain_when_piped(run) -> None:
    result = run("ls", SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines), "no padding at line ends when piped"
    assert "openrouter_streaming.yaml" in lines[0] and "go-vcr-v2 · 1 interaction" in lines[0]
    assert any(line.split()[:2] == ["#", "method"] for line in lines)
    row = next(line for line in lines if line.strip().startswith("0 "))
    assert "POST" in row and "200" in row and "text/event-stream" in row and row.rstrip().endswith("18")


def test_ls_never_prints_a_planted_secret(run) -> None:
    """URLs are listed as recorded except for their secret values (`?key=AIza...`)."""
    secrets = planted_secrets()
    for args in (["ls", "--json"], ["ls"]):
        result = run(*args, *sample_files(), env={"COLUMNS": "300"})
        assert result.exit_code == 0
        assert not [s for s in secrets if s in result.stdout]
    rows = run("ls", "--json", SAMPLES / "vcrpy" / "gemini_sse.yaml").json()
    assert rows[0]["url"].endswith("alt=sse&key=REDACTED")
