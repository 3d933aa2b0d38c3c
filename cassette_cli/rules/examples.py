"""Run a rule on its own examples: what the registry test checks for every rule, and
what a `rule` command could show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .finding import Finding
from .forms import redact_form_text
from .json_body import redact_json_text
from .policy import Policy, default_policy
from .rule import ANY_TEXT, FORM_KEY, HEADER, JSON_KEY, QUERY, Rule
from .strings import redact_text
from .urls import header_findings, redact_url

__all__ = ["example_findings", "fires_on"]


def _header(example: str, policy: Policy) -> list[Finding]:
    name, _, value = example.partition(":")
    # the header counts as configured, so that custom-header examples are scanned too
    policy = replace(policy, headers=policy.headers | {name.strip().lower()})
    return header_findings(name, value.lstrip(), policy)


def _json(example: str, policy: Policy) -> list[Finding]:
    result = redact_json_text(example, policy)
    if result is None:
        raise ValueError(f"not JSON: {example!r}")
    return result[1]


def _form(example: str, policy: Policy) -> list[Finding]:
    result = redact_form_text(example, policy)
    return [] if result is None else result[1]


_SCANNERS: dict[str, Callable[[str, Policy], list[Finding]]] = {
    HEADER: _header,
    QUERY: lambda example, policy: redact_url(example, policy)[1],
    JSON_KEY: _json,
    FORM_KEY: _form,
    ANY_TEXT: lambda example, policy: redact_text(example, policy)[1],
}


def example_findings(rule: Rule, example: str, policy: Policy | None = None) -> list[Finding]:
    """The findings of ``rule`` in ``example``, scanned as what the rule looks at."""
    policy = policy or default_policy()
    if not rule.default and rule.looks_at == HEADER:  # the opt-in rule, as if configured on
        name, _, value = example.partition(":")
        found = header_findings(name, value.lstrip(), replace(policy, entropy=True))
    else:
        found = _SCANNERS[rule.looks_at](example, policy)
    return [f for f in found if f.rule == rule.id]


def fires_on(rule: Rule, example: str, policy: Policy | None = None) -> bool:
    return bool(example_findings(rule, example, policy))
