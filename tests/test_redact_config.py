"""Loading redaction config and building the policy (cassette_cli.redact.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cassette_cli.redact.config import (
    ConfigError,
    build_policy,
    load_config,
    read_config_file,
)
from cassette_cli.rules.json_body import redact_json_text
from cassette_cli.rules.keys import normalize_key
from cassette_cli.rules.patterns import BUILTIN_PATTERNS
from cassette_cli.rules.policy import default_policy
from cassette_cli.rules.strings import redact_header, redact_text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- finding the file ---------------------------------------------------------------


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path, None) == ({}, None)
    assert build_policy({}) == default_policy()
    assert build_policy(None) == default_policy()


def test_nearest_pyproject_with_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cassette.redact]\nheaders = ["X-Top"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "no-table"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    table, path = load_config(deep, None)
    assert path == (tmp_path / "pyproject.toml").resolve()
    assert table == {"headers": ["X-Top"]}


def test_cassette_toml_wins_in_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cassette.redact]\nheaders = ["X-Py"]\n')
    write(tmp_path / ".cassette.toml", '[redact]\nheaders = ["X-Dot"]\n')
    table, path = load_config(tmp_path, None)
    assert path == (tmp_path / ".cassette.toml").resolve() and table == {"headers": ["X-Dot"]}


def test_nearer_folder_wins(tmp_path: Path) -> None:
    write(tmp_path / ".cassette.toml", '[redact]\nheaders = ["X-Far"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.cassette.redact]\nheaders = ["X-Near"]\n')
    table, _ = load_config(tmp_path / "sub", None)
    assert table == {"headers": ["X-Near"]}


def test_cassette_toml_without_table_is_passed_by(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.cassette.redact]\n")
    write(tmp_path / "sub" / ".cassette.toml", "[other]\nx = 1\n")
    table, path = load_config(tmp_path / "sub", None)
    assert path == (tmp_path / "pyproject.toml").resolve() and table == {}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('[redact]\nkeys = ["pin"]\n', id="top-level"),
        pytest.param('[tool.cassette.redact]\nkeys = ["pin"]\n', id="tool-table"),
    ],
)
def test_explicit_config_accepts_either_shape(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "custom.toml", text)
    table, found = load_config(tmp_path, path)
    assert found == path and table == {"keys": ["pin"]}


def test_explicit_config_wins_over_walk(tmp_path: Path) -> None:
    write(tmp_path / ".cassette.toml", '[redact]\nkeys = ["walk"]\n')
    path = write(tmp_path / "x.toml", '[redact]\nkeys = ["explicit"]\n')
    assert load_config(tmp_path, path)[0] == {"keys": ["explicit"]}


# --- errors -------------------------------------------------------------------------

FILE_ERRORS = [
    pytest.param(
        '[redact]\nheaders = "X"\n',
        "key 'headers': expected an array of strings, got a string",
        id="list-type",
    ),
    pytest.param(
        "[redact]\nquery = [1]\n", "key 'query[0]': expected a string, got an integer", id="item-type"
    ),
    pytest.param(
        "[redact]\nreplacement = 3\n",
        "key 'replacement': expected a string, got an integer",
        id="replacement-type",
    ),
    pytest.param("[redact]\ncolour = 1\n", "key 'colour': unknown key", id="unknown-key"),
    pytest.param(
        '[redact]\nreplace = ["cookies"]\n', "key 'replace[0]': 'cookies' is not one of", id="replace-value"
    ),
    pytest.param(
        "[redact]\nkeep-placeholders = 1\n", "key 'keep-placeholders': expected a boolean", id="bool-type"
    ),
    pytest.param('[redact]\nentropy = "yes"\n', "key 'entropy': expected a boolean, got a string", id="entropy-type"),
    pytest.param(
        '[redact]\npatterns = ["("]\n', "key 'patterns[0]': invalid regular expression", id="bad-regex"
    ),
    pytest.param(
        '[redact]\npatterns = ["x*"]\n',
        "key 'patterns[0]': the regular expression matches the empty string",
        id="empty-match",
    ),
    pytest.param(
        '[redact]\npatterns = ["[A-Z]{8}"]\n',
        "key 'patterns[0]': the regular expression matches the replacement",
        id="matches-replacement",
    ),
    pytest.param(
        "[redact]\npatterns = [3]\n", "key 'patterns[0]': expected a string or a table", id="pattern-type"
    ),
    pytest.param(
        '[redact]\npatterns = [{regex = "a+"}]\n', "key 'patterns[0]': missing 'id'", id="pattern-no-id"
    ),
    pytest.param(
        '[redact]\npatterns = [{id = "Bad Id", regex = "a+"}]\n',
        "key 'patterns[0].id': 'Bad Id' is not a kebab-case id",
        id="pattern-bad-id",
    ),
    pytest.param(
        '[redact]\npatterns = [{id = "jwt", regex = "a+"}]\n',
        "key 'patterns[0].id': 'jwt' is already a rule id",
        id="pattern-dup-id",
    ),
    pytest.param(
        '[redact]\npatterns = [{id = "a", regex = "a+", flags = "i"}]\n',
        "key 'patterns[0].flags': unknown key",
        id="pattern-unknown-key",
    ),
    pytest.param(
        '[redact]\ndisable = ["openai"]\n', "key 'disable[0]': unknown rule id 'openai'", id="unknown-rule"
    ),
    pytest.param(
        '[redact]\nreplacement = ""\n', "key 'replacement': must not be empty", id="empty-replacement"
    ),
    pytest.param(
        '[redact]\nreplacement = "a b"\n', "key 'replacement': must not contain ' '", id="replacement-space"
    ),
    pytest.param(
        '[redact]\nreplacement = "x;y"\n',
        "key 'replacement': must not contain ';'",
        id="replacement-semicolon",
    ),
    pytest.param(
        '[redact]\nreplacement = "AKIAIOSFODNN7EXAMPL2"\n',
        "matches the built-in rule 'aws-access-key-id'",
        id="replacement-matches-pattern",
    ),
    pytest.param('[redact]\nheaders = [""]\n', "key 'headers[0]': must not be empty", id="empty-name"),
    pytest.param(
        '[redact]\nheaders = ["Bad Header"]\n',
        "key 'headers[0]': 'Bad Header' is not a valid header name",
        id="bad-header-name",
    ),
    pytest.param("redact = 5\n", "key 'redact': expected a table, got an integer", id="not-a-table"),
]


@pytest.mark.parametrize(("text", "message"), FILE_ERRORS)
def test_config_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / ".cassette.toml", text)
    with pytest.raises(ConfigError) as info:
        table, found = load_config(tmp_path, None)
        build_policy(table, source=found)
    assert str(info.value).startswith(f"{path.resolve()}: ") or str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.cassette.redact]\nheaders = ["a",\n  = 3\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, path)
    err = info.value
    assert err.line == 3 and err.col is not None
    assert str(err).startswith(f"{path}:3:{err.col}: invalid TOML: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[other]\n", "no [redact] or [tool.cassette.redact] table", id="no-table"),
        pytest.param("[redact]\n[tool.cassette.redact]\n", "has both", id="both-tables"),
        pytest.param(
            "[tool]\ncassette = 1\n", "key 'tool.cassette': expected a table", id="tool-cassette-type"
        ),
    ],
)
def test_explicit_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "c.toml", text)
    with pytest.raises(ConfigError) as info:
        read_config_file(path)
    assert message in str(info.value)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the file"):
        load_config(tmp_path, tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe[redact]")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(tmp_path, bad)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"disable": ["nope"]}, "command line: option '--disable': unknown rule id 'nope'", id="disable"
        ),
        pytest.param(
            {"patterns": ["("]}, "command line: option '--pattern': invalid regular expression", id="pattern"
        ),
        pytest.param(
            {"patterns": ["RED"]},
            "option '--pattern': the regular expression matches the replacement",
            id="pattern-replacement",
        ),
        pytest.param({"replacement": ""}, "option '--replacement': must not be empty", id="replacement"),
        pytest.param({"headers": [" "]}, "option '--header': must not be empty", id="header"),
        pytest.param(
            {"headers": ["a:b"]}, "option '--header': 'a:b' is not a valid header name", id="header-name"
        ),
    ],
)
def test_flag_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        build_policy(None, **kwargs)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_config_error_str_forms() -> None:
    assert str(ConfigError(Path("p.toml"), "keys", "bad")) == "p.toml: key 'keys': bad"
    assert str(ConfigError(Path("p.toml"), None, "bad", 2, 5)) == "p.toml:2:5: bad"
    assert str(ConfigError(None, "--key", "bad")) == "command line: option '--key': bad"


# --- building the policy -----------------------------------------------------------


def test_lists_extend_defaults_and_flags_extend_config() -> None:
    config = {"headers": ["X-Secret"], "query": ["Session"], "keys": ["pass-phrase"], "allow": ["keep-me"]}
    policy = build_policy(config, headers=["X-Flag"], query=["sid"], keys=["PIN"], allow=["also"])
    defaults = default_policy()
    assert policy.headers == defaults.headers | {"x-secret", "x-flag"}
    assert policy.query_params == defaults.query_params | {"session", "sid"}
    assert policy.body_keys == defaults.body_keys | {"passphrase", "pin"}
    assert policy.allow == {"keep-me", "also"}
    assert redact_header("X-Secret", "v", policy)[0] == "REDACTED"
    assert redact_header("X-Api-Key", "keep-me", policy)[1] == []
    result = redact_json_text('{"passPhrase": "v", "pin": "1"}', policy)
    assert result is not None
    assert result[0] == '{"passPhrase": "REDACTED", "pin": "REDACTED"}'


def test_replace_lists() -> None:
    policy = build_policy({"replace": ["keys", "headers"], "keys": ["only_this"]}, headers=["X-One"])
    assert policy.body_keys == {normalize_key("only_this")}
    assert policy.headers == {"x-one"}
    assert policy.query_params == default_policy().query_params
    assert redact_header("Authorization", "Bearer x", policy)[1] == []


def test_patterns_ids_and_secret_group() -> None:
    config = {
        "patterns": [
            "tok_[0-9a-f]{8}",
            {"id": "acme-key", "regex": "acme_(?P<secret>[a-z]{6})", "description": "ACME key"},
        ]
    }
    policy = build_policy(config, patterns=["zz[0-9]{4}"])
    ids = [p.id for p in policy.patterns]
    assert ids[: len(BUILTIN_PATTERNS)] == [p.id for p in BUILTIN_PATTERNS]
    assert ids[len(BUILTIN_PATTERNS) :] == ["custom-pattern-1", "acme-key", "custom-pattern-2"]
    new, findings = redact_text("tok_0123abcd acme_secret zz1234", policy)
    assert new == "REDACTED acme_REDACTED REDACTED"
    assert [(f.rule, f.detail) for f in findings] == [
        ("custom-pattern-1", "custom pattern 1"),
        ("acme-key", "ACME key"),
        ("custom-pattern-2", "custom pattern 2"),
    ]
    assert redact_text(new, policy) == (new, [])


def test_disable_and_replacement() -> None:
    policy = build_policy({"disable": ["cookie-header"], "replacement": "[gone]"}, disable=["openai-key"])
    assert policy.disabled == {"cookie-header", "openai-key"}
    assert policy.replacement == "[gone]"
    assert build_policy({"replacement": "[gone]"}, replacement="***").replacement == "***"
    assert build_policy({"patterns": ["q[0-9]+"]}, disable=["custom-pattern-1"]).disabled == {
        "custom-pattern-1"
    }


def test_keep_placeholders_switch() -> None:
    assert build_policy({"keep-placeholders": False}).keep_placeholders is False
    assert build_policy({}).keep_placeholders is True


def test_replacement_checked_against_user_patterns() -> None:
    with pytest.raises(ConfigError, match="matches the replacement"):
        build_policy({"patterns": ["gone"]}, replacement="gone")


@pytest.mark.parametrize("replacement", ["REDACTED", "[REDACTED]", "<redacted>", "***", "FILTERED", "x"])
def test_accepted_replacements_are_stable(replacement: str) -> None:
    policy = build_policy({"replacement": replacement})
    for text in (replacement, f"Bearer {replacement}", f"name={replacement}; Path=/"):
        assert redact_text(text, policy) == (text, [])
    assert redact_header("Authorization", f"Bearer {replacement}", policy) == (f"Bearer {replacement}", [])
