"""The real pre-commit, `try-repo` against this repository, on a git repository of sample
cassettes: the first run fixes and fails, the second passes. Also: the hook ids and the
README agree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SAMPLES

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_hook_ids_are_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    assert [h["id"] for h in HOOKS] == ["cassette-redact", "cassette-check"]
    for hook in HOOKS:
        assert f"id: {hook['id']}" in readme
        assert hook["language"] == "python"
        assert set(hook["types_or"]) == {"yaml", "json"}


def _pre_commit() -> list[str] | None:
    if shutil.which("git") is None:
        return None
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit or git is not installed")
@pytest.mark.parametrize("hook", ["cassette-redact", "cassette-check"])
def test_try_repo_fixes_then_passes(tmp_path: Path, hook: str) -> None:
    pre_commit = _pre_commit()
    assert pre_commit is not None
    work = tmp_path / "project"
    (work / "cassettes").mkdir(parents=True)
    for name in ("go-vcr-v2/openrouter_streaming.yaml", "vcrpy/auth_mixed.yaml", "ruby-vcr/auth_mixed.yml"):
        shutil.copy(SAMPLES / name, work / "cassettes" / name.replace("/", "_"))
    (work / "config.yaml").write_text("name: not a cassette\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    git = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=work, check=True, env=env)
    subprocess.run([*git, "add", "."], cwd=work, check=True, env=env)
    before = {p.name: p.read_bytes() for p in (work / "cassettes").iterdir()}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*pre_commit, "try-repo", str(ROOT), hook, "--all-files"], cwd=work, env=env, capture_output=True, text=True, timeout=600)

    first = try_repo()
    assert first.returncode == 1, first.stdout + first.stderr
    after = {p.name: p.read_bytes() for p in (work / "cassettes").iterdir()}
    if hook == "cassette-redact":
        assert "Redacted" in first.stdout
        assert after != before
        second = try_repo()
        assert second.returncode == 0, second.stdout + second.stderr
    else:
        assert "authorization-header" in first.stdout
        assert after == before
