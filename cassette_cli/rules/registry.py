"""Every rule, in one place: the registry that config validates ids against and the
tests iterate. Adding a rule is adding its unit to the module of its kind."""

from __future__ import annotations

from .entropy import ENTROPY_RULE
from .headers import CUSTOM_HEADER, HEADER_RULES
from .keys import KEY_RULES
from .patterns import PATTERN_RULES
from .rule import Rule

__all__ = ["REGISTRY", "RULE_IDS", "rule"]

REGISTRY: tuple[Rule, ...] = (*HEADER_RULES, CUSTOM_HEADER, *KEY_RULES, *PATTERN_RULES, ENTROPY_RULE)
RULE_IDS: frozenset[str] = frozenset(r.id for r in REGISTRY)
_BY_ID: dict[str, Rule] = {r.id: r for r in REGISTRY}


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError if there is none)."""
    return _BY_ID[rule_id]
