"""`cassette rules`: every redaction rule, what it looks at, and whether it is in effect."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .typer_app import Command, app
from .common import Problems, Settings
from .options import ConfigOpt


def _rule_rows(policy: object) -> list[dict[str, object]]:
    """One row per registry rule: on by default, and on under ``policy``."""
    from ..rules.headers import CUSTOM_HEADER, DEFAULT_HEADERS
    from ..rules.patterns import PATTERN_RULES
    from ..rules.registry import REGISTRY

    pattern_ids = {p.id for p in policy.patterns}  # type: ignore[attr-defined]
    headers = policy.headers  # type: ignore[attr-defined]
    pattern_rules = {r.id for r in PATTERN_RULES}
    rows = []
    for rule in REGISTRY:
        default = rule.default and rule is not CUSTOM_HEADER  # a custom header rule has no header until one is configured
        enabled = policy.enabled(rule.id)  # type: ignore[attr-defined]
        if rule.id in pattern_rules:
            enabled = enabled and rule.id in pattern_ids
        if rule.headers:
            enabled = enabled and any(name in headers for name in rule.headers)
        if rule is CUSTOM_HEADER:
            enabled = enabled and bool(headers - DEFAULT_HEADERS)
        rows.append({"id": rule.id, "description": rule.description, "looks_at": rule.looks_at, "default": default, "enabled": enabled})
    return rows


@app.command("rules", cls=Command)
def rules_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of {id, description, looks_at, default, enabled}.")] = False,
    config: ConfigOpt = None,
) -> None:
    """List every redaction rule: its id, what it looks at, whether it is on by default,
    and whether it is in effect under the config found from the current folder (or --config)."""
    from ..output.json_out import write_json

    import os

    problems = Problems()
    policy = Settings(problems, config).in_folder(os.getcwd())[0]
    if policy is None:
        raise typer.Exit(problems.exit_code)
    rows = _rule_rows(policy)
    if as_json:
        write_json(rows, sys.stdout.write)
        sys.stdout.write("\n")
        raise typer.Exit(problems.exit_code)
    width = max(len(str(r["id"])) for r in rows)
    out = [f"{'id':<{width}}  {'looks at':<8}  default  in effect  description"]
    for r in rows:
        onoff = ("on" if r["default"] else "off", "yes" if r["enabled"] else "no")
        out.append(f"{r['id']:<{width}}  {r['looks_at']:<8}  {onoff[0]:<7}  {onoff[1]:<9}  {r['description']}")
    sys.stdout.write("\n".join(out) + "\n")
    raise typer.Exit(problems.exit_code)
