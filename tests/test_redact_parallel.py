"""Big bodies scanned on two cores (cassette_cli/parallel.py): the same findings as one core,
and any failure of the child falls back to doing the work here."""

from __future__ import annotations

import os

import pytest

import cassette_cli.redact.engine as engine
import cassette_cli.parallel as parallel
import cassette_cli.redact.scan as scan
from cassette_cli.formats import parse_cassette
from cassette_cli.rules.policy import default_policy

from .test_redact_patch import SECRET, big_stream

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def square(n: int) -> int:
    return n * n


@needs_fork
def test_results_come_back_in_order(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    monkeypatch.setattr(parallel, "MIN_TOTAL", 0)
    monkeypatch.setattr(parallel, "worth_forking", lambda jobs, weight: len(jobs) >= 2)
    assert parallel.run_jobs(list(range(10)), square, weight=lambda n: n) == [n * n for n in range(10)]
    assert len(forks) == 1  # the work was shared


@needs_fork
def test_a_failing_child_is_made_up_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "worth_forking", lambda jobs, weight: True)
    parent = os.getpid()

    def fails_in_the_child(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("boom")
        return n + 1

    assert parallel.run_jobs([1, 2, 3, 4], fails_in_the_child, weight=lambda n: 1) == [2, 3, 4, 5]


def test_no_fork_when_it_does_not_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert parallel.run_jobs([1, 2], square, weight=lambda n: 10) == [1, 4]  # too little work
    assert parallel.run_jobs([1 << 30], square, weight=lambda n: n) == [1 << 60]  # one job
    monkeypatch.setenv("CASSETTE_JOBS", "1")
    assert parallel.run_jobs([1, 2], square, weight=lambda n: 1 << 30) == [1, 4]


def test_a_fork_that_fails_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "worth_forking", lambda jobs, weight: True)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert parallel.run_jobs([1, 2, 3], square, weight=lambda n: n) == [1, 4, 9]


def test_halves_balance_the_weight() -> None:
    mine, theirs = parallel.split_by_weight([9, 8, 7, 6, 1, 1])
    assert sorted(mine + theirs) == list(range(6))
    assert abs(sum([9, 8, 7, 6, 1, 1][i] for i in mine) - sum([9, 8, 7, 6, 1, 1][i] for i in theirs)) <= 2


@needs_fork
def test_a_cassette_of_big_bodies_plans_the_same_on_two_cores(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> None:
    """Several big streams: the plan made with a child scanning half of them is the plan
    made on one core."""
    monkeypatch.setattr(scan, "BIG_BODY", 1000)
    head, _, rest = big_stream().partition(b"interactions:\n")
    # three interactions, each with a big stream
    data = head + b"interactions:\n" + rest + rest.replace(b"- id: 0", b"- id: 1") + rest.replace(b"- id: 0", b"- id: 2")
    def plan(jobs: str):
        monkeypatch.setenv("CASSETTE_JOBS", jobs)
        monkeypatch.setattr(parallel, "MIN_TOTAL", 0)
        monkeypatch.setattr(parallel, "cores", lambda: 2)
        return engine.plan_redaction(parse_cassette(data, "big.yaml"), default_policy())

    two = plan("2")
    assert len(forks) == 1
    single = plan("1")
    assert len(forks) == 1
    assert len(two.reports) == len(single.reports) == 3 * 7
    assert [(r.line, r.column, r.rule) for r in two.reports] == [(r.line, r.column, r.rule) for r in single.reports]
    assert two.new_text == single.new_text
    assert SECRET not in two.new_text
