#!/usr/bin/env python3
"""A longer fuzz run of `cassette`, as real processes with resource limits.

    python bench/fuzz.py --seconds 300 --seed 7      # five minutes, reproducible choices
    python bench/fuzz.py --seconds 60                # the seed is printed

Each round picks a sample or corpus cassette, mutates it with the mutator of
tests/test_fuzz.py (bytes flipped, lines cut / duplicated / swapped, indentation shifted,
tags, anchors and aliases, NUL / invalid UTF-8 / BOM / CR, deep flow nesting), writes it
into a scratch folder and runs every command on it as `python -m cassette_cli ...`
(ls --json, ls, show --decode-sse --json, show --decode-sse, redact --check --json,
redact --diff, redact), each with RLIMIT_AS (--memory, default 1 GiB) and a timeout
(--timeout, default 30 s). A run breaks the contract when its exit code is not 0/1/2
(0/2 for ls and show), it prints a traceback, it times out, a stderr line is not
`cassette: error:` / `cassette: note:`, `--json` is not a JSON array, a read-only command
or a failed redact changed the file, a redacted file does not load again or is not stable
under a second redact, or a `.cassette-*.tmp` file stays behind.

Every new kind of breakage (one per command and symptom per run, and none already in the
folder) is saved into tests/fuzz_cases/ as NAME.EXT (the input) and NAME.meta.json
({"command", "reason", "seed", "mutations", "source", "signature", "output", "xfail"}).
tests/test_fuzz.py replays every saved file as a regular test; "xfail" makes it a strict
xfail with that reason while the tool still breaks on it: delete the key once fixed.

For a short in-process fuzz instead, see tests/test_fuzz.py (CASSETTE_FUZZ=N multiplies its
iterations). Exit status: 0 when nothing broke, 1 when something was saved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import corpus_files, sample_files
from tests.test_fuzz import COMMANDS, MUTATORS, mutate, violations

CASES = ROOT / "tests" / "fuzz_cases"


def limits(memory: int):
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run(argv: list[str], cwd: Path, timeout: float, memory: int) -> tuple[int | None, str, str, float]:
    """(exit code or None on timeout, stdout, stderr, seconds)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "160"}
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "cassette_cli", *argv], cwd=cwd, env=env, capture_output=True, timeout=timeout, preexec_fn=limits(memory), check=False)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace")
        err = (exc.stderr or b"").decode("utf-8", "replace")
        return None, out, err, time.perf_counter() - start
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), time.perf_counter() - start


def signature(name: str, code: int | None, problems: list[str], stderr: str) -> str:
    """What kind of breakage: the command, the symptom, and for a traceback the exception
    type and the innermost frame in cassette_cli."""
    if code is None:
        return f"{name}:timeout"
    if "Traceback" in stderr:
        frames = re.findall(r'File "[^"]*?(cassette_cli/[^"]+)", line \d+, in (\w+)', stderr)
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "?"
        kind = last.split(":", 1)[0].strip()
        where = f"{frames[-1][0]}:{frames[-1][1]}" if frames else "?"
        return f"{name}:traceback:{kind}:{where}"
    first = re.sub(r"[\d'\"].*", "", problems[0]).strip() if problems else "?"
    return f"{name}:{first}"


def known_signatures() -> set[str]:
    found = set()
    if CASES.is_dir():
        for meta in CASES.glob("*.meta.json"):
            try:
                found.add(json.loads(meta.read_text())["signature"])
            except (ValueError, KeyError):
                pass
    return found


def save(data: bytes, suffix: str, meta: dict[str, object]) -> Path:
    CASES.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(meta["signature"])).strip("-")[:60]
    name = f"{slug}-{hashlib.sha256(data).hexdigest()[:8]}"
    (CASES / f"{name}{suffix}").write_bytes(data)
    (CASES / f"{name}.meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
    return CASES / f"{name}{suffix}"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".cassette-"))


