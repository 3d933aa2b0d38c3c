"""Fuzzing: mutated cassettes through every command never crash the tool.

Every sample and corpus cassette is mutated by a seeded mutator (bytes flipped, truncated,
lines cut, duplicated or swapped, indentation shifted by 1 or 2 spaces, YAML tags,
anchors and aliases inserted, NUL / invalid UTF-8 / BOM / CR inserted, a scalar replaced
by a deep flow nesting) and run IN-PROCESS through

    ls --json, ls, show --decode-sse --json, show --decode-sse,
    redact --check --json, redact --diff, redact (on a copy)

The contract checked for each run (`violations()`, shared with bench/fuzz.py):

* exit code 0 or 2 for ls / show, 0, 1 or 2 for redact; no exception other than SystemExit
  escapes; no "Traceback" anywhere in the output;
* every stderr line is `cassette: error: ...` or `cassette: note: ...`, and exit 2 comes
  with at least one `cassette: error:` line;
* `--json` prints one JSON array;
* `redact --check` / `--diff` never write; `redact` that exits 0 or 2 leaves the bytes as
  they were; `redact` that exits 1 leaves a file that still loads (`ls` exits 0) and that
  a second `redact` leaves alone (exit 0); no `.cassette-*.tmp` file is left behind.

Budget: by default each input gets a couple of mutated versions, so this module runs in
well under 30 s. Set CASSETTE_FUZZ=N to multiply the iterations (CASSETTE_FUZZ=20 for a
longer local run) and CASSETTE_FUZZ_SEED=S to change the seed (default 0: CI runs are
reproducible). For a long run as subprocesses with resource limits, use
`python bench/fuzz.py --seconds 300 --seed N` (see its docstring); it saves anything it
breaks into tests/fuzz_cases/, and `test_fuzz_case_replays` below replays every file
there as a regular test.

The heaviest mutations (deep nesting, alias chains, huge numbers of aliases, very long
lines) run in `test_heavy_mutations_bounded` through real subprocesses with a timeout and
RLIMIT_AS = 1 GiB: bounded time and memory.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cassette_cli.cli import app

from .conftest import CORPUS, ROOT, SAMPLES, corpus_files, needs_corpus, sample_files

FUZZ = max(1, int(os.environ.get("CASSETTE_FUZZ", "1") or "1"))
BASE_SEED = int(os.environ.get("CASSETTE_FUZZ_SEED", "0") or "0")
PER_INPUT = 2  # mutated versions per input per CASSETTE_FUZZ unit
LARGE_INPUT = 400_000  # inputs bigger than this get one mutated version per unit
FUZZ_CASES = Path(__file__).resolve().parent / "fuzz_cases"

# --------------------------------------------------------------------------------------
# The mutator
# --------------------------------------------------------------------------------------

TAGS = [
    b"!!python/object:x ",
    b"!!python/object/apply:os.system ",
    b"!ruby/struct:Y ",
    b"!ruby/object:Z ",
    b"!!binary ",
    b"!binary ",
    b"!custom ",
    b"!!str ",
    b"!!int ",
    b"!!map ",
    b"!!seq ",
    b"!<tag:yaml.org,2002:str> ",
    b"! ",
]
SPECIAL = [b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\xc2\x85", b"\xe2\x80\xa8", b"\t", b"\x1b[31m"]

Mutator = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _value_spots(lines: list[bytes]) -> list[tuple[int, int]]:
    """(line index, offset in the line) of where a value starts: after `: ` or `- `."""
    spots = []
    for i, line in enumerate(lines):
        for marker in (b": ", b"- "):
            at = line.find(marker)
            if at >= 0:
                spots.append((i, at + 2))
                break
    return spots


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] = out[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def cut_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def shift_indent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    delta = rng.choice((-2, -1, 1, 2))
    if delta > 0:
        lines[i] = b" " * delta + lines[i]
    else:
        strip = min(-delta, len(lines[i]) - len(lines[i].lstrip(b" ")))
        lines[i] = lines[i][strip:]
    return b"".join(lines)


def insert_tag(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    spots = _value_spots(lines)
    tag = rng.choice(TAGS)
    if spots:
        i, at = rng.choice(spots)
    else:
        i = rng.randrange(len(lines))
        at = len(lines[i]) - len(lines[i].lstrip(b" "))
    lines[i] = lines[i][:at] + tag + lines[i][at:]
    return b"".join(lines)


def anchors_aliases(rng: random.Random, data: bytes) -> bytes:
    """An anchor on one value and an alias in place of another (or of a key, or one that
    points nowhere, or before its anchor)."""
    lines = _lines(data)
    spots = _value_spots(lines)
    if len(spots) < 2:
        return data + b"\nx: &a 1\ny: *a\n"
    (i, at), (j, bt) = rng.sample(spots, 2)
    name = rng.choice((b"a", b"a", b"secret", b"x" * 200))
    alias = b"*" + (name if rng.random() < 0.85 else b"nowhere")
    eol_j = len(lines[j].rstrip(b"\r\n"))
    if i == j:
        lines[i] = lines[i][:at] + b"&" + name + b" " + lines[i][at:]
    else:
        if rng.random() < 0.2:  # an alias as a key
            indent = len(lines[j]) - len(lines[j].lstrip(b" "))
            lines[j] = lines[j][:indent] + alias + b" : " + lines[j][bt:]
        else:
            lines[j] = lines[j][:bt] + alias + lines[j][eol_j:]
        lines[i] = lines[i][:at] + b"&" + name + b" " + lines[i][at:]
    return b"".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) < 2:
        return data
    i, j = rng.sample(range(len(lines)), 2)
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def insert_special(rng: random.Random, data: bytes) -> bytes:
    """NUL, invalid UTF-8 (bad byte, bad continuation, surrogate, > U+10FFFF), BOM, CR,
    NEL, LS, tab or an escape sequence, at a random point (a BOM often at the start)."""
    piece = rng.choice(SPECIAL)
    at = 0 if piece == b"\xef\xbb\xbf" and rng.random() < 0.5 else rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def deep_nesting(rng: random.Random, data: bytes, depth: int | None = None) -> bytes:
    """A scalar replaced by a deep flow nesting, around the 1000-level limit."""
    lines = _lines(data)
    spots = _value_spots(lines)
    n = depth if depth is not None else rng.choice((10, 500, 999, 1000, 1001, 3000))
    nest = rng.choice((b"[" * n + b"]" * n, b"{a: " * n + b"x" + b"}" * n, b"[{" * (n // 2) + b"}]" * (n // 2), b"[" * n))
    if not spots:
        return data + b"\nx: " + nest + b"\n"
    i, at = rng.choice(spots)
    eol = len(lines[i].rstrip(b"\r\n"))
    lines[i] = lines[i][:at] + nest + lines[i][eol:]
    return b"".join(lines)


MUTATORS: dict[str, Mutator] = {
    "flip_bytes": flip_bytes,
    "truncate": truncate,
    "cut_line": cut_line,
    "shift_indent": shift_indent,
    "insert_tag": insert_tag,
    "anchors_aliases": anchors_aliases,
    "duplicate_line": duplicate_line,
    "swap_lines": swap_lines,
    "insert_special": insert_special,
    "deep_nesting": deep_nesting,
}


def mutate(data: bytes, rng: random.Random, count: int | None = None) -> tuple[bytes, list[str]]:
    """1 to 3 mutations (mostly 1), each chosen at random; returns the bytes and their names."""
    if count is None:
        count = rng.choice((1, 1, 1, 2, 3))
    names = []
    for _ in range(count):
        name = rng.choice(sorted(MUTATORS))
        data = MUTATORS[name](rng, data)
        names.append(name)
    return data, names


def heavy_inputs() -> dict[str, bytes]:
    """The mutations that cost the most: deep nesting far over the limit, alias chains
    (billion laughs) where the tool looks (headers, bodies, the interactions list), very
    many aliases, very long lines, deep block nesting."""
    base = (SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml").read_bytes()
    vcrpy = (SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes()
    laughs = b"".join(b"l%d: &l%d [%s]\n" % (i, i, b", ".join([b"*l%d" % (i - 1)] * 10)) for i in range(1, 10))
    bomb_headers = base.replace(b"      Accept:\n      - application/json\n", b"      Accept: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(b"      L%d: &l%d [%s]\n" % (i, i, b", ".join([b"*l%d" % (i - 1)] * 10)) for i in range(1, 10)) + b"      X-Bomb: *l9\n", 1)
    bomb_body = base.replace(b"    body: '{", b"    body: *l9\n    x_body: '{", 1).replace(b"version: 2\n", b"version: 2\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + laughs, 1)
    many_aliases = base.replace(b"version: 2\n", b"version: 2\nx: &a [1]\ny: [" + b", ".join([b"*a"] * 50_000) + b"]\n", 1)
    alias_keys = b"version: 1\ninteractions:\n- &i\n  request: {uri: 'http://x/', method: GET, headers: {}, body: null}\n  response: {status: {code: 200, message: OK}, headers: {}, body: {string: ''}}\n" + b"- *i\n" * 50_000
    block_nest = b"version: 2\ninteractions:\n" + b"".join(b" " * i + b"- \n" for i in range(1500))
    return {
        "deep_flow_200k.yaml": deep_nesting(random.Random(1), base, 200_000),
        "deep_flow_unclosed.yaml": b"version: 2\ninteractions: " + b"[" * 500_000 + b"\n",
        "deep_map_20k.yaml": b"version: 1\ninteractions: " + b"{a: " * 20_000 + b"x" + b"}" * 20_000 + b"\n",
        "deep_block.yaml": block_nest,
        "bomb_headers.yaml": bomb_headers,
        "bomb_body.yaml": bomb_body,
        "many_aliases.yaml": many_aliases,
        "alias_items.yaml": alias_keys,
        "long_header_1mb.yaml": base.replace(b"Fake-SDK/1.0", b"Fake-SDK/" + b"x" * 1_000_000, 1),
        "long_body_5mb.yaml": base.replace(b"    body: '{", b"    body: '" + b"y" * 5_000_000 + b"{", 1),
        "many_keys.json": b'{"version": 1, "interactions": [], ' + b", ".join(b'"k%d": %d' % (i, i) for i in range(20_000)) + b"}",
        "vcrpy_deep_body.yaml": vcrpy.replace(b"body:", b"body: " + b"[" * 999 + b"]" * 999 + b"\n    x_body:", 1),
    }


# --------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------

# (name, arguments before the path, writes?). Shared with bench/fuzz.py.
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("ls-json", ["ls", "--json"], False),
    ("ls", ["ls"], False),
    ("show-json", ["show", "--decode-sse", "--json"], False),
    ("show", ["show", "--decode-sse"], False),
    ("check-json", ["redact", "--check", "--json"], False),
    ("diff", ["redact", "--diff"], False),
    ("redact", ["redact"], True),
    ("textconv", ["textconv"], False),
    ("diff-against", ["diff", "--json", str(SAMPLES / "vcrpy" / "auth_mixed.yaml")], False),
]
PREFIXES = ("cassette: error: ", "cassette: note: ")
WARNING = re.compile(r".+:\d+:\d+: warning: ")  # redact: a replaced value a recorder matches on (issue 16)


def violations(name: str, args: list[str], code: int | None, stdout: str, stderr: str, before: bytes, after: bytes | None, leftovers: list[str]) -> list[str]:
    """What is wrong with one run; [] when it kept the contract."""
    problems = []
    allowed = {0, 1, 2} if args[0] in ("redact", "diff") else {0, 2}
    if code not in allowed:
        problems.append(f"exit code {code} (allowed: {sorted(allowed)})")
    if "Traceback" in stdout or "Traceback" in stderr:
        problems.append("a traceback in the output")
    bad_lines = [line for line in stderr.splitlines() if not line.startswith(PREFIXES) and not WARNING.match(line)]
    if bad_lines:
        problems.append(f"stderr line not in the error format: {bad_lines[0][:200]!r}")
    if code == 2 and not any(line.startswith("cassette: error: ") for line in stderr.splitlines()):
        problems.append("exit 2 without a 'cassette: error:' line")
    if "--json" in args and code in (0, 1, 2):
        try:
            if not isinstance(json.loads(stdout), dict if args[0] == "diff" else list):
                problems.append("--json output is not an object" if args[0] == "diff" else "--json output is not an array")
        except ValueError:
            problems.append(f"--json output is not JSON: {stdout[:200]!r}")
    if after is not None:
        if args == ["redact"] and code == 1:
            pass  # checked by the caller: it loads and is stable
        elif after != before:
            problems.append(f"the file changed although {' '.join(args)} exited {code}")
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    return problems


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".cassette-"))


# Crashes already pinned by a strict xfail test below: a fuzz run that hits only these is
# reported as xfail (visible in the summary), not as a pass and not as a new failure. Remove
# an entry when its xfail test starts passing.
KNOWN_BUGS: dict[str, str] = {
    # "text of the exception": "why, and which xfail test pins it",
}


def known_bug(text: str) -> str | None:
    for needle, why in KNOWN_BUGS.items():
        if needle in text:
            return why
    return None


def invoke(args: list[str]) -> tuple[int | None, str, str, BaseException | None]:
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def check_in_process(data: bytes, suffix: str, folder: Path) -> list[str]:
    """Run every command on data (written to folder/input<suffix>); the violations found."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"input{suffix}"
    found: list[str] = []
    for name, args, _ in COMMANDS:
        path.write_bytes(data)
        code, out, err, exc = invoke([*args, str(path)])
        if exc is not None:
            crash = f"{type(exc).__name__}: {exc}"
            why = known_bug(crash)
            if why:
                found.append(f"KNOWN {name}: {why}")
                continue
            found.append(f"{name}: raised {crash}"[:300])
        after = path.read_bytes()
        found += [f"{name}: {p}" for p in violations(name, args, code, out, err, data, after, _leftovers(folder))]
        if name == "redact" and code == 1 and exc is None:
            code2, _, err2, exc2 = invoke(["ls", "--json", str(path)])
            if code2 != 0 or exc2 is not None:
                found.append(f"redact: the redacted file does not load (ls exit {code2}): {err2.strip()[:200]}")
            code3, out3, err3, exc3 = invoke(["redact", str(path)])
            if code3 != 0 or exc3 is not None:
                found.append(f"redact: a second redact exits {code3}, not 0: {(out3 + err3).strip()[:200]}")
    return found


