"""The one JSON tokenizer with positions: JSON cassettes and JSON bodies are read by it.

JSON is almost YAML, but not quite for a YAML 1.1 parser: surrogate-pair escapes
(`\\ud83d\\ude00`, what `json.dumps` writes for an emoji) and raw DEL or C1 control
characters in strings are valid JSON that libyaml refuses. So a document that starts
with `{` or `[` and parses as JSON is tokenized here, with spans, in document order; the
redaction rules walk JSON bodies with the same tokens."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Iterator

from ..errors import CassetteError

__all__ = ["END", "KEY", "LITERAL", "MAP_START", "SEQ_START", "STRING", "events", "is_json", "json_problem", "looks_like_json", "raise_if_json", "read_as_json"]

_WS = re.compile(r"[ \t\n\r]+")
# json.loads also takes NaN, Infinity and -Infinity
_LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null|NaN|-?Infinity")

MAP_START, SEQ_START, END, KEY, STRING, LITERAL = "map", "seq", "end", "key", "string", "literal"

Token = tuple[str, int, int, "str | None"]


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


def events(text: str, *, values: bool = True) -> Iterator[Token]:
    """(kind, start, end, value) for the JSON document in text, in document order.

    `text` must be valid JSON (check with `is_json` first); offsets count the BOM.
    Kinds: map and seq (where the collection opens), end (where it closes), key and
    string (value decoded; with values=False a string's value is None, only keys are
    decoded), literal (value as written: `null`, `true`, `12.5`)."""
    i = 1 if text.startswith("\ufeff") else 0
    n = len(text)
    in_object: list[bool] = []  # per open collection: is it an object
    want_key = False  # the next string in the innermost object is a key
    while i < n:
        c = text[i]
        if c == '"':
            # json's own C scanner: the string decoded as json.loads decodes it, and its
            # end (a regular expression for a string is slow on escape-heavy text)
            value, end = scanstring(text, i + 1, False)
            if want_key:
                yield KEY, i, end, value
                want_key = False
            else:
                yield STRING, i, end, value if values else None
            i = end
        elif c == ",":
            want_key = in_object[-1]
            i += 1
        elif c == ":":
            i += 1
        elif c == "{" or c == "[":
            yield (MAP_START if c == "{" else SEQ_START), i, i + 1, None
            in_object.append(c == "{")
            want_key = c == "{"
            i += 1
        elif c == "}" or c == "]":
            in_object.pop()
            want_key = False
            yield END, i, i + 1, None
            i += 1
        elif c in " \t\n\r":
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
        else:
            match = _LITERAL.match(text, i)
            assert match is not None  # valid JSON
            yield LITERAL, i, match.end(), match.group()
            i = match.end()


def read_as_json(head: str, path: str) -> bool:
    """Is a file read as JSON: it starts with `{` or `[`, or its name ends in `.json`
    (a tsconfig-like file may start with a comment)? Its errors are then JSON's."""
    return looks_like_json(head) or path.lower().endswith(".json")


def json_problem(text: str) -> tuple[str, int, int] | None:
    """Why `text` is not JSON, and where (line and column 1-based, counting a BOM as a
    column of line 1); None when it is JSON."""
    bom = text.startswith("\ufeff")
    try:
        json.loads(text[1:] if bom else text)
    except json.JSONDecodeError as exc:
        return _what(exc), exc.lineno, exc.colno + (1 if bom and exc.lineno == 1 else 0)
    except RecursionError:
        return "nested too deeply", 1, 1
    except ValueError as exc:
        return (str(exc).splitlines() or ["not JSON"])[0], 1, 1
    return None


def _what(exc: json.JSONDecodeError) -> str:
    """json's reason, named plainly for the two things JSON-like config files hold."""
    at = exc.doc[exc.pos : exc.pos + 2]
    if at in ("//", "/*"):
        return "a comment (JSON has none)"
    before = exc.doc[: exc.pos].rstrip(" \t\r\n")
    if before.endswith(",") and at[:1] in ("}", "]"):
        return "a trailing comma (JSON allows none)"
    return exc.msg.removesuffix(" at")  # "Invalid control character at" names no place itself


def raise_if_json(text: str | bytes, path: str) -> None:
    """For a file read as JSON (`read_as_json`) that the YAML parser refused: raise
    JSON's own reason and place, `malformed JSON: ...`; return for any other file."""
    head = text[:256].decode("utf-8", "ignore") if isinstance(text, bytes) else text[:256]
    if not read_as_json(head, path):
        return
    problem = json_problem(text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
    if problem is not None:
        what, line, column = problem
        raise CassetteError(path, f"malformed JSON: {what}", line, column) from None
