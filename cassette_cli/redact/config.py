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
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .config_files import CASSETTE_TOML, CONFIG_KEYS, PYPROJECT, ConfigError, load_config, parse_toml, path_of, read_config_file, type_name, validate

if TYPE_CHECKING:
    from pathlib import Path

    from ..rules.patterns import Pattern
    from ..rules.policy import Policy

__all__ = ["CASSETTE_TOML", "CONFIG_KEYS", "PYPROJECT", "ConfigError", "build_policy", "load_config", "parse_toml", "read_config_file", "type_name"]

_RULE_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_BAD_REPLACEMENT_RE = re.compile(r"[\s;,=&#?@\"\x00-\x1f\x7f]")


# --- building the policy --------------------------------------------------------


def _check_replacement(replacement: str, path: Path | None, key: str) -> None:
    from ..rules.patterns import BUILTIN_PATTERNS

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
    from ..rules.patterns import Pattern

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
    flag values name the option (``--pattern``) instead of a file.  The rules are
    imported here, not with the module: finding and reading a config file needs none.
    """
    from ..rules.headers import DEFAULT_HEADERS
    from ..rules.keys import DEFAULT_BODY_KEYS, DEFAULT_QUERY_PARAMS, normalize_key
    from ..rules.patterns import BUILTIN_PATTERNS
    from ..rules.policy import DEFAULT_REPLACEMENT, Policy
    from ..rules.registry import RULE_IDS

    table: Mapping[str, Any] = config or {}
    cfg = source if source is not None else path_of("<config>")
    validate(table, cfg)

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
