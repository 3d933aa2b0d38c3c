#!/usr/bin/env python3
"""Whole-process benchmark of `cassette` against PyYAML's C loader (see bench/README.md).

    python bench/run.py [--quick] [--repeat N] [--markdown] [--shapes many-small,few-huge,precommit,diff]

Generates the inputs with bench/make_cassettes.py if they are missing, then times each
command as a separate process (wall clock, best and median of N runs) and reads the
child's peak RSS from os.wait4(). Prints machine info and a markdown table with the
issue's requirements marked PASS/FAIL. Never exits non-zero because a requirement fails.

This script deliberately imports nothing heavy and never reads a whole input file:
on Linux a child's ru_maxrss starts at the parent's own high-water RSS (it is carried
across fork+exec), so a fat runner would inflate every RSS number below.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
WORK = OUT / "work"  # per-run subfolder work/run-<pid>-*/, removed at the end
MANIFEST = OUT / "manifest.json"
RESULTS_MD = HERE / "RESULTS.md"
SYNTHETIC = ("many-small", "few-huge", "precommit")  # by make_cassettes.py
# Built from real cassettes of ../shared by bench/real_shapes.py (skipped where it is missing).
REAL = ("ruby-llm-50mb", "ruby-text-stream-10mb", "vcrpy-json-api-10mb", "ruby-json-10mb", "ruby-base64",
        "precommit-llm", "startup")
SHAPES = SYNTHETIC + ("diff",) + REAL  # diff: many-small against make_rerecorded.py's re-recording
RERECORDED = OUT / "many-small-rerecorded.yaml"
REAL_OUT = OUT / "real"
REAL_MANIFEST = REAL_OUT / "manifest.json"
# Few huge bodies (targets: ls <= 1.0x, RSS <= 3x the file); the others have many small nodes.
FEW_HUGE = {"few-huge", "ruby-llm-50mb", "ruby-text-stream-10mb", "ruby-base64"}

LOAD_ONE = 'import yaml,sys; yaml.load(open(sys.argv[1],"rb"), Loader=yaml.CSafeLoader)'
# Ruby VCR files tag binary bodies `!binary` (Psych): the loader is given a constructor for it.
LOAD_RUBY = ('import yaml,sys,base64\n'
             'yaml.CSafeLoader.add_constructor("!binary", lambda l, n: base64.b64decode(l.construct_scalar(n)))\n'
             'for f in sys.argv[1:]: yaml.load(open(f,"rb"), Loader=yaml.CSafeLoader)')
# The floor: the C parser's events and nothing else (what cassette composes its nodes from).
PARSE_ONLY = ('import sys\nfrom ruamel.yaml import CParser\n'
              'for f in sys.argv[1:]:\n'
              '    p = CParser(open(f,"rb"))\n'
              '    while p.check_event(): p.get_event()\n'
              '    p.dispose()')
JSON_ONLY = 'import json,sys; json.load(open(sys.argv[1],"rb"))'
LOAD_MANY = ('import yaml,sys\n'
             'for f in sys.argv[1:]: yaml.load(open(f,"rb"), Loader=yaml.CSafeLoader)')
# The floor of rewriting many files as `redact` must (durably, atomically): each file's
# bytes written to a new file beside it, synced, renamed over it, and the folder synced.
WRITE_MANY = ('import os,sys\n'
              'for f in sys.argv[1:]:\n'
              '    data = open(f,"rb").read()\n'
              '    with open(f + ".floor", "wb") as out:\n'
              '        out.write(data); out.flush(); os.fsync(out.fileno())\n'
              '    os.replace(f + ".floor", f)\n'
              '    folder = os.open(os.path.dirname(f) or ".", os.O_RDONLY); os.fsync(folder); os.close(folder)')
READ_ONE = 'import sys; open(sys.argv[1],"rb").read()'
READ_MANY = ('import sys\n'
             'for f in sys.argv[1:]: open(f,"rb").read()')

# Shapes of the fake secrets make_cassettes.py plants (used to check what `redact` left).
SECRET_RE = re.compile(
    rb"sk-proj-[A-Za-z0-9]{48}|sk-ant-api03-[\w-]{93}AA|AKIA[A-Z2-7]{16}|AIza[\w-]{35}|ghp_[A-Za-z0-9]{36}")


# --------------------------------------------------------------------------------------
# environment
# --------------------------------------------------------------------------------------

INSTALLED = OUT / "venv"  # a plain (not editable) install of this checkout, as pipx makes


def source_stamp() -> str:
    """A hash of what an install copies: the package and pyproject.toml."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted([REPO / "pyproject.toml", *(REPO / "cassette_cli").rglob("*.py")]):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_installed() -> Path:
    """bench/out/venv with this checkout installed the way users get it (`pip install .`,
    not editable: an editable install's import hook costs ~40 ms at every start) and
    PyYAML for the baselines; reinstalled when the sources changed."""
    py = INSTALLED / "bin" / "python"
    stamp_file = INSTALLED / "installed-from"
    stamp = source_stamp()
    if py.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return py
    if not py.exists():
        print(f"[bench] creating {INSTALLED} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(INSTALLED)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "pyyaml", "ruamel.yaml"], check=True)
    print("[bench] installing this checkout (pip install .) ...", file=sys.stderr)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(REPO)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(REPO)], check=True)  # its dependencies
    stamp_file.write_text(stamp)
    return py


