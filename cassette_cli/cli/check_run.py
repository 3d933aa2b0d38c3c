"""`cassette check` without typer: what the command does once its options are read
(check.py reads and checks them; fast.py, for the command line of the pre-commit hook,
starts here without importing typer)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import CassetteError, ExitCode
from .common import Problems, Settings, load_baseline
from .share import file_size, run_shared

if TYPE_CHECKING:
    from ..check.config import CheckConfig
    from ..output.findings import RuleText

__all__ = ["CheckOptions", "CheckSettings", "describe", "run_check"]


@dataclass(frozen=True)
class CheckOptions:
    """The options of `cassette check`, checked (see check.py for what each means)."""

    select: tuple[str, ...] | None = None  # None: the rules on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    output_format: str = "text"
    config: str | None = None
    verbose: bool = False
    quiet: bool = False
    baseline: str | None = None
    update_baseline: bool = False
    skip_non_cassettes: bool = False


class CheckSettings:
    """The check config in effect for each folder (read once per config file)."""

    def __init__(self, problems: Problems, config: str | None, **flags: Any) -> None:
        from pathlib import Path

        self.problems = problems
        self.explicit = Path(config) if config else None
        self.flags = flags
        self._in_folder: dict[str, CheckConfig | None] = {}
        self._by_source: dict[object, CheckConfig] = {}
        self.ready = self._read(Path.cwd()) is not None  # a bad --config file or flag ends the command at once

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


def run_check(paths: list[str], o: CheckOptions) -> int:
    """Lint the cassettes at ``paths``; the exit code."""
    from ..check import run_checks
    from ..inputs import expand
    from ..output.findings import writer

    problems = Problems(o.verbose)
    accepted = load_baseline(o.baseline, problems)
    everything: list = []  # type: ignore[type-arg]
    settings = Settings(problems, o.config, optional_table=True)
    checks = CheckSettings(problems, o.config, select=list(o.select) if o.select is not None else None, extend_select=list(o.extend_select), ignore=list(o.ignore))
    if not checks.ready:
        return ExitCode.ERROR

    def check_files(items: list) -> int:  # type: ignore[type-arg]
        """Lint the files; their exit code. Writes through sys.stdout as it is when
        called (a child process of `run_shared` has its own)."""
        out = (lambda text: None) if o.quiet else sys.stdout.write
        findings = writer(o.output_format, out, describe=describe)
        found = False
        for item in items:
            with problems.guard(item.path):
                if isinstance(item, CassetteError):
                    problems.error(item)
                    continue
                cassette = problems.load(item.path, item.explicit and not o.skip_non_cassettes)  # the one read of the file
                if cassette is None:
                    continue
                masker = settings.masker_for(item.path)
                selection = checks.for_file(item.path)
                if masker is None or selection is None:
                    continue
                suppress = accepted.accepts if accepted is not None and not o.update_baseline else None
                for finding in run_checks(cassette, masker, selection.rules_for(item.path), selection.options, suppress=suppress):
                    if o.update_baseline:
                        everything.append(finding)
                        continue
                    found = True
                    findings.add(finding, masker.policy)
        if o.update_baseline and accepted is not None and o.baseline is not None:
            from ..redact.baseline import Baseline

            # a file that could not be checked keeps its accepted findings
            Baseline.from_reports(everything, o.baseline, salt=accepted.salt, kept=accepted.entries_of(problems.failed)).write(o.baseline)
            out(f"Wrote {len(everything)} finding{'s' if len(everything) != 1 else ''} to the baseline {o.baseline}\n")
        else:
            findings.close()
        return problems.exit_code if problems.count else ExitCode.CHANGED if found else ExitCode.OK

    # one line per finding (not one JSON or SARIF document, not a baseline of all files):
    # the files can be shared with a second process, as `redact` shares them
    shared = o.output_format in ("text", "github") and not o.update_baseline
    return run_shared(list(expand(paths)), file_size, check_files, enabled=shared)
