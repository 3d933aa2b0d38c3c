"""`cassette redact`: remove secrets, changing nothing else; `--check` and `--diff` write nothing."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, List, Optional

import typer

from ..errors import CassetteError, ExitCode
from .typer_app import Command, app
from .common import Problems, Settings, load_baseline
from .options import ConfigOpt, PathsArg, VerboseOpt
from .share import file_size, run_shared

if TYPE_CHECKING:
    from ..redact.scan import Report


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
    from ..api import plan_redaction
    from ..inputs import Source, expand
    from ..output.findings import FORMATS, writer
    from ..redact.write import snapshot, write_plan

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
    check = check or update_baseline
    problems = Problems(verbose)
    accepted = load_baseline(baseline, problems)
    everything: list = []  # type: ignore[type-arg]
    settings = Settings(problems, config, headers=header, query=query, keys=key, patterns=pattern, allow=allow, disable=disable, replacement=replacement, entropy=entropy)

    kind = "json" if as_json else output_format or "text"

    def redact_files(items: list[Source | CassetteError]) -> int:
        """Redact (or check) the files; their exit code. Writes through sys.stdout as it
        is when called (a child process of `run_shared` has its own)."""
        found = False
        out = (lambda text: None) if quiet else sys.stdout.write
        findings = writer(kind, out) if check else None
        for item in items:
            if isinstance(item, CassetteError):
                problems.error(item)
                continue
            try:
                before = snapshot(item.path)
            except OSError as exc:
                problems.error(CassetteError(item.path, f"cannot read: {exc.strerror or exc}"))
                continue
            cassette = problems.load(item.path, item.explicit and not skip_non_cassettes)
            if cassette is None:
                continue
            policy = settings.policy_for(item.path)
            if policy is None:
                continue
            try:
                # a rewrite is checked on the file it writes (write_plan), a --diff in memory
                plan = plan_redaction(cassette, policy, rewrite=not check, check=diff)
            except CassetteError as exc:
                problems.error(exc)
                continue
            reports = plan.reports
            if update_baseline:
                everything.extend(reports)
                continue
            if accepted is not None:
                reports = accepted.filter(reports)
            if not reports:
                continue
            found = True
            if findings is not None:
                for r in reports:
                    findings.add(r, policy)
            elif diff:
                from ..redact.diff import masked_diff

                out(masked_diff(plan))
            else:
                try:
                    write_plan(plan, item.path, before)
                except CassetteError as exc:
                    problems.error(exc)
                    continue
                count = len(plan.reports)
                out(f"Redacted {count} value{'s' if count != 1 else ''} in {item.path}\n")
                if not quiet:
                    _warn_matching(plan.reports)
        if update_baseline and accepted is not None and baseline is not None:
            from ..redact.baseline import Baseline

            Baseline.from_reports(everything, baseline, salt=accepted.salt).write(baseline)
            out(f"Wrote {len(everything)} finding{'s' if len(everything) != 1 else ''} to the baseline {baseline}\n")
        elif findings is not None:
            findings.close()
        return ExitCode.ERROR if problems.count else ExitCode.CHANGED if found else ExitCode.OK

    # one line or block per file (not one JSON or SARIF document, not a baseline of all
    # files): the files can be shared with a second process
    shared = (not check or kind in ("text", "github")) and not update_baseline
    raise typer.Exit(run_shared(list(expand(paths)), file_size, redact_files, enabled=shared))



def _warn_matching(reports: list[Report]) -> None:
    """A warning for each replaced value a recorder matches requests on (issue 16)."""
    from ..replay.matching import affects_matching, warning_line

    for report in reports:
        if affects_matching(report):
            sys.stderr.write(warning_line(report))
