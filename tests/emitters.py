"""Small cassette writers for the property tests: one per layout the formats issue names.

A generated cassette is a plain model::

    {"interactions": [{
        "method": "POST", "url": "https://...",
        "request_headers": {"Name": ["value", ...]}, "request_body": "text",
        "status": 200, "reason": "OK",
        "response_headers": {...}, "response_body": "text",
        "gzip": False,          # store the response body gzip-compressed (binary)
    }, ...]}

``render(model, layout, crlf=..., bom=..., comment=...)`` gives the bytes that layout's
recorder would write.  Layouts:

=============  =================================================================
``yaml.v2``    go-vcr format 1 written by go-yaml v2: libyaml's emitter (go-yaml is a
               port of it) fed with go-yaml's style choices, 2-space, sequences flush
               under their key, folding at 80 columns.
``yaml.v3``    go-vcr format 2 written by go-yaml v3: our own writer; 4-space steps,
               keys at dash+2, deeper levels rounded up to multiples of 4, no folding.
``charm``      charm.land/x/vcr: go-yaml v3 with ``SetIndent(2)`` and compact sequences,
               empty fields omitted.
``pyyaml``     VCR.py: ``yaml.dump(data, Dumper=yaml.CDumper)``, exactly what VCR.py calls.
``psych``      Ruby VCR, Psych-like: PyYAML with ``---``, ``http_interactions`` first,
               ``recorded_with`` last, raw UTF-8, binary bodies as ``!binary |-``.
``json-vcrpy`` VCR.py's JSON serializer: ``json.dumps(data, indent=4)``.
``json-ruby``  Ruby VCR's JSON serializer: one line, raw UTF-8, no final newline;
               gzip bodies as ``base64_string``.
=============  =================================================================

Known simplifications against go-yaml: a multi-line string that starts with a space or
a line break is written double-quoted (go-yaml would write a block with an indentation
indicator, which go-yaml v3 gets wrong inside sequences), and U+0085/U+2028/U+2029 are
always escaped.

Every writer's output is loaded back with PyYAML (or ``json``) and compared with the data
the writer meant (:func:`check_loads_back`), so a bug in a writer shows up as one.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

LAYOUTS = ("yaml.v2", "yaml.v3", "charm", "pyyaml", "psych", "json-vcrpy", "json-ruby")
FORMAT_OF = {
    "yaml.v2": "go-vcr-v1",
    "yaml.v3": "go-vcr-v2",
    "charm": "go-vcr-v2",
    "pyyaml": "vcrpy",
    "psych": "ruby-vcr",
    "json-vcrpy": "vcrpy",
    "json-ruby": "ruby-vcr",
}
# What cassette_cli.formats should detect as Cassette.layout.
TOOL_LAYOUT = {**{name: name for name in LAYOUTS}, "json-vcrpy": "json", "json-ruby": "json"}
# Layouts whose recorder stores a compressed body as bytes (go-vcr: Go inflates it).
GZIP_LAYOUTS = frozenset({"pyyaml", "psych", "json-ruby"})
JSON_LAYOUTS = frozenset({"json-vcrpy", "json-ruby"})

COMMENT = "# recorded for tests\n"
BOM = "\ufeff"


class Binary:
    """Bytes the writer stores base64-encoded (!!binary, !binary, base64_string)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Binary) and other.data == self.data

    def __repr__(self) -> str:
        return f"Binary({self.data[:16]!r}..., {len(self.data)} bytes)"


