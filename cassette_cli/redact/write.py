"""Atomic rewrite of a file: a temporary file in the same folder, fsync, rename.

The old file or the new one is there at every moment, never a torn or empty one. A file
that changed since it was read is not overwritten. Symlinks are followed: the target is
rewritten and the link stays a link. The file's mode is kept."""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable

from ..document.file_bytes import FileBytes, Piece
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


def write_atomically(path: str, data: bytes | Iterable[Piece], before: Snapshot, check: Callable[[list[Piece], Callable[[], None]], None] | None = None) -> None:
    """Replace the file with data (bytes, or pieces of it). `check`, when given, reads the
    new bytes and raises to stop the rename. Pieces in memory are checked as they are
    written and synced, on another thread, which the check starts by calling its second
    argument. Pieces that are ranges of the old file (a big file's FileBytes) are written
    first and the written file is what is checked (and, should the unnamed file need a
    name, copied): whatever becomes of the old file meanwhile, the bytes renamed into
    place are the bytes checked; the sync runs while the check reads. Raises
    CassetteError; on any failure the old file stays and no temporary file is left
    behind."""
    target = before.target
    folder = os.path.dirname(target) or "."
    if not before.mode & stat.S_IWUSR:
        raise CassetteError(path, "the file is read-only; nothing written")
    pieces: list[Piece] = [data] if isinstance(data, bytes) else list(data)
    handle, temp = open_temp(path, folder)
    try:
        with os.fdopen(handle, "wb") as out:
            if check is None:
                _write(out, pieces)
            elif any(isinstance(piece, FileBytes) for piece in pieces):
                _write(out, pieces, sync=False)
                pieces = [FileBytes.of_descriptor(out.fileno(), path, out.tell())]
                _write_while(out, pieces, check, write=False)
            else:
                _write_while(out, pieces, check)
            os.fchmod(out.fileno(), before.mode)
            check_unchanged(path, before)
            if temp is None:
                temp = _name(out.fileno(), folder)
            if temp is None:  # the unnamed file could not be named: write a named one
                handle, temp = open_temp(path, folder, unnamed=False)
                with os.fdopen(handle, "wb") as named:
                    _write(named, pieces)
                    os.fchmod(named.fileno(), before.mode)
            assert temp is not None
            os.replace(temp, target)
    except BaseException as exc:
        if temp is not None:
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


unnamed_files = True  # whether unnamed temporary files are tried: False once naming one failed


def open_temp(path: str, folder: str, unnamed: bool = True) -> tuple[int, str | None]:
    """A new file in `folder` for the new bytes: without a name where the system can
    make one (Linux's O_TMPFILE; it is named only just before the rename, so even a
    process killed mid-write leaves nothing behind), else a named temporary file."""
    flag = getattr(os, "O_TMPFILE", 0)
    if unnamed and unnamed_files and flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(folder, flag | os.O_RDWR, 0o600), None  # read back once written (FileBytes)
        except OSError:
            pass  # not on this file system: a named one, which reports any real problem
    try:
        return tempfile.mkstemp(prefix=".cassette-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CassetteError(path, f"cannot write in {folder}: {exc.strerror or exc}; nothing written") from None


def _name(fd: int, folder: str) -> str | None:
    """Give the unnamed file a temporary name in its folder (to rename it over the old),
    through /proc (linkat must follow the descriptor's link). None if that cannot be done
    here: unnamed files are then not tried again."""
    global unnamed_files
    try:
        descriptors = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        unnamed_files = False
        return None
    try:
        while True:
            temp = os.path.join(folder, f".cassette-{secrets.token_hex(6)}.tmp")
            try:
                os.link(str(fd), temp, src_dir_fd=descriptors, follow_symlinks=True)
                return temp
            except FileExistsError:
                continue
            except OSError:
                unnamed_files = False
                return None
    finally:
        os.close(descriptors)


def _write(out: BinaryIO, pieces: list[Piece], *, sync: bool = True) -> None:
    for piece in pieces:
        if isinstance(piece, FileBytes):  # a range of a file: a block at a time
            for block in piece.blocks():
                out.write(block)
        else:
            out.write(piece)
    out.flush()
    if sync:
        os.fsync(out.fileno())


def _write_while(out: BinaryIO, pieces: list[Piece], check: Callable[[list[Piece], Callable[[], None]], None], *, write: bool = True) -> None:
    """Write and fsync the pieces (or, with write=False, only fsync what is written) on
    another thread (writes and fsync wait for the disk without holding the interpreter)
    while `check` reads the same pieces here. The check says when the thread may start
    (after it has forked any child)."""
    failure: list[BaseException] = []

    def work() -> None:
        try:
            if write:
                _write(out, pieces)
            else:
                os.fsync(out.fileno())
        except BaseException as exc:  # handed to this thread
            failure.append(exc)

    worker = threading.Thread(target=work, name="cassette-write")
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            worker.start()

    try:
        check(pieces, start)
        start()  # had the check not started it
    finally:
        if started:
            worker.join()
    if failure:
        raise failure[0]


def write_plan(plan: Plan, path: str, before: Snapshot) -> None:
    """Write a plan's new file, read back and checked before it replaces the old one. If
    the check fails where big scalars were patched where they stand, they are re-emitted
    whole and the check runs again; only then does it fail."""
    from ..document import VerificationError

    try:
        write_atomically(path, plan.chunks(), before, check=plan.verify)
    except VerificationError:
        if not plan.patched:
            raise
        plan = plan.without_patches()
        write_atomically(path, plan.chunks(), before, check=plan.verify)


def check_unchanged(path: str, before: Snapshot) -> None:
    """Raise CassetteError if the file is not the one `before` describes any more (gone,
    or another size, time or inode): it is then not overwritten."""
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
