"""The command line: parses arguments, calls the core, hands results to render. No logic here.

Heavy modules (the YAML parser, rich) are imported inside the commands that use them, so
`cassette --help` starts fast."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Callable, Iterator, List, Optional

import typer

from . import __version__
from .errors import CassetteError, ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from .model import Cassette

app = typer.Typer(
    name="cassette",
    help="List, show and redact recorded HTTP cassettes (go-vcr, VCR.py, Ruby VCR).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cassette {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """List, show and redact recorded HTTP cassettes (go-vcr, VCR.py, Ruby VCR)."""


class Problems:
    """Reports bad inputs as one line each on stderr and remembers that there were some."""

    def __init__(self) -> None:
        self.count = 0

    def error(self, problem: CassetteError | str) -> None:
        self.count += 1
        message = str(problem).replace("\r", " ").replace("\n", " ")
        sys.stderr.write(f"cassette: error: {message}\n")

    def note(self, message: str) -> None:
        sys.stderr.write(f"cassette: note: {message}\n")

    def cassettes(self, paths: list[str]) -> Iterator[Cassette]:
        """Each readable cassette among paths; files in folders that are not cassettes are
        skipped with a note, every other problem is reported and the rest go on."""
        from .inputs import expand

        for source in expand(paths):
            if isinstance(source, CassetteError):
                self.error(source)
                continue
            cassette = self.load(source.path, source.explicit)
            if cassette is not None:
                yield cassette

    def load(self, path: str, explicit: bool = True) -> Cassette | None:
        from .errors import NotACassette
        from .formats import load_cassette

        try:
            return load_cassette(path)
        except NotACassette as exc:
            if explicit:
                self.error(exc)
            else:
                self.note(f"skipped {exc.path}: {exc.message}")
        except CassetteError as exc:
            self.error(exc)
        return None

    @property
    def exit_code(self) -> int:
        return ExitCode.ERROR if self.count else ExitCode.OK


PIPE_WIDTH = 160


def _stdout_console() -> Console:
    """Colour on a terminal (NO_COLOR honoured by rich); plain text, wider, when piped."""
    import os

    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


PathsArg = Annotated[List[str], typer.Argument(metavar="PATH", help="Cassette files, or folders to search for *.yaml, *.yml and *.json.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON array on stdout instead of tables.")]


@app.command("ls")
def ls_command(
    paths: PathsArg,
    method: Annotated[List[str], typer.Option("--method", "-m", help="Only this HTTP method (repeatable).", show_default=False)] = [],  # noqa: B006
    status: Annotated[List[str], typer.Option("--status", "-s", help="Only this status, e.g. 200 or 4xx (repeatable).", show_default=False)] = [],  # noqa: B006
    url: Annotated[Optional[str], typer.Option("--url", "-u", help="Only URLs containing this text, or matching this glob (* ? [).", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the interactions of one or many cassettes."""
    from .listing import Filters, summarize, valid_status_pattern

    for pattern in status:
        if not valid_status_pattern(pattern):
            raise typer.BadParameter(f"{pattern!r} is not a status like 200 or 4xx", param_hint="'--status'")
    filters = Filters(frozenset(m.upper() for m in method), tuple(status), url)
    problems = Problems()
    array = JsonArrayWriter() if as_json else None
    console = None if as_json else _stdout_console()
    for cassette in problems.cassettes(paths):
        rows = [summarize(cassette, i) for i in cassette.interactions if filters.matches(i)]
        if array is not None:
            for row in rows:
                array.add(row.to_json())
        else:
            from .render import ls_view

            assert console is not None
            _print_view(console, ls_view(cassette, rows, console.width))
    if array is not None:
        array.close()
    raise typer.Exit(problems.exit_code)