def one_round(data: bytes, suffix: str, work: Path, timeout: float, memory: int) -> list[tuple[str, list[str], int | None, str, list[str]]]:
    """Every command on data; [(command name, argv, exit, stderr, problems)] for the broken runs."""
    broken = []
    path = work / f"input{suffix}"
    for name, args, _ in COMMANDS:
        for stray in work.iterdir():
            stray.unlink()
        path.write_bytes(data)
        code, out, err, _ = run([*args, path.name], work, timeout, memory)
        after = path.read_bytes()
        problems = violations(name, args, code, out, err, data, after, leftovers(work))
        if code is None:
            problems.insert(0, f"timeout after {timeout} s")
        if name == "redact" and code == 1 and not problems:
            code2, _, err2, _ = run(["ls", "--json", path.name], work, timeout, memory)
            if code2 != 0:
                problems.append(f"the redacted file does not load (ls exit {code2}): {err2.strip()[-200:]}")
            code3, out3, err3, _ = run(["redact", path.name], work, timeout, memory)
            if code3 != 0:
                problems.append(f"a second redact exits {code3}, not 0: {(out3 + err3).strip()[-200:]}")
        if problems:
            broken.append((name, [*args, "FILE"], code, err, problems))
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the choices (default: from the clock, printed)")
    parser.add_argument("--timeout", type=float, default=30, help="per run, seconds (default 30)")
    parser.add_argument("--memory", type=int, default=1024, help="RLIMIT_AS per run, MiB (default 1024)")
    parser.add_argument("--no-save", action="store_true", help="report only; write nothing into tests/fuzz_cases/")
    parser.add_argument("inputs", nargs="*", type=Path, help="cassettes to mutate (default: samples and ../shared/corpus)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    inputs = args.inputs or [*sample_files(), *corpus_files()]
    inputs = [p for p in inputs if p.stat().st_size < 2_000_000]
    contents = {p: p.read_bytes() for p in inputs}
    memory = args.memory << 20
    seen = known_signatures()
    print(f"fuzz: seed {seed}, {len(inputs)} inputs, {len(MUTATORS)} mutation kinds, {len(COMMANDS)} commands, "
          f"{args.seconds:.0f} s, timeout {args.timeout} s, memory {args.memory} MiB", file=sys.stderr)
    rounds = runs = 0
    saved: list[Path] = []
    counts: dict[str, int] = {}
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="cassette-fuzz-") as scratch:
        work = Path(scratch)
        while time.monotonic() < deadline:
            source = rng.choice(inputs)
            round_seed = rng.randrange(1 << 32)
            data, names = mutate(contents[source], random.Random(round_seed))
            broken = one_round(data, source.suffix, work, args.timeout, memory)
            rounds += 1
            runs += len(COMMANDS)
            for name, argv_, code, err, problems in broken:
                sig = signature(name, code, problems, err)
                counts[sig] = counts.get(sig, 0) + 1
                print(f"BROKEN {sig}: {source.name} round-seed {round_seed} {names}: {problems[0][:200]}", file=sys.stderr)
                if sig in seen or args.no_save:
                    continue
                seen.add(sig)
                meta = {"command": ["cassette", *argv_[:-1]], "reason": "; ".join(problems)[:500], "seed": seed, "round_seed": round_seed,
                        "mutations": names, "source": str(source.relative_to(ROOT.parent)) if ROOT.parent in source.parents else str(source),
                        "signature": sig, "exit": code, "output": err[-3000:], "timeout": code is None,
                        "xfail": f"still breaks: {problems[0][:200]}"}
                saved.append(save(data, source.suffix, meta))
            if rounds % 20 == 0:
                print(f"fuzz: {rounds} rounds, {runs} runs, {sum(counts.values())} broken runs, "
                      f"{max(0.0, deadline - time.monotonic()):.0f} s left", file=sys.stderr)
    print(f"fuzz: done: seed {seed}, {rounds} rounds ({runs} runs), {sum(counts.values())} broken runs, "
          f"{len(counts)} kinds, {len(saved)} saved", file=sys.stderr)
    for sig, n in sorted(counts.items()):
        print(f"  {n:5}  {sig}", file=sys.stderr)
    for path in saved:
        print(f"  saved {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
