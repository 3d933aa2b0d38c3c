"""The JSON of `--json`: one array on stdout, written an item at a time and long values
in pieces, so a 50 MB cassette is never held as JSON text at once."""

from __future__ import annotations

import json
import sys
from typing import Callable

PIECE_CHARS = 1 << 16  # characters of a long string encoded at a time
BATCH_ITEMS = 256  # items of a long list encoded at a time


class JsonArrayWriter:
    """Writes the one JSON array of `--json` to stdout an item at a time."""

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


def write_json(value: object, write: Callable[[str], object]) -> None:
    """What json.dump(value, ensure_ascii=False) writes, in pieces: a long string or list
    (a 9 MB body, 100,000 events) is never encoded whole in memory."""
    if isinstance(value, str) and len(value) > PIECE_CHARS:
        write('"')
        for at in range(0, len(value), PIECE_CHARS):
            write(json.dumps(value[at : at + PIECE_CHARS], ensure_ascii=False)[1:-1])
        write('"')
    elif isinstance(value, dict):
        write("{")
        for i, (key, item) in enumerate(value.items()):
            write(("" if i == 0 else ", ") + json.dumps(str(key), ensure_ascii=False) + ": ")
            write_json(item, write)
        write("}")
    elif isinstance(value, list) and len(value) > BATCH_ITEMS:
        write("[")
        for at in range(0, len(value), BATCH_ITEMS):
            write(("" if at == 0 else ", ") + json.dumps(value[at : at + BATCH_ITEMS], ensure_ascii=False)[1:-1])
        write("]")
    else:
        write(json.dumps(value, ensure_ascii=False))