@app.command("show")
def show_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A cassette file.", show_default=False)],
    indexes: Annotated[Optional[List[int]], typer.Argument(metavar="INDEX", help="0-based positions as `ls` prints them; none means all.", show_default=False)] = None,
    decode_sse: Annotated[bool, typer.Option("--decode-sse", help="Decode event streams into a table of chunks and the message they assemble into.")] = False,
    max_body: Annotated[Optional[int], typer.Option("--max-body", metavar="N", help="Cut bodies to N characters (0: never cut). Default: fitted to the terminal.", show_default=False)] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print bodies exactly as stored in the cassette.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show interactions in full: request, response, and decoded event streams."""
    from .detail import to_json, view

    problems = Problems()
    array = JsonArrayWriter() if as_json else None
    cassettes = list(problems.cassettes([path]))
    console = None if as_json else _stdout_console()
    for cassette in cassettes:
        cassette.document.release_source()  # the nodes hold all that is shown
        count = len(cassette.interactions)
        wanted = indexes if indexes else list(range(count))
        for index in wanted:
            if not 0 <= index < count:
                problems.error(CassetteError(cassette.path, f"no interaction {index} (the cassette has {count}: 0 to {count - 1})" if count else f"no interaction {index} (the cassette has none)"))
                continue
            item = view(cassette, cassette.interactions[index], decode_sse, raw)
            if array is not None:
                array.add(to_json(item, decode_sse))  # one interaction in memory at a time
            else:
                from .render import show_view

                assert console is not None
                limit = max_body if max_body is not None else max(2000, console.width * 40)
                _print_view(console, show_view(item, max_body=limit, raw=raw))
            del item  # not held while the next one is built
    if array is not None:
        array.close()
    raise typer.Exit(problems.exit_code)


@app.command("redact")
def redact_command(
    paths: PathsArg,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list the secrets found. Exit 1 if any.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print the unified diff of what would change (secrets shown shortened).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --check: one JSON array of findings.")] = False,
    replacement: Annotated[Optional[str], typer.Option("--replacement", metavar="TEXT", help="Text that replaces each secret (default REDACTED).", show_default=False)] = None,
    header: Annotated[List[str], typer.Option("--header", metavar="NAME", help="Also redact this header (repeatable).", show_default=False)] = [],  # noqa: B006
    query: Annotated[List[str], typer.Option("--query", metavar="NAME", help="Also redact this query parameter (repeatable).", show_default=False)] = [],  # noqa: B006
    key: Annotated[List[str], typer.Option("--key", metavar="NAME", help="Also redact this JSON/form body key (repeatable).", show_default=False)] = [],  # noqa: B006
    pattern: Annotated[List[str], typer.Option("--pattern", metavar="REGEX", help="Also redact text matching this regex (repeatable).", show_default=False)] = [],  # noqa: B006
    allow: Annotated[List[str], typer.Option("--allow", metavar="VALUE", help="Never redact this exact value (repeatable).", show_default=False)] = [],  # noqa: B006
    disable: Annotated[List[str], typer.Option("--disable", metavar="RULE-ID", help="Turn a rule off (repeatable).", show_default=False)] = [],  # noqa: B006
    config: Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file instead of pyproject.toml / .cassette.toml.", show_default=False)] = None,
    skip_non_cassettes: Annotated[bool, typer.Option("--skip-non-cassettes", help="Skip named files that are not cassettes (with a note) instead of failing: for pre-commit, which passes every YAML and JSON file.")] = False,
) -> None:
    """Remove secrets, changing nothing else.

    Exit 1 when a file changed (or --check found something), 0 when there was nothing to
    do, 2 when an input could not be read."""
    from pathlib import Path

    from .redact.config import ConfigError, build_policy, load_config
    from .redact.engine import plan_redaction
    from .redact.write import snapshot, write_plan

    if as_json and not check:
        raise typer.BadParameter("--json goes with --check", param_hint="'--json'")
    problems = Problems()
    try:
        table, source = load_config(Path.cwd(), Path(config) if config else None)
        policy = build_policy(table, headers=header, query=query, keys=key, patterns=pattern, allow=allow, disable=disable, replacement=replacement, source=source)
    except ConfigError as exc:
        problems.error(str(exc))
        raise typer.Exit(ExitCode.ERROR) from None

    from .inputs import expand

    found = False
    array = JsonArrayWriter() if as_json else None
    for item in expand(paths):
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
        try:
            # a rewrite is checked on the file it writes (write_plan), a --diff in memory
            plan = plan_redaction(cassette, policy, rewrite=not check, check=diff)
        except CassetteError as exc:
            problems.error(exc)
            continue
        if not plan.reports:
            continue
        found = True
        if check:
            if array is not None:
                for r in plan.reports:
                    array.add(r.to_json())
            else:
                for r in plan.reports:
                    sys.stdout.write(f"{r.file}:{r.line}:{r.column}: {r.rule}: {r.detail} (value: {r.preview})\n")
        elif diff:
            from .redact.diff import masked_diff

            sys.stdout.write(masked_diff(plan))
        else:
            try:
                write_plan(plan, item.path, before)
            except CassetteError as exc:
                problems.error(exc)
                continue
            count = len(plan.reports)
            sys.stdout.write(f"Redacted {count} value{'s' if count != 1 else ''} in {item.path}\n")
    if array is not None:
        array.close()
    if problems.count:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.CHANGED if found else ExitCode.OK)


def _print_view(console: Console, renderable: object) -> None:
    """On a terminal, rich draws; piped, the same text without the padding rich puts at
    the end of each line, so the output greps and diffs cleanly."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


