"""Atomic rewrite of a file: a temporary file in the same folder, fsync, rename.

The old file or the new one is there at every moment, never a torn or empty one. A file
that changed since it was read is not overwritten. Symlinks are followed: the target is
rewritten and the link stays a link. The file's mode is kept."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass

from ..errors import CassetteError


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


def write_atomically(path: str, data: bytes, before: Snapshot) -> None:
    """Replace the file with data. Raises CassetteError; on any failure the old file stays
    and no temporary file is left behind."""
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
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
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
