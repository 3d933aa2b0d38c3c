"""The effective redaction configuration, and what counts as a value to keep.

A value that already equals the replacement text, is on the allow list, or is an
obvious placeholder (``<API_KEY>``, ``${TOKEN}``, ``X-API-KEY-XXX``; see
:func:`is_placeholder`) produces no finding, so running the rules twice changes nothing
the second time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from .headers import DEFAULT_HEADERS
from .keys import DEFAULT_BODY_KEYS, DEFAULT_QUERY_PARAMS
from .patterns import BUILTIN_PATTERNS, Pattern, has_literals

if TYPE_CHECKING:
    from .finding import Finding

__all__ = ["DEFAULT_REPLACEMENT", "Policy", "default_policy", "is_placeholder", "is_template", "render_placeholder"]

DEFAULT_REPLACEMENT = "REDACTED"
ENTROPY_ID = "high-entropy"  # rules/entropy.py (which imports this module's neighbours)

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


# A replacement template: ``{name}`` is the field the secret sat in (lower case), ``{rule}``
# the rule id. ``<{name}>`` writes ``<api_key>``, ``<authorization>``.
_TEMPLATE_FIELD_RE = re.compile(r"\{(name|rule)\}")
_NAME_CHAR_RE = re.compile(r"[^a-z0-9_.-]+")


def is_template(replacement: str) -> bool:
    return _TEMPLATE_FIELD_RE.search(replacement) is not None


def render_placeholder(template: str, rule: str, name: str | None) -> str:
    """The placeholder ``template`` gives for a secret found by ``rule`` in the field
    ``name`` (a secret in no named field takes the rule id as its name). The name is
    lower-cased and kept to letters, digits and ``_.-``, so the placeholder fits every
    place a replacement goes and every file gets the same one."""
    field = _NAME_CHAR_RE.sub("_", (name or rule).lower()).strip("_") or rule
    return _TEMPLATE_FIELD_RE.sub(lambda m: field if m.group(1) == "name" else rule, template)


def _template_regex(template: str) -> re.Pattern[str]:
    parts = _TEMPLATE_FIELD_RE.split(template)
    # split alternates text, field, text...: fields become what render_placeholder writes
    shapes = {"name": "[a-z0-9_.-]+", "rule": "[a-z0-9]+(?:-[a-z0-9]+)*"}
    return re.compile("".join(re.escape(p) if i % 2 == 0 else shapes[p] for i, p in enumerate(parts)))


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
        """The patterns without literals of their own: those not built in, and a regex of
        one's own given a built-in id (they always run, no fast pre-check)."""
        return tuple(p for p in self.patterns if not has_literals(p))

    @cached_property
    def url_memo(self) -> dict[str, tuple[Finding, ...]]:
        """What :func:`~.urls.url_findings` found in each URL under this policy: the same
        URLs come back in every event of a stream (citations, links) and every page."""
        return {}

    @cached_property
    def _placeholder_re(self) -> re.Pattern[str] | None:
        return _template_regex(self.replacement) if is_template(self.replacement) else None

    def is_replacement(self, value: str) -> bool:
        """True if ``value`` is what this policy writes in place of a secret (for a
        template: any placeholder it renders)."""
        if value == self.replacement:
            return True
        pattern = self._placeholder_re
        return pattern is not None and pattern.fullmatch(value) is not None

    def keeps(self, secret: str) -> bool:
        """True if ``secret`` must stay: blank, already redacted, allowed, or
        (with ``keep_placeholders``) an obvious placeholder."""
        return (
            not secret.strip()
            or self.is_replacement(secret)
            or secret in self.allow
            or (self.keep_placeholders and is_placeholder(secret))
        )


@cache
def default_policy() -> Policy:
    """The built-in policy, one value per process: it is frozen and its caches are bounded,
    so every file without a config (each gets a masker of its own) shares what they hold."""
    return Policy()
