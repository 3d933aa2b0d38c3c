"""percent_decode_map copies the text between escapes a run at a time; it gives what
the character-by-character decoding gave (kept here as the reference). Asked for no
offsets, it and propagation's unescape_map give the same text (propagation searches it
before making the offsets)."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from cassette_cli.redact.propagate import unescape_map
from cassette_cli.rules.urls import HEX, percent_decode_map


def _one_by_one(raw: str, *, plus: bool) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "%" and i + 2 < n and raw[i + 1] in HEX and raw[i + 2] in HEX:
            decoder = codecs.getincrementaldecoder("utf-8")("replace")
            pending: int | None = None
            while i + 2 < n and raw[i] == "%" and raw[i + 1] in HEX and raw[i + 2] in HEX:
                if pending is None:
                    pending = i
                out = decoder.decode(bytes([int(raw[i + 1 : i + 3], 16)]))
                chars.extend(out)
                offsets.extend([pending] * len(out))
                if out:
                    pending = None
                i += 3
            out = decoder.decode(b"", final=True)
            chars.extend(out)
            offsets.extend([pending if pending is not None else i] * len(out))
        else:
            chars.append(" " if plus and c == "+" else c)
            offsets.append(i)
            i += 1
    offsets.append(n)
    return "".join(chars), offsets


PIECES = st.sampled_from(["%", "%2", "%20", "%41", "%e2%82%ac", "%E2%82", "%C3", "%ff", "%zz", "+", "a", "é", "%%41", "\n", "?k=v&"])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join), st.booleans())
def test_runs_decode_as_characters_did(raw: str, plus: bool) -> None:
    assert percent_decode_map(raw, plus=plus) == _one_by_one(raw, plus=plus)


def test_examples() -> None:
    for raw in ("", "plain text", "a%20b", "%E2%82%AC+1", "100%", "%4", "x%41%42y", "%C3%A9t%C3%A9"):
        for plus in (False, True):
            assert percent_decode_map(raw, plus=plus) == _one_by_one(raw, plus=plus)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join), st.booleans())
def test_without_offsets_the_same_text(raw: str, plus: bool) -> None:
    assert percent_decode_map(raw, plus=plus, offsets=False) == (percent_decode_map(raw, plus=plus)[0], [])


JSON_PIECES = st.sampled_from(["\\", "\\n", '\\"', "\\u00e9", "\\ud83d\\ude0a", "\\ud83d", "\\u12", "\\x", "\\/", "a", "é", "%41", "\n"])


@settings(max_examples=600, deadline=None)
@given(st.lists(JSON_PIECES, max_size=24).map("".join))
def test_unescape_without_offsets_the_same_text(text: str) -> None:
    decoded, offsets = unescape_map(text)
    assert len(offsets) == len(decoded) + 1 and offsets[-1] == len(text)
    assert unescape_map(text, offsets=False) == (decoded, [])
