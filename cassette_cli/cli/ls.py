"""`cassette ls`: list the interactions of cassettes."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from .typer_app import Command, app
from .listing import run_ls
from .options import ConfigOpt, JsonOpt, PathsArg, VerboseOpt


@app.command("ls", cls=Command)
def ls_command(
    paths: PathsArg,
    method: Annotated[List[str], typer.Option("--method", "-m", help="Only this HTTP method (repeatable).", show_default=False)] = [],  # noqa: B006
    status: Annotated[List[str], typer.Option("--status", "-s", help="Only this status, e.g. 200 or 4xx (repeatable).", show_default=False)] = [],  # noqa: B006
    url: Annotated[Optional[str], typer.Option("--url", "-u", metavar="TEXT", help="Only URLs containing this text (taken literally: ? and * are plain characters).", show_default=False)] = None,
    url_glob: Annotated[Optional[str], typer.Option("--url-glob", metavar="GLOB", help="Only URLs matching this glob as a whole (* ? [...]).", show_default=False)] = None,
    url_regex: Annotated[Optional[str], typer.Option("--url-regex", metavar="REGEX", help="Only URLs in which this regular expression finds a match.", show_default=False)] = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """List the interactions of one or many cassettes."""
    from ..views.listing import Filters, valid_status_pattern

    for pattern in status:
        if not valid_status_pattern(pattern):
            raise typer.BadParameter(f"{pattern!r} is not a status like 200 or 4xx", param_hint="'--status'")
    import re

    try:
        regex = re.compile(url_regex) if url_regex is not None else None
    except re.error as exc:
        raise typer.BadParameter(f"{url_regex!r} is not a regular expression: {exc}", param_hint="'--url-regex'") from None
    filters = Filters(frozenset(m.upper() for m in method), tuple(status), url, url_glob, regex)
    raise typer.Exit(run_ls(paths, filters, as_json=as_json, config=config, verbose=verbose))
