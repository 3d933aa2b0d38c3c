"""Every lint rule of `cassette check`, in the order they are listed. Adding a rule is
adding its module here and its table test."""

from __future__ import annotations

from . import duplicate_request, email, error_status, incomplete_stream, large_body, local_path, secret, stale_recording, undecodable_body
from .rule import CheckRule

__all__ = ["CHECK_IDS", "CHECK_RULES", "DEFAULT_IDS", "check_rule"]

CHECK_RULES: tuple[CheckRule, ...] = (
    secret.RULE,
    error_status.RULE,
    duplicate_request.RULE,
    incomplete_stream.RULE,
    undecodable_body.RULE,
    large_body.RULE,
    local_path.RULE,
    email.RULE,
    stale_recording.RULE,
)
CHECK_IDS: tuple[str, ...] = tuple(r.id for r in CHECK_RULES)
DEFAULT_IDS: frozenset[str] = frozenset(r.id for r in CHECK_RULES if r.default)
_BY_ID = {r.id: r for r in CHECK_RULES}


def check_rule(rule_id: str) -> CheckRule:
    """The rule with this id (KeyError if there is none)."""
    return _BY_ID[rule_id]
