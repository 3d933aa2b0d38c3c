"""The fast start (issue 13): `cassette --version` and a plain `cassette ls` run without
typer, `ls` piped draws its table without rich, and the rules are imported only when a
value is masked. Each shortcut is held to the slow way: the same bytes, the same exit
status, the same command lines refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.cli.fast import run_fast
from cassette_cli.output.ls_plain import plain_ls
from cassette_cli.views.listing import Row

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
EMPTY = "interactions: []\nversion: 1\n"

# piped, as a user's pre-commit or `| less` sees it: no variable that makes rich draw otherwise
PIPED_ENV = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR")}

FAST = [sys.executable, "-m", "cassette_cli"]
# the same command line through typer: what `cassette` ran before the fast start
TYPER = [sys.executable, "-c", "import sys; from cassette_cli.cli import app; sys.argv[0] = 'cassette'; app(prog_name='cassette')"]


def _both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes]]:
    fast = subprocess.run([*FAST, *args], capture_output=True, env=PIPED_ENV, cwd=cwd, timeout=120)
    slow = subprocess.run([*TYPER, *args], capture_output=True, env=PIPED_ENV, cwd=cwd, timeout=120)
    return fast, slow


def _command_lines(tmp_path: Path) -> list[list[str]]:
    (tmp_path / "empty.yaml").write_text(EMPTY)
    (tmp_path / "k8s.yaml").write_text("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n")
    (tmp_path / "broken.yaml").write_text("interactions:\n- request: [\n")
    (tmp_path / "café ☕.yaml").write_text(EMPTY)  # a path rich draws (not ASCII)
    lines = [
        ["--version"],
        ["ls", "empty.yaml"],
        ["ls", "--json", "empty.yaml"],
        ["ls", "k8s.yaml"],  # named explicitly: not a cassette, an error
        ["ls", "missing.yaml", "empty.yaml"],
        ["ls", "broken.yaml", "empty.yaml"],
        ["ls", "café ☕.yaml"],
        ["ls", "."],  # a folder walk: the non-cassette is skipped
        ["ls", str(SAMPLES)],
        ["ls", "--json", str(SAMPLES)],
        ["ls", str(SAMPLES / "vcrpy"), "--json"],
    ]
    lines += [
        ["redact", "--check", "k8s.yaml"],  # named: an error
        ["redact", "--check", "--skip-non-cassettes", "k8s.yaml", "empty.yaml", "broken.yaml"],
        ["redact", "--skip-non-cassettes", "--check", "."],
        ["redact", "--check", str(SAMPLES)],
        ["redact", str(SAMPLES / "vcrpy" / "auth_mixed.yaml"), "--check"],
        ["redact", "--skip-non-cassettes", "missing.yaml", "empty.yaml"],
        ["check", "k8s.yaml"],
        ["check", "--skip-non-cassettes", "k8s.yaml", "empty.yaml", "broken.yaml"],
        ["check", str(SAMPLES)],
        ["check", "--skip-non-cassettes", "."],
    ]
    if CORPUS.is_dir():
        lines += [["ls", str(CORPUS)], ["ls", "--json", str(CORPUS)], ["redact", "--check", str(CORPUS)], ["check", str(CORPUS)]]
    return lines


@pytest.mark.parametrize("flags", [[], ["--skip-non-cassettes"]])
def test_a_fast_redact_writes_what_typer_writes(flags: list[str], tmp_path: Path) -> None:
    """The pre-commit hook's command line, on a copy of each sample with secrets: the same
    output, exit status and rewritten bytes either way."""
    sources = [p for p in sorted(SAMPLES.rglob("*.yaml")) if "secret" in p.name or "auth" in p.name][:6]
    assert sources
    runs = []
    for way, command in (("fast", FAST), ("typer", TYPER)):
        folder = tmp_path / way
        folder.mkdir()
        names = []
        for n, source in enumerate(sources):
            (folder / f"{n}.yaml").write_bytes(source.read_bytes())
            names.append(f"{n}.yaml")
        (folder / "k8s.yaml").write_text("apiVersion: v1\nkind: Service\n")
        done = subprocess.run([*command, "redact", *flags, *names, "k8s.yaml"], capture_output=True, env=PIPED_ENV, cwd=folder, timeout=120)
        runs.append((done.returncode, done.stdout, done.stderr, [(folder / name).read_bytes() for name in names]))
    assert runs[0] == runs[1]
    assert runs[0][0] == (1 if flags else 2) and b"Redacted" in runs[0][1]  # something was rewritten
    assert any(new != source.read_bytes() for new, source in zip(runs[0][3], sources))


def test_fast_start_prints_what_typer_prints(tmp_path: Path) -> None:
    for args in _command_lines(tmp_path):
        fast, slow = _both(args, tmp_path)
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr), args
        assert fast.stdout or fast.stderr, args  # each command line prints something to compare


def test_each_outcome_is_covered(tmp_path: Path) -> None:
    """The comparison above sees success, refusals and skips, not only one of them."""
    codes = {}
    for args in _command_lines(tmp_path)[:8]:
        fast = subprocess.run([*FAST, *args], capture_output=True, env=PIPED_ENV, cwd=tmp_path, timeout=120)
        codes[tuple(args)] = (fast.returncode, fast.stderr.decode())
    assert codes[("--version",)][0] == 0
    assert codes[("ls", "empty.yaml")] == (0, "")
    assert codes[("ls", "k8s.yaml")][0] == 2 and codes[("ls", "k8s.yaml")][1].startswith("cassette: error: k8s.yaml")
    assert codes[("ls", "broken.yaml", "empty.yaml")][1].count("cassette: error:") == 1
    assert codes[("ls", ".")][0] == 2  # broken.yaml is a cassette that does not parse: reported


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["ls"],
        ["ls", "--help"],
        ["ls", "-m", "GET", "x.yaml"],
        ["ls", "--method=GET", "x.yaml"],
        ["ls", "--", "x.yaml"],
        ["ls", "-", "x.yaml"],
        ["ls", ""],
        ["ls", "--json"],
        ["ls", "--config", "c.toml", "x.yaml"],
        ["ls", "-v", "x.yaml"],
        ["show", "x.yaml"],
        ["--version", "ls"],
        ["--help"],
        ["LS", "x.yaml"],
        ["ls", "--json", "--json", "x.yaml"],
        ["redact"],
        ["redact", "--check"],
        ["redact", "--check", "--check", "x.yaml"],
        ["redact", "--diff", "x.yaml"],
        ["redact", "--check", "--json", "x.yaml"],
        ["redact", "-q", "x.yaml"],
        ["redact", "--check", "--", "x.yaml"],
        ["redact", "--check=true", "x.yaml"],
        ["check"],
        ["check", "--list-rules"],
        ["check", "--format", "json", "x.yaml"],
        ["check", "--skip-non-cassettes", "--skip-non-cassettes", "x.yaml"],
        ["check", "--check", "x.yaml"],
    ],
)
def test_every_other_command_line_is_typers(args: list[str]) -> None:
    assert run_fast(args) is None


def _imported_after(args: list[str], cwd: Path) -> set[str]:
    code = (
        "import sys; from cassette_cli.cli.fast import run_fast; run_fast(sys.argv[1:]); "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich') "
        "or m.startswith('cassette_cli.rules'))), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=PIPED_ENV, cwd=cwd, timeout=120, text=True)
    return set(done.stderr.split())


def test_a_small_ls_imports_no_typer_rich_or_rules(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text(EMPTY)
    assert _imported_after(["ls", "empty.yaml"], tmp_path) == set()
    assert _imported_after(["--version"], tmp_path) == set()
    listed = _imported_after(["ls", str(SAMPLES / "vcrpy" / "auth_mixed.yaml")], tmp_path)
    assert "cassette_cli.rules.urls" in listed  # URLs were masked: the rules came when needed
    assert not {m for m in listed if m.split(".")[0] in ("typer", "click", "rich")}
    checked = _imported_after(["redact", "--check", "--skip-non-cassettes", str(SAMPLES / "vcrpy" / "auth_mixed.yaml")], tmp_path)
    assert "cassette_cli.rules.urls" in checked and not {m for m in checked if m.split(".")[0] in ("typer", "click", "rich")}
    linted = _imported_after(["check", "--skip-non-cassettes", str(SAMPLES / "vcrpy" / "auth_mixed.yaml")], tmp_path)
    assert "cassette_cli.rules.urls" in linted and not {m for m in linted if m.split(".")[0] in ("typer", "click", "rich")}


# --- the plain table against rich's --------------------------------------------------


def _rich_text(cassette: object, rows: list[Row]) -> str:
    """What the rich view prints piped (print_view writes it to sys.stdout)."""
    import contextlib
    import io

    from rich.console import Console

    from cassette_cli.cli.common import PLAIN_WIDTH, print_view
    from cassette_cli.output.render import ls_view

    console = Console(highlight=False, soft_wrap=False, width=PLAIN_WIDTH, force_terminal=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_view(console, ls_view(cassette, rows, console.width, plain=True))  # type: ignore[arg-type]
    return out.getvalue()


def _cassette_files() -> list[Path]:
    files = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".yaml", ".yml", ".json") and p.name != "manifest.json")
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    return files


def test_plain_table_is_richs_on_every_sample_and_corpus_file() -> None:
    from cassette_cli.errors import CassetteError
    from cassette_cli.formats import load_cassette
    from cassette_cli.mask import Masker
    from cassette_cli.views.listing import summarize

    drawn = 0
    masker = Masker()
    for path in _cassette_files():
        try:
            cassette = load_cassette(path)
        except CassetteError:
            continue
        rows = [summarize(masker.interaction(cassette, i, propagate=False)) for i in cassette.interactions]
        for shown in (rows, rows[:1]):  # all, and as a filter would leave them
            text = plain_ls(cassette, shown)
            if text is not None:
                assert text == _rich_text(cassette, shown), path
                drawn += 1
    assert drawn > 100


ASCII = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)
ANY = st.text(max_size=20)


@st.composite
def _rows(draw: st.DrawFn, text: st.SearchStrategy[str]) -> list[Row]:
    count = draw(st.integers(0, 5))
    return [
        Row(
            file="f.yaml", format="vcrpy", index=i, method=draw(text), url=draw(text),
            status=draw(st.none() | st.integers(100, 599)), content_type=draw(st.none() | text),
            request_bytes=draw(st.integers(0, 10**13)), response_bytes=draw(st.integers(0, 10**7)),
            duration_ms=draw(st.none() | st.floats(0, 10**6)), sse_events=draw(st.none() | st.integers(0, 10**5)),
        )
        for i in range(count)
    ]


@settings(max_examples=150, deadline=None)
@given(rows=_rows(ASCII) | _rows(ANY), path=ASCII | ANY, total=st.integers(0, 9))
def test_plain_table_is_richs_for_any_rows(rows: list[Row], path: str, total: int) -> None:
    cassette = SimpleNamespace(path=path, format="vcrpy", interactions=[None] * max(total, len(rows)))
    text = plain_ls(cassette, rows)  # type: ignore[arg-type]
    if text is None:  # not all printable ASCII: rich draws it
        cells = [path] + [str(v) for row in rows for v in (row.method, row.url, row.content_type)]
        assert not all(c.isascii() and c.isprintable() for c in cells)
        return
    assert text == _rich_text(cassette, rows)


def test_flags_are_checked_though_no_config_file_is(tmp_path: Path, run) -> None:
    """The built-in policy is made lazily only when nothing is configured: a flag, even
    an empty one, is still checked at once."""
    (tmp_path / "empty.yaml").write_text(EMPTY)
    result = run("redact", "--check", "--replacement", "", tmp_path / "empty.yaml")
    assert result.exit_code == 2
    assert "option '--replacement': must not be empty" in result.stderr
