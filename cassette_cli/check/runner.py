"""Run the selected rules over one cassette: the file is read and composed once, by the
caller, and every rule works on that one model and its one masked view."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..mask import Masker
from ..model import Cassette
from .registry import CHECK_RULES
from .rule import CheckFinding, CheckRule, Context, located

__all__ = ["run_checks"]

# A finding to leave out (issue 7's baseline: redact/baseline.py, built on another
# branch, plugs in here as `suppress=baseline.contains`).
Suppress = Callable[[CheckFinding], bool]


def run_checks(cassette: Cassette, masker: Masker, rules: Iterable[str] | None = None, options: Mapping[str, Mapping[str, object]] | None = None, suppress: Suppress | None = None) -> list[CheckFinding]:
    """The findings of `rules` (ids; None: the rules on by default) in file order.
    `options`: per rule id, option values over the rule's defaults."""
    wanted = None if rules is None else set(rules)
    context = Context(cassette, masker)
    findings: list[CheckFinding] = []
    for rule in CHECK_RULES:
        if (rule.id not in wanted) if wanted is not None else not rule.default:
            continue
        findings += located(cassette, rule.id, rule.check(context, _options(rule, options)))
    if suppress is not None:
        findings = [f for f in findings if not suppress(f)]
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))


def _options(rule: CheckRule, given: Mapping[str, Mapping[str, object]] | None) -> dict[str, object]:
    values = rule.defaults()
    values.update((given or {}).get(rule.id, {}))
    return values
