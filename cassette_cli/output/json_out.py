"""The JSON of `--json`: one array on stdout, written an item at a time and long values
in pieces, so a 50 MB cassette is never held as JSON text at once."""

from __future__ import annotations

import json
import sys
from typing import Callable

PIECE_CHARS = 1 << 16  # characters of a long string encoded at a time
BATCH_ITEMS = 256  # items of a long list encoded at a time
HELD_CHARS = 1 << 22  # characters of an item held before it is written out as it comes


class JsonArrayWriter:
    """Writes the one JSON array of `--json` to stdout an item at a time. An item is
    written once it is encoded whole, so a bug of ours while one file's items are made
    (reported, and the next file goes on: `Problems.guard`) leaves no half item in the
    array. Only an item longer than HELD_CHARS goes out as it is encoded; if one of those
    fails half written, nothing more is written (not even the `]`): the output is cut off
    where it broke, and cannot pass for a whole array."""

    def __init__(self) -> None:
        self.count = 0
        self.broken = False
        sys.stdout.write("[")

    def add(self, item: object) -> None:
        if self.broken:
            return
        held: list[str] = [", "] if self.count else []
        size = 0

        def write(piece: str) -> None:
            nonlocal size
            held.append(piece)
            size += len(piece)
            if size > HELD_CHARS:
                self.broken = True  # until the item is done: part of it is out
                sys.stdout.write("".join(held))
                held.clear()
                size = 0

        write_json(item, write)
        sys.stdout.write("".join(held))
        self.broken = False
        self.count += 1

    def close(self) -> None:
        if not self.broken:
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
