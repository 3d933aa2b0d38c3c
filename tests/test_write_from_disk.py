"""A big file's rewrite is made of ranges of the old file (FileBytes): the new file is
written first and the written file is what is checked and renamed, so nothing done to
the old file meanwhile can slip bytes past the check. And a run holding many big files
keeps only a few descriptors open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import cassette_cli.document.file_bytes as file_bytes
import cassette_cli.formats as formats
import cassette_cli.redact.write as write
from cassette_cli.document.file_bytes import FileBytes
from cassette_cli.errors import CassetteError
from cassette_cli.formats import load_cassette
from cassette_cli.redact.engine import plan_redaction
from cassette_cli.redact.write import snapshot, write_atomically, write_plan
from cassette_cli.rules.policy import default_policy

from .conftest import SAMPLES

SAMPLE = SAMPLES / "vcrpy" / "auth_mixed.yaml"  # has secrets: redact changes it
INJECTED = b"ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"

pytestmark = pytest.mark.skipif(not hasattr(os, "pread"), reason="no os.pread: big files are read whole here")


@pytest.fixture(autouse=True)
def _read_from_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "HEAD", 64)
    monkeypatch.setattr(formats, "STREAMED_MIN", 0)
    monkeypatch.setattr(formats, "SMALL_INTERACTION", 0)
    monkeypatch.setattr(FileBytes, "KEPT_BLOCK", 1)  # blocks of a byte: what is on the disk is what is read
    monkeypatch.setattr(write, "unnamed_files", True)


def _expected(tmp_path: Path) -> bytes:
    """The file `redact` writes when nothing happens to the old one meanwhile."""
    path = tmp_path / "expected.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    plan = plan_redaction(load_cassette(path), default_policy(), rewrite=True, check=False)
    write_plan(plan, str(path), snapshot(str(path)))
    return path.read_bytes()


def _tamper(path: Path) -> None:
    """Put a token in the old file where a body was, same size, its time put back (as
    `touch -r` or `rsync -t` leave a file): the file's size and time cannot tell."""
    info = path.stat()
    data = path.read_bytes()
    at = data.index(b"uri:") + 5
    path.write_bytes(data[:at] + INJECTED + data[at + len(INJECTED) :])
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _plan(path: Path):
    cassette = load_cassette(path)
    assert isinstance(cassette.document.source, FileBytes)
    return plan_redaction(cassette, default_policy(), rewrite=True, check=False), snapshot(str(path))


def test_the_file_checked_is_the_file_written(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    plan, before = _plan(path)

    def check(pieces, started):
        _tamper(path)  # after the new file is written, before it is read back
        plan.verify(pieces, started)

    write_atomically(str(path), plan.chunks(), before, check=check)
    assert path.read_bytes() == _expected(tmp_path)
    assert INJECTED not in path.read_bytes()


def test_an_old_file_changed_before_the_write_is_never_half_taken(tmp_path: Path) -> None:
    """Changed between the parse and the write: either the parts read before are still
    at hand (the blocks FileBytes keeps) and the new file is the redaction of what was
    parsed, or the changed bytes are read and the check refuses them (nothing written):
    never a file holding what the check did not read."""
    path = tmp_path / "c.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    expected = _expected(tmp_path)
    plan, before = _plan(path)
    _tamper(path)
    tampered = path.read_bytes()
    try:
        write_plan(plan, str(path), before)
    except CassetteError:
        assert path.read_bytes() == tampered  # nothing written
    else:
        assert path.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml", "expected.yaml"]


@pytest.mark.skipif(not (getattr(os, "O_TMPFILE", 0) and os.path.isdir("/proc/self/fd")), reason="no unnamed files (O_TMPFILE) here")
def test_a_named_copy_is_made_of_the_checked_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the unnamed file cannot be named, the named one is a copy of it, not a
    second read of the old file (changed meanwhile here)."""
    path = tmp_path / "c.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    expected = _expected(tmp_path)
    plan, before = _plan(path)
    real_link = os.link

    def link(*args, **kwargs):
        _tamper(path)
        raise OSError(1, "linking refused here")

    monkeypatch.setattr(write.os, "link", link)
    write_plan(plan, str(path), before)
    monkeypatch.setattr(write.os, "link", real_link)
    assert path.read_bytes() == expected


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd to count descriptors")
def test_only_a_few_files_keep_a_descriptor_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_bytes, "MAX_OPEN", 3)
    datas = [bytes([65 + i]) * 5000 + b"\n" + str(i).encode() * 300 for i in range(10)]
    paths = []
    for i, data in enumerate(datas):
        paths.append(tmp_path / f"f{i}")
        paths[-1].write_bytes(data)
    at_start = _open_descriptors()
    opened = [FileBytes.open(str(p)) for p in paths]
    assert _open_descriptors() <= at_start + 3
    for _ in range(2):  # each read again after its descriptor was closed
        for data, fb in zip(datas, opened):
            assert fb is not None
            assert fb.find(b"\n", 100) == data.find(b"\n", 100)
            assert bytes(fb) == data
            assert _open_descriptors() <= at_start + 3


def test_a_file_replaced_after_its_descriptor_was_closed_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_bytes, "MAX_OPEN", 1)
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_bytes(b"a" * 100)
    second.write_bytes(b"b" * 100)
    a = FileBytes.open(str(first))
    b = FileBytes.open(str(second))  # closes a's descriptor
    assert a is not None and b is not None
    replacement = tmp_path / "new"
    replacement.write_bytes(b"c" * 100)
    os.replace(replacement, first)
    with pytest.raises(CassetteError, match="changed while it was being read"):
        a[0:10]
    assert b[0:3] == b"bbb"
