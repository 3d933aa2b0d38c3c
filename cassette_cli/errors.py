"""Errors the core raises and the exit codes the CLI returns."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    CHANGED = 1  # `redact` rewrote a file, or `--check` found something
    ERROR = 2  # usage error, or an input that could not be read
    INTERNAL = 3  # a bug of ours: an exception no code expected (cli.internal_error)


class CassetteError(Exception):
    """A problem with one input, located where possible (line and column 1-based)."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def location(self) -> str:
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class NotACassette(CassetteError):
    """Readable YAML/JSON that is not shaped like any cassette format."""
