"""`cassette check`: lint rules over the decoded model, one module per rule (data: id,
description, default, options, examples; and its check), a registry, a runner that
shares one read of each file among all rules, and the `[tool.cassette.check]` config.

Everything a finding says comes from the masked view (cassette_cli.mask)."""

from .registry import CHECK_IDS, CHECK_RULES, DEFAULT_IDS, check_rule
from .rule import CheckFinding, CheckRule, Hit, Option
from .runner import run_checks

__all__ = ["CHECK_IDS", "CHECK_RULES", "DEFAULT_IDS", "CheckFinding", "CheckRule", "Hit", "Option", "check_rule", "run_checks"]
