"""Many files on two cores: a forked child takes the later files (about half of the bytes)
and its output is written after this process's own, so output stays in file order.

For commands whose output is one line or block per file: `redact`, and `redact --check`
in the text and github formats. A pre-commit run hands `redact` hundreds of cassettes;
each is read, scanned and written on its own, so the two halves share nothing but the
settings read before the fork. One file, a few small files, one core, no fork (Windows)
or ``CASSETTE_JOBS=1``: everything runs here, as it would without this module. If the
child fails in any way, its files are done here after this process's own.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..errors import ExitCode
from ..parallel import cores

__all__ = ["file_size", "merged_exit_code", "run_shared", "worth_sharing"]

Item = TypeVar("Item")

MIN_FILES = 8  # fewer files than this stay in one process
MIN_BYTES = 1 << 20  # and so do files that are small in all


def file_size(item: object) -> int:
    """The size of an input's file (0 if it has none or cannot be read): its weight."""
    path = getattr(item, "path", None)
    try:
        return os.stat(path).st_size if path is not None else 0
    except OSError:
        return 0


def merged_exit_code(a: int, b: int) -> int:
    """A bug of ours in either half wins, then an error, then a change (or a finding),
    then nothing to do."""
    for code in (ExitCode.INTERNAL, ExitCode.ERROR, ExitCode.CHANGED):
        if code in (a, b):
            return int(code)
    return max(a, b)


def worth_sharing(sizes: Sequence[int]) -> bool:
    """Whether files of these sizes are shared with a child process."""
    if not hasattr(os, "fork") or sys.platform == "win32" or os.environ.get("CASSETTE_JOBS", "") == "1":
        return False
    least = MIN_BYTES
    if os.environ.get("CASSETTE_SHARE_MIN_BYTES", "").isdigit():  # for tests of small trees
        least = int(os.environ["CASSETTE_SHARE_MIN_BYTES"])
    return len(sizes) >= MIN_FILES and sum(sizes) >= least and cores() >= 2


def run_shared(items: Sequence[Item], weight: Callable[[Item], int], work: Callable[[list[Item]], int], *, enabled: bool = True) -> int:
    """``work(items)``'s exit code, with a forked child doing the later part of the items
    when that pays. ``work`` writes through ``sys.stdout``/``sys.stderr`` as they are
    when it is called: in the child they are buffers, written here afterwards."""
    items = list(items)
    sizes = [weight(item) for item in items] if enabled else []
    if not enabled or not worth_sharing(sizes):
        return work(items)
    cut = _cut(sizes)
    mine, theirs = items[:cut], items[cut:]
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return work(items)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work(items)
    if pid == 0:
        _child(theirs, work, read_end, write_end)  # never returns
    os.close(write_end)
    code = work(mine)
    result = _wait(pid, read_end)
    if result is None:  # the child failed: its files are done here
        return merged_exit_code(code, work(theirs))
    child_code, out, err = result
    sys.stdout.write(out)
    sys.stderr.write(err)
    return merged_exit_code(code, child_code)


def _child(items: list[Item], work: Callable[[list[Item]], int], read_end: int, write_end: int) -> None:
    status = 1
    try:
        os.close(read_end)
        os.environ["CASSETTE_JOBS"] = "1"  # no further forks in here
        sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
        code = work(items)
        payload = pickle.dumps((code, sys.stdout.getvalue(), sys.stderr.getvalue()))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)  # whatever happened: the parent redoes the work if it must


def _wait(pid: int, read_end: int) -> tuple[int, str, str] | None:
    payload = b""
    try:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        result = pickle.loads(payload)
    except Exception:
        return None
    return result if isinstance(result, tuple) and len(result) == 3 else None


def _cut(sizes: list[int]) -> int:
    """Where to cut the files in two runs of about equal size (each side gets one at least)."""
    half = sum(sizes) / 2
    running = 0
    for cut, size in enumerate(sizes):
        if running + size / 2 > half:
            return max(1, min(cut, len(sizes) - 1))
        running += size
    return len(sizes) - 1
