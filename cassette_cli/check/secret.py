"""`secret`: everything `cassette redact --check` finds, with the same rules and the same
previews: the redaction plan itself is asked (no second scanner)."""

from __future__ import annotations

from collections.abc import Iterator

from .rule import CheckRule, Context, Hit, Options


def check(context: Context, options: Options) -> Iterator[Hit]:
    for r in context.plan.reports:
        yield Hit(None, f"{r.rule}: {r.summary}", r.location, (r.line, r.column), {"secret_rule": r.rule, "preview": r.preview}, r.secret)


RULE = CheckRule(
    id="secret",
    description="a secret that `cassette redact` would remove (the redaction rules of `cassette rules`, under the same config)",
    default=True,
    check=check,
    fires=("Authorization: Bearer sk-proj-...", '{"access_token": "..."}', "?api_key=... in a URL"),
    quiet=("Authorization: Bearer REDACTED", "a value in the allow list", "a rule turned off in [tool.cassette.redact]"),
    fix="Run `cassette redact FILE`: it removes the secret and leaves every other byte as it was.",
)
