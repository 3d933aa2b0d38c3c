"""The real pre-commit, `try-repo` against this repository, on a git repository of sample
cassettes: the first run fixes and fails, the second passes. `pre-commit run --all-files`
with both hooks, and with the README's snippet, on a repository that also holds every kind
of other YAML and JSON: it passes while the cassettes are clean and fails naming only the
cassette that holds a secret. Also: the hook ids and the README agree, and `pre-commit
autoupdate` moves a pinned commit as the README says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cassette_cli.api import redact_bytes

from .conftest import ROOT, SAMPLES
from .test_non_cassettes import NOT_CASSETTES

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_hook_ids_are_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    assert [h["id"] for h in HOOKS] == ["cassette-redact", "cassette-check", "cassette-redact-check"]
    entries = {h["id"]: h["entry"] for h in HOOKS}
    assert entries["cassette-check"] == "cassette check --skip-non-cassettes"
    assert entries["cassette-redact-check"] == "cassette redact --check --skip-non-cassettes"
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
@pytest.mark.parametrize("hook", ["cassette-redact", "cassette-check", "cassette-redact-check"])
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


# ---------------------------------------------------------------- pre-commit run, for real

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1"}
GIT = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"]
# What the hooks need of this project, when the work tree has to be committed elsewhere.
HOOK_SOURCES = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "LICENSE", "cassette_cli")
CLEAN = {  # redacted copies: nothing left to find
    "tests/cassettes/clean_go_vcr.yaml": "go-vcr-v2/openrouter_streaming.yaml",
    "tests/cassettes/clean_ruby.yml": "ruby-vcr/auth_mixed.yml",
    "tests/cassettes/clean_vcrpy.json": "json/vcrpy_openai_streaming.json",
}
LEAKY = "tests/cassettes/leaky.yaml"  # a copy of samples/vcrpy/auth_mixed.yaml, secrets and all


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run([*GIT, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _commit_all(repo: Path, message: str) -> str:
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "--allow-empty", "-m", message, cwd=repo)
    return _git("rev-parse", "HEAD", cwd=repo)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """This project as pre-commit fetches it: (repository, commit sha). A clean checkout
    is used as it is; a work tree with changes (or no git checkout) is copied into a new
    repository and committed there, so that the hooks run the code under test."""
    if _pre_commit() is None:
        pytest.skip("pre-commit or git is not installed")
    try:
        if _git("status", "--porcelain", cwd=ROOT) == "":
            return str(ROOT), _git("rev-parse", "HEAD", cwd=ROOT)
    except subprocess.CalledProcessError:
        pass  # not a git checkout
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in HOOK_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, copy / name)
    _git("init", "-q", cwd=copy)
    return str(copy), _commit_all(copy, "the work tree under test")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _user_repo(folder: Path, *, leaky: bool) -> Path:
    """A repository as pre-commit finds it: other YAML and JSON of every kind, clean cassettes and, if leaky, one with secrets."""
    folder.mkdir()
    for name, data in NOT_CASSETTES.items():
        (folder / name).write_bytes(data)
    (folder / "tests" / "cassettes").mkdir(parents=True)
    for name, sample in CLEAN.items():
        (folder / name).write_bytes(redact_bytes((SAMPLES / sample).read_bytes(), name=sample))
    if leaky:
        shutil.copy(SAMPLES / "vcrpy" / "auth_mixed.yaml", folder / LEAKY)
    _git("init", "-q", cwd=folder)
    return folder


def _run_hooks(repo: Path, config: str, home: Path) -> subprocess.CompletedProcess[str]:
    (repo / ".pre-commit-config.yaml").write_text(config)
    _git("add", "-A", cwd=repo)
    pre_commit = _pre_commit()
    assert pre_commit is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([*pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def _both_hooks(repo: str, rev: str) -> str:
    # check first: it reports the secrets; redact then fixes the file
    return yaml.safe_dump({"repos": [{"repo": repo, "rev": rev, "hooks": [{"id": "cassette-check"}, {"id": "cassette-redact"}]}]}, sort_keys=False)


def _files_named(output: str) -> set[str]:
    """The files of the user's repository that the output names."""
    names = [*NOT_CASSETTES, *CLEAN, LEAKY]
    return {name for name in names if re.search(rf"(?<![\w./-]){re.escape(name)}(?![\w.-])", output)}


