"""A baseline: findings a repository has accepted, skipped by later checks.

Like detect-secrets' baseline, the file never holds a value: each entry is the file
(relative to the baseline's folder), the location in the cassette, the rule, and a salted
SHA-256 of the value. The salt is random, made once per baseline and kept on updates, so
a hash cannot be looked up in a table of known keys. A finding is skipped when all four
match: the same value moved elsewhere, or a new value in the same place, is reported.
Line numbers are not part of an entry, so edits elsewhere in the file do not undo it.

Public API (used by `redact --check` and meant for `cassette check`)::

    baseline = Baseline.load(path)          # BaselineError if unreadable; empty if missing
    kept = baseline.filter(reports)         # the reports it does not list
    Baseline.from_reports(reports, path, salt=baseline.salt).write(path)

Reports are anything with ``file``, ``location``, ``rule`` and ``secret`` (scan.Report)."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import CassetteError

__all__ = ["BASELINE_VERSION", "Baseline", "BaselineError", "Entry", "Located"]

BASELINE_VERSION = 1


class Located(Protocol):
    file: str
    location: str
    rule: str
    secret: str


class BaselineError(CassetteError):
    """A baseline file that cannot be read or is not one."""


@dataclass(frozen=True, order=True)
class Entry:
    file: str  # relative to the baseline's folder, with / separators
    location: str
    rule: str
    hash: str  # sha256 of salt + value, hex

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "location": self.location, "rule": self.rule, "hash": self.hash}


@dataclass
class Baseline:
    root: Path  # the folder the entries' files are relative to
    salt: str = field(default_factory=lambda: secrets.token_hex(16))
    entries: set[Entry] = field(default_factory=set)

    # -- reading and writing ------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """The baseline in ``path``; an empty one (new salt) if the file does not exist."""
        path = Path(path)
        root = path.parent.resolve()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(root)
        except OSError as exc:
            raise BaselineError(str(path), f"cannot read the baseline: {exc.strerror or exc}") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
            raise BaselineError(str(path), f"malformed baseline JSON: {getattr(exc, 'msg', exc)}", line, column) from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("salt"), str) or not isinstance(data.get("findings"), list):
            raise BaselineError(str(path), f"not a cassette baseline (expected an object with version {BASELINE_VERSION}, salt and findings)")
        entries = set()
        for i, item in enumerate(data["findings"]):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("file", "location", "rule", "hash")):
                raise BaselineError(str(path), f"findings[{i}]: expected file, location, rule and hash strings")
            entries.add(Entry(item["file"], item["location"], item["rule"], item["hash"]))
        return cls(root, data["salt"], entries)

    def dumps(self) -> str:
        findings = [e.to_json() for e in sorted(self.entries)]
        return json.dumps({"version": BASELINE_VERSION, "salt": self.salt, "findings": findings}, indent=2) + "\n"

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def from_reports(cls, reports: Iterable[Located], path: str | Path, salt: str | None = None, kept: Iterable[Entry] = ()) -> Baseline:
        """A baseline at ``path`` listing every report (a given salt is kept), and the
        ``kept`` entries (of files that could not be checked this time)."""
        baseline = cls(Path(path).parent.resolve()) if salt is None else cls(Path(path).parent.resolve(), salt)
        baseline.entries = {baseline.entry(r) for r in reports} | set(kept)
        return baseline

    def entries_of(self, files: Iterable[str]) -> set[Entry]:
        """This baseline's entries for ``files`` (paths as given on the command line)."""
        names = {self.relative(file) for file in files}
        return {entry for entry in self.entries if entry.file in names}

    # -- matching -------------------------------------------------------------------

    def fingerprint(self, value: str) -> str:
        return hashlib.sha256((self.salt + "\0" + value).encode("utf-8", "surrogatepass")).hexdigest()

    def relative(self, file: str) -> str:
        try:
            return Path(os.path.relpath(Path(file).resolve(), self.root)).as_posix()
        except ValueError:  # another drive
            return Path(file).resolve().as_posix()

    def entry(self, report: Located) -> Entry:
        return Entry(self.relative(report.file), report.location, report.rule, self.fingerprint(report.secret))

    def accepts(self, report: Located) -> bool:
        """True if the baseline lists this finding."""
        return self.entry(report) in self.entries

    def filter(self, reports: Iterable[Located]) -> list:  # type: ignore[type-arg]
        """The reports the baseline does not list, in their order."""
        return [r for r in reports if not self.accepts(r)]

    def __len__(self) -> int:
        return len(self.entries)
