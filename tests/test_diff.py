"""`cassette diff` on cassettes the real recorder (VCR.py) wrote twice against the fake
API (tests/recordings.py): a re-recording that changed no answer exits 0; one changed
streamed answer is exactly one `changed` interaction whose change is in the assembled
text; added, removed and reordered interactions read as such; formats compare."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

pytest.importorskip("vcr")
pytest.importorskip("requests")

from . import recordings  # noqa: E402

GOLDEN_MD = ROOT / "tests" / "golden" / "diff_markdown.md"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """a: the first recording; b: re-recorded, no answer changed (YAML and JSON); c: the
    streamed chat answer changed; d: reordered, one removed, one added."""
    out = tmp_path_factory.mktemp("recorded")
    with recordings.server() as base:
        recordings.record(base, out / "a.yaml")
        with recordings.rerecording():
            recordings.record(base, out / "b.yaml")
            recordings.record(base, out / "b.json", serializer="json")
        with recordings.rerecording(answer=("Florence", "Rome")):
            recordings.record(base, out / "c.yaml")
            recordings.record(base, out / "c.json", serializer="json")
        with recordings.rerecording():
            recordings.record(base, out / "d.yaml", order=("messages", "chat", "status", "responses", "models"))
    for name in ("b", "c"):
        recordings.converted(out / f"{name}.yaml", out / f"{name}_ruby.yml", "ruby-vcr")
        recordings.converted(out / f"{name}.yaml", out / f"{name}_govcr.yaml", "go-vcr-v2")
    return out


def test_the_recordings_differ_in_bytes(recorded: Path) -> None:
    """The diff has something to ignore: dates, expiry, ids and chunks did change."""
    a, b = (recorded / "a.yaml").read_text(), (recorded / "b.yaml").read_text()
    assert "Mon, 02 Mar 2026" in a and "Thu, 03 Dec 2026" in b and "chatcmpl-RERECORDED9" in b
    assert b.count("data: ") > a.count("data: ")  # other chunk boundaries


@pytest.mark.parametrize("new", ["b.yaml", "b.json", "b_ruby.yml", "b_govcr.yaml"])
def test_a_rerecording_with_the_same_answers_exits_0(recorded: Path, run, new: str) -> None:
    result = run("diff", "--json", recorded / "a.yaml", recorded / new)
    assert result.exit_code == 0, result.stdout
    report = result.json()
    assert report["summary"] == {"same": 5, "changed": 0, "added": 0, "removed": 0}
    assert [(i["old_index"], i["new_index"]) for i in report["interactions"]] == [(n, n) for n in range(5)]
    assert sum(i["ignored"] for i in report["interactions"]) >= 5  # the Date of each at least


@pytest.mark.parametrize("old, new", [("a.yaml", "c.yaml"), ("a.yaml", "c.json"), ("b.json", "c_ruby.yml"), ("b_govcr.yaml", "c.yaml")])
def test_one_changed_streamed_answer_is_that_interaction_only(recorded: Path, run, old: str, new: str) -> None:
    result = run("diff", "--json", recorded / old, recorded / new)
    assert result.exit_code == 1, result.stderr
    report = result.json()
    assert report["summary"] == {"same": 4, "changed": 1, "added": 0, "removed": 0}
    changed = [i for i in report["interactions"] if i["status"] == "changed"]
    assert len(changed) == 1 and changed[0]["old_index"] == 0 and changed[0]["new_index"] == 0
    assert changed[0]["url"].endswith("/v1/chat/completions")
    assert changed[0]["changes"] == [
        {"path": "response.stream.text", "old": "Let me check the weather in Florence for you.", "new": "Let me check the weather in Rome for you."},
    ]


def test_added_removed_and_reordered(recorded: Path, run) -> None:
    report = run("diff", "--json", recorded / "a.yaml", recorded / "d.yaml").json()
    assert report["summary"] == {"same": 4, "changed": 0, "added": 1, "removed": 1}
    by_url = {(i["status"], i["url"].rsplit("/", 1)[1]): i for i in report["interactions"]}
    assert by_url[("added", "models")]["old_index"] is None and by_url[("added", "models")]["new_index"] == 4
    assert by_url[("removed", "login")]["old_index"] == 3 and by_url[("removed", "login")]["new_index"] is None
    messages, chat = by_url[("same", "messages")], by_url[("same", "completions")]
    assert (messages["old_index"], messages["new_index"], chat["old_index"], chat["new_index"]) == (1, 0, 0, 1)
    assert [i["url"].rsplit("/", 1)[1] for i in report["interactions"] if i["moved"]] == ["messages"]
    human = run("diff", recorded / "a.yaml", recorded / "d.yaml")
    assert human.exit_code == 1
    lines = human.stdout.splitlines()
    assert any(line.startswith("moved    #1 → #0  POST") for line in lines)
    assert any(line.startswith("removed  #3  POST") and line.endswith("/v1/login") for line in lines)
    assert any(line.startswith("added    #4  GET") and line.endswith("/v1/models") for line in lines)
    assert lines[-2].startswith("0 changed, 1 added, 1 removed, 4 same (1 moved: not a change) · ") and lines[-1] == ""


def test_reordering_alone_exits_0(recorded: Path, tmp_path: Path, run) -> None:
    import yaml

    data = yaml.safe_load((recorded / "b.yaml").read_text())
    data["interactions"].reverse()
    (tmp_path / "reversed.yaml").write_text(yaml.safe_dump(data))
    result = run("diff", "--json", recorded / "a.yaml", tmp_path / "reversed.yaml")
    assert result.exit_code == 0
    assert [(i["old_index"], i["new_index"]) for i in result.json()["interactions"]] == [(4 - n, n) for n in range(5)]


def test_the_human_view_shows_the_assembled_text_and_no_timestamps(recorded: Path, run) -> None:
    result = run("diff", recorded / "a.yaml", recorded / "c.yaml")
    assert result.exit_code == 1
    assert "    - Let me check the weather in Florence for you.\n    + Let me check the weather in Rome for you.\n" in result.stdout
    assert "2026" not in result.stdout and "chatcmpl" not in result.stdout and "data:" not in result.stdout
    assert "\x1b[" not in result.stdout  # piped: plain


def test_all_and_ignore_header(recorded: Path, run) -> None:
    report = run("diff", "--json", "--all", recorded / "a.yaml", recorded / "b.yaml").json()
    assert report["summary"]["changed"] == 5
    paths = {c["path"] for i in report["interactions"] for c in i["changes"]}
    assert {"response.headers.date", "response.headers.set-cookie", "response.stream.events"} <= paths
    assert not any(p.startswith("response.stream.text") for p in paths)
    same = run("diff", "--json", "--ignore-header", "Accept-Encoding", "--ignore-header", "openai-organization", SAMPLES / "ruby-vcr/openai_chat_streaming.yml", SAMPLES / "vcrpy/openai_chat_streaming.yaml")
    assert same.exit_code == 0, same.stdout


def test_real_recorders_of_two_languages_differ_only_in_what_their_clients_sent(run) -> None:
    """Ruby VCR (Net::HTTP) and VCR.py (requests) recorded the same fake answers: only
    request headers differ, nothing of the responses."""
    for ruby, python in [("ruby-vcr/openai_chat_streaming.yml", "vcrpy/openai_chat_streaming.yaml"), ("ruby-vcr/auth_mixed.yml", "vcrpy/auth_mixed.yaml"), ("go-vcr-v2/anthropic_streaming.yaml", "vcrpy/anthropic_messages_streaming.yaml")]:
        report = run("diff", "--json", SAMPLES / ruby, SAMPLES / python).json()
        assert report["summary"]["added"] == report["summary"]["removed"] == 0
        paths = {c["path"] for i in report["interactions"] for c in i["changes"]}
        assert paths and all(p.startswith("request.") for p in paths), paths


def test_errors(tmp_path: Path, run) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("interactions: [\n")
    result = run("diff", bad, SAMPLES / "vcrpy/auth_mixed.yaml")
    assert result.exit_code == 2 and result.stderr.startswith(f"cassette: error: {bad}:") and result.stdout == ""
    missing = run("diff", tmp_path / "nope.yaml", SAMPLES / "vcrpy/auth_mixed.yaml")
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    one = run("diff", SAMPLES / "vcrpy/auth_mixed.yaml")
    assert one.exit_code == 2 and one.stderr.startswith("cassette: error: ")


def _changed_sample(tmp_path: Path) -> tuple[str, str]:
    """A fixed pair for the golden: the sample and an edit of it (a status, a JSON
    field, a Date, one more interaction), as old/ and new/ under tmp_path."""
    import shutil

    import yaml

    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    shutil.copyfile(SAMPLES / "vcrpy/auth_mixed.yaml", tmp_path / "old/auth_mixed.yaml")
    data = yaml.safe_load((SAMPLES / "vcrpy/auth_mixed.yaml").read_text())
    status = data["interactions"][2]["response"]
    status["body"]["string"] = status["body"]["string"].replace('"degraded"', '"operational"')
    data["interactions"][0]["response"]["status"] = {"code": 401, "message": "Unauthorized"}
    data["interactions"][0]["response"]["headers"]["Date"] = ["Thu, 03 Dec 2026 09:00:00 GMT"]
    data["interactions"].insert(1, json.loads(json.dumps(data["interactions"][2])))
    data["interactions"][1]["request"]["uri"] += "?page=2"
    (tmp_path / "new/auth_mixed.yaml").write_text(yaml.safe_dump(data))
    return "old/auth_mixed.yaml", "new/auth_mixed.yaml"


def test_markdown_golden(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--format markdown` as in tests/golden/diff_markdown.md (CASSETTE_WRITE_GOLDEN=1
    re-records it)."""
    old, new = _changed_sample(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("diff", "--format", "markdown", old, new)
    assert result.exit_code == 1
    if os.environ.get("CASSETTE_WRITE_GOLDEN"):
        GOLDEN_MD.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN_MD.read_text(encoding="utf-8")
    assert "<details>" in result.stdout and "| old/auth\\_mixed.yaml → new/auth\\_mixed.yaml | 2 | 1 | 0 | 1 |" in result.stdout


def test_on_a_terminal_in_colour_and_a_bad_format_is_a_usage_error(recorded: Path, run) -> None:
    result = run("diff", recorded / "a.yaml", recorded / "c.yaml", env={"COLUMNS": "100", "FORCE_COLOR": "1", "NO_COLOR": None})
    assert result.exit_code == 1 and "\x1b[" in result.stdout
    assert "Let me check the weather in Rome for you." in result.stdout
    bad = run("diff", "--format", "html", recorded / "a.yaml", recorded / "c.yaml")
    assert bad.exit_code == 2 and bad.stderr.startswith("cassette: error: ") and "markdown" in bad.stderr
