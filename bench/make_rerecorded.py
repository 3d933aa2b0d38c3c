#!/usr/bin/env python3
"""A "re-recording" of a benchmark cassette, for `cassette diff` (bench/run.py, shape diff):

    python bench/make_rerecorded.py SRC DST

DST is SRC with what a re-recording changes anyway (every HTTP date a month later, every
Go `duration` another value) and a few answers changed (every 50th " pelican" in a body
becomes " penguin"), written with the same bytes everywhere else. Deterministic."""
from __future__ import annotations

import re
import sys


def rerecorded(text: str) -> str:
    text = re.sub(r"(\d\d) Mar 2025 ", r"\1 Apr 2025 ", text)
    text = re.sub(r"(duration: )[0-9.]+(ns|µs|ms|s)\b", r"\g<1>42.5ms", text)
    count = 0

    def pelican(match: re.Match) -> str:
        nonlocal count
        count += 1
        return " penguin" if count % 50 == 0 else match.group(0)

    return re.sub(r" pelican\b", pelican, text)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as src:
        text = src.read()
    with open(argv[1], "w", encoding="utf-8", newline="") as dst:
        dst.write(rerecorded(text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
