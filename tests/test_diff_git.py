"""With real `git`: `*.yaml diff=cassette` in .gitattributes and `cassette textconv` as
the textconv, `git diff` of a re-recorded cassette shows the change in the assembled
text and no timestamps; `cassette diff --git` compares the working tree with HEAD."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("vcr")
pytest.importorskip("requests")

from . import recordings  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_PAGER": "cat"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with a recorded cassette committed, then re-recorded (other dates,
    ids, chunks; the streamed answer changed) in the working tree."""
    repo = tmp_path_factory.mktemp("repo")
    assert _git(repo, "init", "-q").returncode == 0
    cassette = repo / "tests" / "cassettes" / "chat.yaml"
    cassette.parent.mkdir(parents=True)
    with recordings.server() as base:
        recordings.record(base, cassette)
        (repo / ".gitattributes").write_text("*.yaml diff=cassette\n")
        textconv = f"{shutil.which('cassette') or sys.executable + ' -m cassette_cli'} textconv"
        assert _git(repo, "config", "diff.cassette.textconv", textconv).returncode == 0
        _git(repo, "add", ".")
        assert _git(repo, "commit", "-qm", "first recording").returncode == 0
        with recordings.rerecording(answer=("Florence", "Rome")):
            recordings.record(base, cassette)
    return repo


def test_git_diff_shows_the_assembled_text_change_and_no_timestamps(repo: Path) -> None:
    raw = _git(repo, "diff", "--no-textconv").stdout
    assert "Thu, 03 Dec 2026" in raw and "chatcmpl-RERECORDED9" in raw  # the bytes did change there
    shown = _git(repo, "diff")
    assert shown.returncode == 0, shown.stderr
    changed = [line for line in shown.stdout.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-    Let me check the weather in Florence for you.", "+    Let me check the weather in Rome for you."], shown.stdout
    assert "2026" not in shown.stdout and "GMT" not in shown.stdout and "data:" not in shown.stdout
    assert "REDACTED" in shown.stdout or "Bearer" not in shown.stdout


def test_git_log_p_reads_through_textconv_too(repo: Path) -> None:
    log = _git(repo, "log", "-p", "-1")
    assert log.returncode == 0 and "+## POST http://127.0.0.1:" in log.stdout
    secrets = recordings.fake_api().SECRETS
    assert secrets["openai_key"] not in log.stdout and "Bearer REDACTED" in log.stdout


def test_cassette_diff_git_compares_the_working_tree_with_head(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = run("diff", "--git", "--json", "tests/cassettes/chat.yaml")
    assert result.exit_code == 1, result.stderr
    report = result.json()
    assert report["summary"] == {"same": 4, "changed": 1, "added": 0, "removed": 0}
    assert report["files"][0]["old"] == "HEAD:tests/cassettes/chat.yaml"
    [changed] = [i for i in report["interactions"] if i["status"] == "changed"]
    assert [c["path"] for c in changed["changes"]] == ["response.stream.text"]
    folder = run("diff", "--git", "HEAD", "tests")
    assert folder.exit_code == 1 and "+ Let me check the weather in Rome for you." in folder.stdout
    same = run("diff", "--git", "HEAD", "tests/cassettes/chat.yaml", "--json")
    assert same.json()["summary"]["changed"] == 1


def test_a_file_new_since_rev_is_all_added_and_a_bad_rev_is_an_error(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    shutil.copyfile(repo / "tests/cassettes/chat.yaml", repo / "tests/cassettes/new.yaml")
    try:
        added = run("diff", "--git", "--json", "tests/cassettes/new.yaml").json()
        assert added["summary"] == {"same": 0, "changed": 0, "added": 5, "removed": 0}
        bad = run("diff", "--git", "no-such-rev", "tests/cassettes/chat.yaml")
        assert bad.exit_code == 2 and bad.stderr.startswith("cassette: error: tests/cassettes/chat.yaml: git show no-such-rev: ")
    finally:
        (repo / "tests/cassettes/new.yaml").unlink()


def test_textconv_of_a_yaml_file_that_is_no_cassette_is_the_file(tmp_path: Path, run) -> None:
    other = tmp_path / "config.yaml"
    other.write_text("name: demo\nsteps: [a, b]\n")
    result = run("textconv", other)
    assert result.exit_code == 0 and result.stdout == other.read_text()