def test_run_passes_on_clean_cassettes_among_other_files(tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path) -> None:
    repo = _user_repo(tmp_path / "project", leaky=False)
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = _run_hooks(repo, _both_hooks(*hook_repo), pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^cassette check\.+Passed$", result.stdout, re.M), result.stdout
    assert re.search(r"^cassette redact\.+Passed$", result.stdout, re.M), result.stdout
    assert {p: p.read_bytes() for p in before} == before


def test_run_fails_only_on_the_cassette_with_a_secret(tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path) -> None:
    repo = _user_repo(tmp_path / "project", leaky=True)
    result = _run_hooks(repo, _both_hooks(*hook_repo), pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^cassette check\.+Failed$", result.stdout, re.M), result.stdout
    assert re.search(r"^cassette redact\.+Failed$", result.stdout, re.M), result.stdout
    assert _files_named(result.stdout + result.stderr) == {LEAKY}
    assert f"{LEAKY}:3:11: secret: json-key: " in result.stdout
    assert f"Redacted 7 values in {LEAKY}" in result.stdout
    assert (repo / LEAKY).read_bytes() == redact_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes())


ERRORED = "tests/cassettes/errored.yaml"  # a clean cassette whose recorded answer is a 503


def test_check_hook_lints_beyond_secrets(tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path) -> None:
    """`cassette-check` is the linter: a recorded 503 in a cassette with no secret fails
    it, naming the file, the line and the rule; `cassette-redact-check` (secrets only)
    passes the same repository."""
    repo = _user_repo(tmp_path / "project", leaky=False)
    clean = redact_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes())
    errored = clean.replace(b"code: 200", b"code: 503", 1)
    assert errored != clean
    (repo / ERRORED).write_bytes(errored)
    line = errored[: errored.index(b"code: 503")].count(b"\n") + 1
    column = len(errored[: errored.index(b"code: 503")].rsplit(b"\n", 1)[-1]) + len("code: ") + 1

    def config(hook: str) -> str:
        return yaml.safe_dump({"repos": [{"repo": hook_repo[0], "rev": hook_repo[1], "hooks": [{"id": hook}]}]}, sort_keys=False)

    result = _run_hooks(repo, config("cassette-check"), pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^cassette check\.+Failed$", result.stdout, re.M), result.stdout
    assert f"{ERRORED}:{line}:{column}: error-status: recorded response 503" in result.stdout
    assert _files_named(result.stdout + result.stderr) | {ERRORED} == {ERRORED} and ERRORED in result.stdout
    secrets_only = _run_hooks(repo, config("cassette-redact-check"), pre_commit_home)
    assert secrets_only.returncode == 0, secrets_only.stdout + secrets_only.stderr
    assert re.search(r"^cassette redact --check\.+Passed$", secrets_only.stdout, re.M), secrets_only.stdout


def _readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### pre-commit", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_readme_snippet_works_as_written(tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path) -> None:
    """The README's snippet with its two placeholders filled in: this repository and a commit."""
    snippet = _readme_snippet()
    repo_url, rev = hook_repo
    filled, count = re.subn(r"(?m)^(\s*- repo: )\S+", lambda m: m.group(1) + repo_url, snippet)
    filled, revs = re.subn(r"(?m)^(\s*rev: )[0-9a-f]{40}(?=\s)", lambda m: m.group(1) + rev, filled)
    assert (count, revs) == (1, 1), "the snippet has one repo and one rev, a full commit sha"
    repo = _user_repo(tmp_path / "project", leaky=True)
    result = _run_hooks(repo, filled, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert _files_named(result.stdout + result.stderr) == {LEAKY}
    second = _run_hooks(repo, filled, pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit or git is not installed")
def test_autoupdate_moves_a_pinned_commit(tmp_path: Path) -> None:
    """What the README says of `pre-commit autoupdate`: to the newest commit while there
    are no tags, to the newest tag once there is one. (No hook is installed for this.)"""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    _git("init", "-q", cwd=hooks)
    first = _commit_all(hooks, "one")
    second = _commit_all(hooks, "two")
    project = tmp_path / "project"
    project.mkdir()
    _git("init", "-q", cwd=project)
    config = project / ".pre-commit-config.yaml"
    pre_commit = _pre_commit()
    assert pre_commit is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "home")}

    def autoupdate(rev: str) -> str:
        config.write_text(yaml.safe_dump({"repos": [{"repo": str(hooks), "rev": rev, "hooks": [{"id": "cassette-check"}]}]}))
        done = subprocess.run([*pre_commit, "autoupdate"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return yaml.safe_load(config.read_text())["repos"][0]["rev"]

    assert autoupdate(first) == second
    _git("tag", "v0.1.0", cwd=hooks)
    _commit_all(hooks, "three")
    assert autoupdate(second) == "v0.1.0"
