"""`cassette check`: lint cassettes (secrets, error statuses, repeats, cut streams, bodies
that do not decode, big bodies, home paths, e-mail addresses, old recordings)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, List, Optional

import typer

from ..errors import CassetteError, ExitCode
from .typer_app import Command, app
from .common import Problems, Settings, load_baseline
from .options import ConfigOpt, VerboseOpt
from .share import file_size, run_shared

if TYPE_CHECKING:
    from ..check.config import CheckConfig
    from ..output.findings import RuleText


class CheckSettings:
    """The check config in effect for each folder (read once per config file)."""

    def __init__(self, problems: Problems, config: str | None, **flags: Any) -> None:
        from pathlib import Path

        self.problems = problems
        self.explicit = Path(config) if config else None
        self.flags = flags
        self._in_folder: dict[str, CheckConfig | None] = {}
        self._by_source: dict[object, CheckConfig] = {}
        if self._read(Path.cwd()) is None:  # a bad --config file or flag ends the command at once
            raise typer.Exit(ExitCode.ERROR)

    def for_file(self, path: str) -> CheckConfig | None:
        import os
        from pathlib import Path

        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._in_folder:
            self._in_folder[folder] = self._read(Path(folder))
        return self._in_folder[folder]

    def _read(self, folder: Any) -> CheckConfig | None:
        from ..check.config import build_check_config, load_check_config
        from ..redact.config import ConfigError

        try:
            table, source = load_check_config(folder, self.explicit)
            if source not in self._by_source:
                self._by_source[source] = build_check_config(table, source, **self.flags)
            return self._by_source[source]
        except ConfigError as exc:
            self.problems.error(str(exc))
            return None


def describe(rule_id: str, policy: object = None) -> RuleText:
    """A check rule's text for SARIF: its description, options and fix."""
    from ..check import check_rule
    from ..output.findings import RuleText

    rule = check_rule(rule_id)
    short = rule.description[:1].upper() + rule.description[1:]
    options = "; ".join(f"{o.name} (default {o.default!r}): {o.help}" for o in rule.options)
    full = f"{short}. {'Options: ' + options + '.' if options else 'No options.'} On by default: {'yes' if rule.default else 'no'}."
    return RuleText(rule_id, short, full, rule.fix)


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
    from ..check import run_checks
    from ..inputs import expand
    from ..output.findings import FORMATS, writer

    if output_format not in FORMATS:
        raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(FORMATS)}", param_hint="'--format'")
    if list_rules:
        _list_rules(output_format == "json")
        raise typer.Exit(ExitCode.OK)
    if not paths:
        raise typer.BadParameter("give one or more PATHs (or --list-rules)", param_hint="'PATH...'")
    if update_baseline and baseline is None:
        raise typer.BadParameter("--update-baseline needs --baseline FILE", param_hint="'--update-baseline'")
    problems = Problems(verbose)
    accepted = load_baseline(baseline, problems)
    everything: list = []  # type: ignore[type-arg]
    settings = Settings(problems, config, optional_table=True)
    checks = CheckSettings(problems, config, select=_split(select) if select else None, extend_select=_split(extend_select), ignore=_split(ignore))
    def check_files(items: list) -> int:  # type: ignore[type-arg]
        """Lint the files; their exit code. Writes through sys.stdout as it is when
        called (a child process of `run_shared` has its own)."""
        out = (lambda text: None) if quiet else sys.stdout.write
        findings = writer(output_format, out, describe=describe)
        found = False
        for item in items:
            if isinstance(item, CassetteError):
                problems.error(item)
                continue
            cassette = problems.load(item.path, item.explicit and not skip_non_cassettes)  # the one read of the file
            if cassette is None:
                continue
            masker = settings.masker_for(item.path)
            selection = checks.for_file(item.path)
            if masker is None or selection is None:
                continue
            suppress = accepted.accepts if accepted is not None and not update_baseline else None
            for finding in run_checks(cassette, masker, selection.rules_for(item.path), selection.options, suppress=suppress):
                if update_baseline:
                    everything.append(finding)
                    continue
                found = True
                findings.add(finding, masker.policy)
        if update_baseline and accepted is not None and baseline is not None:
            from ..redact.baseline import Baseline

            Baseline.from_reports(everything, baseline, salt=accepted.salt).write(baseline)
            out(f"Wrote {len(everything)} finding{'s' if len(everything) != 1 else ''} to the baseline {baseline}\n")
        else:
            findings.close()
        return ExitCode.ERROR if problems.count else ExitCode.CHANGED if found else ExitCode.OK

    # one line per finding (not one JSON or SARIF document, not a baseline of all files):
    # the files can be shared with a second process, as `redact` shares them
    shared = output_format in ("text", "github") and not update_baseline
    raise typer.Exit(run_shared(list(expand(paths)), file_size, check_files, enabled=shared))
