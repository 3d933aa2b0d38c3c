"""The trie regex that finds known values (propagation) finds what the plain alternation
of the same words finds, longest first, on random words and texts made of their pieces."""

from __future__ import annotations

import random
import re

import pytest

from cassette_cli.api import policy
from cassette_cli.redact import value_search
from cassette_cli.redact.propagate import Known, literal_trie, specific
from cassette_cli.redact.value_search import ValueSearch


def _plain(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_the_trie_finds_what_the_alternation_finds() -> None:
    rng = random.Random(11)
    alphabet = "ab-_.%\\\"x1"
    for _ in range(400):
        words = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(1, 12))})
        text = "".join(rng.choice(words + list(alphabet)) for _ in range(rng.randint(0, 40)))
        trie = re.compile(literal_trie(words))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _plain(words).finditer(text)], (words, text)


def test_long_values_do_not_nest_deeply() -> None:
    pem = "-----BEGIN PRIVATE KEY-----\n" + "A" * 1600 + "\n-----END PRIVATE KEY-----"
    words = [pem, pem[:-5] + "XXXXX", "sk-" + "b" * 48]
    trie = re.compile(literal_trie(words))
    assert trie.search("x " + pem + " y").group() == pem
    assert trie.search("key sk-" + "b" * 48).group() == "sk-" + "b" * 48


def _known(words: list[str]) -> Known:
    known = Known(policy())
    for word in words:
        known.add(word, "test-rule", "test", "here")
    return known


def test_known_occurrences_are_what_the_alternation_finds() -> None:
    # few values (each looked for with str.find) and many (the trie): the same spans
    rng = random.Random(12)
    alphabet = "aB1-"
    for count in [*range(1, 8), Known.FEW, Known.FEW + 1, 40] * 30:
        pool = {"".join(rng.choice(alphabet) for _ in range(rng.randint(8, 11))) for _ in range(count)}
        words = sorted(w for w in pool if specific(w, policy()))
        if not words:
            continue
        pieces = words + [w[: rng.randint(1, len(w))] for w in words] + list(alphabet)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        known = _known(words)
        expected = [m.span() for m in _plain(words).finditer(text)]
        assert known.occurrences(text) == expected, (words, text)
        assert known.occurs_in(text) == bool(expected)


@pytest.mark.parametrize("engine", ["hyperscan", "regex"])
def test_value_search_finds_what_the_alternation_finds(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both engines of ValueSearch, ASCII values in texts with non-ASCII characters (byte
    offsets turned into character offsets) and non-ASCII values (the regex, always)."""
    if engine == "hyperscan":
        pytest.importorskip("hyperscan")
    else:
        monkeypatch.setattr(value_search, "native_available", lambda: False)
    rng = random.Random(13)
    for n in range(600):
        letters = "aB1-x" if n % 3 else "aB1-é"
        words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(1, 30))})
        pieces = words + [w[: rng.randint(1, len(w))] for w in words] + list("aB1-é🙂\n")
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        search = ValueSearch(words)
        expected = [m.span() for m in _plain(words).finditer(text)]
        assert search.spans(text) == expected, (words, text)
        assert search.occurs_in(text) == bool(expected), (words, text)


@pytest.mark.parametrize("engine", ["hyperscan", "regex"])
def test_values_hyperscan_cannot_take_are_found_all_the_same(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value with a NUL (Hyperscan's literals stop at one), starting with one, or longer
    than its literal limit: the regex takes the search, and the spans stay right."""
    if engine == "hyperscan":
        pytest.importorskip("hyperscan")
    else:
        monkeypatch.setattr(value_search, "native_available", lambda: False)
    long_value = "Ab1-" * 4001
    for words in (["tok_Abcdefgh\x00ijkl", "Sk05Zq9wXyV7pLm3"], ["\x00tok_Abcdefgh"], [long_value, "Sk05Zq9wXyV7pLm3"]):
        text = "see tok_Abcdefgh and " + " ".join(words) + " Sk05Zq9wXyV7pLm3 " + long_value[:100]
        search = ValueSearch(words)
        expected = [m.span() for m in _plain(words).finditer(text)]
        assert search.spans(text) == expected and expected
        assert search.occurs_in(text)
        assert not search.occurs_in("see tok_Abcdefgh only")