def gzip_bytes(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


# --------------------------------------------------------------------------------------
# The data each layout stores (before serialisation)
# --------------------------------------------------------------------------------------


def _host(url: str) -> str:
    """Go's Request.Host: the URL's host[:port], without userinfo."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1]


def _form(interaction: dict[str, Any]) -> dict[str, list[str]]:
    """go-vcr's `form`: the request's PostForm for urlencoded bodies."""
    content_type = " ".join(v for name, vs in interaction["request_headers"].items() if name.lower() == "content-type" for v in vs)
    if "application/x-www-form-urlencoded" not in content_type:
        return {}
    form: dict[str, list[str]] = {}
    for key, value in parse_qsl(interaction["request_body"], keep_blank_values=True):
        form.setdefault(key, []).append(value)
    return dict(sorted(form.items()))


def _sorted(headers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: list(values) for name, values in sorted(headers.items())}


def _response_body(interaction: dict[str, Any], layout: str) -> Any:
    body = interaction["response_body"]
    if interaction.get("gzip") and layout in GZIP_LAYOUTS:
        return Binary(gzip_bytes(body))
    return body


def go_tree(model: dict[str, Any], layout: str) -> dict[str, Any]:
    items = []
    for index, it in enumerate(model["interactions"]):
        req_body = it["request_body"]
        resp_body = it["response_body"]
        status = f"{it['status']} {it['reason']}"
        duration = "1.234567ms"
        if layout == "yaml.v2":
            request = {
                "body": req_body,
                "form": _form(it),
                "headers": _sorted(it["request_headers"]),
                "url": it["url"],
                "method": it["method"],
            }
            response = {
                "body": resp_body,
                "headers": _sorted(it["response_headers"]),
                "status": status,
                "code": it["status"],
                "duration": duration,
            }
            items.append({"request": request, "response": response})
            continue
        request = {
            "proto": "HTTP/1.1",
            "proto_major": 1,
            "proto_minor": 1,
            "content_length": len(req_body.encode("utf-8")),
            "transfer_encoding": [],
            "trailer": {},
            "host": _host(it["url"]),
            "remote_addr": "",
            "request_uri": "",
            "body": req_body,
            "form": _form(it),
            "headers": _sorted(it["request_headers"]),
            "url": it["url"],
            "method": it["method"],
        }
        response = {
            "proto": "HTTP/1.1",
            "proto_major": 1,
            "proto_minor": 1,
            "transfer_encoding": ["chunked"],
            "trailer": {},
            "content_length": -1,
            "uncompressed": bool(it.get("gzip")),
            "body": resp_body,
            "headers": _sorted(it["response_headers"]),
            "status": status,
            "code": it["status"],
            "duration": duration,
        }
        if layout == "charm":  # omitempty
            for mapping in (request, response):
                for key in [k for k, v in mapping.items() if v in ("", [], {}, False, 0) and k not in ("body", "headers", "url", "method", "status", "code", "duration", "content_length")]:
                    del mapping[key]
        items.append({"id": index, "request": request, "response": response})
    return {"version": 1 if layout == "yaml.v2" else 2, "interactions": items}


def vcrpy_tree(model: dict[str, Any], layout: str) -> dict[str, Any]:
    items = []
    for it in model["interactions"]:
        request = {
            "body": it["request_body"] or None,
            "headers": dict(it["request_headers"]),
            "method": it["method"],
            "uri": it["url"],
        }
        response = {
            "body": {"string": _response_body(it, layout)},
            "headers": dict(it["response_headers"]),
            "status": {"code": it["status"], "message": it["reason"]},
        }
        if layout == "json-vcrpy":  # the order VCR.py's JSON files show
            request = {k: request[k] for k in ("method", "uri", "body", "headers")}
            response = {k: response[k] for k in ("status", "headers", "body")}
        items.append({"request": request, "response": response})
    if layout == "json-vcrpy":
        return {"version": 1, "interactions": items}
    return {"interactions": items, "version": 1}


def ruby_tree(model: dict[str, Any], layout: str) -> dict[str, Any]:
    items = []
    for it in model["interactions"]:
        body = _response_body(it, layout)
        if isinstance(body, Binary):
            if layout == "json-ruby":  # preserve_exact_body_bytes: Base64.encode64, 60 a line
                encoded = base64.b64encode(body.data).decode("ascii")
                lines = "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))
                response_body: dict[str, Any] = {"encoding": "ASCII-8BIT", "base64_string": lines}
            else:
                response_body = {"encoding": "ASCII-8BIT", "string": body}
        else:
            response_body = {"encoding": "UTF-8", "string": body}
        items.append(
            {
                "request": {
                    "method": it["method"].lower(),
                    "uri": it["url"],
                    "body": {"encoding": "UTF-8", "string": it["request_body"]},
                    "headers": dict(it["request_headers"]),
                },
                "response": {
                    "status": {"code": it["status"], "message": it["reason"]},
                    "headers": dict(it["response_headers"]),
                    "body": response_body,
                    "http_version": None,
                },
                "recorded_at": "Mon, 02 Mar 2026 10:00:00 GMT",
            }
        )
    return {"http_interactions": items, "recorded_with": "VCR 6.3.1"}


def tree(model: dict[str, Any], layout: str) -> dict[str, Any]:
    """The data a layout stores for the model (binary values as :class:`Binary`)."""
    if layout in ("yaml.v2", "yaml.v3", "charm"):
        return go_tree(model, layout)
    if layout in ("pyyaml", "json-vcrpy"):
        return vcrpy_tree(model, layout)
    return ruby_tree(model, layout)


# --------------------------------------------------------------------------------------
# go-yaml's scalar styles
# --------------------------------------------------------------------------------------

_YAML11_RESOLVER = yaml.resolver.Resolver()
# YAML 1.2 / go-yaml forms PyYAML (YAML 1.1) does not resolve, quoted by go-yaml too.
_GO_EXTRA_NON_STR = re.compile(r"[-+]?0o[0-7_]+|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_BREAKS = "\n\x85\u2028\u2029"


def go_printable(ch: str) -> bool:
    """go-yaml's (and libyaml's) is_printable: emoji and other 4-byte characters are not."""
    o = ord(ch)
    return o == 0x0A or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)


def resolves_to_non_string(s: str) -> bool:
    tag = _YAML11_RESOLVER.resolve(yaml.ScalarNode, s, (True, False))
    return tag != "tag:yaml.org,2002:str" or _GO_EXTRA_NON_STR.fullmatch(s) is not None


def _plain_allowed(s: str) -> bool:
    """libyaml's analyze_scalar, block context, not a simple key."""
    if not s or s[0] in " \n" or s[-1] in " \n" or s.startswith(("---", "...")):
        return False
    if any(ch in _BREAKS or not go_printable(ch) for ch in s):
        return False
    if s[0] in "#,[]{}&*!|>'\"%@`" or (s[0] in "-?:" and (len(s) == 1 or s[1] == " ")):
        return False
    return not (": " in s or s.endswith(":") or " #" in s)


