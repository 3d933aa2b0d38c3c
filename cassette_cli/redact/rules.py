"""Redaction rules: what counts as a secret, and how a string value loses it.

Everything here is pure: functions take a ``str`` and a :class:`Policy` and return
the new ``str`` plus :class:`Finding` objects whose spans are character offsets
into the string they were given.  Nothing knows about YAML; the engine walks a
cassette and hands decoded values to these functions (and to :mod:`.text` for
URLs, JSON and form bodies).

Rule ids are stable and kebab-case; they appear in findings and in config
(``disable = ["cookie-header"]``):

===================== ==========================================================
``authorization-header`` Authorization, Proxy-Authorization: the scheme word is
                      kept (``Bearer REDACTED``); a value without a scheme is
                      replaced whole; for ``AWS4-HMAC-SHA256`` only the access
                      key ID of ``Credential=`` (the date/region/service scope
                      stays) and the ``Signature=`` value are replaced.
``cookie-header``     Cookie: the value of every ``name=value`` pair.
``set-cookie-header`` Set-Cookie: the cookie value only; attributes stay.
``api-key-header``    X-Api-Key, Api-Key, X-Goog-Api-Key, X-Auth-Token,
                      X-Amz-Security-Token: the whole value.
``organization-header`` OpenAI-Organization, OpenAI-Project,
                      Anthropic-Organization-Id: the whole value.
``custom-header``     headers added by the user (``--header``): the whole value.
``query-param``       URL query parameter values (see :mod:`.text`).
``json-key``          string values under secret keys in JSON bodies.
``form-key``          values of secret keys in form bodies and go-vcr forms.
                      ``token`` is ambiguous (LLM logprobs use it for text), so
                      its values count only if credential-like (16+ non-space).
``openai-key`` ...    value shapes found anywhere (:data:`BUILTIN_PATTERNS`).
===================== ==========================================================

A value that already equals the replacement text, is on the allow list, or is an
obvious placeholder (``<API_KEY>``, ``${TOKEN}``, ``X-API-KEY-XXX``; see
:func:`is_placeholder`) produces no finding, so running the rules twice changes nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

__all__ = [
    "BODY_RULES",
    "BUILTIN_PATTERNS",
    "DEFAULT_BODY_KEYS",
    "DEFAULT_HEADERS",
    "DEFAULT_QUERY_PARAMS",
    "DEFAULT_REPLACEMENT",
    "HEADER_RULES",
    "RULE_IDS",
    "Edit",
    "Finding",
    "Pattern",
    "Policy",
    "apply_edits",
    "default_policy",
    "find_pattern_edits",
    "findings_of",
    "body_key_applies",
    "header_rule",
    "is_placeholder",
    "normalize_key",
    "preview",
    "redact_header",
    "redact_text",
]

DEFAULT_REPLACEMENT = "REDACTED"


@dataclass(frozen=True)
class Finding:
    """One secret found in a string.

    ``start``/``end`` are character offsets into the string that was scanned
    (for JSON text: into the JSON source, covering the escaped characters).
    ``secret`` is the removed value as the application sees it (decoded from
    JSON or percent-encoding where that applies); never show it whole, use
    :func:`preview`.
    """

    rule: str
    start: int
    end: int
    secret: str = field(repr=False)
    detail: str
    # the text written in place of [start, end) of the scanned string, when known
    new: str | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:  # never leak the secret through a repr
        return (
            f"Finding(rule={self.rule!r}, start={self.start}, end={self.end}, "
            f"secret={preview(self.secret)!r}, detail={self.detail!r})"
        )


def preview(secret: str) -> str:
    """A safe short form of ``secret``: a prefix, an ellipsis and the length.

    Nine characters or more show 4, five to eight show 2, shorter ones show 1
    and a single character shows none, so no secret is ever shown whole.
    """
    n = len(secret)
    if n >= 9:
        shown = 4
    elif n >= 5:
        shown = 2
    elif n >= 2:
        shown = 1
    else:
        shown = 0
    unit = "char" if n == 1 else "chars"
    return f"{secret[:shown]}\u2026, {n} {unit}"


@dataclass(frozen=True)
class Pattern:
    """A value-shape rule: ``regex`` finds the secret anywhere in a string.

    If the regex has a group named ``secret``, only that group is replaced;
    otherwise the whole match is.
    """

    id: str
    regex: re.Pattern[str]
    description: str

    def spans(self, text: str) -> Iterable[tuple[int, int]]:
        has_group = "secret" in self.regex.groupindex
        for m in self.regex.finditer(text):
            start, end = m.span("secret") if has_group else m.span()
            if end > start:
                yield start, end


def _p(rule_id: str, regex: str, description: str, flags: int = 0) -> Pattern:
    return Pattern(rule_id, re.compile(regex, flags), description)


# Boundaries: a key must not be glued to other token characters, so that
# ``task-...``, ``my_hf_model`` or an ``AKIA`` run inside a base64 blob do not match.
_NOT_AFTER_TOKEN = r"(?<![A-Za-z0-9_-])"
_NOT_BEFORE_TOKEN = r"(?![A-Za-z0-9_-])"
# A PEM body may sit in text where line breaks are still escaped (``\n``).
_PEM_SPACE = r"(?:\s|\\r|\\n)*"

BUILTIN_PATTERNS: tuple[Pattern, ...] = (
    # First match wins where two patterns overlap, so the most specific come first.
    _p(
        "private-key",
        r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
        + _PEM_SPACE
        + r"(?P<secret>[^\s\\][\s\S]*?)"
        + _PEM_SPACE
        + r"-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----",
        "private key",
    ),
    _p(
        "anthropic-key",
        _NOT_AFTER_TOKEN + r"sk-ant-[a-z]+[0-9]*-[A-Za-z0-9_-]{20,}" + _NOT_BEFORE_TOKEN,
        "Anthropic API key",
    ),
    _p(
        "openai-key",
        # sk-, sk-proj-, sk-svcacct-, sk-admin-; the random part mixes upper case,
        # lower case and digits, which slugs and placeholders do not.
        _NOT_AFTER_TOKEN + r"sk-(?:(?:proj|svcacct|admin)-)?"
        r"(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])"
        r"[A-Za-z0-9_-]{20,}" + _NOT_BEFORE_TOKEN,
        "OpenAI API key",
    ),
    _p(
        "github-token",
        r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})"
        r"(?![A-Za-z0-9_])",
        "GitHub token",
    ),
    _p(
        "google-api-key",
        _NOT_AFTER_TOKEN + r"AIza[0-9A-Za-z_-]{35}" + _NOT_BEFORE_TOKEN,
        "Google API key",
    ),
    _p(
        "aws-access-key-id",
        r"(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])",
        "AWS access key ID",
    ),
    _p(
        "slack-token",
        _NOT_AFTER_TOKEN + r"xox[abposr]-[0-9]+-[0-9A-Za-z-]{10,}" + _NOT_BEFORE_TOKEN,
        "Slack token",
    ),
    _p(
        "stripe-key",
        r"(?<![A-Za-z0-9_])(?:sk|rk)_(?:test|live)_[0-9A-Za-z]{16,}(?![0-9A-Za-z])",
        "Stripe secret key",
    ),
    _p(
        "huggingface-token",
        r"(?<![A-Za-z0-9_])hf_(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{30,}"
        r"(?![A-Za-z0-9_])",
        "Hugging Face token",
    ),
    _p(
        "jwt",
        _NOT_AFTER_TOKEN
        + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
        + _NOT_BEFORE_TOKEN,
        "JSON Web Token",
    ),
    _p(
        "url-password",
        r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@\"'<>]*:(?P<secret>[^\s/?#@\"'<>]+)@"
        r"(?=[A-Za-z0-9\[])",
        "password in URL",
    ),
)

# Every built-in pattern contains one of these; text without any is skipped fast.
_BUILTIN_TRIGGER_RE = re.compile(
    r"PRIVATE KEY|sk-|gh[pousr]_|github_pat_|AIza|A3T|AKIA|ASIA|ABIA|ACCA|xox|_test_|_live_|hf_|eyJ|://"
)
_BUILTIN_IDS = frozenset(p.id for p in BUILTIN_PATTERNS)

HEADER_RULES: dict[str, str] = {
    "authorization": "authorization-header",
    "proxy-authorization": "authorization-header",
    "cookie": "cookie-header",
    "set-cookie": "set-cookie-header",
    "x-api-key": "api-key-header",
    "api-key": "api-key-header",
    "x-goog-api-key": "api-key-header",
    "x-auth-token": "api-key-header",
    "x-amz-security-token": "api-key-header",
    "openai-organization": "organization-header",
    "openai-project": "organization-header",
    "anthropic-organization-id": "organization-header",
}
CUSTOM_HEADER_RULE = "custom-header"
DEFAULT_HEADERS: frozenset[str] = frozenset(HEADER_RULES)

DEFAULT_QUERY_PARAMS: frozenset[str] = frozenset(
    name.lower()
    for name in (
        "key",
        "api_key",
        "apikey",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "client_secret",
        "password",
        "sig",
        "signature",
        "X-Amz-Signature",
        "X-Amz-Credential",
        "X-Amz-Security-Token",
    )
)


def normalize_key(name: str) -> str:
    """Body key names compare case-insensitively with ``-`` and ``_`` ignored."""
    return name.lower().replace("-", "").replace("_", "")


DEFAULT_BODY_KEYS: frozenset[str] = frozenset(
    normalize_key(name)
    for name in (
        "api_key",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "password",
        "secret",
        "private_key",
        "token",
    )
)

# Body keys that APIs also use for things that are not credentials (OpenAI logprobs
# carry ``"token": " capital"``): their values are only redacted when they look
# like a credential, at least 16 characters with no whitespace.
AMBIGUOUS_BODY_KEYS: frozenset[str] = frozenset({"token"})
_CREDENTIAL_LIKE_RE = re.compile(r"\S{16,}\Z")

# Values that are already stand-ins for a secret: ``<OPENAI_API_KEY>``,
# ``<<ACCESS_TOKEN>>``, ``${TOKEN}``, ``{{token}}``, ``X-API-KEY-XXX``, ``***``,
# ``[FILTERED]``.  Ruby VCR swaps ``filter_sensitive_data`` placeholders back on
# replay, so they must stay as they are.
_PLACEHOLDER_RE = re.compile(
    r"<+[^<>\s]+>+|\$\{[^{}\s]+\}|\{\{[^{}]+\}\}|\*{3,}|[xX]{3,}|[A-Z0-9_-]*[-_]XXX"
    r"|\[?(?i:redacted|filtered|removed|scrubbed|masked|dummy|placeholder)\]?\Z"
)


def is_placeholder(value: str) -> bool:
    """True for values that are obviously stand-ins, not secrets (see above)."""
    return _PLACEHOLDER_RE.fullmatch(value.strip()) is not None


def body_key_applies(key: str, value: str, keys: frozenset[str]) -> bool:
    """Whether a body (JSON or form) ``key`` holding ``value`` is to be redacted."""
    name = normalize_key(key)
    if name not in keys:
        return False
    return name not in AMBIGUOUS_BODY_KEYS or _CREDENTIAL_LIKE_RE.match(value) is not None


BODY_RULES: tuple[str, ...] = ("query-param", "json-key", "form-key")
RULE_IDS: frozenset[str] = frozenset(
    (*HEADER_RULES.values(), CUSTOM_HEADER_RULE, *BODY_RULES, *(p.id for p in BUILTIN_PATTERNS))
)


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

    def enabled(self, rule: str) -> bool:
        return rule not in self.disabled

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


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of a string by ``new``, reporting ``finding``."""

    start: int
    end: int
    new: str
    finding: Finding


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Splice non-overlapping edits into ``text``; untouched characters stay as they are."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts += (text[pos : edit.start], edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def find_pattern_edits(
    text: str,
    policy: Policy,
    *,
    replacement: str | None = None,
    taken: Sequence[tuple[int, int]] = (),
) -> list[Edit]:
    """Edits for every enabled pattern match in ``text`` outside ``taken`` spans.

    Where matches overlap the earlier pattern in ``policy.patterns`` wins.
    ``replacement`` is the text written in place of each match (default: the
    policy's replacement; callers pass an encoded form for URLs and forms).
    """
    new = policy.replacement if replacement is None else replacement
    patterns = policy.patterns
    if _BUILTIN_TRIGGER_RE.search(text) is None:
        patterns = policy.custom_patterns
        if not patterns:
            return []
    spans = list(taken)
    edits: list[Edit] = []
    for pattern in patterns:
        if pattern.id in policy.disabled:
            continue
        for start, end in pattern.spans(text):
            secret = text[start:end]
            if policy.keeps(secret) or _overlaps(start, end, spans):
                continue
            spans.append((start, end))
            edits.append(Edit(start, end, new, Finding(pattern.id, start, end, secret, pattern.description)))
    edits.sort(key=lambda e: e.start)
    return edits