class JsonArrayWriter:
    """Writes the one JSON array of `--json` to stdout an item at a time, so a 50 MB
    cassette's interactions are never all held as JSON data at once."""

    def __init__(self) -> None:
        self.count = 0
        sys.stdout.write("[")

    def add(self, item: object) -> None:
        if self.count:
            sys.stdout.write(", ")
        write_json(item, sys.stdout.write)
        self.count += 1

    def close(self) -> None:
        sys.stdout.write("]\n")


_JSON_PIECE = 1 << 16  # characters of a long string encoded at a time
_JSON_BATCH = 256  # items of a long list encoded at a time


def write_json(value: object, write: Callable[[str], object]) -> None:
    """What json.dump(value, ensure_ascii=False) writes, in pieces: a long string or list
    (a 9 MB body, 100,000 events) is never encoded whole in memory."""
    if isinstance(value, str) and len(value) > _JSON_PIECE:
        write('"')
        for at in range(0, len(value), _JSON_PIECE):
            write(json.dumps(value[at : at + _JSON_PIECE], ensure_ascii=False)[1:-1])
        write('"')
    elif isinstance(value, dict):
        write("{")
        for i, (key, item) in enumerate(value.items()):
            write(("" if i == 0 else ", ") + json.dumps(str(key), ensure_ascii=False) + ": ")
            write_json(item, write)
        write("}")
    elif isinstance(value, list) and len(value) > _JSON_BATCH:
        write("[")
        for at in range(0, len(value), _JSON_BATCH):
            write(("" if at == 0 else ", ") + json.dumps(value[at : at + _JSON_BATCH], ensure_ascii=False)[1:-1])
        write("]")
    else:
        write(json.dumps(value, ensure_ascii=False))


def main() -> None:
    """Console-script entry point. The process ends without the interpreter's tear-down
    (freeing every node of a 50 MB cassette one by one takes ~40 ms): output is flushed
    first, child processes and threads are done by then, and nothing of ours runs at
    exit. An unexpected exception still ends the normal way, with its traceback."""
    import os

    try:
        app()
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    except BrokenPipeError:
        code = ExitCode.OK  # the reader went away (`cassette ls | head`): not an error of ours
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _exit_status(code: object) -> int:
    """What sys.exit(code) would make of code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1
