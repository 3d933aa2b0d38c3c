"""httprr traces (`rsc.io/httprr`, used by langchaingo): raw HTTP/1.1 dumps.

- **Layout.** A text file starting `httprr trace v1\\n`, then one record per
  interaction: a line `N1 N2\\n` (decimal byte counts), then N1 bytes of the request as
  Go's `Request.Write` puts it on the wire (`POST https://host/path HTTP/1.1`, CRLF
  header lines, a blank line, the body) and N2 bytes of the response as
  `Response.Write` does (`HTTP/2.0 200 OK`, headers, blank line, body). No separator
  between records: the counts say where each ends.
- **Bodies.** As sent, Content-Length given; event streams included whole. A response
  read without a length is written `Transfer-Encoding: chunked` (hex size lines): shown
  de-chunked.
- **Scrubbing.** langchaingo's helpers replace keys before saving (`test-api-key`),
  and add header lines such as `User-Agent: langchaingo-httprr` ending in a bare LF.
- **Redacting.** Values are replaced as they are written (no quoting in this format).
  A changed request or response changes its byte count: the record's `N1 N2` line and
  the message's `Content-Length` are rewritten to match (so those lines change too).
  A secret inside a chunked body is not removed (an error says so).
"""

from __future__ import annotations

import re

from ..document import Document, Mapping, Scalar
from ..errors import CassetteError
from ..model import Body, Cassette, Header, Interaction, Request, Response

MAGIC = b"httprr trace v1\n"
CHUNKED = "httprr:chunked"  # the tag of a body stored chunked: shown de-chunked, never edited
_COUNTS = re.compile(rb"(\d+) (\d+)\n")


class Record:
    """Where one interaction sits: its counts line and its two messages (characters)."""

    __slots__ = ("counts", "request", "response", "lengths")

    def __init__(self, counts: tuple[int, int], request: tuple[int, int], response: tuple[int, int], lengths: tuple[Scalar | None, Scalar | None]) -> None:
        self.counts = counts
        self.request = request
        self.response = response
        self.lengths = lengths  # the Content-Length values of request and response


def is_httprr(data: bytes) -> bool:
    return data.startswith(MAGIC)


def read(data: bytes, path: str) -> Cassette:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CassetteError(path, f"httprr trace with bytes that are not UTF-8 (at byte {exc.start}): not read") from None
    if not text.isascii():
        offsets = _CharOffsets(data)
        char = offsets.char
    else:
        char = int  # every byte one character
    doc = Document(path, text)
    interactions: list[Interaction] = []
    records: list[Record] = []
    position = len(MAGIC)
    while position < len(data):
        match = _COUNTS.match(data, position)
        if match is None:
            raise doc.error(char(position), "httprr record must start with a line of two byte counts, 'N1 N2'")
        request_end = match.end() + int(match.group(1))
        response_end = request_end + int(match.group(2))
        if response_end > len(data):
            raise doc.error(char(position), f"httprr record counts {int(match.group(1))} + {int(match.group(2))} bytes but the file ends first")
        spans = (char(match.end()), char(request_end)), (char(request_end), char(response_end))
        interaction, lengths = _interaction(doc, len(interactions), text, spans)
        interactions.append(interaction)
        records.append(Record((char(position), char(match.end() - 1)), spans[0], spans[1], lengths))
        position = response_end
    cassette = Cassette(path, "httprr", "httprr", doc, interactions, None, "")
    cassette.records = records  # type: ignore[attr-defined]
    return cassette


def records_of(cassette: Cassette) -> list[Record]:
    return cassette.records  # type: ignore[attr-defined, no-any-return]


