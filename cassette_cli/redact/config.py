"""Redaction configuration: TOML files and command-line flags to a :class:`Policy`.

Where the configuration comes from (first that applies):

1. ``--config FILE``: a TOML file with either a top-level ``[redact]`` table or a
   ``[tool.cassette.redact]`` table (not both).
2. Otherwise, walking up from the current directory, the first folder holding
   ``.cassette.toml`` with a ``[redact]`` table or ``pyproject.toml`` with a
   ``[tool.cassette.redact]`` table.  In one folder ``.cassette.toml`` wins, as the
   dedicated file is the more specific one.  Files without the table are passed by.
3. Otherwise the built-in defaults.

The table (all keys optional)::

    [redact]                      # or [tool.cassette.redact] in pyproject.toml
    replacement = "REDACTED"      # no whitespace and none of ; , = & # ? @ "
    headers = ["X-Secret"]        # header names, added to the built-in ones
    query = ["session"]           # query parameter names, added
    keys = ["passphrase"]         # JSON/form keys, added (case, - and _ ignored)
    replace = ["keys"]            # these lists replace the built-in ones instead
    patterns = [                  # regexes found in any string
        "tok_[0-9a-f]{32}",                                # id custom-pattern-1
        { id = "acme-key", regex = "acme_(?P<secret>\\w{20})", description = "ACME key" },
    ]
    allow = ["sk-test-not-a-real-key"]   # exact values never redacted
    disable = ["cookie-header"]          # rule ids switched off
    keep-placeholders = true      # leave <API_KEY>, ${TOKEN}, X-API-KEY-XXX alone
    entropy = false               # the opt-in high-entropy rule (--entropy)

A pattern with a ``secret`` group only replaces that group.  Command-line flags
(``--header``, ``--query``, ``--key``, ``--pattern``, ``--allow``, ``--disable``) add to
what the file gives; ``--replacement`` overrides it.  Every problem raises
:class:`ConfigError`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..rules.headers import DEFAULT_HEADERS
from ..rules.keys import DEFAULT_BODY_KEYS, DEFAULT_QUERY_PARAMS, normalize_key
from ..rules.patterns import BUILTIN_PATTERNS, Pattern
from ..rules.policy import DEFAULT_REPLACEMENT, Policy
from ..rules.registry import RULE_IDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = ["CASSETTE_TOML", "CONFIG_KEYS", "PYPROJECT", "ConfigError", "build_policy", "load_config", "parse_toml", "read_config_file", "type_name"]

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
_RULE_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_BAD_REPLACEMENT_RE = re.compile(r"[\s;,=&#?@\"\x00-\x1f\x7f]")
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


def _parse_toml(path: Path) -> dict[str, Any]:
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
    _validate(table, path)
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


def load_config(start_dir: Path, explicit: Path | None, optional: bool = False) -> tuple[dict[str, Any], Path | None]:
    """The redact table to use and the file it came from (``None``: defaults)."""
    if explicit is not None:
        return read_config_file(explicit, optional), explicit
    for folder in (start_dir.resolve(), *start_dir.resolve().parents):
        candidate = folder / CASSETTE_TOML
        if candidate.is_file():
            table = _parse_toml(candidate).get("redact")
            if table is not None:
                return _checked_table(table, candidate, "redact"), candidate
        candidate = folder / PYPROJECT
        if candidate.is_file():
            table = _tool_table(_parse_toml(candidate), candidate)
            if table is not None:
                return _checked_table(table, candidate, "tool.cassette.redact"), candidate
    return {}, None


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


def _validate(table: Mapping[str, Any], path: Path) -> None:
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


# --- building the policy --------------------------------------------------------


def _check_replacement(replacement: str, path: Path | None, key: str) -> None:
    if not replacement:
        raise ConfigError(path, key, "must not be empty")
    if len(replacement) > 100:
        raise ConfigError(path, key, "must be at most 100 characters")
    bad = _BAD_REPLACEMENT_RE.search(replacement)
    if bad:
        raise ConfigError(
            path, key, f"must not contain {bad.group()!r} (it would not survive in a header, cookie or URL)"
        )
    for pattern in BUILTIN_PATTERNS:
        if pattern.regex.search(replacement):
            raise ConfigError(
                path, key, f"matches the built-in rule '{pattern.id}', so a second run would redact it again"
            )
    text = re.sub(r"\{(?:name|rule)\}", "", replacement)
    if re.search(r"[{}]", text):
        raise ConfigError(path, key, "a template takes only the fields {name} and {rule}")
    if text != replacement and len(text) < 2:
        raise ConfigError(path, key, "a template needs two characters of its own besides {name} and {rule}, or any value would pass for a placeholder")


def _compile(
    regex: str, rule_id: str, description: str, replacement: str, path: Path | None, key: str
) -> Pattern:
    try:
        compiled = re.compile(regex)
    except re.error as exc:
        raise ConfigError(path, key, f"invalid regular expression: {exc}") from None
    if compiled.search("") is not None:
        raise ConfigError(path, key, "the regular expression matches the empty string")
    if compiled.search(replacement) is not None:
        raise ConfigError(
            path,
            key,
            f"the regular expression matches the replacement {replacement!r}, so a second run would redact again",
        )
    return Pattern(rule_id, compiled, description)


def build_policy(
    config: Mapping[str, Any] | None,
    *,
    headers: Iterable[str] = (),
    query: Iterable[str] = (),
    keys: Iterable[str] = (),
    patterns: Iterable[str] = (),
    allow: Iterable[str] = (),
    disable: Iterable[str] = (),
    replacement: str | None = None,
    source: Path | None = None,
    entropy: bool = False,
) -> Policy:
    """The effective policy: defaults, then the config table, then the flags.

    ``source`` is the file ``config`` came from, for error messages.  Errors in
    flag values name the option (``--pattern``) instead of a file.
    """
    table: Mapping[str, Any] = config or {}
    cfg = source if source is not None else Path("<config>")
    _validate(table, cfg)

    if replacement is not None:
        _check_replacement(replacement, None, "--replacement")
        new = replacement
    else:
        new = table.get("replacement", DEFAULT_REPLACEMENT)
        _check_replacement(new, cfg, "replacement")

    replaced = set(table.get("replace", []))

    def names(key: str, defaults: frozenset[str], flags: Iterable[str], option: str) -> frozenset[str]:
        out = set() if key in replaced else set(defaults)
        given: list[tuple[Path | None, str, str]]
        given = [(cfg, f"{key}[{i}]", name) for i, name in enumerate(table.get(key, []))]
        given += [(None, option, name) for name in flags]
        for path, where, name in given:
            name = name.strip()
            if not name:
                raise ConfigError(path, where, "must not be empty")
            if key == "headers" and not _HEADER_NAME_RE.match(name):
                raise ConfigError(path, where, f"'{name}' is not a valid header name")
            out.add(normalize_key(name) if key == "keys" else name.lower())
        return frozenset(out)

    compiled: list[Pattern] = []
    ids = set(RULE_IDS)
    counter = 0
    for index, item in enumerate(table.get("patterns", [])):
        key = f"patterns[{index}]"
        if isinstance(item, str):
            counter += 1
            rule_id, regex, description = f"custom-pattern-{counter}", item, f"custom pattern {counter}"
        else:
            rule_id, regex = item["id"], item["regex"]
            description = item.get("description", rule_id)
            if not _RULE_ID_RE.match(rule_id):
                raise ConfigError(cfg, f"{key}.id", f"'{rule_id}' is not a kebab-case id")
            if rule_id in ids or rule_id.startswith("custom-pattern-"):
                raise ConfigError(cfg, f"{key}.id", f"'{rule_id}' is already a rule id")
        ids.add(rule_id)
        compiled.append(_compile(regex, rule_id, description, new, cfg, key))
    for regex in patterns:
        counter += 1
        rule_id = f"custom-pattern-{counter}"
        ids.add(rule_id)
        compiled.append(_compile(regex, rule_id, f"custom pattern {counter}", new, None, "--pattern"))

    disabled: set[str] = set()
    for index, rule_id in enumerate(table.get("disable", [])):
        if rule_id not in ids:
            raise ConfigError(cfg, f"disable[{index}]", f"unknown rule id '{rule_id}'")
        disabled.add(rule_id)
    for rule_id in disable:
        if rule_id not in ids:
            raise ConfigError(None, "--disable", f"unknown rule id '{rule_id}'")
        disabled.add(rule_id)

    return Policy(
        headers=names("headers", DEFAULT_HEADERS, headers, "--header"),
        query_params=names("query", DEFAULT_QUERY_PARAMS, query, "--query"),
        body_keys=names("keys", DEFAULT_BODY_KEYS, keys, "--key"),
        patterns=(*BUILTIN_PATTERNS, *compiled),
        replacement=new,
        allow=frozenset((*table.get("allow", []), *allow)),
        disabled=frozenset(disabled),
        keep_placeholders=table.get("keep-placeholders", True),
        entropy=entropy or table.get("entropy", False) is True,
    )
