"""The library: cassettes from bytes, the secrets in them, and their redacted bytes.

Pure: never prints, never touches the file system. The command line is built on it.

    >>> from cassette_cli import api
    >>> cassette = api.load_bytes(data, "openai.yaml")
    >>> [(i.request.method, i.request.url, i.response.status) for i in cassette.interactions]
    >>> for finding in api.find_secrets(data):
    ...     print(finding.line, finding.column, finding.rule, finding.preview)
    >>> clean = api.redact_bytes(data)   # exactly what `cassette redact` writes

`config` is the settings table of `.cassette.toml` (`{"redact": {...}}`'s inner table:
`headers`, `query`, `keys`, `patterns`, `allow`, `disable`, `replacement`, ...), a
ready `Policy`, or None for the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

from .mask import Masker, MaskedInteraction
from .model import Cassette
from .rules.policy import Policy

if TYPE_CHECKING:
    from .redact.engine import Plan, Report

Config = Union[Mapping[str, Any], Policy, None]

__all__ = ["Cassette", "Config", "MaskedInteraction", "Masker", "Plan", "Policy", "Report", "find_problems", "find_secrets", "load_bytes", "masked", "plan_redaction", "policy", "redact_bytes"]


def plan_redaction(cassette: Cassette, policy: Policy, *, rewrite: bool = True, check: bool = True) -> Plan:
    """What to redact in a loaded cassette and the edits that do it (see redact.engine)."""
    from .redact import engine

    return engine.plan_redaction(cassette, policy, rewrite=rewrite, check=check)


def load_bytes(data: bytes, name: str = "<bytes>") -> Cassette:
    """The cassette in `data` (any supported format, detected by shape). Raises
    CassetteError (NotACassette for readable YAML/JSON of another shape); `name` is the
    path its messages and findings carry."""
    from .formats import parse_cassette

    return parse_cassette(data, name)


def policy(config: Config = None) -> Policy:
    """The redaction policy of a settings table (see the module docstring). Raises
    ConfigError for a bad one."""
    if isinstance(config, Policy):
        return config
    from .redact.config import build_policy

    return build_policy(dict(config) if config is not None else None)


def find_secrets(data: bytes, config: Config = None, name: str = "<bytes>") -> list[Report]:
    """Every secret `redact` would remove, in file order: each with `rule`, `line`,
    `column` (1-based), `location` (the path in the cassette, e.g.
    `interactions[0].request.headers.Authorization[0]`) and `preview` (never the value)."""
    return plan_redaction(load_bytes(data, name), policy(config), rewrite=False).reports


def find_problems(data: bytes, config: Config = None, name: str = "<bytes>", rules: "list[str] | None" = None, options: "Mapping[str, Mapping[str, object]] | None" = None) -> list[Any]:
    """What `cassette check` reports: CheckFinding objects (`rule`, `line`, `column`,
    `text`, `location`, `to_json()`), masked, in file order. `rules`: check rule ids (None:
    those on by default); `options`: per rule id, e.g. {"large-body": {"max-size": 10}}."""
    from .check import run_checks

    return run_checks(load_bytes(data, name), Masker(policy(config)), rules, options)


def redact_bytes(data: bytes, config: Config = None, name: str = "<bytes>") -> bytes:
    """The cassette with its secrets removed: exactly the bytes `cassette redact` writes
    (the input itself when nothing is to be removed). The new text is read back and
    checked before it is returned (VerificationError otherwise)."""
    plan = plan_redaction(load_bytes(data, name), policy(config))
    if not plan.changed:
        return data
    return b"".join(bytes(piece) for piece in plan.chunks())


def masked(cassette: Cassette, config: Config = None) -> list[MaskedInteraction]:
    """The interactions as every view of the tool sees them: secrets masked."""
    masker = Masker(policy(config))
    return [masker.interaction(cassette, interaction) for interaction in cassette.interactions]


def __getattr__(name: str) -> Any:
    """`Plan` and `Report` are imported when first asked for: `ls` and `show` never
    need the redaction engine."""
    if name in ("Plan", "Report"):
        from .redact import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