def maybe_reexec_in_venv() -> None:
    """Run under bench/out/venv (a plain install of this checkout), or with --editable
    under the repo's .venv."""
    if os.environ.get("CASSETTE_BENCH_NO_REEXEC"):
        return
    if "--editable" in sys.argv:
        venv = REPO / ".venv"
        py = venv / "bin" / "python"
        if not py.exists():
            return
    else:
        py = ensure_installed()
        venv = INSTALLED
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    os.environ["CASSETTE_BENCH_NO_REEXEC"] = "1"
    print(f"[bench] re-running under {py}", file=sys.stderr)
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def cassette_argv() -> tuple[list[str], str]:
    exe = Path(sys.executable).parent / "cassette"
    if exe.exists():
        return [str(exe)], str(exe)
    return [sys.executable, "-m", "cassette_cli"], f"{sys.executable} -m cassette_cli"


VERSIONS_SNIPPET = r"""
import json
from importlib.metadata import version
def v(n):
    try:
        return version(n)
    except Exception:
        return "not installed"
try:
    import yaml
    libyaml = str(yaml.__with_libyaml__)
except Exception as e:
    libyaml = "import failed: %s" % e
print(json.dumps({"PyYAML": v("PyYAML"), "libyaml": libyaml, "ruamel.yaml": v("ruamel.yaml"),
                  "ruamel.yaml.clib": v("ruamel.yaml.clib"), "cassette-cli": v("cassette-cli"),
                  "hyperscan": v("hyperscan"), "orjson": v("orjson")}))
"""


def versions() -> dict:
    """Package versions, asked of a child (importing them here would raise our own peak RSS)."""
    try:
        out = subprocess.run([sys.executable, "-c", VERSIONS_SNIPPET], capture_output=True, text=True,
                             timeout=120).stdout
        return json.loads(out)
    except Exception:
        return {}


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count()
    ver = versions()
    q = lambda k: ver.get(k, "?")  # noqa: E731
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        commit = ""
    import platform
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "kernel": f"{platform.system()} {platform.release()}",
        "Python": f"{sys.version.split()[0]} ({sys.executable})",
        "PyYAML": f"{q('PyYAML')} (libyaml: {q('libyaml')})",
        "ruamel.yaml": f"{q('ruamel.yaml')} (clib {q('ruamel.yaml.clib')})",
        "cassette-cli": q("cassette-cli"),
        "optional accelerators": f"hyperscan {q('hyperscan')}, orjson {q('orjson')}",
        "repo commit": commit or "?",
    }


# --------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------

def gen_version() -> int | None:
    """GEN_VERSION of make_cassettes.py, read without importing it (keeps this process small)."""
    m = re.search(r"^GEN_VERSION = (\d+)", (HERE / "make_cassettes.py").read_text(), re.M)
    return int(m.group(1)) if m else None


