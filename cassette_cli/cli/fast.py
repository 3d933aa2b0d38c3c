"""The fast start: `cassette --version`, `cassette ls [--json] PATH...` and the command
lines of the pre-commit hooks, `cassette redact [--check] [--skip-non-cassettes] PATH...`
and `cassette check [--skip-non-cassettes] PATH...`, run without importing typer (and its click), which
costs more than the rest of a small `ls` and a third of a pre-commit call on a few files.

Only argument lists that typer reads in exactly one way are taken: the words are paths
(nothing that starts with `-`) and those flags, each at most once. Anything else (another option,
`--help`, `--`, no path, shell completion, Windows, where click expands wildcards in
arguments) is typer's, so the two paths cannot disagree on what a command line means;
`tests/test_fast_start.py` runs both on the same command lines and compares the bytes."""

from __future__ import annotations

import os
import sys


def run_fast(args: list[str]) -> int | None:
    """The exit status of the command line, run here; None when typer is to run it."""
    if os.name == "nt" or "_CASSETTE_COMPLETE" in os.environ:
        return None
    if args == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"cassette {__version__}\n")
        return 0
    if not args or args[0] not in _FLAGS:
        return None
    flags = _FLAGS[args[0]]
    given = [word for word in args[1:] if word in flags]
    paths = [word for word in args[1:] if word not in flags]
    if not paths or len(set(given)) < len(given) or any(not path or path.startswith("-") for path in paths):
        return None
    if args[0] == "redact":
        from .redact_run import RedactOptions, run_redact

        return int(run_redact(paths, RedactOptions(check="--check" in given, skip_non_cassettes="--skip-non-cassettes" in given)))
    if args[0] == "check":
        from .check_run import CheckOptions, run_check

        return int(run_check(paths, CheckOptions(skip_non_cassettes="--skip-non-cassettes" in given)))
    from .listing import run_ls

    return run_ls(paths, as_json="--json" in given)


_FLAGS = {"ls": ("--json",), "redact": ("--check", "--skip-non-cassettes"), "check": ("--skip-non-cassettes",)}
