"""`cassette diff`: what changed when a cassette was re-recorded."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, List

import typer

from ..errors import CassetteError, ExitCode
from .typer_app import Command, app
from .common import Problems, Settings, print_view, stdout_console
from .options import ConfigOpt

if TYPE_CHECKING:
    from ..mask import Masker, MaskedInteraction
    from ..model import Cassette
    from ..views.align import CassetteDiff
    from ..views.compare import Options


@app.command("diff", cls=Command)
def diff_command(
    targets: Annotated[List[str], typer.Argument(metavar="OLD NEW | [REV] PATH...", help="Two cassettes (any formats); with --git, an optional revision (default HEAD), then files or folders.", show_default=False)],
    git: Annotated[bool, typer.Option("--git", help="Compare each PATH with its version at REV (read with `git show`).")] = False,
    all_fields: Annotated[bool, typer.Option("--all", help="Ignore nothing: volatile headers, JSON fields and query parameters count too.")] = False,
    ignore_header: Annotated[List[str], typer.Option("--ignore-header", metavar="NAME", help="Ignore this header too (repeatable).", show_default=False)] = [],  # noqa: B006
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (summary and interactions) instead of the view.")] = False,
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="text (default) or markdown, for a pull-request comment.")] = "text",
    config: ConfigOpt = None,
) -> None:
    """Show what changed between two recordings of a cassette, decoded and masked. Exit 0
    when nothing but ignored fields changed, 1 when something did, 2 on error."""
    from ..views.compare import Options

    if output_format not in ("text", "markdown"):
        raise typer.BadParameter(f"{output_format!r} is not text or markdown", param_hint="'--format'")
    options = Options(all=all_fields, ignore_headers=frozenset(h.lower() for h in ignore_header))
    problems = Problems()
    settings = Settings(problems, config)
    if git:
        diffs = list(_git_diffs(targets, problems, settings, options))
    else:
        if len(targets) != 2:
            raise typer.BadParameter(f"give two cassettes, OLD and NEW (got {len(targets)}); --git compares files with a revision", param_hint="'OLD NEW'")
        diffs = list(_file_diffs(targets[0], targets[1], problems, settings, options))
    _print(diffs, as_json=as_json, markdown=output_format == "markdown", all_shown=all_fields)
    if problems.count:
        raise typer.Exit(problems.exit_code)
    raise typer.Exit(ExitCode.CHANGED if any(d.differs for d in diffs) else ExitCode.OK)


def _print(diffs: list[CassetteDiff], *, as_json: bool, markdown: bool, all_shown: bool) -> None:
    import sys

    if as_json:
        from ..output.json_out import write_json
        from ..views.align import diff_json

        write_json(diff_json(diffs), sys.stdout.write)
        sys.stdout.write("\n")
    elif markdown:
        from ..output.diff_view import markdown as markdown_text

        sys.stdout.write(markdown_text(diffs, all_shown=all_shown))
    else:
        from ..output.diff_view import diff_view

        console = stdout_console()
        for diff in diffs:
            print_view(console, diff_view(diff, all_shown=all_shown))


def _masked(cassette: Cassette, masker: Masker) -> list[MaskedInteraction]:
    return [masker.interaction(cassette, i) for i in cassette.interactions]


def _file_diffs(old_path: str, new_path: str, problems: Problems, settings: Settings, options: Options) -> list[CassetteDiff]:
    from ..views.align import diff_cassettes

    old = problems.load(old_path)
    new = problems.load(new_path)
    if old is None or new is None:
        return []
    masker = settings.masker_for(new_path)
    if masker is None:
        return []
    return [diff_cassettes(old_path, _masked(old, masker), new_path, _masked(new, masker), options)]


def _git_diffs(targets: list[str], problems: Problems, settings: Settings, options: Options) -> list[CassetteDiff]:
    """Each PATH against its version at REV; a file REV does not have is all added."""
    from ..api import load_bytes
    from ..inputs import expand
    from ..views.align import diff_cassettes

    rev = "HEAD"
    if targets and not os.path.exists(targets[0]) and len(targets) > 1:
        rev, targets = targets[0], targets[1:]
    diffs = []
    for source in expand(targets):
        with problems.guard(source.path):
            if isinstance(source, CassetteError):
                problems.error(source)
                continue
            new = problems.load(source.path, source.explicit)
            masker = settings.masker_for(source.path) if new is not None else None
            if new is None or masker is None:
                continue
            name = f"{rev}:{source.path}"
            try:
                data = git_show(rev, source.path)
                old_items = [] if data is None else _masked(load_bytes(data, name), masker)
            except CassetteError as exc:
                problems.error(exc)
                continue
            diffs.append(diff_cassettes(name, old_items, source.path, _masked(new, masker), options))
    return diffs


def git_show(rev: str, path: str) -> bytes | None:
    """The file's bytes at rev; None when rev does not have it. CassetteError when git
    cannot tell (not a repository, an unknown revision, no git)."""
    import subprocess

    folder = os.path.dirname(os.path.abspath(path))
    try:
        proc = subprocess.run(["git", "show", f"{rev}:./{os.path.basename(path)}"], cwd=folder, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CassetteError(path, f"cannot run git: {exc}") from None
    if proc.returncode == 0:
        return proc.stdout
    message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    reason = message[0].removeprefix("fatal: ") if message else f"git show exited with {proc.returncode}"
    if "exists on disk, but not in" in reason or "does not exist in" in reason:
        return None
    raise CassetteError(path, f"git show {rev}: {reason}")
