"""The value-shape rules: secrets recognised by their shape, anywhere in a string.

Each is one :class:`Rule` with its regex, the literals the regex cannot match without,
and its examples. The trigger that decides whether a string is searched at all is built
from those literals, so a new rule brings its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .families import FAMILY_RULES
from .families_more import MORE_FAMILY_RULES
from .rule import ANY_TEXT, DeferredRegex, Regex, Rule
from .trigger import Trigger

__all__ = ["BUILTIN_PATTERNS", "PATTERN_LITERALS", "PATTERN_RULES", "PATTERN_TRIGGER", "Pattern", "has_literals", "literals_in", "patterns_for"]


@dataclass(frozen=True)
class Pattern:
    """A compiled value-shape rule: ``regex`` finds the secret anywhere in a string.

    If the regex has a group named ``secret``, only that group is replaced;
    otherwise the whole match is.
    """

    id: str
    regex: Regex  # compiled, or compiled at its first use
    description: str

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        has_group = "secret" in self.regex.groupindex
        for m in self.regex.finditer(text):
            start, end = m.span("secret") if has_group else m.span()
            if end > start:
                yield start, end


# Boundaries: a key must not be glued to other token characters, so that
# ``task-...``, ``my_hf_model`` or an ``AKIA`` run inside a base64 blob do not match.
_NOT_AFTER_TOKEN = r"(?<![A-Za-z0-9_-])"
_NOT_BEFORE_TOKEN = r"(?![A-Za-z0-9_-])"
# A PEM body may sit in text where line breaks are still escaped (``\n``).
_PEM_SPACE = r"(?:\s|\\r|\\n)*"

# Fake secrets in the examples are assembled from pieces so that this file is no hit.
_PEM = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
_OPENAI = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7"

_CORE_RULES: tuple[Rule, ...] = (
    Rule(
        "private-key",
        "private key",
        ANY_TEXT,
        fires=(_PEM, _PEM.replace("\n", "\\n"), "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"),
        quiet=("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", "PRIVATE KEY"),
        literals=("PRIVATE KEY",),
        regex=DeferredRegex(
            r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
            + _PEM_SPACE
            + r"(?P<secret>[^\s\\][\s\S]*?)"
            + _PEM_SPACE
            + r"-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
        ),
    ),
    Rule(
        "anthropic-key",
        "Anthropic API key",
        ANY_TEXT,
        fires=("sk-" + "ant-api03-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7AA",),
        quiet=("sk-" + "ant-short", "task-" + "ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1"),
        literals=("sk-",),
        regex=DeferredRegex(_NOT_AFTER_TOKEN + r"sk-ant-[a-z]+[0-9]*-[A-Za-z0-9_-]{20,}" + _NOT_BEFORE_TOKEN),
    ),
    Rule(
        "openai-key",
        "OpenAI API key",
        ANY_TEXT,
        fires=(_OPENAI, "key=" + "sk-" + "aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4cD5eF"),
        quiet=("sk-" + "this-is-a-slug-not-a-key-at-all", "task-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9b"),
        literals=("sk-",),
        # sk-, sk-proj-, sk-svcacct-, sk-admin-; the random part mixes upper case,
        # lower case and digits, which slugs and placeholders do not.
        regex=DeferredRegex(
            _NOT_AFTER_TOKEN + r"sk-(?:(?:proj|svcacct|admin)-)?"
            r"(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])"
            r"[A-Za-z0-9_-]{20,}" + _NOT_BEFORE_TOKEN
        ),
    ),
    Rule(
        "github-token",
        "GitHub token",
        ANY_TEXT,
        fires=("gh" + "p_" + "aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4", "github_" + "pat_" + "11AB" + "cD3eF4gH5iJ6kL7mN8oP9q" * 3 + "R0sT5u7vWx9Z"),
        quiet=("gh" + "p_short", "xgh" + "p_" + "aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4"),
        literals=("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        regex=DeferredRegex(
            r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])"
        ),
    ),
    Rule(
        "google-api-key",
        "Google API key",
        ANY_TEXT,
        fires=("AI" + "za" + "SyD4k3J2h1G0f9E8d7C6b5A4z3Y2x1W0v9U",),
        quiet=("AI" + "za" + "short",),
        literals=("AIza",),
        regex=DeferredRegex(_NOT_AFTER_TOKEN + r"AIza[0-9A-Za-z_-]{35}" + _NOT_BEFORE_TOKEN),
    ),
    Rule(
        "aws-access-key-id",
        "AWS access key ID",
        ANY_TEXT,
        fires=("AK" + "IA" + "IOSFODNN7EXAMPL2", "id=" + "AS" + "IA" + "IOSFODNN7EXAMPL2"),
        quiet=("xAK" + "IA" + "IOSFODNN7EXAMPL2", "AK" + "IA" + "short"),
        literals=("A3T", "AKIA", "ASIA", "ABIA", "ACCA"),
        regex=DeferredRegex(r"(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])"),
    ),
    Rule(
        "slack-token",
        "Slack token",
        ANY_TEXT,
        fires=("xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",),
        quiet=("xo" + "xb-short",),
        literals=("xox",),
        regex=DeferredRegex(_NOT_AFTER_TOKEN + r"xox[abposr]-[0-9]+-[0-9A-Za-z-]{10,}" + _NOT_BEFORE_TOKEN),
    ),
    Rule(
        "stripe-key",
        "Stripe secret key",
        ANY_TEXT,
        fires=("sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "rk" + "_test_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        quiet=("pk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "sk" + "_live_short"),
        literals=("_test_", "_live_"),
        regex=DeferredRegex(r"(?<![A-Za-z0-9_])(?:sk|rk)_(?:test|live)_[0-9A-Za-z]{16,}(?![0-9A-Za-z])"),
    ),
    Rule(
        "huggingface-token",
        "Hugging Face token",
        ANY_TEXT,
        fires=("hf" + "_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",),
        quiet=("my_hf" + "_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "hf" + "_" + "alllowercaseletters0123456789abcd"),
        literals=("hf_",),
        regex=DeferredRegex(
            r"(?<![A-Za-z0-9_])hf_(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{30,}(?![A-Za-z0-9_])"
        ),
    ),
    Rule(
        "jwt",
        "JSON Web Token",
        ANY_TEXT,
        fires=("ey" + "JhbGciOiJIUzI1NiJ9" + ".ey" + "JzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",),
        quiet=("ey" + "Jshort.ey" + "Jshort.sig",),
        literals=("eyJ",),
        regex=DeferredRegex(
            _NOT_AFTER_TOKEN + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}" + _NOT_BEFORE_TOKEN
        ),
    ),
    Rule(
        "url-password",
        "password in URL",
        ANY_TEXT,
        fires=("https://user:" + "pw@host/p", "ftp://app:" + "s3cret@files.internal/x"),
        quiet=("https://host/p?a=b", "https://user@host/p"),
        literals=("@",),  # every match holds one; far rarer than "://" in JSON APIs
        regex=DeferredRegex(
            r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@\"'<>]*:(?P<secret>[^\s/?#@\"'<>]+)@(?=[A-Za-z0-9\[])"
        ),
    ),
)

# First match wins where two patterns overlap, so the most specific come first: the
# families (sk-or-v1- before sk-, database URLs before any URL) ahead of the rest.
PATTERN_RULES: tuple[Rule, ...] = (*FAMILY_RULES, *MORE_FAMILY_RULES, *_CORE_RULES)

BUILTIN_PATTERNS: tuple[Pattern, ...] = tuple(Pattern(r.id, r.regex, r.description) for r in PATTERN_RULES if r.regex is not None)

PATTERN_LITERALS: tuple[str, ...] = tuple(dict.fromkeys(lit for r in PATTERN_RULES for lit in r.literals))
# Every built-in pattern's match holds one of its literals; text without any is skipped.
PATTERN_LITERAL_SEARCH = Trigger(PATTERN_LITERALS)
PATTERN_TRIGGER = PATTERN_LITERAL_SEARCH.regex

# Keyed by the regex object itself: a configured pattern that reuses an id still always runs.
_LITERALS_OF: dict[Regex, frozenset[str]] = {r.regex: frozenset(r.literals) for r in PATTERN_RULES if r.literals and r.regex}


def has_literals(pattern: Pattern) -> bool:
    """Whether a match of ``pattern`` always holds one of its rule's literals (a built-in
    regex): the texts without any are then passed by."""
    return pattern.regex in _LITERALS_OF


def literals_in(text: str) -> set[str]:
    """The built-in literals that occur in ``text`` (one pass of the trigger)."""
    return PATTERN_LITERAL_SEARCH.found(text)


def patterns_for(text: str, patterns: tuple[Pattern, ...]) -> list[Pattern]:
    """The ``patterns`` that can match in ``text``: a built-in one only where one of its
    literals occurs; a custom one always."""
    present = frozenset(literals_in(text))
    key = (id(patterns), present)
    cached = _CHOSEN.get(key)
    if cached is None or cached[0] is not patterns:
        chosen = [p for p in patterns if not has_literals(p) or not present.isdisjoint(_LITERALS_OF[p.regex])]
        cached = _CHOSEN[key] = (patterns, chosen)
    return cached[1]


# (id of a policy's patterns, literals present) -> (those patterns, the ones to run); a
# few entries per run, the patterns kept so that their id is not reused.
_CHOSEN: dict[tuple[int, frozenset[str]], tuple[tuple[Pattern, ...], list[Pattern]]] = {}
