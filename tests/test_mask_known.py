"""A Masker finds each cassette's values once, even when a view (diff) turns from one
cassette to the other and back for every interaction; a view of a body takes what that
scan found in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cassette_cli import api, mask
from cassette_cli.errors import CassetteError
from cassette_cli.redact import propagate

from .conftest import SAMPLES, corpus_files, sample_files


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


def _bodies_masked(cassette: api.Cassette, masker: mask.Masker) -> list[tuple[str | None, str | None]]:
    views = [masker.interaction(cassette, interaction) for interaction in cassette.interactions]
    return [(view.request.body.text, view.response.body.text) for view in views]


@pytest.mark.parametrize("path", sample_files() + corpus_files(), ids=lambda p: p.name)
def test_a_body_the_file_scan_saw_is_masked_as_scanning_it_again_masks_it(path: Path) -> None:
    """A view of a body takes the findings of the file's scan (Known.bodies); a masker
    whose Known has none scans each body again: both views are the same."""
    try:
        cassette = api.load_bytes(path.read_bytes(), path.name)
    except CassetteError:
        pytest.skip("not a cassette this tool reads")
    policy = api.policy()
    reused = mask.Masker(policy)
    again = mask.Masker(policy)
    known = propagate.find_known(cassette, policy)
    scanned_bodies = dict(known.bodies)
    known.bodies = {}
    again.remember(cassette, known)
    assert _bodies_masked(cassette, reused) == _bodies_masked(cassette, again)
    assert reused.known(cassette).bodies == scanned_bodies  # the view had them to take
    with_body = [b for i in cassette.interactions for b in (i.request.body, i.response.body) if b.node is not None and not b.node.is_null and b.structured is None]
    assert len(scanned_bodies) >= min(1, len(with_body))
