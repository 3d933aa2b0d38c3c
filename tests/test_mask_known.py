"""A Masker finds each cassette's values once, even when a view (diff) turns from one
cassette to the other and back for every interaction."""

from __future__ import annotations

from cassette_cli import api, mask
from cassette_cli.redact import propagate

from .conftest import SAMPLES


def test_two_cassettes_in_turn_are_each_scanned_once(monkeypatch) -> None:
    calls: list[str] = []
    real = propagate.find_known

    def counting(cassette, policy):  # type: ignore[no-untyped-def]
        calls.append(cassette.path)
        return real(cassette, policy)

    monkeypatch.setattr(propagate, "find_known", counting)  # the masker imports it when first needed
    a = api.load_bytes((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes(), "a.yaml")
    b = api.load_bytes((SAMPLES / "ruby-vcr" / "auth_mixed.yml").read_bytes(), "b.yml")
    masker = mask.Masker()
    for _ in range(5):
        for cassette in (a, b):
            for interaction in cassette.interactions:
                masker.interaction(cassette, interaction).request  # noqa: B018 (masks its headers)
    assert sorted(calls) == ["a.yaml", "b.yml"]