def redact_text(text: str, policy: Policy) -> tuple[str, list[Finding]]:
    """Apply the value-shape patterns to any string."""
    edits = find_pattern_edits(text, policy)
    return apply_edits(text, edits), findings_of(edits)


def findings_of(edits: Sequence[Edit]) -> list[Finding]:
    """The findings of edits in order, each carrying the text that replaces it."""
    return [replace(e.finding, new=e.new) for e in sorted(edits, key=lambda e: e.start)]


def header_rule(name: str, policy: Policy) -> str | None:
    """The rule id that covers header ``name`` under ``policy``, if any."""
    lname = name.strip().lower()
    if lname not in policy.headers:
        return None
    rule = HEADER_RULES.get(lname, CUSTOM_HEADER_RULE)
    return rule if policy.enabled(rule) else None


_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9._-]*)(\s+)")
_AWS_SIGV4_PART_RE = re.compile(r"(?<![^\s,])(?:(Credential)=([^\s,/]+)|(Signature)=([^\s,]+))")
_COOKIE_PAIR_RE = re.compile(r"([^=;,\s][^=;]*?)\s*=\s*([^;]*)")


def _value_span(value: str, start: int, end: int) -> tuple[int, int]:
    """Trim surrounding spaces and one pair of double quotes from ``value[start:end]``."""
    while start < end and value[start].isspace():
        start += 1
    while end > start and value[end - 1].isspace():
        end -= 1
    if end - start >= 2 and value[start] == '"' and value[end - 1] == '"':
        start, end = start + 1, end - 1
    return start, end


