"""Key families recognised by their own literal prefix (gitleaks' default rules give
the shapes). Every regex starts with its literal so the engine searches for it; the
check that the key is not glued to a longer token comes right after the literal, as a
lookbehind over it, which costs nothing where the literal does not occur."""

from __future__ import annotations

import re

from .rule import ANY_TEXT, DeferredRegex, Rule

__all__ = ["FAMILY_RULES", "family"]

_END = r"(?![A-Za-z0-9_-])"


def _start(literal: str) -> str:
    """``literal``, then a check that no token character stood before it."""
    return re.escape(literal) + r"(?<![A-Za-z0-9_-]" + re.escape(literal) + ")"


def _family(rule_id: str, description: str, literals: tuple[str, ...], body: str, fires: tuple[str, ...], quiet: tuple[str, ...]) -> Rule:
    alternatives = "|".join(_start(lit) for lit in literals)
    # a shape that takes base64's + and / must end where base64 does, or it would match
    # inside any long base64 text
    end = r"(?![A-Za-z0-9+/=_-])" if "+/" in body else _END
    regex = DeferredRegex("(?:" + alternatives + ")" + body + end)
    return Rule(rule_id, description, ANY_TEXT, fires=fires, quiet=quiet, literals=literals, regex=regex)


family = _family  # for families_more.py

# Fake keys are built from pieces so that this file is no hit for a scanner.
_HEX64 = "3f9a" * 16
_ALNUM = "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7mN9pQ2rS4tU6vW8xY0zA2bC4dE6fG8hJ0kL2mN4pQ6rS8tU0" * 2

FAMILY_RULES: tuple[Rule, ...] = (
    _family(
        "openrouter-key", "OpenRouter API key", ("sk-or-v1-",), r"[0-9a-f]{64}",
        fires=("sk-" + "or-v1-" + _HEX64,), quiet=("sk-" + "or-v1-short", "task-" + "or-v1-" + _HEX64),
    ),
    _family(
        "gitlab-token", "GitLab personal access token", ("glpat-",), r"[A-Za-z0-9_-]{20,}",
        fires=("gl" + "pat-" + "xY3zA9bC8dE7fG6hJ5kL",), quiet=("gl" + "pat-short", "xgl" + "pat-" + "xY3zA9bC8dE7fG6hJ5kL"),
    ),
    _family(
        "sendgrid-key", "SendGrid API key", ("SG.",), r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
        fires=("S" + "G." + _ALNUM[:22] + "." + _ALNUM[:43],), quiet=("S" + "G.short.key", "MSG." + _ALNUM[:22] + "." + _ALNUM[:43]),
    ),
    _family(
        "npm-token", "npm access token", ("npm_",), r"[A-Za-z0-9]{36}",
        fires=("np" + "m_" + _ALNUM[:36],), quiet=("np" + "m_config_registry", "my_np" + "m_" + _ALNUM[:36]),
    ),
    _family(
        "twilio-api-key", "Twilio API key SID (SK + 32 hex); an account SID (AC...) is an id, not a secret",
        ("SK",), r"[0-9a-fA-F]{32}",
        fires=("S" + "K" + "0123456789abcdef" * 2,), quiet=("A" + "C" + "0123456789abcdef" * 2, "TASK" + "0123456789abcdef" * 2),
    ),
    _family(
        "vault-token", "HashiCorp Vault token", ("hvs.", "hvb."), r"[A-Za-z0-9_-]{90,}",
        fires=("hv" + "s." + _ALNUM[:92],), quiet=("hv" + "s.short", "hv" + "s.txt"),
    ),
    _family(
        "slack-webhook", "Slack webhook URL: the path after the host", ("hooks.slack.com/",),
        r"(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}",
        fires=("https://hooks." + "slack.com/services/T0000000/B0000000/" + _ALNUM[:24],),
        quiet=("https://hooks." + "slack.com/", "https://api.slack.com/services/x"),
    ),
    _family(
        "groq-key", "Groq API key", ("gsk_",), r"[A-Za-z0-9]{52}",
        fires=("gs" + "k_" + _ALNUM[:52],), quiet=("gs" + "k_short", "xgs" + "k_" + _ALNUM[:52]),
    ),
    _family(
        "replicate-token", "Replicate API token", ("r8_",), r"[A-Za-z0-9]{37}",
        fires=("r" + "8_" + _ALNUM[:37],), quiet=("r" + "8_short", "gr" + "8_" + _ALNUM[:37]),
    ),
    _family(
        "xai-key", "xAI API key", ("xai-",), r"[A-Za-z0-9]{80}",
        fires=("xa" + "i-" + _ALNUM[:80],), quiet=("xa" + "i-grok-4", "xa" + "i-org-team"),
    ),
    _family(
        "perplexity-key", "Perplexity API key", ("pplx-",), r"[A-Za-z0-9]{48}",
        fires=("pp" + "lx-" + _ALNUM[:48],), quiet=("pp" + "lx-70b-online",),
    ),
    _family(
        "digitalocean-token", "DigitalOcean token (personal, OAuth, refresh)", ("dop_v1_", "doo_v1_", "dor_v1_"), r"[0-9a-f]{64}",
        fires=("do" + "p_v1_" + _HEX64, "do" + "r_v1_" + _HEX64), quiet=("do" + "p_v1_short",),
    ),
    _family(
        "shopify-token", "Shopify access token or shared secret", ("shpat_", "shpca_", "shppa_", "shpss_"), r"[0-9a-fA-F]{32}",
        fires=("shp" + "at_" + "0123456789abcdef" * 2, "shp" + "ss_" + "0123456789ABCDEF" * 2), quiet=("shp" + "at_short",),
    ),
    _family(
        "pypi-token", "PyPI upload token", ("pypi-AgEIcHlwaS5vcmc",), r"[A-Za-z0-9_-]{50,}",
        fires=("pypi-" + "AgEIcHlwaS5vcmc" + _ALNUM[:60],), quiet=("pypi-" + "AgEIcHlwaS5vcmc",),
    ),
    _family(
        "dockerhub-token", "Docker Hub personal access token", ("dckr_pat_",), r"[A-Za-z0-9_-]{27,}",
        fires=("dck" + "r_pat_" + _ALNUM[:27],), quiet=("dck" + "r_pat_short",),
    ),
    Rule(
        "database-url-password",
        "password in a database URL (postgres, mysql, mongodb(+srv), redis, amqp): the password only",
        ANY_TEXT,
        fires=("postgresql://app:" + "s3cretPw@db.internal:5432/x", "mongodb+srv://u:" + "pw123456@cluster0.example.net/db"),
        quiet=("postgres://db.internal:5432/x", "redis://:@localhost:6379"),
        literals=("@",),  # every match holds one; far rarer than "://" in JSON APIs
        regex=DeferredRegex(
            r"(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?)://[^\s:/?#@\"'<>]*:(?P<secret>[^\s/?#@\"'<>]+)@(?=[A-Za-z0-9\[])"
        ),
    ),
    Rule(
        "azure-storage-key",
        "Azure storage AccountKey= in a connection string: the key only",
        ANY_TEXT,
        fires=("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + _ALNUM[:86] + "==;EndpointSuffix=core.windows.net",),
        quiet=("AccountKey=;", "AccountKeyName=x"),
        literals=("AccountKey=",),
        regex=DeferredRegex(r"AccountKey=(?P<secret>[A-Za-z0-9+/]{40,}={0,2})"),
    ),
)
