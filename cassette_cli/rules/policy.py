"""The effective redaction configuration, and what counts as a value to keep.

A value that already equals the replacement text, is on the allow list, or is an
obvious placeholder (``<API_KEY>``, ``${TOKEN}``, ``X-API-KEY-XXX``; see
:func:`is_placeholder`) produces no finding, so running the rules twice changes nothing
the second time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .headers import DEFAULT_HEADERS
from .keys import DEFAULT_BODY_KEYS, DEFAULT_QUERY_PARAMS
from .patterns import BUILTIN_PATTERNS, Pattern

__all__ = ["DEFAULT_REPLACEMENT", "Policy", "default_policy", "is_placeholder"]

DEFAULT_REPLACEMENT = "REDACTED"
ENTROPY_ID = "high-entropy"  # rules/entropy.py (which imports this module's neighbours)
_BUILTIN_IDS = frozenset(p.id for p in BUILTIN_PATTERNS)

# Values that are already stand-ins for a secret: ``<OPENAI_API_KEY>``,
# ``<<ACCESS_TOKEN>>``, ``${TOKEN}``, ``{{token}}``, ``X-API-KEY-XXX``, ``***``,
# ``[FILTERED]``, ``dummy``, ``test``, ``fake``, ``placeholder``, ``changeme``, ``sk-xxxx``,
# ``your-api-key``, ``null``.  Ruby VCR swaps ``filter_sensitive_data`` placeholders back on
# replay, so they must stay as they are.
_PLACEHOLDER_RE = re.compile(
    r"<+[^<>\s]+>+|\$\{[^{}\s]+\}|\{\{[^{}]+\}\}|[A-Za-z0-9_-]*\*{3,}|[xX]{3,}|[A-Z0-9_-]*[-_]XXX|[A-Za-z0-9]+[-_][xX]{4,}"
    r"|(?i:your[-_ ]?(?:[a-z]+[-_ ]?){0,3}(?:key|token|secret|password)(?:[-_ ]?here)?)"
    r"|\[?(?i:redacted|filtered|removed|scrubbed|masked|dummy|placeholder|test|fake|changeme|none|null|nil|undefined)\]?\Z"
)


def is_placeholder(value: str) -> bool:
    """True for values that are obviously stand-ins, not secrets (see above)."""
    return _PLACEHOLDER_RE.fullmatch(value.strip()) is not None


@dataclass(frozen=True)
class Policy:
    """The effective redaction configuration.

    ``headers`` and ``query_params`` hold lower-cased names, ``body_keys`` names
    passed through :func:`normalize_key`.  ``disabled`` holds rule ids that
    are switched off; ``allow`` holds exact values never redacted.
    """

    headers: frozenset[str] = DEFAULT_HEADERS
    query_params: frozenset[str] = DEFAULT_QUERY_PARAMS
    body_keys: frozenset[str] = DEFAULT_BODY_KEYS
    patterns: tuple[Pattern, ...] = BUILTIN_PATTERNS
    replacement: str = DEFAULT_REPLACEMENT
    allow: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    keep_placeholders: bool = True
    entropy: bool = False  # the opt-in high-entropy rule

    def enabled(self, rule: str) -> bool:
        if rule == ENTROPY_ID:
            return self.entropy and rule not in self.disabled
        return rule not in self.disabled

    @property
    def scans_every_string(self) -> bool:
        """True when no literal pre-check can rule a text out (custom patterns, entropy)."""
        return bool(self.custom_patterns) or self.enabled(ENTROPY_ID)

    @cached_property
    def custom_patterns(self) -> tuple[Pattern, ...]:
        """The patterns that are not built in (always run, no fast pre-check)."""
        return tuple(p for p in self.patterns if p.id not in _BUILTIN_IDS)

    def keeps(self, secret: str) -> bool:
        """True if ``secret`` must stay: blank, already redacted, allowed, or
        (with ``keep_placeholders``) an obvious placeholder."""
        return (
            not secret.strip()
            or secret == self.replacement
            or secret in self.allow
            or (self.keep_placeholders and is_placeholder(secret))
        )


def default_policy() -> Policy:
    return Policy()
