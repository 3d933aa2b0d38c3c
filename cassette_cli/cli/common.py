"""What the commands share: reporting bad inputs, the console, the policy, option types.

Heavy modules (the YAML parser, rich, the rules) are imported inside the functions that
use them, so `cassette --help` starts fast."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Iterator, List, Optional

import typer

from ..errors import CassetteError, ExitCode

if TYPE_CHECKING:
    from ..redact.baseline import Baseline
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

    def masked_cassettes(self, paths: list[str], settings: Settings) -> Iterator[tuple[Cassette, Masker]]:
        """Each readable cassette among paths with the masker of the policy in effect for it."""
        for cassette in self.cassettes(paths):
            masker = settings.masker_for(cassette.path)
            if masker is not None:
                yield cassette, masker

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


class Settings:
    """The policy in effect for each file: `--config FILE` when given, else the nearest
    `.cassette.toml` / `pyproject.toml` with a cassette table walking up from the file's
    own folder (as ruff and black find theirs), then the command's flags on top. Each
    config file is read and turned into a policy once per run."""

    def __init__(self, problems: Problems, config: str | None, *, optional_table: bool = False, **flags: object) -> None:
        from pathlib import Path

        self.problems = problems
        self.optional_table = optional_table  # a --config file without a redact table is fine (cassette check)
        self.flags = flags
        self.explicit = Path(config) if config else None
        self._in_folder: dict[str, tuple[Policy | None, object]] = {}  # folder -> (policy, its config file)
        self._by_source: dict[object, Policy] = {}
        # a bad --config file or flag ends the command at once
        self._read(Path.cwd(), fatal=True, config_files=self.explicit is not None)

    def policy_for(self, path: str) -> Policy | None:
        """The policy for the file at path; None (reported) when its config is bad."""
        import os

        return self.in_folder(os.path.dirname(os.path.abspath(path)))[0]

    def in_folder(self, folder: str) -> tuple[Policy | None, object]:
        """The policy for the files of a folder and the config file it comes from (None:
        the built-in defaults); the policy is None (reported) when that config is bad."""
        from pathlib import Path

        if folder not in self._in_folder:
            self._in_folder[folder] = self._read(Path(folder), fatal=False)
        return self._in_folder[folder]

    def masker_for(self, path: str) -> Masker | None:
        from ..mask import Masker

        policy = self.policy_for(path)
        if policy is None:
            return None
        masker = Masker(policy)
        self.problems.masker = masker
        return masker

    def _read(self, folder: object, *, fatal: bool, config_files: bool = True) -> tuple[Policy | None, object]:
        from ..redact.config import ConfigError, build_policy, load_config

        try:
            table, source = load_config(folder, self.explicit, self.optional_table) if config_files else ({}, None)  # type: ignore[arg-type]
            if source not in self._by_source:
                self._by_source[source] = build_policy(table, source=source, **self.flags)  # type: ignore[arg-type]
            return self._by_source[source], source
        except ConfigError as exc:
            self.problems.error(str(exc))
            if fatal:
                raise typer.Exit(ExitCode.ERROR) from None
            return None, None


PLAIN_WIDTH = 1 << 24  # piped: lines as long as they are (rich needs some width)
PIPE_MAX_BODY = 6400  # characters of a body shown by default when piped


def load_baseline(path: str | None, problems: Problems) -> Baseline | None:
    """The baseline file `--baseline` names (None without one); a bad one is reported and
    ends the command (exit 2): findings it was meant to hold back would be printed."""
    if path is None:
        return None
    from ..redact.baseline import Baseline, BaselineError

    try:
        return Baseline.load(path)
    except BaselineError as exc:
        problems.error(exc)
        raise typer.Exit(ExitCode.ERROR) from None


def stdout_console() -> Console:
    """Colour on a terminal (NO_COLOR honoured by rich), fitted to its width; piped
    (unless COLUMNS says how wide), plain: nothing wrapped, cut to a width or padded."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if is_plain(console):
        console = Console(highlight=False, soft_wrap=False, width=PLAIN_WIDTH)
    return console


def is_plain(console: Console) -> bool:
    import os

    return not console.is_terminal and "COLUMNS" not in os.environ


def print_view(console: Console, renderable: object) -> None:
    """On a terminal, rich draws; piped, the same text without the padding rich puts at
    the end of each line, so the output greps and diffs cleanly."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


PathsArg = Annotated[List[str], typer.Argument(metavar="PATH...", help="Cassette files, or folders to search for *.yaml, *.yml and *.json.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON array on stdout instead of tables.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="List the files skipped because they are not cassettes.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", metavar="FILE", help="Read settings from this TOML file instead of pyproject.toml / .cassette.toml.", show_default=False)]
