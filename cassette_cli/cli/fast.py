"""The fast start: `cassette --version` and `cassette ls [--json] PATH...` run without
importing typer (and its click), which costs more than the rest of a small `ls`.

Only argument lists that typer reads in exactly one way are taken: the words are paths
(nothing that starts with `-`) and the one flag `--json`. Anything else (another option,
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
    if not args or args[0] != "ls":
        return None
    words = args[1:]
    paths = [word for word in words if word != "--json"]
    if not paths or any(not path or path.startswith("-") for path in paths):
        return None
    from .listing import run_ls

    return run_ls(paths, as_json=len(paths) < len(words))
