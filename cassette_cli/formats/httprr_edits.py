"""Edits of an httprr trace: values replaced as written, then each changed message's
byte count put right (the record's `N1 N2` line, the message's Content-Length), and the
new trace read back and compared with what was intended."""

from __future__ import annotations

from typing import Iterable

from ..document import Edit, Scalar
from ..errors import CassetteError
from ..model import Cassette
from . import httprr


def emit(cassette: Cassette, node: Scalar, new_value: str) -> str:
    """The new value as the trace writes it: as it is (no quoting in raw HTTP)."""
    if node.tag == httprr.CHUNKED:
        line, column = cassette.document.positions.line_col(node.start)
        raise CassetteError(cassette.path, "a secret inside a chunked httprr body cannot be removed yet (the chunk sizes would need rewriting); nothing written", line, column)
    if node is not _body_of(cassette, node) and ("\n" in new_value or "\r" in new_value):
        raise CassetteError(cassette.path, "a replacement with a line break cannot stand in an HTTP header or request line")
    return new_value


def _body_of(cassette: Cassette, node: Scalar) -> Scalar | None:
    for interaction in cassette.interactions:
        for body in (interaction.request.body, interaction.response.body):
            if body.node is node:
                return node
    return None


def with_lengths(cassette: Cassette, edits: list[Edit]) -> list[Edit]:
    """The edits, plus those that make each record's byte counts and each changed
    body's Content-Length true again."""
    text = cassette.text
    extra: list[Edit] = []
    for interaction, record in zip(cassette.interactions, httprr.records_of(cassette)):
        sizes = []
        for (start, end), body, length in ((record.request, interaction.request.body, record.lengths[0]), (record.response, interaction.response.body, record.lengths[1])):
            inside = [e for e in edits if start <= e.start and e.end <= end]
            delta = _delta(text, inside)
            body_node = body.node
            if length is not None and body_node is not None:
                body_delta = _delta(text, [e for e in inside if body_node.start <= e.start and e.end <= body_node.end])
                if body_delta:
                    new_length = str(int(length.value) + body_delta)
                    extra.append(Edit(length.start, length.end, new_length))
                    delta += len(new_length) - len(length.value)
            sizes.append(len(text[start:end].encode("utf-8", "surrogatepass")) + delta)
        counts = f"{sizes[0]} {sizes[1]}"
        if counts != text[record.counts[0] : record.counts[1]]:
            extra.append(Edit(record.counts[0], record.counts[1], counts))
    return sorted(edits + extra)


def _delta(text: str, edits: Iterable[Edit]) -> int:
    return sum(len(e.text.encode("utf-8", "surrogatepass")) - len(text[e.start : e.end].encode("utf-8", "surrogatepass")) for e in edits)


def verify(cassette: Cassette, new: bytes, intended: dict[int, str]) -> None:
    """Read the new trace back: the same interactions, every changed value its intended
    one, every other value as it was, every Content-Length its body's size."""
    from ..document.verify import VerificationError

    again = httprr.read(new, cassette.path)
    if len(again.interactions) != len(cassette.interactions):
        raise VerificationError(cassette.path, "the redacted httprr trace does not read back to as many interactions; nothing written")
    for old, fresh in zip(cassette.interactions, again.interactions):
        pairs = [(old.request.url_nodes[0], fresh.request.url_nodes[0])]
        for before, after in ((old.request, fresh.request), (old.response, fresh.response)):
            if len(before.headers) != len(after.headers):
                raise VerificationError(cassette.path, f"interaction {old.index}: the headers do not read back; nothing written")
            pairs += [(a.values[0], b.values[0]) for a, b in zip(before.headers, after.headers) if a.values and b.values and a.name.lower() != "content-length"]
            if (before.body.node is None) != (after.body.node is None):
                raise VerificationError(cassette.path, f"interaction {old.index}: a body does not read back; nothing written")
            if before.body.node is not None and after.body.node is not None:
                pairs.append((before.body.node, after.body.node))
            length = after.header("content-length")
            if length is not None and after.body.node is not None and after.body.node.tag is None and int(length) != len(after.body.node.value.encode("utf-8", "surrogatepass")):
                raise VerificationError(cassette.path, f"interaction {old.index}: Content-Length does not match the body; nothing written")
        for before_node, after_node in pairs:
            if after_node.value != intended.get(before_node.start, before_node.value):
                raise VerificationError(cassette.path, f"interaction {old.index}: a value does not read back as intended; nothing written")
