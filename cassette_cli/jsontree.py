"""JSON cassettes read as JSON, into the same events as YAML (see yamlsplice).

JSON is almost YAML, but not quite for a YAML 1.1 parser: surrogate-pair escapes
(`\\ud83d\\ude00`, what `json.dumps` writes for an emoji) and raw DEL or C1 control
characters in strings are valid JSON that libyaml refuses. So a document that starts
with `{` or `[` and parses as JSON is read here, with spans, by a small scanner."""

from __future__ import annotations

import json
import re
from typing import Iterator

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")

MAP_START, SEQ_START, END, KEY, STRING, LITERAL = "map", "seq", "end", "key", "string", "literal"


def looks_like_json(head: str) -> bool:
    return head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def is_json(text: str) -> bool:
    """True when the text (a BOM allowed) is one JSON document."""
    body = text[1:] if text.startswith("\ufeff") else text
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


def events(text: str) -> Iterator[tuple[str, int, int, str | None]]:
    """(kind, start, end, value) for the JSON document in text, in document order.

    `text` must be valid JSON (check with `is_json` first); offsets count the BOM.
    Kinds: map and seq (where the collection opens), end (where it closes), key and
    string (value decoded), literal (value as written: `null`, `true`, `12.5`)."""
    i = 1 if text.startswith("\ufeff") else 0
    n = len(text)
    in_object: list[bool] = []  # per open collection: is it an object
    want_key = False  # the next string in the innermost object is a key
    while True:
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if i >= n:
            return
        c = text[i]
        if c == "{" or c == "[":
            yield (MAP_START if c == "{" else SEQ_START), i, i + 1, None
            in_object.append(c == "{")
            want_key = c == "{"
            i += 1
        elif c == "}" or c == "]":
            in_object.pop()
            want_key = False
            yield END, i, i + 1, None
            i += 1
        elif c == ",":
            want_key = bool(in_object) and in_object[-1]
            i += 1
        elif c == ":":
            i += 1
        elif c == '"':
            match = _STRING.match(text, i)
            assert match is not None  # valid JSON
            end = match.end()
            token = text[i:end]
            value = json.loads(token) if "\\" in token else token[1:-1]
            yield (KEY if want_key else STRING), i, end, value
            want_key = False
            i = end
        else:
            match = _LITERAL.match(text, i)
            assert match is not None  # valid JSON
            yield LITERAL, i, match.end(), match.group()
            i = match.end()
