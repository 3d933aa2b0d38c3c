"""What the commands share: reporting bad inputs, the console, the policy (no typer here:
the fast start of `ls` uses them too).

Heavy modules (the YAML parser, rich, the rules) are imported inside the functions that
use them, so `cassette --help` starts fast."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from ..errors import CassetteError, ExitCode

if TYPE_CHECKING:
    from pathlib import Path

    from ..redact.baseline import Baseline
    from rich.console import Console

    from ..mask import Masker
    from ..model import Cassette
    from ..rules.policy import Policy


class Problems:
    """Reports bad inputs as one line each on stderr and remembers that there were some."""

    def __init__(self, verbose: bool = False) -> None:
        self.count = 0
        self.bugs = 0  # of them, exceptions no code expected (exit 3)
        self.failed: set[str] = set()  # the files they were about (a baseline keeps their entries)
        self.verbose = verbose  # list the files skipped as not cassettes
        self.masker: Masker | None = None  # the command's, once its policy is known

    def error(self, problem: CassetteError | str) -> None:
        """One line on stderr; a message quotes what it refuses, so it is masked too."""
        self.count += 1
        if isinstance(problem, CassetteError):
            self.failed.add(problem.path)
        message = str(problem).replace("\r", " ").replace("\n", " ")
        if self.masker is None:
            from ..mask import Masker

            self.masker = Masker()
        sys.stderr.write(f"cassette: error: {self.masker.text(message)}\n")

    @contextmanager
    def guard(self, path: str) -> Iterator[None]:
        """Runs the work on one file: an exception no code expected (a bug of ours) is
        reported as one line naming the file (`cli.internal_message`: its message and
        traceback may quote the file) and the next file goes on; exit 3 at the end.
        CASSETTE_TRACEBACK=1 lets it through, and an OSError (stdout closed or full: the
        readers of files turn theirs into CassetteError) always ends the run."""
        try:
            yield
        except OSError:
            raise  # the output cannot be written (a closed pipe, a full disk): no file's fault
        except Exception as exc:
            if os.environ.get("CASSETTE_TRACEBACK"):
                raise
            from . import internal_message

            self.bugs += 1
            self.failed.add(path)
            self.error(f"{path}: {internal_message(exc)}")

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
            masker = None
            with self.guard(cassette.path):
                masker = settings.masker_for(cassette.path)
            if masker is not None:
                yield cassette, masker

    def load(self, path: str, explicit: bool = True) -> Cassette | None:
        """The cassette at path, or None when it was reported. A file not named
        explicitly (found in a folder, or under --skip-non-cassettes) that is not a
        cassette is skipped: told from its first bytes where they show it, so that no
        other YAML or JSON of a repository (multi-document, tagged, templated, with
        comments, empty, huge) is parsed; with -v each skipped file is listed."""
        from ..errors import NotACassette
        from ..formats import load_cassette, read_file
        from ..formats.sniff import HEAD_BYTES, may_be_cassette

        with self.guard(path):
            try:
                if not explicit and not may_be_cassette(read_file(path, HEAD_BYTES)[1]):
                    self.skipped(path, "not a cassette")
                    return None
                return load_cassette(path)
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
        return ExitCode.INTERNAL if self.bugs else ExitCode.ERROR if self.count else ExitCode.OK


class Settings:
    """The policy in effect for each file: `--config FILE` when given, else the nearest
    `.cassette.toml` / `pyproject.toml` with a cassette table walking up from the file's
    own folder (as ruff and black find theirs), then the command's flags on top. Each
    config file is read and turned into a policy once per run."""

    def __init__(self, problems: Problems, config: str | None, *, optional_table: bool = False, **flags: object) -> None:
        self.problems = problems
        self.optional_table = optional_table  # a --config file without a redact table is fine (cassette check)
        self.flags = flags
        self.explicit = _path(config) if config else None
        self._in_folder: dict[str, object] = {}  # folder -> its config file (None: none; BAD: a bad one)
        self._by_source: dict[object, Policy | object] = {}  # config file -> its policy, or BUILT_IN
        # a bad --config file or flag ends the command at once
        self._read(os.getcwd(), fatal=True, config_files=self.explicit is not None)

    def policy_for(self, path: str) -> Policy | None:
        """The policy for the file at path; None (reported) when its config is bad."""
        return self.in_folder(os.path.dirname(os.path.abspath(path)))[0]

    def in_folder(self, folder: str) -> tuple[Policy | None, object]:
        """The policy for the files of a folder and the config file it comes from (None:
        the built-in defaults); the policy is None (reported) when that config is bad."""
        policy, source = self._entry(folder)
        if policy is BUILT_IN:
            from ..rules.policy import default_policy

            policy = self._by_source[source] = default_policy()
        return policy, source  # type: ignore[return-value]

    def masker_for(self, path: str) -> Masker | None:
        """A masker under the policy for the file at path (None: its config is bad,
        reported); under the built-in policy the rules are loaded when first used."""
        from ..mask import Masker

        policy = self._entry(os.path.dirname(os.path.abspath(path)))[0]
        if policy is None:
            return None
        masker = Masker(None if policy is BUILT_IN else policy)  # type: ignore[arg-type]
        self.problems.masker = masker
        return masker

    def _entry(self, folder: str) -> tuple[Policy | object | None, object]:
        """(policy or BUILT_IN, config file) for a folder; (None, None) when its config is bad."""
        if folder not in self._in_folder:
            self._in_folder[folder] = self._read(folder, fatal=False)
        source = self._in_folder[folder]
        if source is BAD:
            return None, None
        return self._by_source[source], source

    def _read(self, folder: object, *, fatal: bool, config_files: bool = True) -> object:
        """The config file for a folder (None: the defaults), its policy made and kept;
        BAD when it is bad (reported)."""
        from ..redact.config import ConfigError, build_policy, load_config

        try:
            table, source = load_config(folder, self.explicit, self.optional_table) if config_files else ({}, None)  # type: ignore[arg-type]
            if source not in self._by_source:
                configured = bool(table) or any(_given(value) for value in self.flags.values())
                self._by_source[source] = build_policy(table, source=source, **self.flags) if configured else BUILT_IN  # type: ignore[arg-type]
            return source
        except ConfigError as exc:
            self.problems.error(str(exc))
            if fatal:
                raise SystemExit(ExitCode.ERROR) from None
            return BAD


def _path(name: str) -> Path:
    from pathlib import Path  # here: a run without --config does without it

    return Path(name)


def _given(flag: object) -> bool:
    """Whether a command-line flag was set (an empty --replacement was: it is refused)."""
    return flag is not None and flag is not False and flag != [] and flag != ()


BUILT_IN = object()  # the built-in policy, not made yet: nothing configured, nothing to check
BAD = object()  # a folder whose config file is bad


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
        raise SystemExit(ExitCode.ERROR) from None


def stdout_console() -> Console:
    """Colour on a terminal (NO_COLOR honoured by rich), fitted to its width; piped
    (unless COLUMNS says how wide), plain: nothing wrapped, cut to a width or padded."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if is_plain(console):
        console = Console(highlight=False, soft_wrap=False, width=PLAIN_WIDTH)
    return console


def surely_plain() -> bool:
    """Whether output is plain (see stdout_console), told without rich: stdout is no
    terminal and no variable by which rich or COLUMNS would decide otherwise is set.
    False only means: ask rich."""
    if any(name in os.environ for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")):
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def is_plain(console: Console) -> bool:
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
