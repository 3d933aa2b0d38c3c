"""Many files shared with a forked child: the same stdout, stderr, exit code and written
bytes as one process, in the order of the files; a failing child's files done here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cassette_cli.cli import share

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _tree(tmp_path: Path, name: str) -> list[str]:
    """40 cassettes with secrets, one broken file and one file that is not a cassette."""
    folder = tmp_path / name
    folder.mkdir()
    sources = sorted(p for p in (SAMPLES / "vcrpy").glob("*.yaml"))[:10]
    paths = []
    for i in range(40):
        src = sources[i % len(sources)]
        dest = folder / f"{i:02d}-{src.name}"
        shutil.copyfile(src, dest)
        paths.append(str(dest))
    (folder / "20-broken.yaml").write_text("interactions: [\n")
    (folder / "30-other.yaml").write_text("apiVersion: v1\nkind: Pod\n")
    return sorted(paths + [str(folder / "20-broken.yaml"), str(folder / "30-other.yaml")])


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "cassette_cli", *args], cwd=cwd, env=environment, capture_output=True, text=True)


def _relative(text: str, folder: str) -> str:
    return text.replace(folder, "<dir>")


@pytest.mark.parametrize("mode", [["redact", "--check"], ["redact", "--check", "--format", "github"], ["redact"], ["redact", "--diff"], ["check"], ["check", "--format", "github"]])
def test_two_processes_print_and_write_what_one_does(tmp_path: Path, mode: list[str]) -> None:
    one = _tree(tmp_path, "one")
    two = _tree(tmp_path, "two")
    # small files: let them be shared all the same
    env = {"CASSETTE_SHARE_MIN_BYTES": "0"}
    a = _run([*mode, "--skip-non-cassettes", *one], tmp_path, CASSETTE_JOBS="1")
    b = _run([*mode, "--skip-non-cassettes", *two], tmp_path, **env)
    assert "Traceback" not in a.stderr + b.stderr
    assert a.returncode == b.returncode == 2  # the broken file, reported by both
    assert _relative(a.stdout, str(tmp_path / "one")) == _relative(b.stdout, str(tmp_path / "two"))
    assert _relative(a.stderr, str(tmp_path / "one")) == _relative(b.stderr, str(tmp_path / "two"))
    assert a.stdout  # something was found and printed
    for p, q in zip(one, two):
        assert Path(p).read_bytes() == Path(q).read_bytes()


def test_the_child_does_the_later_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share, "MIN_BYTES", 0)
    monkeypatch.delenv("CASSETTE_JOBS", raising=False)
    monkeypatch.setattr(share, "cores", lambda: 2)
    seen_here: list[int] = []

    def work(items: list[int]) -> int:
        seen_here.extend(items)
        for item in items:
            sys.stdout.write(f"{item}\n")
        return 1 if 7 in items else 0

    import io

    captured = io.StringIO()
    monkeypatch.setattr(sys, "stdout", captured)
    code = share.run_shared(list(range(10)), lambda item: 1, work)
    assert captured.getvalue() == "".join(f"{i}\n" for i in range(10))
    assert seen_here == [0, 1, 2, 3, 4]  # the rest were done in the child
    assert code == 1  # the child's finding counts


def test_a_failing_child_leaves_its_files_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share, "MIN_BYTES", 0)
    monkeypatch.delenv("CASSETTE_JOBS", raising=False)
    monkeypatch.setattr(share, "cores", lambda: 2)
    parent = os.getpid()
    done: list[int] = []

    def work(items: list[int]) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        done.extend(items)
        return 0

    assert share.run_shared(list(range(10)), lambda item: 1, work) == 0
    assert done == list(range(10))


@pytest.mark.parametrize(("a", "b", "merged"), [(0, 0, 0), (0, 1, 1), (1, 0, 1), (2, 0, 2), (1, 2, 2), (0, 2, 2)])
def test_exit_codes_merge(a: int, b: int, merged: int) -> None:
    assert share.merged_exit_code(a, b) == merged


def test_small_work_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASSETTE_JOBS", raising=False)
    monkeypatch.setattr(share, "cores", lambda: 2)
    assert not share.worth_sharing([100] * 300)  # 300 tiny files: 30 KB in all
    assert not share.worth_sharing([10 << 20])  # one file
    assert share.worth_sharing([1 << 17] * 10)
    monkeypatch.setenv("CASSETTE_JOBS", "1")
    assert not share.worth_sharing([1 << 17] * 10)