def go_style(s: str) -> str:
    """The style go-yaml (v2.3+ and v3) writes a string in: '', "'", '"' or '|'."""
    special = any(not go_printable(ch) or ch in "\x85\u2028\u2029" for ch in s)
    if "\n" in s:
        block_ok = not special and " \n" not in s and not s.endswith(" ") and s[0] not in " \n"
        return "|" if block_ok else '"'
    if resolves_to_non_string(s):
        return '"'
    if _plain_allowed(s):
        return ""
    return '"' if special else "'"


_ESCAPES = {
    "\0": "0", "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r",
    "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
}  # fmt: skip


def go_double_quoted(s: str) -> str:
    out = ['"']
    for ch in s:
        if not go_printable(ch) or ch in _BREAKS or ch in '"\\' or ch == "\ufeff":
            if ch in _ESCAPES:
                out.append("\\" + _ESCAPES[ch])
            elif ord(ch) <= 0xFF:
                out.append(f"\\x{ord(ch):02X}")
            elif ord(ch) <= 0xFFFF:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _chomp(s: str) -> str:
    if not s.endswith("\n"):
        return "-"
    if s.endswith("\n\n"):
        return "+"
    return ""


# --------------------------------------------------------------------------------------
# go-yaml v3 layouts (yaml.v3, charm): our own block writer, no folding
# --------------------------------------------------------------------------------------


