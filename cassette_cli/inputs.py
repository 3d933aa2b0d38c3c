"""Which files the PATH arguments name: files as given, directories searched recursively."""

from __future__ import annotations

import os
from typing import NamedTuple

from .errors import CassetteError

CASSETTE_SUFFIXES = (".yaml", ".yml", ".json", ".har", ".yaml.gz", ".yml.gz", ".json.gz", ".httprr")  # the shape decides
_SKIPPED_DIRS = {"node_modules", "__pycache__"}


class Source(NamedTuple):
    path: str
    explicit: bool  # named on the command line (an error if not a cassette) or found in a folder (skipped)


def expand(paths: list[str]) -> list[Source | CassetteError]:
    """Sources in the order given; folders expand to their cassette-like files, sorted.
    A missing path becomes a CassetteError in its place."""
    result: list[Source | CassetteError] = []
    for path in paths:
        if os.path.isdir(path):
            found: list[str] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
                found.extend(os.path.join(folder, f) for f in files if f.lower().endswith(CASSETTE_SUFFIXES))
            result.extend(Source(p, explicit=False) for p in sorted(found))
        elif os.path.exists(path):
            result.append(Source(path, explicit=True))
        else:
            result.append(CassetteError(path, "no such file or directory"))
    return result
