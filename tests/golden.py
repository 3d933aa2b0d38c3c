"""Golden outputs: what every command prints (and what `redact` writes) for every file of
samples/ and ../shared/corpus, recorded from the tool as it was before the redesign of
issue 10, so that moving code cannot change behaviour unnoticed.

For samples/ the outputs themselves are kept (tests/golden/samples.json); for the corpus,
which is not ours to copy, only sha256 digests (tests/golden/corpus.json).

    python -m tests.golden --write     # record the current tool's outputs
    python -m tests.golden --changed   # list the files and commands whose outputs differ
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden"

# name -> arguments before the path; "redact" is special: it writes a copy of the file
COMMANDS: dict[str, tuple[str, ...]] = {
    "ls --json": ("ls", "--json"),
    "show --json": ("show", "--json"),
    "show --decode-sse --json": ("show", "--decode-sse", "--json"),
    "show piped": ("show",),
    "show --decode-sse piped": ("show", "--decode-sse"),
    "redact --check --json": ("redact", "--check", "--json"),
    "export --har": ("export", "--har"),
    # every rule but stale-recording (its findings depend on today's date)
    "check --format json": ("check", "--format", "json", "--select", "ALL", "--ignore", "stale-recording"),
    "redact": ("redact",),
}
# No terminal, no colour choice or width from the environment: the piped output.
ENV: dict[str, str | None] = {"COLUMNS": None, "LINES": None, "NO_COLOR": None, "FORCE_COLOR": None, "TERM": None}


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json") and p.is_file())


def sample_names() -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in _files(SAMPLES) if "record" not in p.parts and p.name != "manifest.json"]


def corpus_names() -> list[str]:
    return [p.relative_to(CORPUS.parent).as_posix() for p in _files(CORPUS)] if CORPUS.is_dir() else []


def _invoke(args: list[str], cwd: Path) -> dict[str, object]:
    from cassette_cli.cli import app

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    finally:
        os.chdir(old)
    return {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr}


def outputs(name: str, base: Path) -> dict[str, dict[str, object]]:
    """Every command's exit code, stdout and stderr for the file `base / name`, run from
    `base` with the relative name, so the paths printed do not depend on the machine."""
    found: dict[str, dict[str, object]] = {}
    for label, args in COMMANDS.items():
        if label != "redact":
            found[label] = _invoke([*args, name], base)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / name
            copy.parent.mkdir(parents=True)
            shutil.copyfile(base / name, copy)
            result = _invoke([*args, name], Path(tmp))
            result["written_sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
        found[label] = result
    return found


def digest(result: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(result, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def record_samples() -> dict[str, dict[str, dict[str, object]]]:
    return {name: outputs(name, ROOT) for name in sample_names()}


def record_corpus() -> dict[str, dict[str, str]]:
    return {name: {label: digest(r) for label, r in outputs(name, CORPUS.parent).items()} for name in corpus_names()}


def load(kind: str) -> dict[str, dict[str, object]]:
    return json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))


def _write(kind: str, data: object) -> None:
    GOLDEN.mkdir(exist_ok=True)
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (GOLDEN / f"{kind}.json").write_text(text, encoding="utf-8")


def changed() -> list[str]:
    lines = []
    old_samples = load("samples")
    for name, now in record_samples().items():
        for label, result in now.items():
            if old_samples.get(name, {}).get(label) != result:
                lines.append(f"{name}: {label}")
    if CORPUS.is_dir():
        old_corpus = load("corpus")
        for name, now_digests in record_corpus().items():
            for label, value in now_digests.items():
                if old_corpus.get(name, {}).get(label) != value:
                    lines.append(f"{name}: {label}")
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write("samples", record_samples())
        if CORPUS.is_dir():
            _write("corpus", record_corpus())
    elif sys.argv[1:] == ["--changed"]:
        print("\n".join(changed()) or "no golden output changed")
    else:
        sys.exit(__doc__)
