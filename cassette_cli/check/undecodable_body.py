"""`undecodable-body`: a body a client could not read back: a Content-Encoding (gzip,
deflate) that does not decode, a JSON content type whose body is not JSON, a binary
value (`!!binary`, Ruby's base64_string) that is not base64."""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Iterator

from ..bodies import Kind, declared_kind
from ..document import iter_scalars
from ..model import Body
from .places import body_offset, spell
from .rule import CheckRule, Context, Hit, Options

DECODERS = {"gzip": lambda b: zlib.decompress(b, 16 + zlib.MAX_WBITS), "x-gzip": lambda b: zlib.decompress(b, 16 + zlib.MAX_WBITS), "deflate": lambda b: _inflate(b)}
NOT_ENCODED = frozenset({"", "identity", "none"})


def _inflate(raw: bytes) -> bytes:
    try:
        return zlib.decompress(raw)  # zlib-wrapped, as RFC 9110 says
    except zlib.error:
        return zlib.decompress(raw, -zlib.MAX_WBITS)  # raw deflate, as some servers send


def not_base64(text: str) -> str | None:
    """Why text is not base64, or None when it is (whitespace and missing padding allowed)."""
    compact = "".join(text.split())
    try:
        base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        return str(exc)
    return None


def encoding_problem(body: Body, encoding: str | None) -> str | None:
    """Why the body's bytes do not decode by its Content-Encoding, or None. A body stored
    as text was stored decoded (the recorder's decode option) and is not judged here;
    neither are encodings this Python cannot decode (br, zstd)."""
    if not encoding or not body.base64:
        return None
    data = body.stored
    if not data:
        return None
    for name in reversed([e.strip().lower() for e in encoding.split(",")]):
        if name in NOT_ENCODED:
            continue
        decoder = DECODERS.get(name)
        if decoder is None:
            return None
        try:
            data = decoder(data)
        except (zlib.error, OSError, EOFError) as exc:
            return f"Content-Encoding {name}, but the body does not decode ({exc})"
    return None


def json_problem(body: Body, content_type: str | None) -> str | None:
    if declared_kind(content_type) is not Kind.JSON or body.structured is not None:
        return None
    text = body.text
    if text is None:
        return "JSON content type, but the body is not UTF-8 text"
    if not text.strip():
        return None  # no body at all (204, HEAD): nothing to parse
    try:
        json.loads(text)
    except RecursionError:
        return None
    except ValueError as exc:
        if _json_values(text) or _json_once_filled(text):
            return None
        return f"JSON content type, but the body is not JSON ({exc})"
    return None


_DECODER = json.JSONDecoder()


def _json_values(text: str) -> bool:
    """Whether ``text`` is JSON values one after another (newline-delimited JSON, as
    Docker's API streams under application/json)."""
    at, end, count = 0, len(text), 0
    while True:
        while at < end and text[at] in " \t\r\n":
            at += 1
        if at == end:
            return count > 1
        try:
            _, at = _DECODER.raw_decode(text, at)
        except (ValueError, RecursionError):
            return False
        count += 1


# A recorder's placeholder for a filtered value (Ruby VCR's filter_sensitive_data writes
# `<GITHUB_TOKEN>` and puts the value back when it replays): `{"id":<APP_ID>}` is JSON
# again once it is filled in.
PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")


def _json_once_filled(text: str) -> bool:
    if "<" not in text:
        return False
    filled, count = PLACEHOLDER.subn("0", text)
    if not count:
        return False
    try:
        json.loads(filled)
    except (ValueError, RecursionError):
        return False
    return True


def check(context: Context, options: Options) -> Iterator[Hit]:
    bodies: set[int] = set()
    for interaction, masked in zip(context.cassette.interactions, context.masked):
        for side in ("request", "response"):
            message = getattr(interaction, side)
            body = message.body
            if message.node is None or body.node is None and body.structured is None:
                continue
            if body.node is not None:
                bodies.add(body.node.start)
            where = f"{context.where(interaction.index)}.{side}.body"
            if body.base64 and body.node is not None and (why := not_base64(body.node.value)):
                yield Hit(body.node.start, f"{side} body is stored as base64 but is not base64 ({why})", where)
                continue
            encoding = message.header("content-encoding")
            why = encoding_problem(body, encoding)
            if why is None and _readable(encoding):
                why = json_problem(body, message.header("content-type"))
            if why:
                yield Hit(body_offset(body, message.node), f"{side} body of {masked.method} {masked.url}: {why}", where)
    if not context.cassette.document.holds("!binary"):  # also finds !!binary: a file without either has none
        return
    for path, scalar in iter_scalars(context.cassette.document.root):
        if scalar.is_binary and scalar.start not in bodies and (why := not_base64(scalar.value)):
            yield Hit(scalar.start, f"binary value is not base64 ({why})", spell(path))


def _readable(encoding: str | None) -> bool:
    """Whether the model reads the body through this Content-Encoding (gzip is inflated
    by its magic bytes; deflate, br and zstd are not), so its text can be judged."""
    return not encoding or all(e.strip().lower() in NOT_ENCODED | {"gzip", "x-gzip"} for e in encoding.split(","))


RULE = CheckRule(
    id="undecodable-body",
    description="a body that does not decode: Content-Encoding gzip/deflate that does not inflate, a JSON content type holding no JSON, base64 that is not base64",
    default=True,
    check=check,
    fires=("Content-Encoding: gzip on !!binary bytes that are not gzip", "Content-Type: application/json with body <html>", "!!binary holding 'not base64!'"),
    quiet=("a gzip body that inflates", "an empty body with a JSON content type (204)", "a text body stored decoded while the header still says gzip", "Content-Encoding: br (not decoded here)"),
    fix="Record the cassette again; for a body stored decoded, drop the Content-Encoding header with it.",
)
