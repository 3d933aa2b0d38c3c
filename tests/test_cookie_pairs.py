"""Cookie pairs are found in linear time, and where the regex they stand for finds them:
the regex alone tried every position of a long stretch without `=`, each up to its end."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.rules.headers import cookie_pair, cookie_values, first_cookie_value, trimmed

# the pattern a pair is (the reference: what a plain search finds)
PAIR = re.compile(r"([^=;,\s][^=;]*?)\s*=\s*([^;]*)")

_TEXT = st.text(alphabet="ab=;, \t\"x\u00a0", max_size=30)


@settings(max_examples=4000, deadline=None)
@given(_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_a_pair_is_where_the_regex_finds_it(value: str, start: int, end: int) -> None:
    start, end = min(start, len(value)), min(end, len(value))
    expected = PAIR.search(value, start, end)
    found = cookie_pair(value, start, end)
    if expected is None:
        assert found is None
    else:
        assert found is not None and (found.span(), found.groups()) == (expected.span(), expected.groups())


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_every_pair_is_what_finditer_finds(value: str) -> None:
    expected = [(*m.span(2), m.group(1).strip()) for m in PAIR.finditer(value)]
    assert cookie_values(value) == [(*trimmed(value, s, e), name) for s, e, name in expected]


def test_a_long_stretch_without_equals_is_passed_over() -> None:
    tail = "x" * 200_000  # the plain regex: 2·10^10 steps
    value = "session=abc123; " + tail + "; =" + tail
    assert cookie_values(value) == [(8, 14, "session")]
    assert first_cookie_value("id=42; Path=/; " + tail) == [(3, 5, "id")]
