"""`cassette redact` without typer: what the command does once its options are read
(redact.py reads and checks them; fast.py, for the command lines of the pre-commit hooks,
starts here without importing typer)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import CassetteError, ExitCode
from .common import Problems, Settings, load_baseline
from .share import file_size, run_shared

if TYPE_CHECKING:
    from ..inputs import Source
    from ..redact.scan import Report

__all__ = ["RedactOptions", "run_redact"]


@dataclass(frozen=True)
class RedactOptions:
    """The options of `cassette redact`, checked (see redact.py for what each means)."""

    check: bool = False
    diff: bool = False
    kind: str = "text"  # how --check writes its findings: text, json, github or sarif
    replacement: str | None = None
    header: tuple[str, ...] = ()
    query: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    pattern: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    config: str | None = None
    verbose: bool = False
    quiet: bool = False
    skip_non_cassettes: bool = False
    entropy: bool = False
    baseline: str | None = None
    update_baseline: bool = False


def run_redact(paths: list[str], o: RedactOptions) -> int:
    """Redact (or check) the cassettes at ``paths``; the exit code."""
    from ..api import plan_redaction
    from ..inputs import expand
    from ..output.findings import writer
    from ..redact.write import snapshot, write_plan

    check = o.check or o.update_baseline
    problems = Problems(o.verbose)
    accepted = load_baseline(o.baseline, problems)
    everything: list = []  # type: ignore[type-arg]
    settings = Settings(problems, o.config, headers=list(o.header), query=list(o.query), keys=list(o.key), patterns=list(o.pattern), allow=list(o.allow), disable=list(o.disable), replacement=o.replacement, entropy=o.entropy)
    kind = o.kind

    def redact_files(items: list[Source | CassetteError]) -> int:
        """Redact (or check) the files; their exit code. Writes through sys.stdout as it
        is when called (a child process of `run_shared` has its own)."""
        found = False
        out = (lambda text: None) if o.quiet else sys.stdout.write
        findings = writer(kind, out) if check else None
        for item in items:
            with problems.guard(item.path):
                if isinstance(item, CassetteError):
                    problems.error(item)
                    continue
                try:
                    before = snapshot(item.path)
                except OSError as exc:
                    problems.error(CassetteError(item.path, f"cannot read: {exc.strerror or exc}"))
                    continue
                cassette = problems.load(item.path, item.explicit and not o.skip_non_cassettes)
                if cassette is None:
                    continue
                policy = settings.policy_for(item.path)
                if policy is None:
                    continue
                try:
                    # a rewrite is checked on the file it writes (write_plan), a --diff in memory
                    plan = plan_redaction(cassette, policy, rewrite=not check, check=o.diff)
                except CassetteError as exc:
                    problems.error(exc)
                    continue
                reports = plan.reports
                if o.update_baseline:
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
                elif o.diff:
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
                    if not o.quiet:
                        _warn_matching(plan.reports)
        if o.update_baseline and accepted is not None and o.baseline is not None:
            from ..redact.baseline import Baseline

            # a file that could not be checked keeps its accepted findings
            Baseline.from_reports(everything, o.baseline, salt=accepted.salt, kept=accepted.entries_of(problems.failed)).write(o.baseline)
            out(f"Wrote {len(everything)} finding{'s' if len(everything) != 1 else ''} to the baseline {o.baseline}\n")
        elif findings is not None:
            findings.close()
        return problems.exit_code if problems.count else ExitCode.CHANGED if found else ExitCode.OK

    # one line or block per file (not one JSON or SARIF document, not a baseline of all
    # files): the files can be shared with a second process
    shared = (not check or kind in ("text", "github")) and not o.update_baseline
    return run_shared(list(expand(paths)), file_size, redact_files, enabled=shared)


def _warn_matching(reports: list[Report]) -> None:
    """A warning for each field of replaced values a recorder matches requests on (issue 16)."""
    from ..replay.matching import warning_lines

    sys.stderr.write("".join(warning_lines(reports)))
