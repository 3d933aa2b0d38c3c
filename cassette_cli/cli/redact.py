"""`cassette redact`: remove secrets, changing nothing else; `--check` and `--diff` write nothing."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from .options import ConfigOpt, PathsArg, VerboseOpt
from .typer_app import Command, app


@app.command("redact", cls=Command)
def redact_command(
    paths: PathsArg,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list the secrets found. Exit 1 if any.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print the unified diff of what would change (secrets shown shortened).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --check: one JSON array of findings (--format json).")] = False,
    output_format: Annotated[Optional[str], typer.Option("--format", metavar="FORMAT", help="With --check: how findings are written: text (default), json, github (workflow annotations) or sarif (SARIF 2.1.0).", show_default=False)] = None,
    replacement: Annotated[Optional[str], typer.Option("--replacement", metavar="TEXT", help="Text that replaces each secret (default REDACTED).", show_default=False)] = None,
    header: Annotated[List[str], typer.Option("--header", metavar="NAME", help="Also redact this header (repeatable).", show_default=False)] = [],  # noqa: B006
    query: Annotated[List[str], typer.Option("--query", metavar="NAME", help="Also redact this query parameter (repeatable).", show_default=False)] = [],  # noqa: B006
    key: Annotated[List[str], typer.Option("--key", metavar="NAME", help="Also redact this JSON/form body key (repeatable).", show_default=False)] = [],  # noqa: B006
    pattern: Annotated[List[str], typer.Option("--pattern", metavar="REGEX", help="Also redact text matching this regex (repeatable).", show_default=False)] = [],  # noqa: B006
    allow: Annotated[List[str], typer.Option("--allow", metavar="VALUE", help="Never redact this exact value (repeatable).", show_default=False)] = [],  # noqa: B006
    disable: Annotated[List[str], typer.Option("--disable", metavar="RULE-ID", help="Turn a rule off (repeatable).", show_default=False)] = [],  # noqa: B006
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors: the exit code tells (1: changed, or found with --check).")] = False,
    skip_non_cassettes: Annotated[bool, typer.Option("--skip-non-cassettes", help="Skip named files that are not cassettes (with a note) instead of failing: for pre-commit, which passes every YAML and JSON file.")] = False,
    entropy: Annotated[bool, typer.Option("--entropy", help="Also report and remove high-entropy base64/hex strings standing alone in header, query and JSON string values (rule high-entropy; noisy, off by default).")] = False,
    baseline: Annotated[Optional[str], typer.Option("--baseline", metavar="FILE", help="With --check: skip the findings this baseline file lists (file, location, rule, salted hash of the value).", show_default=False)] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write every finding into the --baseline file (keeping its salt); writes no cassette.")] = False,
) -> None:
    """Remove secrets, changing nothing else.

    Exit 1 when a file changed (or --check found something), 0 when there was nothing to
    do, 2 when an input could not be read."""
    from ..output.findings import FORMATS
    from .redact_run import RedactOptions, run_redact

    if as_json and not check:
        raise typer.BadParameter("--json goes with --check", param_hint="'--json'")
    if output_format is not None:
        if output_format not in FORMATS:
            raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(FORMATS)}", param_hint="'--format'")
        if not check and output_format != "text":
            raise typer.BadParameter("--format goes with --check", param_hint="'--format'")
        if as_json and output_format != "json":
            raise typer.BadParameter("--json is --format json: give one of them", param_hint="'--json'")
    if update_baseline and baseline is None:
        raise typer.BadParameter("--update-baseline needs --baseline FILE", param_hint="'--update-baseline'")
    if baseline is not None and not (check or update_baseline):
        raise typer.BadParameter("--baseline goes with --check or --update-baseline", param_hint="'--baseline'")
    options = RedactOptions(
        check=check, diff=diff, kind="json" if as_json else output_format or "text", replacement=replacement,
        header=tuple(header), query=tuple(query), key=tuple(key), pattern=tuple(pattern), allow=tuple(allow), disable=tuple(disable),
        config=config, verbose=verbose, quiet=quiet, skip_non_cassettes=skip_non_cassettes, entropy=entropy, baseline=baseline, update_baseline=update_baseline,
    )
    raise typer.Exit(run_redact(paths, options))
