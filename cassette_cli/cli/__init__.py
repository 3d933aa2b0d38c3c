"""The command line: one thin module per command (ls, show, diff, textconv, redact, check, recorder-config, export, config, rules) on one typer app.
Commands parse arguments, call the core and hand its results to views and output."""

from __future__ import annotations

import sys

from ..errors import ExitCode
from . import ls, show, diff, textconv, redact, check, recorder_config, export, config, rules  # noqa: F401, I001  (each registers its command, in this order)
from .app import app

__all__ = ["app", "main"]


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

    try:
        app()
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    except BrokenPipeError:
        code = ExitCode.OK  # the reader went away (`cassette ls | head`): not an error of ours
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
