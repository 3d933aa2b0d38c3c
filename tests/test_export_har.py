"""`cassette export --har`: HAR 1.2 that validates against the HAR 1.2 schema (written
from the spec for these tests: tests/schemas/har-1.2.schema.json), read back by
`cassette ls` to the same interactions, secrets masked, streams kept as text, go-vcr
durations as timings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, planted_secrets, sample_files

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "har-1.2.schema.json").read_text())
RECORDED = sorted((SAMPLES / "record" / "formats").iterdir())
SOURCES = sample_files() + RECORDED
SAME = ("index", "method", "url", "status", "content_type", "sse_events", "duration_ms")


def validate(har: object) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(har)


REAL_HARS = sorted(p for folder in ("real-world/other", "formats-real") for p in (ROOT.parent / "shared" / folder).glob("*.har"))


@pytest.mark.skipif(not REAL_HARS, reason="../shared is not here")
def test_the_schema_takes_real_har_files_and_refuses_broken_ones() -> None:
    for path in REAL_HARS:  # DevTools, Insomnia, mitmproxy, Polly.js
        validate(json.loads(path.read_text(encoding="utf-8-sig")))
    real = json.loads(REAL_HARS[0].read_text(encoding="utf-8-sig"))
    broken = json.loads(json.dumps(real))
    del broken["log"]["entries"][0]["timings"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(real))
    broken["log"]["entries"][0]["response"]["status"] = "200"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_polly_writes_a_numeric_header_value_as_a_number_which_is_read_all_the_same(run) -> None:
    """Polly.js records Node's header values as given (a Content-Length set as a number
    stays one): not HAR 1.2 strictly, read all the same; the export writes strings."""
    path = SAMPLES / "record" / "formats" / "polly_recording.har"
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(json.loads(path.read_text())))
    assert errors and all(e.validator == "type" and isinstance(e.instance, int) for e in errors)
    shown = run("show", "--json", path, "1").json()[0]
    assert shown["request"]["headers"]["content-length"] == ["120"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_export_validates_and_reads_back_to_the_same_interactions(path: Path, tmp_path: Path, run) -> None:
    out = tmp_path / "out.har"
    result = run("export", "--har", path, "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    har = json.loads(out.read_text(encoding="utf-8"))
    validate(har)
    before = run("ls", "--json", path).json()
    after = run("ls", "--json", out).json()
    assert [{k: row[k] for k in SAME} for row in after] == [{k: row[k] for k in SAME} for row in before]
    assert {row["format"] for row in after} == {"har"}


def test_one_har_of_many_cassettes_and_no_planted_secret_in_it(run) -> None:
    result = run("export", "--har", *SOURCES)
    assert result.exit_code == 0, result.stderr
    har = json.loads(result.stdout)
    validate(har)
    expected = sum(len(run("ls", "--json", p).json()) for p in SOURCES)
    assert len(har["log"]["entries"]) == expected
    assert [s for s in planted_secrets() if s in result.stdout] == []
    assert "REDACTED" in result.stdout


def test_event_streams_stay_text_and_go_vcr_durations_are_the_timings(run) -> None:
    har = json.loads(run("export", "--har", SAMPLES / "go-vcr-v2" / "anthropic_streaming.yaml").stdout)
    listed = run("ls", "--json", SAMPLES / "go-vcr-v2" / "anthropic_streaming.yaml").json()
    entry = har["log"]["entries"][0]
    assert entry["response"]["content"]["text"].startswith("event: message_start\n")
    assert "encoding" not in entry["response"]["content"]
    assert listed[0]["duration_ms"] and entry["time"] == pytest.approx(listed[0]["duration_ms"], abs=0.001)
    assert entry["timings"]["wait"] == entry["time"]


def test_a_vcrpy_cassette_without_durations_exports_time_zero_and_reads_back_as_none(run) -> None:
    path = SAMPLES / "vcrpy" / "openai_chat_streaming.yaml"
    har = json.loads(run("export", "--har", path).stdout)
    assert {e["time"] for e in har["log"]["entries"]} == {0}
    assert all("no duration recorded" in e["comment"] for e in har["log"]["entries"])


def test_a_gzip_body_is_exported_inflated(run) -> None:
    har = json.loads(run("export", "--har", SAMPLES / "vcrpy" / "gzip_models.yaml").stdout)
    text = har["log"]["entries"][0]["response"]["content"]["text"]
    assert json.loads(text)["object"] == "list"


def test_a_bad_file_is_reported_and_the_others_exported(tmp_path: Path, run) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("interactions: [\n")
    result = run("export", "--har", bad, SAMPLES / "vcrpy" / "auth_mixed.yaml")
    assert result.exit_code == 2 and result.stderr.startswith(f"cassette: error: {bad}:")
    assert len(json.loads(result.stdout)["log"]["entries"]) == 3


def test_without_a_format_it_is_a_usage_error(run) -> None:
    result = run("export", SAMPLES / "vcrpy" / "auth_mixed.yaml")
    assert result.exit_code == 2 and "--har" in result.stderr
