"""The command line: one thin module per command (ls, show, diff, textconv, redact, check, recorder-config, export, config, rules) on one typer app.
Commands parse arguments, call the core and hand its results to views and output.
`cassette --version` and a plain `cassette ls` start without typer (`fast.py`)."""

from __future__ import annotations

import sys
from typing import Any

from ..errors import ExitCode

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer app, with every command, imported when asked for
        from .commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point. The process ends without the interpreter's tear-down
    (freeing every node of a 50 MB cassette one by one takes ~40 ms): output is flushed
    first, child processes and threads are done by then, and nothing of ours runs at
    exit. An unexpected exception still ends the normal way, with its traceback.

    The cyclic garbage collector is off: a cassette's nodes and values hold no cycles
    (reference counting frees them), and collections walking millions of live nodes
    they will never free cost a quarter of the time of a run over many small files."""
    import gc
    import os

    gc.disable()

    from .fast import run_fast

    try:
        fast = run_fast(sys.argv[1:])
        if fast is None:
            from .commands import app

            app()
        code = 0 if fast is None else fast
    except SystemExit as exc:
        code = _exit_status(exc.code)
    except BrokenPipeError:
        code = ExitCode.OK  # the reader went away (`cassette ls | head`): not an error of ours
    except KeyboardInterrupt:
        code = 130  # Ctrl-C: 128 + SIGINT, as shells report it, without a traceback
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _exit_status(code: object) -> int:
    """What sys.exit(code) would make of code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1
