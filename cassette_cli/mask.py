"""The one masking boundary: every view is built from a masked interaction.

`Masker` holds the whole configured policy (headers, query parameters, body keys,
patterns, allow list, disabled rules: what `redact` reads) and masks a value of each
kind with the very functions `redact` edits the file with, so what a view hides and
what `redact` removes cannot diverge. `MaskedInteraction` is what views see: its public
attributes are masked strings and numbers, computed when first asked for (so `ls` never
scans a body it does not show). Views take nothing else; none of them sees the model.

Event streams are decoded from the masked body (an AWS event stream, which is binary,
has each event's payload masked), so every event, its summary and the message they
assemble into come from masked data; the assembled text, reasoning and tool-call
arguments are masked once more, for a secret that only appears whole once the deltas
are joined."""

from __future__ import annotations

import base64
from functools import cached_property
from typing import TYPE_CHECKING

from .bodies import Kind, declared_kind, kind_of
from .model import Body, Cassette, Header, Interaction, scalar_text
from .records import Record

if TYPE_CHECKING:
    from .redact.propagate import Known
    from .rules.policy import Policy
    from .streams.assembly import Assembly
    from .streams.sse import EventStream


# Cassettes whose found values a Masker keeps at once: `diff` looks at two in turn (with
# one, each switch between them would scan a whole file again).
KNOWN_KEPT = 2


class Masker:
    """Masks values of each kind under one policy. The rules are imported, and the
    built-in policy made, when a first value is masked: a command that masks nothing
    (`ls` of a cassette without interactions, `--help`) does not pay for them."""

    def __init__(self, policy: Policy | None = None) -> None:
        self._policy = policy
        self._known: dict[int, tuple[Cassette, Known]] = {}

    @property
    def policy(self) -> Policy:
        if self._policy is None:
            from .rules.policy import default_policy

            self._policy = default_policy()
        return self._policy

    def known(self, cassette: Cassette) -> Known:
        """The values the rules find anywhere in ``cassette`` (found once per cassette,
        with every rule `redact` runs), so a view hides each wherever else it occurs."""
        entry = self._known.get(id(cassette))
        if entry is None or entry[0] is not cassette:
            from .redact.propagate import find_known

            self.remember(cassette, find_known(cassette, self.policy))
            entry = self._known[id(cassette)]
        return entry[1]

    def remember(self, cassette: Cassette, known: Known) -> None:
        """Take the values already found in ``cassette`` (by a redaction plan under this
        policy: `check` plans before it shows), so :meth:`known` does not scan it again."""
        if id(cassette) not in self._known and len(self._known) >= KNOWN_KEPT:
            del self._known[next(iter(self._known))]  # the oldest goes: memory stays bounded
        self._known[id(cassette)] = (cassette, known)

    def text(self, text: str) -> str:
        from .rules.urls import redact_string

        return redact_string(text, self.policy)[0]

    def url(self, url: str) -> str:
        from .rules.urls import redact_url

        return redact_url(url, self.policy)[0]

    def header(self, name: str, value: str) -> str:
        from .rules.urls import redact_header_value

        return redact_header_value(name, value, self.policy)[0]

    def body(self, text: str, content_type: str | None, body: Body | None = None) -> str:
        """A body's text masked; ``body``: the Body whose ``text`` it is, when it is one."""
        from .rules.bodies import redact_body

        return redact_body(text, content_type, self.policy)[0]

    def interaction(self, cassette: Cassette, interaction: Interaction, *, propagate: bool = True) -> MaskedInteraction:
        """``propagate=False`` (`ls`) masks each value by the rules alone, without
        reading the whole file first for values found elsewhere."""
        return MaskedInteraction(cassette, interaction, _Spreading(self, cassette) if propagate else self)


class _Spreading(Masker):
    """A Masker that also removes the values found elsewhere in one cassette."""

    def __init__(self, masker: Masker, cassette: Cassette) -> None:
        self._policy = masker.policy
        self.__masker = masker
        self.__cassette = cassette

    def __spread(self, value: str) -> str:
        known = self.__masker.known(self.__cassette)
        if not known:
            return value
        found = known.findings(value)
        if not found:
            return value
        from .rules.finding import splice

        return splice(value, found)

    def text(self, text: str) -> str:
        return self.__spread(super().text(text))

    def url(self, url: str) -> str:
        return self.__spread(super().url(url))

    def header(self, name: str, value: str) -> str:
        return self.__spread(super().header(name, value))

    def body(self, text: str, content_type: str | None, body: Body | None = None) -> str:
        # the findings of the file's scan, when it scanned this body (the same text)
        found = None if body is None or body.node is None else self.__masker.known(self.__cassette).bodies.get(body.node.start)
        if found is None:
            return self.__spread(super().body(text, content_type))
        from .rules.finding import splice

        return self.__spread(splice(text, found) if found else text)