# --------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------


def _inputs() -> list:
    params = [pytest.param(p, id=f"samples/{p.relative_to(SAMPLES)}") for p in sample_files()]
    corpus = corpus_files()
    if corpus:
        params += [pytest.param(p, id=f"corpus/{p.relative_to(CORPUS)}", marks=needs_corpus) for p in corpus]
    else:
        params.append(pytest.param(None, id="corpus", marks=needs_corpus))
    return params


@pytest.fixture(autouse=True)
def _quiet_cwd(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """redact reads pyproject.toml / .cassette.toml from the working folder: use an empty one."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.mark.parametrize("source", _inputs())
def test_mutations_keep_the_contract(source: Path, tmp_path: Path) -> None:
    data = source.read_bytes()
    runs = FUZZ * (1 if len(data) > LARGE_INPUT else PER_INPUT)
    failures: list[tuple[str, list[str]]] = []
    for i in range(runs):
        seed = zlib.crc32(f"{BASE_SEED}:{source.name}:{i}".encode())
        mutated, names = mutate(data, random.Random(seed))
        found = check_in_process(mutated, source.suffix, tmp_path / str(i))
        if found:
            failures.append((f"seed {seed} ({', '.join(names)})", found))
    _judge(failures, str(source))


def _judge(failures: list[tuple[str, list[str]]], what: str) -> None:
    """Fail on anything new; xfail (visibly) when every problem is a known bug."""
    new = [f"{label}: " + "; ".join(found) for label, found in failures if any(not p.startswith("KNOWN ") for p in found)]
    assert not new, f"{what}:\n" + "\n".join(new)
    if failures:
        pytest.xfail("only known bugs: " + "; ".join(f"{label}: {'; '.join(found)}" for label, found in failures)[:500])


@pytest.mark.parametrize("kind", sorted(MUTATORS))
def test_each_mutation_kind_on_a_sample(kind: str, tmp_path: Path) -> None:
    """Every mutation kind at least a few times, whatever the random choice above did."""
    data = (SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes()
    failures: list[tuple[str, list[str]]] = []
    for i in range(3 * FUZZ):
        rng = random.Random(zlib.crc32(f"{BASE_SEED}:{kind}:{i}".encode()))
        mutated = MUTATORS[kind](rng, data)
        assert mutated != data or kind in ("swap_lines", "shift_indent")
        found = check_in_process(mutated, ".yaml", tmp_path / str(i))
        if found:
            failures.append((f"#{i}", found))
    _judge(failures, kind)


def test_mutator_is_deterministic() -> None:
    data = (SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes()
    assert mutate(data, random.Random(7)) == mutate(data, random.Random(7))


# --- crash reproducers saved by bench/fuzz.py ------------------------------------------


def fuzz_cases() -> list:
    """Each tests/fuzz_cases/NAME.{yaml,yml,json} with its NAME.meta.json beside it:
    {"command": [...], "reason": "...", "xfail": "why it still fails" (optional)}."""
    params = []
    if FUZZ_CASES.is_dir():
        for path in sorted(FUZZ_CASES.iterdir()):
            if path.name.endswith(".meta.json") or path.suffix not in (".yaml", ".yml", ".json"):
                continue
            meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
            meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
            marks = [pytest.mark.xfail(strict=True, reason=meta["xfail"])] if meta.get("xfail") else []
            params.append(pytest.param(path, id=path.name, marks=marks))
    if not params:
        params.append(pytest.param(None, id="none", marks=pytest.mark.skip(reason="no crash reproducers in tests/fuzz_cases/")))
    return params


@pytest.mark.parametrize("case", fuzz_cases())
def test_fuzz_case_replays(case: Path, tmp_path: Path) -> None:
    meta_path = case.with_name(case.name[: -len(case.suffix)] + ".meta.json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if meta.get("timeout"):  # a hang: replay as a limited process, not in-process
        work = tmp_path / "run"
        work.mkdir()
        target = work / f"input{case.suffix}"
        target.write_bytes(case.read_bytes())
        args = [a for a in meta["command"][1:]]
        try:
            proc = run_limited([*args, target.name], work, timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{' '.join(args)} did not finish in 30 s")
        found = violations(args[0], args, proc.returncode, proc.stdout, proc.stderr, b"", None, _leftovers(work))
        assert not found, "; ".join(found)
        return
    found = check_in_process(case.read_bytes(), case.suffix, tmp_path / "run")
    assert not found, "; ".join(found).replace("KNOWN ", "")


# --- bounded time and memory -------------------------------------------------------------

HEAVY_TIMEOUT = 120  # seconds, for the whole batch (it takes a few on an idle machine)
MEMORY_LIMIT = 1 << 30  # RLIMIT_AS: 1 GiB


def limit_resources() -> None:  # runs in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(argv: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "cassette_cli", *argv], cwd=cwd, env=env, capture_output=True, text=True, errors="replace", timeout=timeout, preexec_fn=limit_resources, check=False)


def heavy_batch_main(folder: str) -> None:
    """In the limited child: every command on every heavy input, in-process; prints the
    name of each input as it starts (stderr) and one JSON object of violations (stdout)."""
    import contextlib
    import io

    results: dict[str, list[str]] = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        sys.stderr.write(f"start {path.name}\n")
        sys.stderr.flush()
        with contextlib.redirect_stdout(io.StringIO()):
            results[path.name] = check_in_process(path.read_bytes(), path.suffix, Path(folder) / f"run-{path.stem}")
    sys.stdout.write(json.dumps(results) + "\n")


def test_heavy_mutations_bounded(tmp_path: Path) -> None:
    """Deep nesting, alias chains, 50k aliases, a 1 MB header, a 5 MB body line: every
    command on each, in ONE child process limited to 1 GiB of address space and
    HEAVY_TIMEOUT seconds, finishes and keeps the contract."""
    folder = tmp_path / "heavy"
    folder.mkdir()
    for name, data in heavy_inputs().items():
        (folder / name).write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "160"}
    code = f"from tests.test_fuzz import heavy_batch_main; heavy_batch_main({str(folder)!r})"
    try:
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=HEAVY_TIMEOUT, preexec_fn=limit_resources, check=False)
    except subprocess.TimeoutExpired as exc:
        started = [line for line in (exc.stderr or b"").decode(errors="replace").splitlines() if line.startswith("start ")]
        pytest.fail(f"no answer in {HEAVY_TIMEOUT} s; the input being worked on: {started[-1:] }")
    assert proc.returncode == 0, f"the child failed (exit {proc.returncode}; MemoryError means over 1 GiB): {proc.stderr[-2000:]}"
    results = json.loads(proc.stdout.splitlines()[-1])
    assert set(results) == set(heavy_inputs())
    failures = [(name, found) for name, found in results.items() if found]
    _judge(failures, "heavy inputs")


# --- crashes found by fuzzing, as regular tests -------------------------------------------
# Each is the smallest input found. A crash that is still there is a strict xfail (with a
# KNOWN_BUGS entry above); when the fix lands it XPASSes, fails, and the marker must go.
# The deep-JSON crashes below (RecursionError out of json.loads, exit 1 with a traceback)
# were found by this module and fixed in cd70bc8; they stay as regression tests.

DEEP = 5000  # far over CPython's recursion limit for json.loads, still a small file


def _vcrpy(body: str, content_type: str, *, binary: bool = False) -> bytes:
    value = f"!!binary '{body}'" if binary else json.dumps(body)
    return (
        "interactions:\n"
        "- request: {body: null, headers: {}, method: POST, uri: 'http://x/v1/chat/completions'}\n"
        "  response:\n"
        f"    body: {{string: {value}}}\n"
        f"    headers: {{Content-Type: [{content_type}]}}\n"
        "    status: {code: 200, message: OK}\n"
        "version: 1\n"
    ).encode()


def _bedrock_frame(payload: bytes) -> bytes:
    """One AWS event-stream frame, :event-type chunk."""
    import struct

    def string_header(name: str, value: str) -> bytes:
        return bytes([len(name)]) + name.encode() + b"\x07" + struct.pack(">H", len(value)) + value.encode()

    headers = string_header(":event-type", "chunk") + string_header(":content-type", "application/json") + string_header(":message-type", "event")
    prelude = struct.pack(">II", 12 + len(headers) + len(payload) + 4, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


def _deep_object() -> str:
    return '{"a":' * DEEP + "1" + "}" * DEEP


def _deep_json_inputs() -> list:
    import base64

    tool_chunk = {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": "[" * DEEP + "]" * DEEP}}]}, "finish_reason": None}]}
    inner = json.dumps({"bytes": base64.b64encode(_deep_object().encode()).decode()}).encode()
    return [
        pytest.param(["show"], _vcrpy("[" * DEEP + "]" * DEEP, "application/json"), id="render.pretty_json-deep-json-body"),
        pytest.param(["show", "--decode-sse", "--json"], _vcrpy("data: " + _deep_object() + "\n\n", "text/event-stream"), id="assemble._load_object-deep-sse-data"),
        pytest.param(["show", "--decode-sse", "--json"], _vcrpy("data: " + json.dumps(tool_chunk) + "\n\ndata: [DONE]\n\n", "text/event-stream"), id="assemble.result-deep-tool-arguments"),
        pytest.param(["show", "--decode-sse", "--json"], _vcrpy(base64.b64encode(_bedrock_frame(_deep_object().encode())).decode(), "application/vnd.amazon.eventstream", binary=True), id="eventstream._unwrap_chunk-deep-payload"),
        pytest.param(["show", "--decode-sse", "--json"], _vcrpy(base64.b64encode(_bedrock_frame(inner)).decode(), "application/vnd.amazon.eventstream", binary=True), id="eventstream._inner_type-deep-inner-json"),
    ]


@pytest.mark.parametrize(("args", "data"), _deep_json_inputs())
def test_deep_json_in_bodies_is_data(args: list[str], data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_bytes(data)
    code, out, err, exc = invoke([*args, str(path)])
    assert exc is None, f"{type(exc).__name__}: {str(exc)[:200]}"
    assert code == 0, err
    assert "Traceback" not in out + err
    if "--json" in args:
        assert isinstance(json.loads(out), list)


def test_show_cuts_a_huge_header(tmp_path: Path) -> None:
    """Found by fuzzing: show printed header values uncut, and rich's line splitting is
    quadratic in the length of one wrapped cell (a 4 MB header took ~9 s, 20 MB minutes).
    Header values are now cut like bodies. The timeout only catches a hang."""
    data = (SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml").read_bytes()
    path = tmp_path / "huge-header.yaml"
    path.write_bytes(data.replace(b"Fake-SDK/1.0", b"Fake-SDK/" + b"x" * 4_000_000, 1))
    try:
        proc = run_limited(["show", str(path)], tmp_path, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("show on a cassette with one 4 MB header did not finish in 120 s")
    assert proc.returncode == 0
    assert "(cut: 4,000,028 characters)" in " ".join(proc.stdout.split())
