"""The fast JSON scan (only strings that hold a trigger) finds exactly what the walk over
every token finds: on every JSON body and event-stream line of the samples, the corpus
and ../shared/real-world, and on hand-made documents that put each case at its edge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cassette_cli import api
from cassette_cli.rules.json_body import json_findings, json_findings_walked, json_keys

from .conftest import CORPUS, sample_files

REAL_WORLD = CORPUS.parent / "real-world"
POLICY = api.policy()


def _key(findings):
    return sorted((f.rule, f.start, f.end, f.secret, f.detail, f.new) for f in findings)


def _same(text: str, policy=POLICY) -> list:
    fast = json_findings(text, policy)
    walked = json_findings_walked(text, policy, json_keys(policy), look_first=False)  # no trigger trusted
    assert fast is not None
    assert _key(fast) == _key(walked), text[:200]
    return fast


HAND_MADE = [
    '{"api_key": "abc123def456ghi789"}',
    '{"API-KEY" : "abc123def456ghi789", "n": 1}',
    '{"api\\u005fkey": "abc123def456ghi789"}',  # a key spelled with an escape
    '{"token": "short"}',
    '{"token": "a-credential-like-value-123456"}',
    '{"token": " the", "logprob": -0.1}',
    '{"secret": {"value": "abc123def456ghi789"}}',
    '{"password": ["abc123def456ghi789", "x"]}',
    '{"password": null, "password2": "x"}',
    '{"Authorization": "Bearer abc123def456ghi789"}',
    '{"Authorization": "Bearer"}',
    '["sk-proj-' + "A" * 48 + '"]',
    '{"k": "sk\\u002dproj-' + "A" * 48 + '"}',
    '{"next": "https://h/p?api_key=abc123def456&x=1"}',
    '{"next": "https:\\/\\/h\\/p?api_key=abc123def456"}',
    '{"url": "https://user:pw12345@host/p", "urls": ["https://a/b", "ftp://x/y"]}',
    '{"sk-proj-' + "B" * 48 + '": 1}',  # a key shape as a key
    '{"a": "x", "secret": "REDACTED", "b": "ghp_' + "c" * 36 + '"}',
    '{"a": {"b": [{"client_secret": "abc123def456ghi789", "c": "AKIAIOSFODNN7EXAMPLE"}]}}',
    '{"text": "line\\nwith ghp_' + "d" * 36 + ' inside\\u00e9"}',
    '{"password":"abc123def456ghi789","api_key":"xyz123def456ghi789"}',
    '{ "password" :\n  "abc123def456ghi789" }',
    '{"path": "C:\\\\Users\\\\", "api_key": "abc123def456ghi789"}',  # escaped backslashes
    '{"a\\\\": "x", "q": "say \\"hi\\" https://h/p?key=abc123def456", "k\\"": "AKIAIOSFODNN7EXAMPLE"}',
    '{"note": "a \\"quoted\\" word", "password": "abc123def456ghi789", "u": "https://x/y"}',
    '{"client_secret": {"value": "abc123def456ghi789", "n": 2, "inner": ["x1234567890", {"k": "v9876543210"}]}}',
    '{"a": {"secret": ["abc123def456ghi789", {"password": "zzz123def456ghi789", "note": "n123456789"}]}, "b": "c"}',
    '{"token": {"value": "a-credential-like-value-123456"}, "token2": [" the"]}',
    '{"token": [" the", "a-credential-like-value-123456"]}',
    '{"secret": {"api_key": "abc123def456ghi789", "x": {"y": "deep-value-12345678"}}, "ok": "https://h/p?key=abc123def456"}',
    '{"blob": "eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsICJwcml2YXRlX2tleV9pZCI6ICJhYmMiLCAiY2xpZW50X3NlY3JldCI6ICJhYmMxMjNkZWY0NTZnaGk3ODkifQ==", "u": "https://x/y"}',
    '{"blob": "eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsICJwcml2YXRlX2tleV9pZCI6ICJhYmMiLCAiY2xpZW50X3NlY3JldCI6ICJhYmMxMjNkZWY0NTZnaGk3ODkifQ=="}',
    '{"k\\u0065y": {"password": "abc123def456ghi789"}, "api_key": {"a": "b\\"c123456789"}}',
    '"just a string with AKIAIOSFODNN7EXAMPLE"',
    # URLs: only one with a query is a trigger of its own (json_body.url_query_hits)
    '{"links": ["https://h/a", "https://h/b?api_key=abc123def456", "https://h/c#token=abc123def456"]}',
    '{"u": "https://h/a\\"b?api_key=abc123def456"}',  # an escaped quote before the query
    '{"u": "https://h/p\\u003fapi_key=abc123def456"}',  # the "?" escaped
    '{"u": "https://h/p%3Fapi_key=abc123def456", "v": "https://h/q?x=%73k-proj-' + "C" * 48 + '"}',
    '{"note": "see https://h/p and https://h/q?token=abc123def456ghi789 now"}',
    '{"note": "https://h/p ?api_key=abc123def456", "w": "https://a://b://c?sig=abc123def456"}',
    '{"password": "https://h/p", "client_secret": {"u": "https://h/q"}, "https://k?api_key=abc123def456": 1}',
    '{"u": "postgres://app:s3cretPw@db.internal:5432/x", "v": "https://user:pw12345@h/p"}',
    # only URLs with a query (json_body._only_quiet_urls): each reason to tokenize anyway
    '{"citations": ["https://www.youtube.com/watch?v=82IGDGmd8_c", "https://a/b?q=1#x"]}',
    '{"u": "https://h/p?v=1", "blob": "bXkga2V5IGlzIGdocF9lZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWUgb2s="}',  # a base64 string is looked into
    '{"q": "\\"https://h/p?api_key=abc123def456"}',  # an escaped quote opens the text
    '{"q": "say \\"https://h/p?v=1\\" and ghp_' + "f" * 36 + '"}',
    '{"https://k?api_key=abc123def456": 1, "u": "https://h/p?v=1"}',  # a URL as a key
    '{"token": "http://a.b/?c=d"}',
    '{"u": "https://h/p?v=1", "v": "https://h/q?api_key=abc123def456"}',
    '{"u": "https://h/p?v=1",\n "w" : "ftp://h/q?x=2"}',
    '{"api\u212aey": "https://example.com/x?v=1", "to\u212aen": "https://example.com/y?v=2"}',  # KELVIN SIGN: a k
    '{"api\u212aey": "abc123def456ghi789"}',  # no other trigger: only the key's
    "[]",
    "{}",
    "12",
]


@pytest.mark.parametrize("text", HAND_MADE)
def test_hand_made(text: str) -> None:
    json.loads(text)
    _same(text)


def test_hand_made_cases_find_what_they_should() -> None:
    assert _same('{"api\\u005fkey": "abc123def456ghi789"}')  # the escaped key is seen
    assert _same('{"next": "https:\\/\\/h\\/p?api_key=abc123def456"}')
    assert not _same('{"token": " the", "logprob": -0.1}')
    assert not _same('{"secret": "REDACTED"}')


def _json_texts(path: Path):
    try:
        cassette = api.load_bytes(path.read_bytes(), str(path))
    except Exception:
        return
    for interaction in cassette.interactions:
        for body in (interaction.request.body, interaction.response.body):
            text = body.text if body is not None else None
            if not text:
                continue
            stripped = text.strip()
            if stripped[:1] in ("{", "["):
                yield text
            for line in text.splitlines():
                if line.startswith("data:") and line[5:].strip()[:1] in ("{", "["):
                    yield line[6:] if line.startswith("data: ") else line[5:]


def _files() -> list[Path]:
    found = list(sample_files())
    for folder in (CORPUS, REAL_WORLD):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
    return found


def test_every_real_json_text_agrees() -> None:
    compared = found = 0
    for path in _files():
        for text in _json_texts(path):
            try:
                json.loads(text)
            except ValueError:
                continue
            found += len(_same(text))
            compared += 1
    assert compared > 100  # the samples alone hold more than this
    if CORPUS.is_dir():
        assert compared > 10_000 and found > 0


def test_many_matches_in_one_string_are_all_found_once() -> None:
    """Overlap resolution by binary search: every one of 2,000 keys in one string, none twice."""
    from cassette_cli.rules.strings import find_patterns

    keys = ["ghp_" + f"{i:036d}" for i in range(2000)]
    text = " ".join(keys)
    found = find_patterns(text, POLICY)
    assert [text[f.start:f.end] for f in found] == keys
    inside = find_patterns(text, POLICY, taken=[(0, 50), (30, 80)])  # taken spans that overlap
    assert [text[f.start:f.end] for f in inside] == keys[2:]


def test_a_url_is_a_trigger_only_with_a_query_in_its_string() -> None:
    """``://`` counts where a ``?`` follows before the next quote (white space is not
    looked at: a superset); past an escaped quote the URL's characters are followed,
    escapes whole, up to a quote or white space; a ``://`` inside another's run shares
    its answer, so a run of them is one pass."""
    from cassette_cli.rules.json_body import url_query_hits

    text = '["https://h/a", "https://h/b?x=1", "https://h/c\\"d?e", "ftp://f g?h", "x://y://z?", "s://t\\" u?"]'
    schemes = [text[text.rfind('"', 0, at) + 1 : at + 3] for at in url_query_hits(text)]
    assert schemes == ["https://", "https://", "ftp://", "x://", "x://y://"]
    chain = "://" * 50_000
    assert url_query_hits('"' + chain + '?"') == list(range(1, len(chain), 3))
    assert url_query_hits('"' + chain + '"') == []


def test_every_url_with_a_query_is_a_hit() -> None:
    """On random texts of URLs, quotes, escapes and white space: every ``://`` that a
    ``?`` follows within the URL's own characters (no quote, no white space, escapes
    whole) is in the string of a hit."""
    import random
    import re

    from cassette_cli.rules.json_body import url_query_hits

    precise = re.compile(r'://(?=(?:[^"\\\s?]|\\.)*\?)')
    rng = random.Random(9)
    parts = ["://", "https://h", "?", '"', '\\"', "\\\\", "\\n", " ", "\n", "a", "é", "/p", "=", "x://"]
    for _ in range(5000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        hits = url_query_hits(text)
        for m in precise.finditer(text):
            # the hit's run: from a hit at or before it, with no unescaped quote between
            assert any(at <= m.start() and '"' not in text[at:m.start()].replace('\\"', "") for at in hits), repr(text)


def _url_query_hits_one_pass(text: str) -> list[int]:
    """The reference: each ``://`` in turn, as url_query_hits was first written."""
    import re

    rest = re.compile(r'[^"\\\s?]*(?:\\.[^"\\\s?]*)*')
    hits: list[int] = []
    run_end, query = -1, False
    at = text.find("://")
    while at >= 0:
        if at >= run_end:
            run_end = text.find('"', at + 3)
            if run_end < 0:
                run_end = len(text)
            if run_end < len(text) and text[run_end - 1] == "\\":
                run_end = rest.match(text, at + 3).end()  # type: ignore[union-attr]
                query = run_end < len(text) and text[run_end] == "?"
            else:
                query = text.find("?", at + 3, run_end) >= 0
        if query:
            hits.append(at)
        at = text.find("://", at + 3)
    return hits


