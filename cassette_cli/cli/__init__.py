"""The command line: one thin module per command (ls, show, diff, textconv, redact, check, recorder-config, export, config, rules) on one typer app.
Commands parse arguments, call the core and hand its results to views and output.
`cassette --version` and a plain `cassette ls` start without typer (`fast.py`)."""

from __future__ import annotations

import os
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
    exit. An unexpected exception (a bug of ours) ends with one line naming its type and
    where it was raised, exit 3: its message and traceback may quote the file (a secret
    whole), so they are shown only under CASSETTE_TRACEBACK=1.

    The cyclic garbage collector is off: a cassette's nodes and values hold no cycles
    (reference counting frees them), and collections walking millions of live nodes
    they will never free cost a quarter of the time of a run over many small files."""
    import gc

    gc.disable()
    _escape_what_cannot_be_written()

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
    except OSError as exc:  # the output cannot be written (a full disk): not a bug of ours either
        sys.stderr.write(f"cassette: error: cannot go on: {exc.strerror or type(exc).__name__}\n")
        code = ExitCode.ERROR
    except KeyboardInterrupt:
        code = 130  # Ctrl-C: 128 + SIGINT, as shells report it, without a traceback
    except Exception as exc:
        if os.environ.get("CASSETTE_TRACEBACK"):
            raise
        sys.stderr.write(internal_error(exc) + "\n")
        code = ExitCode.INTERNAL
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


def _escape_what_cannot_be_written() -> None:
    """stdout and stderr write what UTF-8 cannot encode instead of failing on it: a byte
    of a non-UTF-8 file name (held as surrogateescape's surrogate) as that byte, any other
    lone surrogate (a JSON cassette may hold `\\ud800`) as its escape, which in JSON
    output is that same JSON escape."""
    import codecs

    def escape(error: UnicodeError) -> tuple[bytes, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        out = bytearray()
        for ch in error.object[error.start : error.end]:
            point = ord(ch)
            if 0xDC80 <= point <= 0xDCFF:
                out += bytes([point - 0xDC00])
            elif point > 0xFFFF:  # where the output is not UTF-8 (a Windows console): a JSON escape pair
                point -= 0x10000
                out += f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}".encode("ascii")
            else:
                out += f"\\u{point:04x}".encode("ascii")
        return bytes(out), error.end

    codecs.register_error("cassette-escape", escape)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="cassette-escape")  # type: ignore[union-attr]
        except (AttributeError, ValueError, LookupError):
            pass  # not a text stream of ours (a test's capture): left as it is


def internal_error(exc: BaseException) -> str:
    """The line for an exception no code of ours expected (see internal_message)."""
    return f"cassette: error: {internal_message(exc)}"


def internal_message(exc: BaseException) -> str:
    """What to say of an exception no code of ours expected: its type and the innermost
    line of this package it went through, never its message (a KeyError's is the key, a
    ValueError's may quote the value: text of the file)."""
    import traceback

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.abspath(f.filename).startswith(package + os.sep)]
    where = ""
    if frames:
        frame = frames[-1]
        name = os.path.relpath(os.path.abspath(frame.filename), os.path.dirname(package)).replace(os.sep, "/")
        where = f" in {frame.name} at {name}:{frame.lineno}"
    return (
        f"internal error: {type(exc).__name__}{where} (a bug of cassette; its message is not shown, "
        "as it may quote the file; CASSETTE_TRACEBACK=1 shows the traceback; please report it)"
    )


def _exit_status(code: object) -> int:
    """What sys.exit(code) would make of code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1
