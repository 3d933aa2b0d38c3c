"""`cassette config`: the settings in effect for a path, and where they come from."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .typer_app import Command, app
from .common import Problems, Settings
from .options import ConfigOpt


@app.command("config", cls=Command)
def config_command(
    path: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="A cassette or folder (default: the current folder).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of lines.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Print the redaction settings in effect for PATH: the config file found walking up
    from its folder (or --config), merged with the built-in defaults."""
    import os

    from ..output.json_out import write_json

    problems = Problems()
    settings = Settings(problems, config)
    target = path or "."
    absolute = os.path.abspath(target)
    policy, source = settings.in_folder(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    if policy is None:
        raise typer.Exit(problems.exit_code)
    described = {
        "path": target,
        "config": None if source is None else str(source),
        "replacement": policy.replacement,
        "headers": sorted(policy.headers),
        "query": sorted(policy.query_params),
        "keys": sorted(policy.body_keys),
        "patterns": [{"id": p.id, "regex": p.regex.pattern, "description": p.description} for p in policy.patterns],
        "allow": sorted(policy.allow),
        "disable": sorted(policy.disabled),
        "keep-placeholders": policy.keep_placeholders,
    }
    if as_json:
        write_json(described, sys.stdout.write)
        sys.stdout.write("\n")
        raise typer.Exit(problems.exit_code)
    out = [f"path: {target}", f"config: {described['config'] or '(none found: built-in defaults)'}", f"replacement: {policy.replacement}"]
    for key in ("headers", "query", "keys", "allow", "disable"):
        values = described[key]
        out.append(f"{key}: {', '.join(values) if values else '(none)'}")  # type: ignore[arg-type]
    out.append("patterns:")
    out += [f"  {p['id']}: {p['description']}" for p in described["patterns"]]  # type: ignore[union-attr, index]
    out.append(f"keep-placeholders: {'true' if policy.keep_placeholders else 'false'}")
    sys.stdout.write("\n".join(out) + "\n")
    raise typer.Exit(problems.exit_code)