def ensure_inputs(force: bool) -> dict:
    GEN_VERSION = gen_version()
    manifest = None
    if MANIFEST.exists() and not force:
        try:
            manifest = json.loads(MANIFEST.read_text())
        except ValueError:
            manifest = None
    ok = (manifest is not None and manifest.get("gen_version") == GEN_VERSION
          and all(s in manifest.get("files", {}) for s in SYNTHETIC)
          and (OUT / "many-small.yaml").exists() and (OUT / "few-huge.yaml").exists()
          and (OUT / "precommit").is_dir()
          and len(list((OUT / "precommit").iterdir())) == manifest["files"]["precommit"]["count"])
    if not ok:
        print("[bench] generating inputs (bench/make_cassettes.py) ...", file=sys.stderr)
        # in a child process: generating in-process would raise this process's peak RSS
        subprocess.run([sys.executable, str(HERE / "make_cassettes.py"), "--out", str(OUT)], check=True)
        manifest = json.loads(MANIFEST.read_text())
    if not ok or not RERECORDED.exists():
        # diff's "re-recording" of many-small.yaml, in a child process too
        subprocess.run([sys.executable, str(HERE / "make_rerecorded.py"), str(OUT / "many-small.yaml"), str(RERECORDED)], check=True)
    return manifest


def ensure_real_inputs(force: bool) -> dict | None:
    """The shapes built from ../shared (bench/real_shapes.py), or None where it is missing."""
    shared = REPO.parent / "shared"
    if not (shared / "corpus").is_dir():
        print(f"[bench] {shared}/corpus not found: the shapes built from real cassettes are skipped", file=sys.stderr)
        return None
    manifest = None
    if REAL_MANIFEST.exists() and not force:
        try:
            manifest = json.loads(REAL_MANIFEST.read_text())
        except ValueError:
            manifest = None
    if manifest is None or not all((OUT / e["path"]).exists() for e in manifest["files"].values()):
        print("[bench] building the shapes from real cassettes (bench/real_shapes.py) ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "real_shapes.py"), "--shared", str(shared), "--out", str(REAL_OUT)], check=True)
        manifest = json.loads(REAL_MANIFEST.read_text())
    return manifest


def warm_cache(paths: list[Path]) -> None:
    """Read inputs once (in 1 MB chunks, so this process stays small) to warm the page cache."""
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def leftover_secrets(paths: list[Path], planted: set[str]) -> int:
    """How many planted secrets still appear in `paths` (chunked scan)."""
    found: set[bytes] = set()
    want = {s.encode() for s in planted}
    for p in paths:
        with open(p, "rb") as f:
            tail = b""
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                buf = tail + chunk
                found.update(m for m in SECRET_RE.findall(buf) if m in want)
                tail = buf[-256:]
    return len(found)


# --------------------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------------------

@dataclass
class RunResult:
    seconds: float
    maxrss_kib: int
    rc: int
    stderr: str


def run_once(argv: list[str], timeout: float) -> RunResult:
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errf,
                             cwd=str(REPO))
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        t1 = time.perf_counter()
        rc = os.waitstatus_to_exitcode(status)
        p.returncode = rc  # reaped by wait4; keep Popen from waiting again
        errf.seek(0)
        err = errf.read(1 << 16).decode("utf-8", "replace")
    return RunResult(t1 - t0, ru.ru_maxrss, rc, err)


_BOX = re.compile(r"[\u2500-\u257f]+")


def failure_reason(r: RunResult) -> str:
    """The first useful stderr line (skipping click/typer usage banners and rich boxes)."""
    lines = [ln.strip() for ln in r.stderr.splitlines() if ln.strip()]
    if not lines:
        return f"exit {r.rc}, no stderr" if r.rc >= 0 else f"killed by signal {-r.rc}"
    useful = [_BOX.sub("", ln).strip() for ln in lines]
    useful = [ln for ln in useful if ln and ln not in ("Error", "Error:")
              and not ln.startswith(("Usage:", "Try '"))] or lines
    first = useful[0]
    if first.startswith("Traceback") and len(useful) > 1:
        first = useful[-1]  # the exception message is more useful than the header
    return first[:160]


