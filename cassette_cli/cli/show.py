"""`cassette show`: interactions in full, event streams decoded."""

from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from ..errors import CassetteError
from .typer_app import Command, app
from .common import PIPE_MAX_BODY, is_plain, Problems, Settings, print_view, stdout_console
from .options import ConfigOpt, JsonOpt, VerboseOpt


@app.command("show", cls=Command)
def show_command(
    targets: Annotated[List[str], typer.Argument(metavar="PATH... [INDEX]...", help="Cassette files (or folders), then optionally 0-based positions as `ls` prints them, for every file; none means all.", show_default=False)],
    decode_sse: Annotated[bool, typer.Option("--decode-sse", help="Decode event streams into a table of chunks and the message they assemble into.")] = False,
    max_body: Annotated[Optional[int], typer.Option("--max-body", metavar="N", help="Cut bodies to N characters (0: never cut). Default: fitted to the terminal.", show_default=False)] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Bodies exactly as stored in the cassette (secrets masked); piped, the response body's bytes themselves.")] = False,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Show interactions in full: request, response, and decoded event streams."""
    from ..output.json_out import JsonArrayWriter
    from ..views.detail import to_json

    paths, indexes = split_targets(targets)
    problems = Problems(verbose)
    settings = Settings(problems, config)
    array = JsonArrayWriter() if as_json else None
    console = None if as_json else stdout_console()
    for cassette, masker in problems.masked_cassettes(paths, settings):
        with problems.guard(cassette.path):
            cassette.document.release_source()  # the nodes hold all that is shown
            count = len(cassette.interactions)
            wanted = indexes if indexes else list(range(count))
            shown = dict(enumerate(cassette.interactions))
            if indexes:
                masker.known(cassette)  # the values found anywhere in the file; then only those shown are held
                shown = cassette.keep_only(indexes)
            for index in wanted:
                if index not in shown:
                    problems.error(CassetteError(cassette.path, f"no interaction {index} (the cassette has {count}: 0 to {count - 1})" if count else f"no interaction {index} (the cassette has none)"))
                    continue
                item = masker.interaction(cassette, shown[index])
                item.raw_bodies = raw
                if array is not None:
                    array.add(to_json(item, decode_sse))  # one interaction in memory at a time
                elif raw and is_plain(console):  # type: ignore[arg-type]
                    write_bytes(item.response.body.stored_bytes or b"")
                else:
                    from ..output.render import show_view

                    assert console is not None
                    plain = is_plain(console)
                    limit = max_body if max_body is not None else (PIPE_MAX_BODY if plain else max(2000, console.width * 40))
                    print_view(console, show_view(item, max_body=limit, raw=raw, decode_sse=decode_sse, plain=plain))
                del item  # not held while the next one is built
    if array is not None:
        array.close()
    raise typer.Exit(problems.exit_code)


def write_bytes(data: bytes) -> None:
    """Piped `--raw`: the body's bytes themselves, binary included (`> body.bin`)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def split_targets(targets: list[str]) -> tuple[list[str], list[int]]:
    """`PATH... [INDEX]...`: the trailing arguments that are whole numbers and not files
    are the positions; everything before them is a path (so `show a.yaml 0 2` and
    `show *.yaml` both work)."""
    import os

    cut = len(targets)
    while cut > 0 and targets[cut - 1].isdigit() and not os.path.exists(targets[cut - 1]):
        cut -= 1
    if cut == 0:
        raise typer.BadParameter("give at least one cassette file before the positions", param_hint="'PATH'")
    return targets[:cut], [int(t) for t in targets[cut:]]
