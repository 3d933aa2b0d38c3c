"""The typer application every command module registers on, and the root options."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .. import __version__

app = typer.Typer(
    name="cassette",
    help="List, show and redact recorded HTTP cassettes (go-vcr, VCR.py, Ruby VCR).",
    add_completion=False,
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