def test_starting_from_each_question_mark_gives_the_same_hits() -> None:
    """Where a text has a third as many ``?`` as ``://`` or fewer, the search starts from
    each ``?``: on random texts of both kinds, and on three built bodies that take it, the
    hits are those of the one pass over every ``://``."""
    import random

    from cassette_cli.rules.json_body import url_query_hits

    rng = random.Random(13)
    parts = ["://", "https://h", "?", '"', '\\"', "\\\\", "\\", "\\n", " ", "\n", "a", "é", "/p", "=", "x://", '\\\\"']
    fewer = 0
    for _ in range(40000):
        weights = [rng.random() for _ in parts]
        text = "".join(rng.choices(parts, weights, k=rng.randint(0, 30)))
        fewer += 3 * text.count("?") <= text.count("://") and "?" in text
        assert url_query_hits(text) == _url_query_hits_one_pass(text), repr(text)
    assert fewer > 5000  # both searches were tried many times
    links = '{"items": [' + ", ".join(f'{{"url": "https://api.github.com/r/{i}", "html_url": "https://github.com/r/{i}", "git_url": "git://github.com/r/{i}", "next": "https://x/{i}?page={i}"}}' for i in range(0, 3000, 7)) + "]}"
    body = json.dumps({"html": ' <a href="https://a/b">x</a>' * 50 + '<a href="https://c/?d=1">'})
    for text in (links, body, links.replace('"', '\\"')):
        assert 3 * text.count("?") <= text.count("://")  # the search from each "?"
        assert url_query_hits(text) == _url_query_hits_one_pass(text)
