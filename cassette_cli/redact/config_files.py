"""Finding and reading the configuration files (see `config`): TOML to a checked
table, every problem a :class:`ConfigError`. Imports no rule: a run without a config
file pays for nothing more than the walk up the folders."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["CASSETTE_TOML", "CONFIG_KEYS", "PYPROJECT", "ConfigError", "load_config", "may_define_tool_cassette", "parse_toml", "path_of", "pyproject_to_read", "read_config_file", "type_name", "validate"]

CONFIG_KEYS = frozenset(
    {
        "replacement",
        "headers",
        "query",
        "keys",
        "replace",
        "patterns",
        "allow",
        "disable",
        "keep-placeholders",
        "entropy",
    }
)
_STRING_LISTS = ("headers", "query", "keys", "allow", "disable")
_REPLACEABLE = ("headers", "query", "keys")
_PATTERN_TABLE_KEYS = frozenset({"id", "regex", "description"})
_TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")

PYPROJECT = "pyproject.toml"
CASSETTE_TOML = ".cassette.toml"


class ConfigError(Exception):
    """A configuration problem: ``PATH[:LINE:COL]: key 'x': what is wrong``.

    ``path`` is ``None`` for command-line flags, whose ``key`` is the option name.
    """

    def __init__(
        self,
        path: Path | None,
        key: str | None,
        message: str,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(path, key, message, line, col)
        self.path = path
        self.key = key
        self.message = message
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = "command line" if self.path is None else str(self.path)
        if self.line is not None:
            where += f":{self.line}" + (f":{self.col}" if self.col is not None else "")
        if self.key is None:
            return f"{where}: {self.message}"
        kind = "option" if self.key.startswith("--") else "key"
        return f"{where}: {kind} '{self.key}': {self.message}"


# --- reading files ------------------------------------------------------------


# What a pyproject.toml must hold to define `tool.cassette`: the dotted name (a header or
# a dotted key, quotes and spaces allowed around the dot), a `[tool]` table or an inline
# `tool = {...}` (which may hold a `cassette` key), or a backslash: any escape could spell
# a name (`\u0063`, and TOML 1.1's `\x63`, which tomli reads since 2.4).
_MAY_DEFINE_TOOL_CASSETTE = re.compile(
    rb"""tool["']?[ \t]*\.[ \t]*["']?cassette|^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]|^[ \t]*["']?tool["']?[ \t]*=|\\""",
    re.MULTILINE,
)


def may_define_tool_cassette(data: bytes) -> bool:
    """False only when a pyproject.toml's bytes cannot define a `tool.cassette` table:
    the walk then passes it by unparsed (most projects' pyproject.toml has no table,
    and parsing it cost a small `ls` run a tenth of its time). Such a file's TOML errors
    are not reported either: it is not a file of ours."""
    return _MAY_DEFINE_TOOL_CASSETTE.search(data) is not None


def pyproject_to_read(name: str) -> Path | None:
    """The pyproject.toml at ``name`` as a path, when it may define `tool.cassette`;
    None when it cannot (or cannot be read now: a file named later gets the error)."""
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError:
        return path_of(name)  # read again by the parser, which reports the error
    return path_of(name) if may_define_tool_cassette(data) else None


def _parse_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: a run without a config file needs none
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        doc: dict[str, Any] = tomllib.loads(text)
        return doc
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION_RE.search(message)
        line = col = None
        if position:
            line, col = int(position.group(1)), int(position.group(2))
            message = message[: position.start()].rstrip()
        raise ConfigError(path, None, f"invalid TOML: {message}", line, col) from None


def _tool_table(doc: Mapping[str, Any], path: Path) -> Any:
    tool = doc.get("tool")
    if not isinstance(tool, dict):
        return None
    cassette = tool.get("cassette")
    if cassette is None:
        return None
    if not isinstance(cassette, dict):
        raise ConfigError(path, "tool.cassette", "expected a table")
    return cassette.get("redact")