@dataclass
class Row:
    label: str
    shape: str
    size: int
    argv: list[str]
    ok_rc: tuple[int, ...] = (0,)
    expect_rc: int | None = None          # the exit code that means "did its job"
    expect_note: str = ""
    prepare: object = None                # callable run before each repeat (untimed)
    subcmd: str | None = None             # cassette subcommand, probed with --help
    ratio_max: float | None = None        # requirement: best <= ratio_max x C loader
    seconds_max: float | None = None      # requirement: best <= seconds_max
    rss_max_factor: float | None = None   # requirement: peak RSS <= factor x file size
    versus: tuple[str, float] | None = None  # requirement: median of paired ratios to the row so labelled (same shape) <= factor
    is_loader: bool = False
    after: object = None                  # callable returning a note, run after the last repeat
    # results
    times: list[float] = field(default_factory=list)
    pairs: list[tuple[float, float]] = field(default_factory=list)  # (partner's time, this row's time), run back to back
    rss_kib: int = 0
    fail: str | None = None
    notes: list[str] = field(default_factory=list)


def fmt_size(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def build_rows(shapes: list[str], manifest: dict, cas: list[str], work_root: Path) -> list[Row]:
    """The rows of each shape, with the targets of issue 13 (the worst shape counts)."""
    py = sys.executable
    rows: list[Row] = []
    files = manifest["files"]
    for shape in shapes:
        if shape == "diff":
            a, b = str(OUT / files["many-small"]["path"]), str(RERECORDED)
            size = files["many-small"]["size"] + RERECORDED.stat().st_size
            rows += [
                Row("baseline: C loader, both files in one process", shape, size, [py, "-c", LOAD_MANY, a, b], is_loader=True),
                Row("cassette diff --json (many-small vs its re-recording)", shape, size, [*cas, "diff", "--json", a, b],
                    ok_rc=(0, 1), expect_rc=1, expect_note="exit 0: reported no change", subcmd="diff", ratio_max=2.0),
                Row("cassette diff (human view)", shape, size, [*cas, "diff", a, b], ok_rc=(0, 1), expect_rc=1,
                    expect_note="exit 0: reported no change", subcmd="diff"),
            ]
            continue
        if shape not in files:
            continue
        entry = files[shape]
        if shape in ("precommit", "precommit-llm"):
            pdir = OUT / entry["path"]
            names = sorted(entry["files"])
            paths = [str(pdir / n) for n in names]
            size = entry["size"]
            planted = {s for e in entry["files"].values() for s in e["secrets"]} if shape == "precommit" else set()
            wdir = work_root / shape
            wpaths = [wdir / n for n in names]

            def prep_pc(pdir=pdir, wdir=wdir):
                shutil.rmtree(wdir, ignore_errors=True)
                shutil.copytree(pdir, wdir)

            n = len(paths)
            loader = LOAD_MANY if shape == "precommit" else LOAD_RUBY
            rows += [
                Row(f"baseline: C loader, {n} files in one process", shape, size,
                    [py, "-c", loader, *paths], is_loader=True),
                Row(f"floor: C parser events only, {n} files", shape, size, [py, "-c", PARSE_ONLY, *paths]),
                Row(f"cassette redact --check ({n} files)", shape, size,
                    [*cas, "redact", "--check", *paths], ok_rc=(0, 1),
                    subcmd="redact", seconds_max=1.0, ratio_max=1.0),
                Row(f"cassette check ({n} files)", shape, size,
                    [*cas, "check", *paths], ok_rc=(0, 1), subcmd="check",
                    versus=(f"cassette redact --check ({n} files)", 1.2)),
                Row(f"floor: rewrite {n} copied files (write, fsync, rename, fsync the folder)", shape, size,
                    [py, "-c", WRITE_MANY, *map(str, wpaths)], prepare=prep_pc),
                Row(f"cassette redact ({n} copied files)", shape, size,
                    [*cas, "redact", *map(str, wpaths)], ok_rc=(0, 1), subcmd="redact", prepare=prep_pc,
                    ratio_max=1.25,
                    after=(lambda wpaths=wpaths, planted=planted: secrets_note(wpaths, planted)) if planted else None),
            ]
            continue
        src = OUT / entry["path"]
        size = entry["size"]
        f = str(src)
        if shape == "startup":
            rows += [
                Row("baseline: yaml.load CSafeLoader", shape, size, [py, "-c", LOAD_ONE, f], is_loader=True),
                Row("baseline: python -c pass", shape, size, [py, "-c", "pass"]),
                Row("floor: import ruamel.yaml's C parser (what every command reads with)", shape, size,
                    [py, "-c", "from ruamel.yaml.cyaml import CParser"]),
                Row("import typer, rich.console, ruamel.yaml (what the commands other than ls and the pre-commit hooks' start with)", shape, size,
                    [py, "-c", "import typer, rich.console, ruamel.yaml"]),
                Row("cassette --version", shape, size, [*cas, "--version"]),
                Row("cassette ls", shape, size, [*cas, "ls", f], subcmd="ls", ratio_max=1.5),
            ]
            continue
        planted = set(entry.get("secrets", ()))
        work = work_root / shape / src.name
        huge = shape in FEW_HUGE
        rss = 3.0 if huge and size >= 10e6 else None

        def prep(src=src, work=work):
            work.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, work)

        loader = LOAD_RUBY if shape.startswith("ruby") else LOAD_ONE
        floor = [py, "-c", JSON_ONLY, f] if src.suffix == ".json" else [py, "-c", PARSE_ONLY, f]
        rows += [
            Row("baseline: yaml.load CSafeLoader (VCR.py)", shape, size, [py, "-c", loader, f], is_loader=True),
            Row("baseline: plain read", shape, size, [py, "-c", READ_ONE, f]),
            Row("floor: json.load" if src.suffix == ".json" else "floor: C parser events only", shape, size, floor),
            Row("cassette ls --json", shape, size, [*cas, "ls", "--json", f], subcmd="ls",
                ratio_max=1.0 if huge else 0.75, rss_max_factor=rss),
            Row("cassette show --decode-sse --json FILE 0", shape, size,
                [*cas, "show", "--decode-sse", "--json", f, "0"], subcmd="show", ratio_max=1.0, rss_max_factor=rss),
            Row("cassette redact --check", shape, size, [*cas, "redact", "--check", f], ok_rc=(0, 1),
                expect_rc=1 if planted else None, expect_note="exit 0: reported no secrets", subcmd="redact",
                ratio_max=1.0, rss_max_factor=rss),
            Row("cassette redact (fresh copy)", shape, size, [*cas, "redact", str(work)], ok_rc=(0, 1),
                expect_rc=1 if planted else None, expect_note="exit 0: changed nothing", subcmd="redact", prepare=prep,
                ratio_max=1.25, rss_max_factor=rss,
                after=(lambda work=work, planted=planted: secrets_note([work], planted)) if planted else None),
        ]
    return rows


