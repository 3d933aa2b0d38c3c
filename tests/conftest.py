"""Shared fixtures: where the samples and the shared corpus are, and a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cassette_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"

# Files in the corpus that are legacy formats: they must be refused with exit 2.
LEGACY = {
    "json/vcrpy__old_cassette.json",
    "ruby-vcr/vcr-ruby__1_x_cassette.yml",
    "vcrpy/vcrpy__old_cassette.yaml",
}


def cassette_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json") and p.is_file())


def sample_files() -> list[Path]:
    return [p for p in cassette_files(SAMPLES) if "legacy" not in p.parts and "record" not in p.parts and p.name != "manifest.json"]


def corpus_files() -> list[Path]:
    return cassette_files(CORPUS) if CORPUS.is_dir() else []


def samples_corpus_and_real_world() -> list[Path]:
    """The samples, then every file of ../shared/corpus and ../shared/real-world there is."""
    folders = [CORPUS, CORPUS.parent / "real-world"]
    return sample_files() + [p for folder in folders if folder.is_dir() for p in cassette_files(folder)]


def stream_texts(path: Path) -> list[str]:
    """The response bodies of the cassette at ``path`` that hold ``data:`` lines (none
    when the file is no cassette this tool reads)."""
    from cassette_cli.api import load_bytes
    from cassette_cli.errors import CassetteError

    try:
        cassette = load_bytes(path.read_bytes(), str(path))
    except CassetteError:
        return []
    return [t for i in cassette.interactions if (t := i.response.body.text) and "data:" in t]


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self) -> object:
        return json.loads(self.stdout)


@pytest.fixture
def run():
    """Run the CLI in-process: run("ls", "--json", path) -> Result(exit_code, stdout, stderr)."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


def planted_secrets() -> list[str]:
    """The fake secrets planted in samples/ (samples/record/fake_secrets.json), without
    the client id, which is an identifier the recorder sent beside them, not a secret."""
    values = json.loads((SAMPLES / "record" / "fake_secrets.json").read_text())
    return [v for k, v in values.items() if k != "client_id" and isinstance(v, str) and len(v) >= 8]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the children forked (by cassette_cli.parallel) during the test."""
    import os

    from cassette_cli import parallel

    children: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counting_fork)
    return children
