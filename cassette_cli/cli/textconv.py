"""`cassette textconv`: a cassette as stable, decoded, masked text, for git's textconv."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from ..errors import CassetteError, ExitCode, NotACassette
from .typer_app import Command, app
from .common import Problems, Settings
from .options import ConfigOpt


@app.command("textconv", cls=Command)
def textconv_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A cassette file (git passes one).", show_default=False)],
    all_fields: Annotated[bool, typer.Option("--all", help="Keep the volatile headers and fields too.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Print a cassette as stable, decoded, masked text: set as git's textconv
    (`git config diff.cassette.textconv "cassette textconv"`), `git diff` shows what
    the answers say instead of the bytes. A YAML or JSON file that is not a cassette is
    printed as it is (secrets masked)."""
    from ..api import load_bytes
    from ..formats import read_file
    from ..mask import Masker
    from ..views.compare import Options
    from ..views.textconv import textconv_lines

    problems = Problems()
    settings = Settings(problems, config)
    # git hands the old side over as a temporary file: the policy is the one of the
    # file's folder, else of the folder git runs in (the repository's top)
    policy, source = settings.in_folder(os.path.dirname(os.path.abspath(path)))
    if source is None and config is None:
        policy, _ = settings.in_folder(os.getcwd())
    if policy is None:
        raise typer.Exit(ExitCode.ERROR)
    masker = Masker(policy)
    problems.masker = masker
    try:
        data = read_file(path)[1]
        cassette = load_bytes(data, path)
    except NotACassette:
        sys.stdout.write(masker.text(data.decode("utf-8", "replace")))
        raise typer.Exit(ExitCode.OK) from None
    except CassetteError as exc:
        problems.error(exc)
        raise typer.Exit(ExitCode.ERROR) from None
    items = [masker.interaction(cassette, i) for i in cassette.interactions]
    write = sys.stdout.write
    for line in textconv_lines(items, Options(all=all_fields)):
        write(line + "\n")