def secrets_note(paths: list[Path], planted: set[str]) -> str:
    left = leftover_secrets([Path(p) for p in paths], planted)
    return f"{left}/{len(planted)} planted secrets left"


def probe(cas: list[str], subcmds: set[str], timeout: float) -> dict[str, str | None]:
    """None if `cassette SUB --help` works, else the reason it does not."""
    res: dict[str, str | None] = {}
    base = run_once([*cas, "--help"], timeout)
    for sub in sorted(subcmds):
        if base.rc != 0:
            res[sub] = failure_reason(base)
            continue
        r = run_once([*cas, sub, "--help"], timeout)
        res[sub] = None if r.rc == 0 else failure_reason(r)
    return res


def run_row(row: Row, repeat: int, timeout: float, probes: dict, partner: Row | None = None) -> None:
    """``partner``: the row this one is compared with; it runs once before each of this
    row's runs (its times are added to its own), so a change in the machine's load
    while they run hits both."""
    if row.subcmd and probes.get(row.subcmd):
        row.fail = probes[row.subcmd]
        return
    rcs = []
    for _ in range(repeat):
        before = None
        if partner is not None and partner.fail is None:
            p = run_once(partner.argv, timeout)
            if p.rc in partner.ok_rc:
                partner.times.append(p.seconds)
                before = p.seconds
        if row.prepare:
            row.prepare()
        r = run_once(row.argv, timeout)
        if r.rc not in row.ok_rc or "Traceback (most recent call last)" in r.stderr:
            row.fail = failure_reason(r)
            return
        row.times.append(r.seconds)
        if before is not None:
            row.pairs.append((before, r.seconds))
        row.rss_kib = max(row.rss_kib, r.maxrss_kib)
        rcs.append(r.rc)
    if row.expect_rc is not None and any(rc != row.expect_rc for rc in rcs):
        row.notes.append(row.expect_note)
    if row.after:
        try:
            row.notes.append(row.after())
        except Exception as e:  # a note must never break the run
            row.notes.append(f"check failed: {e}")


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------