def _checked_table(table: Any, path: Path, key: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(path, key, f"expected a table, got {type_name(table)}")
    validate(table, path)
    return table


def read_config_file(path: Path, optional: bool = False) -> dict[str, Any]:
    """The redact table of an explicitly named file (``--config FILE``); with
    ``optional`` (cassette check, whose file may hold only a check table) a file
    without one gives the defaults."""
    doc = _parse_toml(path)
    top = doc.get("redact")
    tool = _tool_table(doc, path)
    if top is not None and tool is not None:
        raise ConfigError(path, None, "has both [redact] and [tool.cassette.redact]; keep one")
    if top is None and tool is None:
        if optional:
            return {}
        raise ConfigError(path, None, "no [redact] or [tool.cassette.redact] table")
    if top is not None:
        return _checked_table(top, path, "redact")
    return _checked_table(tool, path, "tool.cassette.redact")


def load_config(start_dir: Path | str, explicit: Path | None, optional: bool = False) -> tuple[dict[str, Any], Path | None]:
    """The redact table to use and the file it came from (``None``: defaults). The walk
    goes by os.path: pathlib is imported only for a file found (a small `ls` run
    without one saves its import)."""
    if explicit is not None:
        return read_config_file(explicit, optional), explicit
    import os

    folder = os.path.realpath(start_dir)
    while True:
        candidate = os.path.join(folder, CASSETTE_TOML)
        if os.path.isfile(candidate):
            path = path_of(candidate)
            table = _parse_toml(path).get("redact")
            if table is not None:
                return _checked_table(table, path, "redact"), path
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and (path := pyproject_to_read(candidate)) is not None:
            table = _tool_table(_parse_toml(path), path)
            if table is not None:
                return _checked_table(table, path, "tool.cassette.redact"), path
        parent = os.path.dirname(folder)
        if parent == folder:
            return {}, None
        folder = parent


def path_of(name: str) -> Path:
    from pathlib import Path

    return Path(name)


parse_toml = _parse_toml  # for the other tables of the same files (cassette check's)


# --- validation ---------------------------------------------------------------


def type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _string_list(table: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(path, key, f"expected an array of strings, got {type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ConfigError(path, f"{key}[{index}]", f"expected a string, got {type_name(item)}")
    return value


def validate(table: Mapping[str, Any], path: Path) -> None:
    """Check shapes and types; values are checked by :func:`build_policy`."""
    for key in table:
        if key not in CONFIG_KEYS:
            raise ConfigError(path, key, f"unknown key; expected one of {', '.join(sorted(CONFIG_KEYS))}")
    if "entropy" in table and not isinstance(table["entropy"], bool):
        raise ConfigError(path, "entropy", f"expected a boolean, got {type_name(table['entropy'])}")
    if "keep-placeholders" in table and not isinstance(table["keep-placeholders"], bool):
        value = table["keep-placeholders"]
        raise ConfigError(path, "keep-placeholders", f"expected a boolean, got {type_name(value)}")
    if "replacement" in table and not isinstance(table["replacement"], str):
        raise ConfigError(path, "replacement", f"expected a string, got {type_name(table['replacement'])}")
    for key in (*_STRING_LISTS, "replace"):
        _string_list(table, key, path)
    for index, item in enumerate(_string_list(table, "replace", path)):
        if item not in _REPLACEABLE:
            raise ConfigError(path, f"replace[{index}]", f"'{item}' is not one of {', '.join(_REPLACEABLE)}")
    patterns = table.get("patterns", [])
    if not isinstance(patterns, list):
        raise ConfigError(path, "patterns", f"expected an array, got {type_name(patterns)}")
    for index, item in enumerate(patterns):
        key = f"patterns[{index}]"
        if isinstance(item, str):
            continue
        if not isinstance(item, dict):
            raise ConfigError(path, key, f"expected a string or a table, got {type_name(item)}")
        for name in item:
            if name not in _PATTERN_TABLE_KEYS:
                raise ConfigError(path, f"{key}.{name}", "unknown key; expected id, regex, description")
        for name in ("id", "regex"):
            if name not in item:
                raise ConfigError(path, key, f"missing '{name}'")
        for name in _PATTERN_TABLE_KEYS & item.keys():
            if not isinstance(item[name], str):
                raise ConfigError(path, f"{key}.{name}", f"expected a string, got {type_name(item[name])}")
