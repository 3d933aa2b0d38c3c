"""The typer application every command module registers on, and the root options."""

from __future__ import annotations

import errno
import sys
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..errors import ExitCode


class _Group(TyperGroup):
    """Usage errors in the one error format (`cassette: error: ...`, exit 2) instead of
    click's usage block; a reader that goes away (`| head`) ends the command quietly."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            raise KeyboardInterrupt from None  # what click makes of Ctrl-C: main() ends it
        except Exception as exc:
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):  # click's errors
                raise
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                sys.stdout.write(ctx.get_help() + "\n")
                code = ExitCode.ERROR
            else:
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                sys.stderr.write(f"cassette: error: {exc.format_message()}{hint}\n")
                code = ExitCode.ERROR
        code = 0 if code is None else code
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            _quiet_stdout()
            raise typer.Exit(ExitCode.OK) from None


def _quiet_stdout() -> None:
    """The reader of stdout is gone: what is still buffered goes nowhere, silently."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test runner's): nothing is buffered there


class Command(TyperCommand):
    """Usage lines read `cassette ls [OPTIONS] PATH...`, without the braces typer puts
    around required arguments."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    cls=_Group,
    name="cassette",
    help="List, show and redact recorded HTTP cassettes (go-vcr, VCR.py, Ruby VCR).",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cassette {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """List, show and redact recorded HTTP cassettes (go-vcr, VCR.py, Ruby VCR)."""