class _V3Writer:
    def __init__(self, step: int, compact: bool) -> None:
        self.step = step
        self.compact = compact
        self.lines: list[str] = []

    def deeper(self, indent: int) -> int:
        """go-yaml v3's increase_indent outside a sequence item: round up to the step."""
        return self.step * ((indent + self.step) // self.step)

    def seq_indent(self, indent: int) -> int:
        return self.deeper(indent) - (2 if self.compact else 0)

    def scalar(self, value: Any, content_indent: int) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, Binary):  # go-yaml: base64 in lines of 70, then as any string
            encoded = base64.b64encode(value.data).decode("ascii")
            text = "\n".join(encoded[i : i + 70] for i in range(0, len(encoded), 70))
            return "!!binary " + self.scalar(text, content_indent)
        assert isinstance(value, str), value
        style = go_style(value)
        if style == "":
            return value
        if style == "'":
            return "'" + value.replace("'", "''") + "'"
        if style == '"':
            return go_double_quoted(value)
        lines = value.split("\n")
        if value.endswith("\n"):
            lines = lines[:-1]
        pad = " " * content_indent
        return "|" + _chomp(value) + "".join("\n" + (pad + line if line else "") for line in lines)

    def mapping(self, mapping: dict[str, Any], indent: int, first: str | None = None) -> None:
        for i, (key, value) in enumerate(mapping.items()):
            lead = first if i == 0 and first is not None else " " * indent
            head = lead + self.scalar(key, 0) + ":"
            if isinstance(value, dict):
                if not value:
                    self.lines.append(head + " {}")
                else:
                    self.lines.append(head)
                    self.mapping(value, self.deeper(indent))
            elif isinstance(value, list):
                if not value:
                    self.lines.append(head + " []")
                else:
                    self.lines.append(head)
                    self.sequence(value, self.seq_indent(indent))
            else:
                self.lines.append(head + " " + self.scalar(value, self.deeper(indent)))

    def sequence(self, items: list[Any], dash: int) -> None:
        for item in items:
            prefix = " " * dash + "- "
            if isinstance(item, dict) and item:
                self.mapping(item, dash + 2, first=prefix)
            else:
                assert not isinstance(item, (dict, list)), "nested empty collections are not generated"
                self.lines.append(prefix + self.scalar(item, dash + 2))


def write_v3(data: dict[str, Any], *, step: int, compact: bool) -> str:
    writer = _V3Writer(step, compact)
    writer.mapping(data, 0)
    return "---\n" + "\n".join(writer.lines) + "\n"


# --------------------------------------------------------------------------------------
# go-yaml v2 layout: libyaml's emitter with go-yaml's style choices
# --------------------------------------------------------------------------------------


def _v2_events(value: Any) -> list[Any]:
    if isinstance(value, dict):
        if not value:
            return [MappingStartEvent(None, None, True, flow_style=True), MappingEndEvent()]
        events: list[Any] = [MappingStartEvent(None, None, True, flow_style=False)]
        for key, item in value.items():
            events += _v2_events(key)
            events += _v2_events(item)
        return events + [MappingEndEvent()]
    if isinstance(value, list):
        if not value:
            return [SequenceStartEvent(None, None, True, flow_style=True), SequenceEndEvent()]
        events = [SequenceStartEvent(None, None, True, flow_style=False)]
        for item in value:
            events += _v2_events(item)
        return events + [SequenceEndEvent()]
    if isinstance(value, bool):
        return [ScalarEvent(None, None, (True, False), "true" if value else "false")]
    if isinstance(value, int):
        return [ScalarEvent(None, None, (True, False), str(value))]
    if isinstance(value, Binary):
        encoded = base64.b64encode(value.data).decode("ascii")
        text = "\n".join(encoded[i : i + 70] for i in range(0, len(encoded), 70))
        style = "|" if "\n" in text else None
        return [ScalarEvent(None, "tag:yaml.org,2002:binary", (False, False), text, style=style)]
    assert isinstance(value, str), value
    style = go_style(value)
    if style == "":
        return [ScalarEvent(None, None, (True, False), value)]
    return [ScalarEvent(None, None, (False, True), value, style=style)]


