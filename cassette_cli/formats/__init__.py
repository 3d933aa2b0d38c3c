"""Detect a cassette's format by its shape (never its file name) and read it into the model."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable

from ..errors import CassetteError, NotACassette
from ..model import Cassette, Interaction
from ..document import Document, Mapping, Scalar, Sequence, check_bytes, compose
from ..document.file_bytes import FileBytes
from ..document.json_tokens import looks_like_json
from . import common as c
from . import container, go_vcr, har, httprr, langchain, nock, ruby_vcr, vcrpy

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("go-vcr-v1", "go-vcr-v2", "vcrpy", "ruby-vcr", "betamax", "langchain", "har", "polly", "nock", "httprr")

Reader = Callable[[Document, int, Mapping], Interaction]


def read_file(path: str | Path, head: int | None = None) -> tuple[str, bytes]:
    """The bytes of a regular file (only its first `head` bytes, if given); a FIFO, a
    device or a socket is refused before it is opened (reading one could block for ever);
    an OSError becomes a CassetteError naming the path."""
    import stat

    name = str(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise CassetteError(name, "not a regular file (a FIFO, device or socket): only files are read")
        with open(path, "rb") as handle:
            return name, handle.read() if head is None else handle.read(head)
    except FileNotFoundError:
        raise CassetteError(name, "no such file") from None
    except IsADirectoryError:
        raise CassetteError(name, "is a directory") from None
    except OSError as exc:
        raise CassetteError(name, f"cannot read: {exc.strerror or exc}") from None


STREAMED_MIN = 1 << 22  # bytes: a YAML file this big is parsed from the disk, a block at a time
HEAD = 4096  # bytes read first, to tell such a file
# Interactions this small on average: the nodes outweigh the file's bytes many times, and
# the many small reads a rewrite makes (a line's start, each scalar's source) are faster
# from memory: the bytes are held once parsed (redact of the 11 MB go-vcr file: 5% faster)
SMALL_INTERACTION = 1 << 16


def load_cassette(path: str | Path) -> Cassette:
    """The cassette in a file. A big YAML one is parsed as it is read, and its document
    holds the open file (FileBytes), not its bytes: the nodes are all the memory it
    takes, and what is asked of the source later reads only what it needs."""
    name, head = read_file(path, HEAD)
    if len(head) == HEAD and not container.is_gzip(head) and not httprr.is_httprr(head) and not looks_like_json(head.decode("utf-8", "ignore")) and _big(name):
        data = FileBytes.open(name)
        if data is not None:
            check_bytes(data, name)  # type: ignore[arg-type]
            cassette = read_document(compose(data, name))
            cassette.compression = None
            if len(cassette.interactions) * SMALL_INTERACTION > len(data):
                cassette.document.hold_bytes()
            return cassette
    name, data = read_file(path)
    return parse_cassette(data, name)


def _big(name: str) -> bool:
    try:
        return os.path.getsize(name) >= STREAMED_MIN
    except OSError:
        return False  # read_file says what is wrong


def parse_cassette(data: bytes, path: str) -> Cassette:
    """The parser reads the UTF-8 bytes themselves; the text is decoded only when needed.
    A gzip file (LangChain's `.yaml.gz`) is inflated first and read like any other."""
    compression = None
    if container.is_gzip(data):
        data, compression = container.inflate(data, path), "gzip"
    if httprr.is_httprr(data):
        cassette = httprr.read(data, path)
    else:
        check_bytes(data, path)
        cassette = read_document(compose(data, path))
    cassette.compression = compression
    return cassette


def read_document(doc: Document) -> Cassette:
    root = doc.root
    if type(root) is Sequence:
        first = root.items[0] if root.items else None
        if type(first) is Mapping and nock.is_nock(first):
            return _cassette(doc, "nock", root, "", nock.read_interactions(doc, root))
        if type(first) is Mapping and "request" in first.map and "response" in first.map:
            raise CassetteError(doc.path, "legacy cassette: a list of interactions at the top (VCR.py before 1.0, Ruby VCR 1.x) is not supported", *doc.positions.line_col(root.start))
        raise NotACassette(doc.path, "not a cassette: the top level is a list", *doc.positions.line_col(root.start))
    if type(root) is not Mapping:
        raise NotACassette(doc.path, "not a cassette: the top level is not a mapping", *doc.positions.line_col(root.start if root is not None else 0))
    if har.is_har(root):
        entries = har.entries(doc, root)
        return _cassette(doc, har.format_of(root), entries, "log.entries", har.read_interactions(doc, entries))
    if langchain.is_langchain(root):
        return _cassette(doc, "langchain", None, "requests", langchain.read_interactions(doc, root))

    fmt, reader, key = _detect(doc, root)
    items = c.sequence(doc, root.get(key), key, at=root.map[key][0])
    interactions = []
    for index, item in enumerate(items.items):
        interactions.append(reader(doc, index, c.mapping(doc, item, f"{key}[{index}]")))
    return Cassette(doc.path, fmt, _layout(doc, fmt, root, items), doc, interactions, items, key)


def _cassette(doc: Document, fmt: str, items: Sequence | None, key: str, interactions: list[Interaction]) -> Cassette:
    """A cassette of one of the formats that are always one serialisation (JSON, or
    PyYAML's for LangChain's)."""
    layout = "json" if doc.head(4096).lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "pyyaml"
    return Cassette(doc.path, fmt, layout, doc, interactions, items, key)


def _detect(doc: Document, root: Mapping) -> tuple[str, Reader, str]:
    if "http_interactions" in root.map:
        return ruby_vcr.format_of(root), ruby_vcr.read_interaction, "http_interactions"
    if "interactions" not in root.map:
        raise NotACassette(doc.path, "not a cassette: no 'interactions' or 'http_interactions' key", *doc.positions.line_col(root.start))
    version_node = root.get("version")
    if version_node is None:
        # VCR.py reads `interactions` and never looks at `version`: a file without one
        # (written by hand or by an old tool) is a VCR.py cassette when its interactions
        # are request/response pairs (or there are none); anything else is not a cassette.
        items = root.get("interactions")
        first = items.items[0] if type(items) is Sequence and items.items else None
        if type(items) is Sequence and (first is None or (type(first) is Mapping and "request" in first.map and "response" in first.map)):
            return "vcrpy", vcrpy.read_interaction, "interactions"
        raise NotACassette(doc.path, "not a cassette: no 'version', and 'interactions' is not a list of request/response pairs", *doc.positions.line_col(root.start))
    version = version_node.value.strip() if type(version_node) is Scalar else None
    if version == "2":
        return "go-vcr-v2", go_vcr.read_interaction, "interactions"
    if version != "1":
        shown = version if version is not None else c.describe(version_node)
        raise doc.error(version_node, f"unknown cassette version {shown!r} (known: 1 for go-vcr format 1 and VCR.py, 2 for go-vcr format 2)")
    # version 1: go-vcr stores `url`, VCR.py stores `uri`.
    items = root.get("interactions")
    if type(items) is Sequence:
        for item in items.items:
            if type(item) is Mapping and type(item.get("request")) is Mapping:
                request = item.get("request")
                assert type(request) is Mapping
                if "url" in request.map and "uri" not in request.map:
                    return "go-vcr-v1", go_vcr.read_interaction, "interactions"
                return "vcrpy", vcrpy.read_interaction, "interactions"
    keys = list(root.map)
    if keys.index("version") < keys.index("interactions") and doc.head().lstrip("\ufeff").startswith("---"):
        return "go-vcr-v1", go_vcr.read_interaction, "interactions"
    return "vcrpy", vcrpy.read_interaction, "interactions"


def _layout(doc: Document, fmt: str, root: Mapping, items: Sequence) -> str:
    """The emitter family that wrote the file: decides how changed scalars are re-emitted."""
    if doc.head(4096).lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return "json"
    if fmt in ("ruby-vcr", "betamax"):
        return "psych"
    if fmt == "vcrpy":
        return "pyyaml"
    keys = list(root.map)
    if keys and keys[-1] == "version" and not doc.head().lstrip("\ufeff").startswith("---"):
        return "pyyaml"  # a go-vcr file re-sorted by PyYAML
    if not items.items:
        return "yaml.v3" if fmt == "go-vcr-v2" else "yaml.v2"
    column = items.column  # of the first dash
    if column >= 4:
        return "yaml.v3"  # lists indented under their key
    if fmt == "go-vcr-v2":
        return "charm"  # 2-space, compact sequences
    return "yaml.v2"
