"""Atomic rewrite of a file: a temporary file in the same folder, fsync, rename.

The old file or the new one is there at every moment, never a torn or empty one. A file
that changed since it was read is not overwritten. Symlinks are followed: the target is
rewritten and the link stays a link. The file's mode is kept."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable

from ..errors import CassetteError

if TYPE_CHECKING:
    from .engine import Plan


@dataclass(frozen=True)
class Snapshot:
    """What the file looked like when it was read."""

    target: str  # the real path (links followed)
    size: int
    mtime_ns: int
    inode: int
    mode: int


def snapshot(path: str) -> Snapshot:
    target = os.path.realpath(path)
    info = os.stat(target)
    return Snapshot(target, info.st_size, info.st_mtime_ns, info.st_ino, stat.S_IMODE(info.st_mode))


def write_atomically(path: str, data: bytes | Iterable[bytes | memoryview], before: Snapshot, check: Callable[[BinaryIO], None] | None = None) -> None:
    """Replace the file with data (bytes, or pieces of it). `check`, when given, reads
    the written temporary file back and raises to stop the rename; the file is synced to
    disk meanwhile, on another thread. Raises CassetteError; on any failure the old file
    stays and no temporary file is left behind."""
    target = before.target
    folder = os.path.dirname(target) or "."
    if not before.mode & stat.S_IWUSR:
        raise CassetteError(path, "the file is read-only; nothing written")
    try:
        handle, temp = tempfile.mkstemp(prefix=".cassette-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CassetteError(path, f"cannot write in {folder}: {exc.strerror or exc}; nothing written") from None
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in (data,) if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            _sync_while(out.fileno(), temp, check)
        os.chmod(temp, before.mode)
        _check_unchanged(path, before)
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, CassetteError):
            raise
        if isinstance(exc, OSError):
            raise CassetteError(path, f"cannot write: {exc.strerror or exc}; nothing written") from None
        raise
    _fsync_folder(folder)


def _sync_while(fd: int, temp: str, check: Callable[[BinaryIO], None] | None) -> None:
    """fsync the file, running `check` on it meanwhile (fsync waits for the disk
    without holding the interpreter)."""
    if check is None:
        os.fsync(fd)
        return
    failure: list[BaseException] = []

    def sync() -> None:
        try:
            os.fsync(fd)
        except BaseException as exc:  # handed to the main thread
            failure.append(exc)

    worker = threading.Thread(target=sync, name="cassette-fsync")
    worker.start()
    try:
        with open(temp, "rb") as written:
            check(written)
    finally:
        worker.join()
    if failure:
        raise failure[0]


def write_plan(plan: Plan, path: str, before: Snapshot) -> None:
    """Write a plan's new file, read back and checked before it replaces the old one. If
    the check fails where big scalars were patched where they stand, they are re-emitted
    whole and the check runs again; only then does it fail."""
    from .verify import VerificationError

    try:
        write_atomically(path, plan.chunks(), before, check=plan.verify)
    except VerificationError:
        if not plan.patched:
            raise
        plan = plan.without_patches()
        write_atomically(path, plan.chunks(), before, check=plan.verify)


def _check_unchanged(path: str, before: Snapshot) -> None:
    try:
        info = os.stat(before.target)
    except OSError:
        raise CassetteError(path, "the file went away while it was being redacted; nothing written") from None
    if (info.st_size, info.st_mtime_ns, info.st_ino) != (before.size, before.mtime_ns, before.inode):
        raise CassetteError(path, "the file changed while it was being redacted; nothing written (run again)")


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
