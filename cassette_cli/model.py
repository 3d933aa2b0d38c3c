"""The format-agnostic cassette model. Every stored value keeps its node (span and style)."""

from __future__ import annotations

import json
from functools import cached_property

from .bodies.codecs import base64_may_be_text, decode_base64, gunzip, is_gzip, reencode
from .document import Document, Mapping, Node, Scalar, Sequence, to_python
from .records import Record


class Header(Record):
    FIELDS = ("name", "name_node", "values", "container")

    def __init__(self, name: str, name_node: Scalar, values: list[Scalar], container: Node | None = None) -> None:
        self.name = name
        self.name_node = name_node
        self.values = values  # each value as stored (a value may itself be !!binary)
        self.container = container  # the list holding the values, or the mapping for a lone value

    def texts(self) -> list[str]:
        return [scalar_text(v) for v in self.values]


_DECODED = ("stored", "data", "text")  # what a Body decodes and keeps


class Body(Record):
    """A body as stored: `node` holds text, or base64 when `base64` is set (binary tags,
    Ruby's base64_string). `data` is what the application saw: base64 decoded and gzip
    inflated (recognised by its magic bytes, whatever Content-Encoding says)."""

    FIELDS = ("node", "base64", "structured")

    def __init__(self, node: Scalar | None, base64: bool = False, structured: Node | None = None) -> None:
        self.node = node
        self.base64 = base64
        self.structured = structured  # a body stored as YAML data (pydantic-ai's parsed_body)

    @cached_property
    def stored(self) -> bytes:
        if self.structured is not None:
            return json.dumps(to_python(self.structured), ensure_ascii=False).encode("utf-8")
        if self.node is None or self.node.is_null:
            return b""
        if self.base64:
            return decode_base64(self.node.value)
        return self.node.value.encode("utf-8", "surrogatepass")

    @property
    def gzipped(self) -> bool:
        return self.base64 and is_gzip(self.stored)

    @cached_property
    def data(self) -> bytes:
        """Only base64-stored bodies can hold gzip: a YAML text scalar cannot."""
        raw = self.stored
        return gunzip(raw) if self.base64 and is_gzip(raw) else raw

    def passing_text(self) -> str | None:
        """:attr:`text`, without keeping it (or the bytes it came from) if they were not
        kept already: for a look at each body of a big file, one after the other."""
        return self._passing("text")

    def _passing(self, name: str):  # type: ignore[no-untyped-def]
        kept = [cached for cached in _DECODED if cached in self.__dict__]
        value = getattr(self, name)
        if "data" in self.__dict__ and "size" not in self.__dict__:
            self.__dict__["size"] = len(self.__dict__["data"])  # while it is at hand
        for cached in _DECODED:
            if cached not in kept:
                self.__dict__.pop(cached, None)
        return value

    def release(self) -> None:
        """Forget the decoded forms (bytes, text): a scan over many big bodies then holds
        one at a time, not all of them. They are decoded again if asked for."""
        for name in _DECODED:
            self.__dict__.pop(name, None)

    def reencode(self, data: bytes) -> bytes:
        """New application bytes stored the way this body was (see :func:`~.bodies.codecs.reencode`)."""
        return reencode(data, gzipped=self.gzipped)

    @cached_property
    def text(self) -> str | None:
        """The body as text when its bytes are UTF-8, else None."""
        if self.structured is not None:
            return self.stored.decode("utf-8")
        if self.node is None or self.node.is_null:
            return ""
        if not self.base64:
            return self.node.value
        if not base64_may_be_text(self.node.value):
            return None  # told by its first bytes: a big binary body is not decoded whole
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    @cached_property
    def size(self) -> int:
        if self.structured is not None:
            return len(self.stored)
        if self.node is None or self.node.is_null:
            return 0
        if not self.base64:
            value = self.node.value
            return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
        return len(self._passing("data"))


def scalar_text(node: Scalar) -> str:
    """A header value as text (binary-tagged values are decoded)."""
    if node.is_binary:
        return decode_base64(node.value).decode("utf-8", "replace")
    return node.value


class Request(Record):
    FIELDS = ("node", "method", "url", "url_nodes", "headers", "body", "form", "cookies")

    def __init__(
        self,
        node: Mapping,
        method: str,
        url: str,
        url_nodes: list[Scalar],
        headers: list[Header],
        body: Body,
        form: list[Header] | None = None,
        cookies: list[Header] | None = None,
    ) -> None:
        self.node = node
        self.method = method
        self.url = url
        self.url_nodes = url_nodes  # every place the URL is stored (go-vcr url + request_uri, uri)
        self.headers = headers
        self.body = body
        self.form = [] if form is None else form  # go-vcr's form map, shaped like headers
        self.cookies = [] if cookies is None else cookies  # HAR's cookies list: one value each

    def header(self, name: str) -> str | None:
        return first_header(self.headers, name)


class Response(Record):
    FIELDS = ("node", "status", "reason", "headers", "body", "duration_ms", "cookies", "mime_type")

    def __init__(
        self,
        node: Mapping | None,
        status: int | None,
        reason: str | None,
        headers: list[Header],
        body: Body,
        duration_ms: float | None,
        cookies: list[Header] | None = None,
        mime_type: str | None = None,
    ) -> None:
        self.node = node
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.duration_ms = duration_ms
        self.cookies = [] if cookies is None else cookies  # HAR's cookies list: one value each
        self.mime_type = mime_type  # the type the format records beside the headers (HAR's content.mimeType)

    def header(self, name: str) -> str | None:
        return first_header(self.headers, name)

    @property
    def content_type(self) -> str | None:
        found = self.header("content-type")
        return found if found is not None else self.mime_type


def first_header(headers: list[Header], name: str) -> str | None:
    lowered = name.lower()
    for header in headers:
        if header.name.lower() == lowered and header.values:
            return scalar_text(header.values[0])
    return None


class Interaction(Record):
    FIELDS = ("index", "node", "request", "response")

    def __init__(self, index: int, node: Mapping, request: Request, response: Response) -> None:
        self.index = index
        self.node = node
        self.request = request
        self.response = response


class Cassette(Record):
    FIELDS = ("path", "format", "layout", "document", "interactions", "items", "key", "compression")

    def __init__(
        self,
        path: str,
        format: str,
        layout: str,
        document: Document,
        interactions: list[Interaction],
        items: Sequence | None = None,
        key: str = "interactions",
        compression: str | None = None,
    ) -> None:
        self.path = path
        self.format = format  # one of formats.FORMATS: go-vcr-v1 | go-vcr-v2 | vcrpy | ruby-vcr | betamax | langchain | har | polly | nock
        self.layout = layout  # the emitter family: yaml.v2, yaml.v3, charm, pyyaml, psych, json
        self.document = document
        self.interactions = interactions
        # The sequence whose items are the interactions (None when they are spread over
        # two, as LangChain's requests/responses lists) and how locations spell it.
        self.items = items
        self.key = key
        self.compression = compression  # "gzip": the document is the inflated file (LangChain's .yaml.gz)

    @property
    def text(self) -> str:
        return self.document.text

    def keep_only(self, positions: list[int]) -> dict[int, Interaction]:
        """Let go of the tree and of every interaction but those at ``positions`` (valid
        ones), which are returned by position: `show FILE 0` of a 50 MB file, once the
        values found anywhere in it are known, holds one interaction's values, not all.
        The cassette is left without interactions; nothing else may be asked of it."""
        kept = {i: self.interactions[i] for i in positions if 0 <= i < len(self.interactions)}
        self.interactions = []
        self.items = None
        self.document.root = None
        return kept