def _header_edits(name: str, value: str, rule: str, policy: Policy) -> list[Edit]:
    detail = f"header {name.strip()}"
    spans: list[tuple[int, int, str]] = []  # (start, end, detail)
    if rule == "authorization-header":
        scheme = _SCHEME_RE.match(value)
        if scheme and scheme.group(1).upper() == "AWS4-HMAC-SHA256":
            for m in _AWS_SIGV4_PART_RE.finditer(value, scheme.end()):
                group = 2 if m.group(1) else 4
                spans.append((m.start(group), m.end(group), f"{detail} {m.group(group - 1)}"))
        else:
            start = scheme.end() if scheme else 0
            spans.append((*_value_span(value, start, len(value)), detail))
    elif rule in ("cookie-header", "set-cookie-header"):
        for m in _COOKIE_PAIR_RE.finditer(value):
            start, end = _value_span(value, *m.span(2))
            spans.append((start, end, f"{detail} {m.group(1).strip()}"))
            if rule == "set-cookie-header":
                break  # the rest are attributes (Path, Expires, HttpOnly, ...)
    else:
        spans.append((*_value_span(value, 0, len(value)), detail))
    edits = []
    for start, end, where in spans:
        secret = value[start:end]
        if policy.keeps(secret):
            continue
        edits.append(Edit(start, end, policy.replacement, Finding(rule, start, end, secret, where)))
    return edits


def redact_header(name: str, value: str, policy: Policy) -> tuple[str, list[Finding]]:
    """Redact one header value: the header rule for ``name``, then patterns.

    Patterns run on the parts the header rule left alone (a key pasted in an
    unlisted header, say).  A value on the allow list is left whole.
    """
    if value in policy.allow:
        return value, []
    rule = header_rule(name, policy)
    edits = _header_edits(name, value, rule, policy) if rule else []
    edits += find_pattern_edits(value, policy, taken=[(e.start, e.end) for e in edits])
    return apply_edits(value, edits), findings_of(edits)
