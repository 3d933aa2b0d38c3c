"""`cassette export --har`: cassettes as one HAR 1.2 file, secrets masked."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .typer_app import Command, app
from .common import Problems, Settings
from .options import ConfigOpt, PathsArg, VerboseOpt


@app.command("export", cls=Command)
def export_command(
    paths: PathsArg,
    har: Annotated[bool, typer.Option("--har", help="Write HAR 1.2 (the one export format): opens in browser DevTools, HAR viewers, mitmproxy.")] = False,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (replaced atomically) instead of stdout.", show_default=False)] = None,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Export the interactions of one or many cassettes, secrets masked as `show` masks them."""
    import json

    from .. import __version__
    from ..views.har import har_log

    if not har:
        raise typer.BadParameter("name the format to export: --har", param_hint="'--har'")
    problems = Problems(verbose)
    settings = Settings(problems, config)
    items = []
    for cassette, masker in problems.masked_cassettes(paths, settings):
        with problems.guard(cassette.path):
            cassette.document.release_source()
            items.extend([masker.interaction(cassette, i) for i in cassette.interactions])  # all of the file or none
    text = json.dumps(har_log(items, __version__), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text.encode("utf-8"), problems)
    raise typer.Exit(problems.exit_code)


def _write(path: str, data: bytes, problems: Problems) -> None:
    """A new file or the old one, never half of one: a temporary file beside it, renamed."""
    import os
    import tempfile

    from ..errors import CassetteError

    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temp = tempfile.mkstemp(prefix=".cassette-", suffix=".har.tmp", dir=folder)
    except OSError as exc:
        problems.error(CassetteError(path, f"cannot write: {exc.strerror or exc}"))
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        problems.error(CassetteError(path, f"cannot write: {exc.strerror or exc}; nothing written"))


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