HEADER = ["command", "shape", "file size", "best s", "median s", "× C loader", "peak RSS MB",
          "RSS / size", "requirement", "result", "note"]


def table(rows: list[Row]) -> str:
    loader_best = {r.shape: min(r.times) for r in rows if r.is_loader and r.times}
    out = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] * len(HEADER)) + "|"]
    for r in rows:
        reqs = []
        if r.ratio_max is not None:
            reqs.append(f"≤ {r.ratio_max:g}× C loader")
        if r.seconds_max is not None:
            reqs.append(f"≤ {r.seconds_max:g} s")
        if r.rss_max_factor is not None:
            reqs.append(f"RSS ≤ {r.rss_max_factor:g}× size")
        if r.versus is not None:
            reqs.append(f"≤ {r.versus[1]:g}× {r.versus[0].split(' (')[0].removeprefix('cassette ')}")
        if r.fail is not None or not r.times:
            cells = [r.label, r.shape, fmt_size(r.size), f"n/a (command failed: {esc(r.fail or '?')})",
                     "—", "—", "—", "—", "; ".join(reqs) or "—", "n/a" if reqs else "—", ""]
            out.append("| " + " | ".join(cells) + " |")
            continue
        best = min(r.times)
        med = statistics.median(r.times)
        base = loader_best.get(r.shape)
        ratio = best / base if base else None
        rss_mb = r.rss_kib * 1024 / 1e6
        rss_x = r.rss_kib * 1024 / r.size if r.size >= 1e6 else None  # small files: the floor is the runner
        results = []
        if r.ratio_max is not None:
            results.append("n/a" if ratio is None else ("PASS" if ratio <= r.ratio_max else "FAIL"))
        if r.seconds_max is not None:
            results.append("PASS" if best <= r.seconds_max else "FAIL")
        if r.rss_max_factor is not None:
            results.append("n/a" if rss_x is None else "PASS" if rss_x <= r.rss_max_factor else "FAIL")
        if r.versus is not None:
            factor = statistics.median(mine / theirs for theirs, mine in r.pairs) if r.pairs else None
            results.append("n/a" if factor is None else f"{'PASS' if factor <= r.versus[1] else 'FAIL'} ({factor:.2f}×, median of {len(r.pairs)} paired runs)")
        cells = [r.label, r.shape, fmt_size(r.size), f"{best:.3f}", f"{med:.3f}",
                 "—" if ratio is None else f"{ratio:.2f}×", f"{rss_mb:.0f}", "—" if rss_x is None else f"{rss_x:.2f}×",
                 "; ".join(reqs) or "—", "; ".join(results) or "—", esc("; ".join(r.notes))]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def esc(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def inputs_summary(manifest: dict) -> str:
    f = manifest["files"]
    lines = []
    for s in ("many-small", "few-huge"):
        if s in f:
            e = f[s]
            lines.append(f"- `{s}.yaml`: {fmt_size(e['size'])} ({e['size']:,} bytes), "
                         f"{e['interactions']:,} interactions, {len(e['secrets'])} distinct fake secrets in text")
    if "precommit" in f:
        e = f["precommit"]
        lines.append(f"- `precommit/`: {e['count']} files, {fmt_size(e['size'])} total, "
                     f"{e['min_size']:,}-{e['max_size']:,} bytes each")
    for s in REAL:
        if s not in f:
            continue
        e = f[s]
        if "count" in e:
            lines.append(f"- `{e['path']}/` ({s}): {e['count']} real files ({e['distinct_sources']} distinct), "
                         f"{fmt_size(e['size'])} total, {e['min_size']:,}-{e['max_size']:,} bytes each")
        else:
            lines.append(f"- `{e['path']}` ({s}): {fmt_size(e['size'])} ({e['size']:,} bytes), "
                         f"{e['interactions']:,} interactions, from `{e.get('source', 'generated')}`")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------

def run_all(shapes: list[str], manifest: dict, cas: list[str], work_root: Path, repeat: int,
            timeout: float) -> list[Row]:
    rows = build_rows(shapes, manifest, cas, work_root)
    warm_cache([OUT / manifest["files"][s]["path"] for s in shapes if s in manifest["files"] and "count" not in manifest["files"][s]]
               + ([OUT / manifest["files"]["many-small"]["path"], RERECORDED] if "diff" in shapes else []))
    probes = probe(cas, {r.subcmd for r in rows if r.subcmd}, timeout)
    for sub, why in sorted(probes.items()):
        if why:
            print(f"[bench] cassette {sub}: unavailable ({why})", file=sys.stderr)

    for row in rows:
        print(f"[bench] {row.shape:10} {row.label} ...", end="", file=sys.stderr, flush=True)
        partner = next((o for o in rows if row.versus and o.shape == row.shape and o.label == row.versus[0]), None)
        run_row(row, repeat, timeout, probes, partner)
        if row.fail:
            print(f" n/a ({row.fail})", file=sys.stderr)
        else:
            print(f" best {min(row.times):.3f} s, peak RSS {row.rss_kib * 1024 / 1e6:.0f} MB"
                  + (f" [{'; '.join(row.notes)}]" if row.notes else ""), file=sys.stderr)

    return rows


def main() -> int:
    maybe_reexec_in_venv()
    ap = argparse.ArgumentParser(description="Benchmark cassette against PyYAML's C loader.")
    ap.add_argument("--quick", action="store_true", help="one run per row (default: --repeat 3)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per row (best and median are reported)")
    ap.add_argument("--markdown", action="store_true", help=f"also write the results to {RESULTS_MD.relative_to(REPO)}")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated subset of " + ",".join(SHAPES))
    ap.add_argument("--regen", action="store_true", help="regenerate the inputs first")
    ap.add_argument("--editable", action="store_true", help="time the repo's .venv (editable) instead of a plain install")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    args = ap.parse_args()
    repeat = args.repeat or (1 if args.quick else 3)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    bad = [s for s in shapes if s not in SHAPES]
    if bad:
        ap.error(f"unknown shape(s): {', '.join(bad)}")

    manifest = ensure_inputs(args.regen)
    real = ensure_real_inputs(args.regen) if any(s in REAL for s in shapes) else None
    if real is not None:
        manifest["files"].update(real["files"])
    shapes = [s for s in shapes if s in manifest["files"] or s == "diff"]
    cas, cas_desc = cassette_argv()
    info = machine_info()
    info["cassette command"] = cas_desc
    info["runs per row"] = str(repeat)

    print("## Machine\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print("\n## Inputs\n")
    print(inputs_summary(manifest))
    sys.stdout.flush()

    # copies for `redact` go to a folder of this run's own, so concurrent runs cannot collide
    WORK.mkdir(parents=True, exist_ok=True)
    work_root = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=WORK))
    try:
        rows = run_all(shapes, manifest, cas, work_root, repeat, args.timeout)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    import resource
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    md = table(rows)
    footer = (f"Ratios to the C loader use best times; a row judged against another command (check "
              f"against redact --check) runs in alternation with it, and its ratio is the median of "
              f"the paired runs' ratios, which a change in the machine's load while they run hits "
              f"alike. RSS is the child's ru_maxrss from wait4(); on Linux it "
              f"starts at the runner's own peak RSS ({self_rss:.0f} MB here), so that is the floor. "
              f"Sizes are in 10^6 bytes.")
    print("\n## Results\n")
    print(md)
    print("\n" + footer)

    if args.markdown:
        stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        text = ["# cassette benchmark results\n", f"Date: {stamp}  ",
                f"Command: `python bench/run.py {' '.join(sys.argv[1:])}`\n", "## Machine\n"]
        text += [f"- {k}: {v}" for k, v in info.items()]
        text += ["", "## Inputs\n", inputs_summary(manifest), "", "## Results\n", md, "", footer, ""]
        RESULTS_MD.write_text("\n".join(text))
        print(f"\n[bench] wrote {RESULTS_MD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
