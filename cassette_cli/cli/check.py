"""`cassette check`: lint cassettes (secrets, error statuses, repeats, cut streams, bodies
that do not decode, big bodies, home paths, e-mail addresses, old recordings)."""

from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from ..errors import ExitCode
from .options import ConfigOpt, VerboseOpt
from .typer_app import Command, app


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _list_rules(as_json: bool) -> None:
    from ..check import CHECK_RULES
    from ..output.json_out import write_json

    rows = [{"id": r.id, "description": r.description, "default": r.default, "options": {o.name: o.default for o in r.options}} for r in CHECK_RULES]
    if as_json:
        write_json(rows, sys.stdout.write)
        sys.stdout.write("\n")
        return
    width = max(len(r.id) for r in CHECK_RULES)
    lines = [f"{'id':<{width}}  default  description"]
    for r in CHECK_RULES:
        options = ", ".join(f"{o.name} = {o.default!r}" for o in r.options)
        lines.append(f"{r.id:<{width}}  {'on' if r.default else 'off':<7}  {r.description}" + (f" [options: {options}]" if options else ""))
    sys.stdout.write("\n".join(lines) + "\n")


@app.command("check", cls=Command)
def check_command(
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATH...", help="Cassette files, or folders to search for *.yaml, *.yml and *.json.", show_default=False)] = None,
    select: Annotated[List[str], typer.Option("--select", metavar="RULE-ID", help="Run only these rules (repeatable or comma-separated; ALL for every rule).", show_default=False)] = [],  # noqa: B006
    extend_select: Annotated[List[str], typer.Option("--extend-select", metavar="RULE-ID", help="Run these rules too (e.g. the opt-in email, stale-recording).", show_default=False)] = [],  # noqa: B006
    ignore: Annotated[List[str], typer.Option("--ignore", metavar="RULE-ID", help="Do not run these rules.", show_default=False)] = [],  # noqa: B006
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="text (default), json, github (workflow annotations) or sarif (SARIF 2.1.0).")] = "text",
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the check rules (id, default, options) and exit; with --format json, as JSON.")] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors: the exit code tells (1: findings).")] = False,
    baseline: Annotated[Optional[str], typer.Option("--baseline", metavar="FILE", help="Skip the findings this baseline file lists (file, location, rule, salted hash), as redact --check does.", show_default=False)] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write every finding into the --baseline file (keeping its salt).")] = False,
    skip_non_cassettes: Annotated[bool, typer.Option("--skip-non-cassettes", help="Skip named files that are not cassettes instead of failing (for pre-commit).")] = False,
) -> None:
    """Lint cassettes: report secrets, recorded errors, repeated requests, cut streams,
    undecodable or large bodies, home paths (and, opt-in, e-mail addresses and old
    recordings) as PATH:LINE:COL: RULE: message.

    Exit 1 when something was found, 0 when nothing, 2 when an input could not be read."""
    from ..output.findings import FORMATS
    from .check_run import CheckOptions, run_check

    if output_format not in FORMATS:
        raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(FORMATS)}", param_hint="'--format'")
    if list_rules:
        _list_rules(output_format == "json")
        raise typer.Exit(ExitCode.OK)
    if not paths:
        raise typer.BadParameter("give one or more PATHs (or --list-rules)", param_hint="'PATH...'")
    if update_baseline and baseline is None:
        raise typer.BadParameter("--update-baseline needs --baseline FILE", param_hint="'--update-baseline'")
    options = CheckOptions(
        select=tuple(_split(select)) if select else None, extend_select=tuple(_split(extend_select)), ignore=tuple(_split(ignore)), output_format=output_format,
        config=config, verbose=verbose, quiet=quiet, baseline=baseline, update_baseline=update_baseline, skip_non_cassettes=skip_non_cassettes,
    )
    raise typer.Exit(run_check(paths, options))
