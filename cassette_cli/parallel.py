"""Run a list of independent jobs on two cores, when that pays: a pure utility (fork,
pipe, pickle) below every room, used to scan big bodies (redact) and to read a big file
back in two halves (document.verify).

Scanning big bodies for secrets is pure Python work on strings the process already
holds, and the regular-expression engine keeps the interpreter lock: threads would not
help. A forked child shares those strings copy-on-write, runs about half the work and
sends its results back through a pipe. Where forking is not possible, not worth it
(little work, one job, one core) or fails in any way, the jobs run here, in order, as
they would without this module; the results are the same either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from typing import Callable, Sequence, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

MIN_TOTAL = 8 << 20  # work (characters of bodies) below which a second process does not pay


def run_jobs(jobs: Sequence[Job], work: Callable[[Job], Result], weight: Callable[[Job], int], started: Callable[[], object] | None = None) -> list[Result]:
    """[work(job) for job in jobs], with a forked child taking about half the weight.
    `started`, if given, is called here once the child exists (before this process's
    own share), or at once when there is no child: a thread started then is never
    copied into a child."""
    if not worth_forking(jobs, weight):
        return _here(jobs, work, started)
    mine, theirs = split_by_weight([weight(job) for job in jobs])
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return _here(jobs, work, started)
    gc.freeze()  # the child's collections then leave the shared objects (and their pages) alone
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        return _here(jobs, work, started)
    if pid == 0:  # the child: its share of the work, pickled into the pipe, then gone
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps([work(jobs[i]) for i in theirs], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no buffered output flushed twice
    gc.unfreeze()
    os.close(write_end)
    results: dict[int, Result] = {}
    payload = b""
    status = -1
    try:
        if started is not None:
            started()
        for i in mine:
            results[i] = work(jobs[i])
    finally:
        try:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
        finally:
            _, status = os.waitpid(pid, 0)  # reaped even if the read is interrupted
    theirs_results: list[Result] | None = None
    if status == 0:
        try:
            theirs_results = pickle.loads(payload)
        except Exception:
            theirs_results = None
    if theirs_results is None or len(theirs_results) != len(theirs):
        theirs_results = [work(jobs[i]) for i in theirs]  # the child failed: do it here
    results.update(zip(theirs, theirs_results))
    return [results[i] for i in range(len(jobs))]


def _here(jobs: Sequence[Job], work: Callable[[Job], Result], started: Callable[[], object] | None) -> list[Result]:
    if started is not None:
        started()
    return [work(job) for job in jobs]


def worth_sharing(total: int) -> bool:
    """Whether `total` work split in two jobs would be shared with a child."""
    if not hasattr(os, "fork") or sys.platform == "win32":
        return False
    if os.environ.get("CASSETTE_JOBS", "") == "1":
        return False
    return cores() >= 2 and total >= MIN_TOTAL


def worth_forking(jobs: Sequence[Job], weight: Callable[[Job], int]) -> bool:
    """Whether run_jobs would fork a child for these jobs."""
    return len(jobs) >= 2 and worth_sharing(sum(weight(job) for job in jobs))


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def split_by_weight(weights: list[int]) -> tuple[list[int], list[int]]:
    """Indexes split in two of about equal weight (largest first, each to the lighter side)."""
    mine: list[int] = []
    theirs: list[int] = []
    load = [0, 0]
    for i in sorted(range(len(weights)), key=lambda i: -weights[i]):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(i)
        load[side] += weights[i]
    return sorted(mine), sorted(theirs)