def write_v2(data: dict[str, Any]) -> str:
    events = [StreamStartEvent(), DocumentStartEvent(explicit=True)] + _v2_events(data) + [DocumentEndEvent(explicit=False), StreamEndEvent()]
    return yaml.emit(events, Dumper=yaml.CDumper, width=80, indent=2, allow_unicode=True)


# --------------------------------------------------------------------------------------
# PyYAML (VCR.py) and Psych-like (Ruby VCR)
# --------------------------------------------------------------------------------------


class _VcrpyDumper(yaml.CDumper):
    pass


_VcrpyDumper.add_representer(Binary, lambda dumper, b: dumper.represent_binary(b.data))


class _PsychDumper(yaml.CDumper):
    pass


_PsychDumper.add_representer(
    Binary, lambda dumper, b: dumper.represent_scalar("!binary", base64.b64encode(b.data).decode("ascii"), style="|")
)
_PsychDumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def write_pyyaml(data: dict[str, Any]) -> str:
    # VCR.py: yaml.dump(cassette_dict, Dumper=Dumper) with Dumper = CDumper when available.
    return yaml.dump(data, Dumper=_VcrpyDumper)


def write_psych(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_PsychDumper, explicit_start=True, sort_keys=False, allow_unicode=True)


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


def write_json_vcrpy(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=4) + "\n"


def write_json_ruby(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


# --------------------------------------------------------------------------------------
# Whole files
# --------------------------------------------------------------------------------------


def serialise(data: dict[str, Any], layout: str) -> str:
    if layout == "yaml.v2":
        return write_v2(data)
    if layout == "yaml.v3":
        return write_v3(data, step=4, compact=False)
    if layout == "charm":
        return write_v3(data, step=2, compact=True)
    if layout == "pyyaml":
        return write_pyyaml(data)
    if layout == "psych":
        return write_psych(data)
    if layout == "json-vcrpy":
        return write_json_vcrpy(data)
    if layout == "json-ruby":
        return write_json_ruby(data)
    raise ValueError(layout)


def render(model: dict[str, Any], layout: str, *, crlf: bool = False, bom: bool = False, comment: bool = False) -> bytes:
    """The bytes of the cassette file, optionally with CRLF line ends, a BOM, a comment.

    CRLF replaces every LF: no writer puts a raw line break inside a scalar other than
    one that a YAML reader normalises (folds, literal blocks), so the data stay the same.
    JSON files get no comment (JSON has none)."""
    text = serialise(tree(model, layout), layout)
    if comment and layout not in JSON_LAYOUTS:
        text = COMMENT + text
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = BOM + text
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------
# Reading back
# --------------------------------------------------------------------------------------


class _Loader(yaml.CSafeLoader):
    pass


def _construct_binary(loader: yaml.Loader, node: yaml.Node) -> bytes:
    return base64.b64decode("".join(loader.construct_scalar(node).split()))


_Loader.add_constructor("!binary", _construct_binary)


def load(data: bytes, layout: str) -> Any:
    """What VCR.py / a YAML reader gets from the file: binary values as bytes."""
    text = data.decode("utf-8")
    if layout in JSON_LAYOUTS:
        return json.loads(text.lstrip(BOM))
    return yaml.load(text, Loader=_Loader)


def plain(value: Any) -> Any:
    """A tree with :class:`Binary` turned into bytes, as :func:`load` returns it."""
    if isinstance(value, Binary):
        return value.data
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def check_loads_back(model: dict[str, Any], layout: str, data: bytes) -> None:
    """An emitter bug shows up here: the file must load to the data the writer meant."""
    expected = plain(tree(model, layout))
    loaded = load(data, layout)
    assert loaded == expected, f"emitter bug ({layout}): the file does not load back to the data it was written from"