def _interaction(doc: Document, index: int, text: str, spans: tuple[tuple[int, int], tuple[int, int]]) -> tuple[Interaction, tuple[Scalar | None, Scalar | None]]:
    (q_start, q_end), (r_start, r_end) = spans
    first, q_headers, q_body, q_length = _message(doc, text, q_start, q_end, f"interaction {index} request")
    parts = first.value.split(" ")
    if len(parts) != 3:
        raise doc.error(first, "httprr request line must be 'METHOD URL HTTP/x'")
    url_at = first.start + len(parts[0]) + 1
    url = Scalar(parts[1], "raw", None, url_at, url_at + len(parts[1]))
    status_line, r_headers, r_body, r_length = _message(doc, text, r_start, r_end, f"interaction {index} response")
    status = status_line.value.split(" ", 2)
    code = int(status[1]) if len(status) > 1 and status[1].isdigit() else None
    request_node = _node(q_start, q_end, url=url, body=q_body.node)
    response_node = _node(r_start, r_end, body=r_body.node)
    interaction = Interaction(
        index=index,
        node=request_node,
        request=Request(node=request_node, method=parts[0].upper(), url=url.value, url_nodes=[url], headers=q_headers, body=q_body),
        response=Response(node=response_node, status=code, reason=status[2] if len(status) > 2 else None, headers=r_headers, body=r_body, duration_ms=None),
    )
    return interaction, (q_length, r_length)


def _node(start: int, end: int, **children: Scalar | None) -> Mapping:
    node = Mapping(False, None, start)
    node.end = end
    for key, child in children.items():
        if child is not None:
            node.map[key] = (Scalar(key, "", None, child.start, child.start), child)
    return node


def _message(doc: Document, text: str, start: int, end: int, what: str) -> tuple[Scalar, list[Header], Body, Scalar | None]:
    """The first line, headers, body and Content-Length value of one message."""
    lines = _lines(text, start, end)
    if not lines:
        raise doc.error(start, f"httprr {what} is empty")
    line_start, line_end, _ = lines[0]
    first = Scalar(text[line_start:line_end], "raw", None, line_start, line_end)
    headers: list[Header] = []
    length: Scalar | None = None
    chunked = False
    body_start = end
    for line_start, line_end, next_start in lines[1:]:
        if line_start == line_end:
            body_start = next_start
            break
        line = text[line_start:line_end]
        colon = line.find(":")
        if colon <= 0:
            raise doc.error(line_start, f"httprr {what}: header line without a name and a colon")
        value_at = line_start + colon + 1
        while value_at < line_end and text[value_at] in " \t":
            value_at += 1
        name = Scalar(line[:colon], "raw", None, line_start, line_start + colon)
        value = Scalar(text[value_at:line_end], "raw", None, value_at, line_end)
        headers.append(Header(name.value, name, [value], None))
        lowered = name.value.lower()
        if lowered == "content-length":
            length = value
        elif lowered == "transfer-encoding" and "chunked" in value.value.lower():
            chunked = True
    raw = text[body_start:end]
    if chunked:
        return first, headers, Body(Scalar(_dechunk(raw), "raw", CHUNKED, body_start, end)), length
    return first, headers, Body(Scalar(raw, "raw", None, body_start, end) if raw else None), length


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end without the line break, start of the next line) of each line up to
    the blank line that ends the headers (CRLF, or a bare LF as langchaingo writes some)."""
    found = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        if newline == -1:
            found.append((position, end, end))
            break
        line_end = newline - 1 if newline > position and text[newline - 1] == "\r" else newline
        found.append((position, line_end, newline + 1))
        if line_end == position:
            break  # the blank line: the body follows
        position = newline + 1
    return found


def _dechunk(raw: str) -> str:
    out = []
    position = 0
    while position < len(raw):
        newline = raw.find("\n", position)
        if newline == -1:
            break
        size_text = raw[position:newline].strip().split(";", 1)[0]
        try:
            size = int(size_text, 16)
        except ValueError:
            return raw  # not chunked after all: shown as it is
        if size == 0:
            break
        out.append(raw[newline + 1 : newline + 1 + size])
        position = newline + 1 + size + 2  # the chunk's CRLF
    return "".join(out)


class _CharOffsets:
    """Byte offsets of a UTF-8 text to character offsets."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def char(self, byte: int) -> int:
        return len(self.data[:byte].decode("utf-8", "surrogatepass"))

