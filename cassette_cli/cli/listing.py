"""`cassette ls` without its argument parser: what the typer command runs, and the fast
start (`cli/fast.py`) too."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .common import Problems, Settings, is_plain, print_view, stdout_console, surely_plain

if TYPE_CHECKING:
    from ..views.listing import Filters


def run_ls(paths: list[str], filters: Filters | None = None, *, as_json: bool = False, config: str | None = None, verbose: bool = False) -> int:
    """List the interactions of the cassettes among paths; the exit status."""
    from ..output.json_out import JsonArrayWriter
    from ..output.ls_plain import plain_ls
    from ..views.listing import Filters, summarize

    filters = filters if filters is not None else Filters()
    problems = Problems(verbose)
    settings = Settings(problems, config)
    array = JsonArrayWriter() if as_json else None
    plain = not as_json and surely_plain()  # drawn without rich where the text allows
    console = None
    for cassette, masker in problems.masked_cassettes(paths, settings):
        with problems.guard(cassette.path):
            cassette.document.release_source()  # the nodes hold all that is listed
            items = (masker.interaction(cassette, i, propagate=False) for i in cassette.interactions)
            rows = [summarize(item) for item in items if filters.matches(item)]
            if array is not None:
                for row in rows:
                    array.add(row.to_json())
                continue
            text = plain_ls(cassette, rows) if plain else None
            if text is not None:
                sys.stdout.write(text)
                continue
            from ..output.render import ls_view

            console = console or stdout_console()
            print_view(console, ls_view(cassette, rows, console.width, plain=is_plain(console)))
    if array is not None:
        array.close()
    return problems.exit_code
