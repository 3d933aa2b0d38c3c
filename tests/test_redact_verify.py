"""The read-back check: a rewrite that would not mean what was intended is never written."""

from __future__ import annotations

from pathlib import Path

import pytest

import cassette_cli.redact.engine as engine
from cassette_cli.document import Edit, VerificationError
from cassette_cli.formats import parse_cassette
from cassette_cli.rules.policy import default_policy

CASSETTE = b"""interactions:
- request:
    body: '{"password": "FAKE-Passw0rd-do-not-use"}'
    headers:
      Authorization:
      - Bearer sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2FAKE
    method: POST
    uri: https://api.example.com/v1/login
  response:
    body:
      string: ok
    headers: {}
    status:
      code: 200
      message: OK
version: 1
"""


def emitting(plan, emitted: str):
    """The plan with every changed scalar written as `emitted` (a broken emitter)."""
    plan.edits = [Edit(e.start, e.end, emitted) for e in plan.edits]
    return plan


def plan_with(emitted: str):
    plan = emitting(engine.plan_redaction(parse_cassette(CASSETTE, "c.yaml"), default_policy(), check=False), emitted)
    plan.verify()
    return plan


def test_the_honest_plan_verifies() -> None:
    plan = engine.plan_redaction(parse_cassette(CASSETTE, "c.yaml"), default_policy())
    assert "FAKE-Passw0rd-do-not-use" not in plan.new_text
    assert "sk-proj-" not in plan.new_text
    assert "Bearer REDACTED" in plan.new_text and '"password": "REDACTED"' in plan.new_text


@pytest.mark.parametrize(
    ("emitted", "why"),
    [
        pytest.param("'unterminated", "would not read back", id="broken-quote"),
        pytest.param("'REDACTED-but-different'", "would not read back as intended", id="wrong-value"),
        pytest.param("x\n    extra: key", "would", id="changes-structure"),
        pytest.param("[a, b]", "would", id="scalar-becomes-list"),
    ],
)
def test_a_wrong_emission_is_refused(emitted: str, why: str) -> None:
    with pytest.raises(VerificationError, match=why):
        plan_with(emitted)


def test_the_cli_writes_nothing_when_verification_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(CASSETTE)
    real_plan = engine.plan_redaction
    monkeypatch.setattr(engine, "plan_redaction", lambda *args, **kwargs: emitting(real_plan(*args, **kwargs), "'unterminated"))
    result = run("redact", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cassette: error: {path}")
    assert "nothing written" in result.stderr
    assert path.read_bytes() == CASSETTE
