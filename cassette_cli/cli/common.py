"""What the commands share: reporting bad inputs, the console, the policy, option types.

Heavy modules (the YAML parser, rich, the rules) are imported inside the functions that
use them, so `cassette --help` starts fast."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Iterator, List, Optional

import typer

from ..errors import CassetteError, ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from ..mask import Masker
    from ..model import Cassette
    from ..rules.policy import Policy


class Problems:
    """Reports bad inputs as one line each on stderr and remembers that there were some."""

    def __init__(self, verbose: bool = False) -> None:
        self.count = 0
        self.verbose = verbose  # list the files skipped as not cassettes
        self.masker: Masker | None = None  # the command's, once its policy is known

    def error(self, problem: CassetteError | str) -> None:
        """One line on stderr; a message quotes what it refuses, so it is masked too."""
        self.count += 1
        message = str(problem).replace("\r", " ").replace("\n", " ")
        if self.masker is None:
            from ..mask import Masker

            self.masker = Masker()
        sys.stderr.write(f"cassette: error: {self.masker.text(message)}\n")

    def note(self, message: str) -> None:
        sys.stderr.write(f"cassette: note: {message}\n")

    def cassettes(self, paths: list[str]) -> Iterator[Cassette]:
        """Each readable cassette among paths; files in folders that are not cassettes are
        skipped with a note, every other problem is reported and the rest go on."""
        from ..inputs import expand

        for source in expand(paths):
            if isinstance(source, CassetteError):
                self.error(source)
                continue
            cassette = self.load(source.path, source.explicit)
            if cassette is not None:
                yield cassette

    def load(self, path: str, explicit: bool = True) -> Cassette | None:
        """The cassette at path, or None when it was reported. A file not named
        explicitly (found in a folder, or under --skip-non-cassettes) that is not a
        cassette is skipped: told from its first bytes where they show it, so that no
        other YAML or JSON of a repository (multi-document, tagged, templated, with
        comments, empty, huge) is parsed; with -v each skipped file is listed."""
        from ..api import load_bytes
        from ..errors import NotACassette
        from ..formats import read_file
        from ..formats.sniff import HEAD_BYTES, may_be_cassette

        try:
            if not explicit and not may_be_cassette(read_file(path, HEAD_BYTES)[1]):
                self.skipped(path, "not a cassette")
                return None
            return load_bytes(read_file(path)[1], path)
        except NotACassette as exc:
            if explicit:
                self.error(exc)
            else:
                self.skipped(exc.path, exc.message)
        except CassetteError as exc:
            self.error(exc)
        return None

    def skipped(self, path: str, why: str) -> None:
        if self.verbose:
            self.note(f"skipped {path}: {why}")

    @property
    def exit_code(self) -> int:
        return ExitCode.ERROR if self.count else ExitCode.OK


def load_policy(problems: Problems, config: str | None, **flags: object) -> Policy:
    """The configured policy (config file, then flags); a bad config ends the command."""
    from pathlib import Path

    from ..redact.config import ConfigError, build_policy, load_config

    from ..mask import Masker

    try:
        table, source = load_config(Path.cwd(), Path(config) if config else None)
        policy = build_policy(table, source=source, **flags)  # type: ignore[arg-type]
        problems.masker = Masker(policy)
        return policy
    except ConfigError as exc:
        problems.error(str(exc))
        raise typer.Exit(ExitCode.ERROR) from None


def load_masker(problems: Problems, config: str | None) -> Masker:
    """The one masker of a viewing command, under the configured policy."""
    load_policy(problems, config)
    assert problems.masker is not None
    return problems.masker


PIPE_WIDTH = 160


def stdout_console() -> Console:
    """Colour on a terminal (NO_COLOR honoured by rich); plain text, wider, when piped."""
    import os

    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


def print_view(console: Console, renderable: object) -> None:
    """On a terminal, rich draws; piped, the same text without the padding rich puts at
    the end of each line, so the output greps and diffs cleanly."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


PathsArg = Annotated[List[str], typer.Argument(metavar="PATH", help="Cassette files, or folders to search for *.yaml, *.yml and *.json.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON array on stdout instead of tables.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="List the files skipped because they are not cassettes.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file instead of pyproject.toml / .cassette.toml.", show_default=False)]