class MaskedBody(Record):
    FIELDS = ("text", "size", "absent", "binary", "notes", "stored", "stored_bytes", "sha256")

    def __init__(
        self,
        text: str | None,
        size: int,
        absent: bool,
        binary: bool,
        notes: list[str] | None = None,
        stored: str | None = None,
        stored_bytes: bytes | None = None,
        sha256: str | None = None,
    ) -> None:
        self.text = text  # decoded text, masked; None when binary
        self.size = size  # decoded bytes
        self.absent = absent
        self.binary = binary
        self.notes = [] if notes is None else notes  # "gzip-compressed, shown inflated", ...
        self.stored = stored  # the scalar as stored (for --raw), masked; only when asked for
        self.stored_bytes = stored_bytes  # the body's bytes as recorded (base64 decoded, gzip kept), masked; with `stored`
        self.sha256 = sha256  # of a binary body's bytes


class MaskedMessage(Record):
    FIELDS = ("headers", "body", "content_type")

    def __init__(self, headers: list[tuple[str, list[str]]], body: MaskedBody, content_type: str | None) -> None:
        self.headers = headers
        self.body = body
        self.content_type = content_type


class MaskedStream(Record):
    FIELDS = ("stream", "assembly", "reason")

    def __init__(self, stream: EventStream, assembly: Assembly, reason: str | None = None) -> None:
        self.stream = stream  # every event's data and every comment masked
        self.assembly = assembly  # assembled from the masked events, its texts masked again
        self.reason = reason  # why a body without an event-stream content type was decoded


