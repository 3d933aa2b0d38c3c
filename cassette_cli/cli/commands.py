"""The typer app with every command on it: each command module registers its own, in
this order, when imported here."""

from __future__ import annotations

from . import ls, show, diff, textconv, redact, check, recorder_config, export, config, rules  # noqa: F401, I001
from .typer_app import app

__all__ = ["app"]
