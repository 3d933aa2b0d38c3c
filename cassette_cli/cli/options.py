"""The option types several commands share."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

PathsArg = Annotated[List[str], typer.Argument(metavar="PATH...", help="Cassette files, or folders to search for *.yaml, *.yml and *.json.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON array on stdout instead of tables.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="List the files skipped because they are not cassettes.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file instead of pyproject.toml / .cassette.toml.", show_default=False)]