class MaskedInteraction:
    """One interaction as every view sees it: masked, computed on demand."""

    def __init__(self, cassette: Cassette, interaction: Interaction, masker: Masker) -> None:
        self.file = cassette.path
        self.format = cassette.format
        self.index = interaction.index
        self.__interaction = interaction
        self.__masker = masker
        self.raw_bodies = False  # set before reading `request`/`response` to keep the stored form

    @cached_property
    def method(self) -> str:
        return self.__masker.text(self.__interaction.request.method)

    @cached_property
    def url(self) -> str:
        return self.__masker.url(self.__interaction.request.url)

    @property
    def status(self) -> int | None:
        return self.__interaction.response.status

    @cached_property
    def reason(self) -> str | None:
        reason = self.__interaction.response.reason
        return None if reason is None else self.__masker.text(reason)

    @property
    def duration_ms(self) -> float | None:
        return self.__interaction.response.duration_ms

    @cached_property
    def content_type(self) -> str | None:
        """The response's Content-Type, masked like any header value."""
        value = self.__interaction.response.content_type
        return None if value is None else self.__masker.header("Content-Type", value)

    @property
    def request_bytes(self) -> int:
        return self.__interaction.request.body.size

    @property
    def response_bytes(self) -> int:
        return self.__interaction.response.body.size

    @cached_property
    def sse_events(self) -> int | None:
        """For a text/event-stream response, how many events it dispatches."""
        response = self.__interaction.response
        if declared_kind(response.content_type) is not Kind.EVENT_STREAM:
            if self._json_array_stream():
                from .streams.json_array import count_elements

                return count_elements(response.body.text or "")
            return None
        from .streams.sse import count_events

        text = response.body.passing_text()
        return count_events(text) if text is not None else 0

    def _json_array_stream(self) -> bool:
        """A JSON response to a JSON-array stream request (Gemini without `alt=sse`)."""
        from .streams.json_array import is_stream_url

        return is_stream_url(self.__interaction.request.url) and declared_kind(self.__interaction.response.content_type) is Kind.JSON

    @cached_property
    def request(self) -> MaskedMessage:
        request = self.__interaction.request
        content_type = request.header("content-type")
        return MaskedMessage(self._headers(request.headers), self._body(request.body, content_type), content_type and self.__masker.header("Content-Type", content_type))

    @cached_property
    def response(self) -> MaskedMessage:
        response = self.__interaction.response
        return MaskedMessage(self._headers(response.headers), self._body(response.body, response.content_type), self.content_type)

    @cached_property
    def stream(self) -> MaskedStream | None:
        """The response's event stream, decoded from the masked body; None when it holds none."""
        body = self.__interaction.response.body
        content_type = self.__interaction.response.content_type
        text = self.response.body.text  # masked; None when the body is binary
        if text is not None and self._json_array_stream():
            from .streams.json_array import parse_json_array

            array = parse_json_array(text)
            if array is not None:
                return MaskedStream(array, self._assembly(array, "gemini"), "a JSON array of responses (streamGenerateContent without alt=sse), one event per element")
        kind = kind_of(content_type, text, data=body.data if body.base64 else None, strict=True)
        if kind is not Kind.AWS_EVENT_STREAM and kind is not Kind.EVENT_STREAM:
            return None
        sniffed = kind is not declared_kind(content_type)
        shown = content_type and self.__masker.header("Content-Type", content_type)
        if kind is Kind.AWS_EVENT_STREAM:
            from .streams.assembly import assemble
            from .streams.aws import EventStreamError, bedrock_to_event_stream
            from .streams.sse import EventStream

            try:
                stream = self._masked_events(bedrock_to_event_stream(body.data))
            except EventStreamError as exc:
                assembly = assemble(EventStream(), "bedrock")
                assembly.warnings.append(f"cannot decode the AWS event stream: {exc}")
                return MaskedStream(EventStream(), assembly)
            reason = f"content type is {shown or 'missing'}, but the body is an AWS event stream" if sniffed else None
            return MaskedStream(stream, self._assembly(stream, "bedrock"), reason)
        from .streams.sse import parse_event_stream

        assert text is not None
        stream = parse_event_stream(text)
        reason = f"content type is {shown or 'missing'}, but the body parses as an event stream" if sniffed else None
        return MaskedStream(stream, self._assembly(stream), reason)

    # -- masking the parts ---------------------------------------------------------

    def _headers(self, headers: list[Header]) -> list[tuple[str, list[str]]]:
        mask = self.__masker
        return [(mask.text(h.name), [mask.header(h.name, scalar_text(v)) for v in h.values]) for h in headers]

    def _body(self, body: Body, content_type: str | None) -> MaskedBody:
        absent = body.node is None and body.structured is None or (body.node is not None and body.node.is_null)
        notes: list[str] = []
        if body.gzipped:
            notes.append("gzip-compressed in the cassette, shown inflated")
        elif body.base64:
            notes.append("stored as base64, shown decoded")
        if body.structured is not None:
            notes.append("stored as YAML data (parsed_body), shown as JSON")
        text = body.text
        masked = None if text is None else self.__masker.body(text, content_type, body)
        stored = None
        if self.raw_bodies and body.node is not None and not body.node.is_null:
            if not body.base64:
                stored = masked  # the text is the stored value itself
            elif masked is not None and masked != text:
                # the stored base64 holds a secret: show it encoded again from the masked body
                stored = base64.encodebytes(body.reencode(masked.encode("utf-8"))).decode("ascii")
                notes.append("stored as base64 with secrets inside: re-encoded here after masking them")
            else:
                stored = body.node.value  # base64 of bytes that hold no secret a rule finds
        binary = text is None
        stored_bytes = None
        from .rules.multipart import may_be_text, text_of_bytes

        if self.raw_bodies and binary and body.node is not None and may_be_text(content_type):
            decoded = text_of_bytes(body.data, content_type)  # latin-1 text, multipart with binary parts
            if decoded is not None and self.__masker.body(decoded[0], content_type) != decoded[0]:
                data = self.__masker.body(decoded[0], content_type).encode(decoded[1], "replace")
                stored_bytes = body.reencode(data) if body.base64 else data
                stored = base64.encodebytes(stored_bytes).decode("ascii")
                notes.append("stored as base64 with secrets inside: re-encoded here after masking them")
        if self.raw_bodies and stored_bytes is None:
            if masked is None or masked == text:
                stored_bytes = body.stored
            else:
                encoded = masked.encode("utf-8", "surrogatepass")
                stored_bytes = body.reencode(encoded) if body.base64 else encoded
        return MaskedBody(
            text=masked,
            size=body.size,
            absent=absent,
            binary=binary,
            notes=notes,
            stored=stored,
            stored_bytes=stored_bytes,
            sha256=_sha256(body.data) if binary else None,
        )

    def _masked_events(self, stream: EventStream) -> EventStream:
        """A decoded binary stream with each event's payload masked as a body."""
        from dataclasses import replace

        mask = self.__masker
        stream.events = [replace(e, event=mask.text(e.event), id=e.id and mask.text(e.id), data=mask.body(e.data, None)) for e in stream.events]
        stream.comments = [replace(c, text=mask.text(c.text)) for c in stream.comments]
        return stream

    def _assembly(self, stream: EventStream, kind: str | None = None) -> Assembly:
        from .streams.assembly import assemble

        mask = self.__masker
        assembly = assemble(stream, kind)
        assembly.text = mask.text(assembly.text)
        if assembly.reasoning is not None:
            assembly.reasoning = mask.text(assembly.reasoning)
        for call in assembly.tool_calls:
            call.arguments = mask.body(call.arguments, "application/json")
        return assembly


def _sha256(data: bytes) -> str:
    import hashlib  # here: its import costs a small `ls` 3 ms

    return hashlib.sha256(data).hexdigest()
