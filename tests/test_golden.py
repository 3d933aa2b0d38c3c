"""Every command's output on every sample and corpus file is what it was before the
redesign (tests/golden.py), except where a golden was re-recorded on purpose: the
changes and their reasons are listed in tests/golden/CHANGES.md."""

from __future__ import annotations

import pytest

from . import golden
from .conftest import needs_corpus

SAMPLES = golden.load("samples")


@pytest.mark.parametrize("name", golden.sample_names())
def test_sample_outputs_are_unchanged(name: str) -> None:
    assert name in SAMPLES, "a new sample: record its golden outputs (python -m tests.golden --write)"
    now = golden.outputs(name, golden.ROOT)
    for label, expected in SAMPLES[name].items():
        assert now[label] == expected, f"{name}: {label}"


@needs_corpus
@pytest.mark.parametrize("name", golden.corpus_names())
def test_corpus_outputs_are_unchanged(name: str) -> None:
    expected = golden.load("corpus")[name]
    now = {label: golden.digest(result) for label, result in golden.outputs(name, golden.CORPUS.parent).items()}
    assert now == expected, f"{name}: " + ", ".join(label for label in expected if now.get(label) != expected[label])
