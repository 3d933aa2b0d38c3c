"""`cassette recorder-config`: the recorder configuration that makes replay match the
redacted cassettes, read from the files alone (no secret needed)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import ExitCode
from .typer_app import Command, app
from .common import Problems, Settings
from .options import ConfigOpt, PathsArg

if TYPE_CHECKING:
    from ..replay.fields import ReplayFields

RECORDERS = ("vcrpy", "pytest-recording", "ruby-vcr", "go-vcr", "go-vcr-v1")


@app.command("recorder-config", cls=Command)
def recorder_config_command(
    paths: PathsArg,
    recorder: Annotated[str, typer.Option("--for", metavar="RECORDER", help="vcrpy, pytest-recording, ruby-vcr, go-vcr (v4 API) or go-vcr-v1.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="With vcrpy or pytest-recording: the keyword arguments as one JSON object (pairs as [name, replacement] lists).")] = False,
    replacement: Annotated[Optional[str], typer.Option("--replacement", metavar="TEXT", help="The replacement (or template) the files were redacted with, when not the configured one.", show_default=False)] = None,
    config: ConfigOpt = None,
) -> None:
    """Print the recorder configuration that makes replay match the redacted files: the
    query, form and JSON fields holding placeholders, filtered (VCR.py) or rewritten in
    the live request (Ruby VCR, go-vcr) to the placeholder as stored."""
    from ..replay.fields import collect

    if recorder not in RECORDERS:
        raise typer.BadParameter(f"{recorder!r} is not one of {', '.join(RECORDERS)}", param_hint="'--for'")
    if as_json and recorder not in ("vcrpy", "pytest-recording"):
        raise typer.BadParameter("--json goes with --for vcrpy or pytest-recording", param_hint="'--json'")
    problems = Problems()
    settings = Settings(problems, config, replacement=replacement)
    loaded = []
    for cassette in problems.cassettes(paths):
        policy = settings.policy_for(cassette.path)
        if policy is not None:
            loaded.append((cassette, policy))
    if problems.count:
        raise typer.Exit(problems.exit_code)
    fields = collect(loaded)
    sys.stdout.write(_render(recorder, fields, len(loaded), as_json))
    raise typer.Exit(ExitCode.OK)


def _render(recorder: str, fields: ReplayFields, count: int, as_json: bool) -> str:
    from ..replay import go_vcr, ruby, vcrpy

    if as_json:
        import json

        return json.dumps(vcrpy.vcr_kwargs(fields), indent=2, ensure_ascii=False) + "\n"
    if recorder == "vcrpy":
        return vcrpy.vcrpy_code(fields, count)
    if recorder == "pytest-recording":
        return vcrpy.pytest_recording_code(fields, count)
    if recorder == "ruby-vcr":
        return ruby.ruby_code(fields, count)
    return go_vcr.go_code(fields, count, "v1" if recorder == "go-vcr-v1" else "v4")
