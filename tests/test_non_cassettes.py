"""A repository's other YAML and JSON files are skipped, whatever they hold, under
`--skip-non-cassettes` (pre-commit) and in folder walks; only cassettes decide the exit
code. A file named on the command line without the flag is still an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLES

NOT_CASSETTES: dict[str, bytes] = {
    "k8s.yaml": b"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
    "cloudformation.yaml": b"Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n      Tags: !GetAtt [A, B]\n",
    ".gitlab-ci.yml": b"include: x.yml\ntest:\n  script:\n    - !reference [.setup, script]\n    - pytest\n",
    "vault.yml": b"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162636465\n",
    "tsconfig.json": b'{\n  // comments are allowed here\n  "compilerOptions": {"strict": true,},\n}\n',
    "empty.yaml": b"",
    "blank.json": b"  \n",
    "duplicate.yaml": b"name: a\nname: b\n",
    "helm.yaml": b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  {{- toYaml .Values.data | nindent 2 }}\n",
    "invalid.yaml": b"a: [unclosed\n  b: : :\n",
    "binary.json": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "huge.json": b"[" + b'{"id": 1, "name": "row"},' * 40_000 + b"{}]",
    "list.yaml": b"- one\n- two\n",
    "latin1.yaml": "name: caf\xe9\n".encode("latin-1"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name, data in NOT_CASSETTES.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize("command", [("redact",), ("redact", "--check")], ids=" ".join)
def test_skipped_under_skip_non_cassettes(repo: Path, run, command: tuple[str, ...]) -> None:
    before = {p.name: p.read_bytes() for p in repo.iterdir()}
    result = run(*command, "--skip-non-cassettes", *sorted(str(p) for p in repo.iterdir()))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert {p.name: p.read_bytes() for p in repo.iterdir()} == before


def test_verbose_lists_every_skipped_file(repo: Path, run) -> None:
    result = run("redact", "--check", "--skip-non-cassettes", "-v", *sorted(str(p) for p in repo.iterdir()))
    assert result.exit_code == 0
    notes = result.stderr.splitlines()
    assert len(notes) == len(NOT_CASSETTES)
    assert all(line.startswith("cassette: note: skipped ") for line in notes)


def test_only_cassettes_decide_the_exit_code(repo: Path, run) -> None:
    shutil.copy(SAMPLES / "vcrpy" / "auth_mixed.yaml", repo / "cassette.yaml")
    result = run("redact", "--check", "--skip-non-cassettes", *sorted(str(p) for p in repo.iterdir()))
    assert result.exit_code == 1
    assert result.stderr == ""
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {str(repo / "cassette.yaml")}


def test_a_broken_cassette_is_still_an_error(repo: Path, run) -> None:
    (repo / "broken.yaml").write_text("interactions:\n- request: [\nversion: 1\n")
    result = run("redact", "--check", "--skip-non-cassettes", *sorted(str(p) for p in repo.iterdir()))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cassette: error: {repo / 'broken.yaml'}:")
    assert len(result.stderr.splitlines()) == 1


def test_folder_walks_skip_them_too(repo: Path, run) -> None:
    for command in (("ls",), ("redact", "--check")):
        result = run(*command, repo)
        assert (result.exit_code, result.stderr) == (0, ""), command


def test_named_without_the_flag_they_are_errors(repo: Path, run) -> None:
    result = run("ls", repo / "k8s.yaml")
    assert result.exit_code == 2 and result.stderr.startswith("cassette: error: ")


def test_a_fifo_is_refused_at_once(tmp_path: Path, run) -> None:
    import os
    import time

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    for command in (("ls",), ("show",), ("redact", "--check"), ("redact", "--skip-non-cassettes")):
        result = run(*command, fifo)
        assert result.exit_code == 2
        assert result.stderr == f"cassette: error: {fifo}: not a regular file (a FIFO, device or socket): only files are read\n"
    assert time.monotonic() - started < 1.0
