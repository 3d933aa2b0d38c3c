"""Ctrl-C ends a command with exit status 130 (128 + SIGINT, what shells report) and no
traceback, on the fast start and on typer's path alike."""

from __future__ import annotations

import os
import sys

import pytest

from cassette_cli import cli
from cassette_cli.cli import fast, ls


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _interrupted(*_: object, **__: object) -> int:
    raise KeyboardInterrupt


def _run_main(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    def exit_(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(os, "_exit", exit_)  # main ends the process this way
    monkeypatch.setattr(sys, "argv", ["cassette", *argv])
    with pytest.raises(_Exited) as ended:
        cli.main()
    return ended.value.code


def test_ctrl_c_on_the_fast_start(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(fast, "run_fast", _interrupted)
    assert _run_main(monkeypatch, ["ls", "x.yaml"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_ctrl_c_under_typer(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(fast, "run_fast", lambda args: None)
    monkeypatch.setattr(ls, "run_ls", _interrupted)
    assert _run_main(monkeypatch, ["ls", "-v", "x.yaml"]) == 130
    assert "Traceback" not in capsys.readouterr().err
