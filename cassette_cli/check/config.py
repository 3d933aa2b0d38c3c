"""`cassette check`'s configuration: the `[tool.cassette.check]` table of pyproject.toml
(or `[check]` of .cassette.toml, or of a `--config FILE`), found the way the redact table
is (walking up from the file's folder), and the command's flags on top::

    [tool.cassette.check]
    select = ["secret", "error-status"]     # only these rules (default: the rules on by default)
    extend-select = ["email"]               # these too
    ignore = ["large-body"]                 # never these
    per-file-ignores = { "tests/legacy/*.yaml" = ["stale-recording"] }

    [tool.cassette.check.stale-recording]   # one table of options per rule
    max-age = 365

`per-file-ignores` globs are matched (fnmatch: `*` also crosses `/`) against the path
relative to the folder of the config file, and a glob without `/` against the file name
too. Flags: `--select` replaces `select`, `--extend-select` and `--ignore` add. Every
problem raises ConfigError."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePath
from typing import Any

from ..redact.config import CASSETTE_TOML, PYPROJECT, ConfigError, parse_toml, type_name
from ..redact.config_files import pyproject_to_read
from .registry import CHECK_IDS, DEFAULT_IDS, check_rule
from .rule import BOOL, INT, INT_LIST, STRING_LIST

__all__ = ["CheckConfig", "build_check_config", "load_check_config"]

LISTS = ("select", "extend-select", "ignore")
KEYS = frozenset({*LISTS, "per-file-ignores"})
ALL = "ALL"


@dataclass(frozen=True)
class CheckConfig:
    select: frozenset[str]  # the rules that run, before per-file-ignores
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    root: Path | None = None  # the folder per-file-ignores globs are relative to (None: cwd)

    def rules_for(self, path: str) -> frozenset[str]:
        """The rules that run on the file at path."""
        if not self.per_file_ignores:
            return self.select
        root = self.root or Path.cwd()
        relative = PurePath(os.path.relpath(os.path.abspath(path), root)).as_posix()
        name = PurePath(path).name
        ignored: set[str] = set()
        for glob, ids in self.per_file_ignores:
            if fnmatchcase(relative, glob) or ("/" not in glob and fnmatchcase(name, glob)):
                ignored |= ids
        return self.select - ignored


def _tables(doc: Mapping[str, Any], path: Path, top_level: bool) -> Any:
    top = doc.get("check") if top_level else None
    tool = doc.get("tool")
    cassette = tool.get("cassette") if isinstance(tool, dict) else None
    nested = cassette.get("check") if isinstance(cassette, dict) else None
    if top is not None and nested is not None:
        raise ConfigError(path, None, "has both [check] and [tool.cassette.check]; keep one")
    return top if top is not None else nested


def load_check_config(start_dir: Path, explicit: Path | None) -> tuple[dict[str, Any], Path | None]:
    """The check table to use and the file it came from (None: defaults). A `--config`
    file without one gives the defaults (it may hold only a redact table)."""
    if explicit is not None:
        table = _tables(parse_toml(explicit), explicit, True)
        return _table(table, explicit), explicit
    for folder in (start_dir.resolve(), *start_dir.resolve().parents):
        for name, top_level in ((CASSETTE_TOML, True), (PYPROJECT, False)):
            candidate = folder / name
            if candidate.is_file() and (top_level or pyproject_to_read(str(candidate)) is not None):
                table = _tables(parse_toml(candidate), candidate, top_level)
                if table is not None:
                    return _table(table, candidate), candidate
    return {}, None


def _table(table: Any, path: Path) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise ConfigError(path, "check", f"expected a table, got {type_name(table)}")
    return table


def _ids(values: Any, path: Path | None, key: str) -> set[str]:
    if not isinstance(values, list):
        raise ConfigError(path, key, f"expected an array of rule ids, got {type_name(values)}")
    out = set()
    for i, value in enumerate(values):
        where = key if path is None else f"{key}[{i}]"
        if value == ALL:
            out.update(CHECK_IDS)
        elif not isinstance(value, str) or value not in CHECK_IDS:
            raise ConfigError(path, where, f"unknown check rule {value!r}; expected one of {', '.join(CHECK_IDS)} or ALL")
        else:
            out.add(value)
    return out


def _option(rule_id: str, name: str, value: Any, path: Path) -> object:
    rule = check_rule(rule_id)
    options = {o.name: o for o in rule.options}
    key = f"{rule_id}.{name}"
    if name not in options:
        known = ", ".join(options) or "none"
        raise ConfigError(path, key, f"unknown option of {rule_id} (its options: {known})")
    kind = options[name].kind
    good = {
        INT: lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        BOOL: lambda v: isinstance(v, bool),
        INT_LIST: lambda v: isinstance(v, list) and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
        STRING_LIST: lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    }[kind](value)
    if not good:
        raise ConfigError(path, key, f"expected {'a non-negative integer' if kind == INT else 'a ' + kind if kind == BOOL else 'an ' + kind}, got {type_name(value)}")
    return value


def build_check_config(table: Mapping[str, Any] | None, source: Path | None = None, *, select: Iterable[str] | None = None, extend_select: Iterable[str] = (), ignore: Iterable[str] = ()) -> CheckConfig:
    """The rules in effect and their options: defaults, then the table, then the flags."""
    table = table or {}
    cfg = source if source is not None else Path("<config>")
    options: dict[str, dict[str, object]] = {}
    for key, value in table.items():
        if key in CHECK_IDS:
            if not isinstance(value, dict):
                raise ConfigError(cfg, key, f"expected a table of options, got {type_name(value)}")
            options[key] = {name: _option(key, name, v, cfg) for name, v in value.items()}
        elif key not in KEYS:
            raise ConfigError(cfg, key, f"unknown key; expected one of {', '.join(sorted(KEYS))} or a rule id's table of options")
    chosen = _ids(table["select"], cfg, "select") if "select" in table else set(DEFAULT_IDS)
    chosen |= _ids(table.get("extend-select", []), cfg, "extend-select")
    chosen -= _ids(table.get("ignore", []), cfg, "ignore")
    if select is not None:
        chosen = _ids(list(select), None, "--select")
    chosen |= _ids(list(extend_select), None, "--extend-select")
    chosen -= _ids(list(ignore), None, "--ignore")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(cfg, "per-file-ignores", f"expected a table of glob = [rule ids], got {type_name(per_file)}")
    ignores = tuple((glob, frozenset(_ids(ids, cfg, f"per-file-ignores.{glob}"))) for glob, ids in per_file.items())
    return CheckConfig(frozenset(chosen), ignores, options, source.parent if source is not None else None)
