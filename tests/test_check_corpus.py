"""`cassette check` on the real cassettes of ../shared/corpus (skipped where it is absent):
every file is checked, and no `undecodable-body` or `incomplete-stream` is reported on a
file whose bodies and streams the reference decoders read. The references are independent
of the tool: PyYAML pulls the bodies out, Python's gzip, zlib, json and base64 decode them,
and a stream is read whole when its text ends with a blank line after its last event and
holds its provider's end marker and no error event."""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from cassette_cli.api import load_bytes
from cassette_cli.check import CHECK_IDS, run_checks
from cassette_cli.errors import CassetteError
from cassette_cli.mask import Masker

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json")) if CORPUS.is_dir() else []


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_Loader.add_constructor("!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node)))


def _header(headers: Any, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if str(key).lower() == name:
            value = value[0] if isinstance(value, list) and value else value
            return value if isinstance(value, str) else None
    return None


def _body(message: dict[str, Any]) -> str | bytes | None:
    body = message.get("body")
    if isinstance(body, dict):
        if "base64_string" in body:
            return base64.b64decode(body["base64_string"])
        body = body.get("string")
    return body if isinstance(body, (str, bytes)) else None


def _decodes(body: str | bytes, headers: Any) -> bool:
    """The reference: the body inflates as its Content-Encoding says (when stored as
    bytes) and parses as JSON when its content type says JSON."""
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    encoding = (_header(headers, "content-encoding") or "").strip().lower()
    try:
        if isinstance(body, bytes) and data and encoding in ("gzip", "x-gzip"):
            data = gzip.decompress(data)
        elif isinstance(body, bytes) and data and encoding == "deflate":
            data = zlib.decompress(data)
        elif encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            return True  # not decoded by the reference either: nothing to hold the tool to
        elif data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        media = (_header(headers, "content-type") or "").split(";")[0].strip().lower()
        if (media == "application/json" or media.endswith("+json")) and data.strip():
            json.loads(data.decode("utf-8"))
    except (OSError, EOFError, zlib.error, ValueError):
        return False
    return True


END_MARKERS = ("[DONE]", "message_stop", "response.completed", "response.incomplete", '"finishReason"', '"finish_reason":"', '"finish_reason": "')


def _stream_read(text: str) -> bool:
    ends_blank = text.endswith(("\n\n", "\r\n\r\n", "\r\r"))
    return ends_blank and any(m in text for m in END_MARKERS) and "event: error" not in text and '"error":' not in text


def _reference(path: Path) -> tuple[bool, bool]:
    """(every body decodes, every text event stream is read whole) by the references."""
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    bodies = streams = True
    for interaction in doc.get("interactions") or doc.get("http_interactions") or []:
        for side in ("request", "response"):
            message = interaction.get(side) or {}
            body = _body(message)
            if body is None:
                continue
            bodies = bodies and _decodes(body, message.get("headers"))
            media = (_header(message.get("headers"), "content-type") or "").split(";")[0].strip().lower()
            if side == "response" and media == "text/event-stream":
                text = body if isinstance(body, str) else gzip.decompress(body).decode("utf-8", "replace") if body[:2] == b"\x1f\x8b" else body.decode("utf-8", "replace")
                streams = streams and _stream_read(text)
    return bodies, streams


def _findings(path: Path) -> Counter[str]:
    cassette = load_bytes(path.read_bytes(), str(path))
    return Counter(f.rule for f in run_checks(cassette, Masker(), CHECK_IDS))


def test_no_undecodable_or_incomplete_where_the_references_read() -> None:
    readable = 0
    for path in FILES:
        try:
            found = _findings(path)
        except CassetteError:
            continue  # legacy and non-cassette files are refused, as everywhere
        bodies, streams = _reference(path)
        readable += bodies and streams
        if bodies:
            assert found["undecodable-body"] == 0, path
        if streams:
            assert found["incomplete-stream"] == 0, path
    assert readable >= 60


def test_a_stream_the_reference_cannot_read_is_reported(tmp_path: Path) -> None:
    """The reverse direction, on a corpus stream cut short in a copy."""
    source = CORPUS / "go-vcr-v2" / "fantasy__TestOpenRouterCommon_glm_tool_streaming.yaml"
    if not source.is_file():
        pytest.skip("sample not in the corpus")
    text = source.read_text(encoding="utf-8")
    assert _findings(source)["incomplete-stream"] == 0
    # the end taken away: no [DONE], and every finish reason null (same length, same quoting)
    cut = text.replace("data: [DONE]", ": cut  [NONE]").replace('finish_reason":"tool_calls"', 'finish_reason":null,"x":"tool"').replace('finish_reason\\":\\"stop\\"', 'finish_reason\\":null')
    assert cut != text
    copy = tmp_path / source.name
    copy.write_text(cut, encoding="utf-8")
    assert not _reference(copy)[1]
    assert _findings(copy)["incomplete-stream"] >= 1


def test_every_rule_is_counted_on_the_corpus() -> None:
    """The counts the README quotes come from this walk; each default rule that found
    something on the corpus keeps finding it (a rule that silently stops would show)."""
    total: Counter[str] = Counter()
    for path in FILES:
        try:
            total += _findings(path)
        except CassetteError:
            continue
    assert total["secret"] >= 40 and total["duplicate-request"] >= 20 and total["local-path"] >= 1 and total["large-body"] >= 1
    assert total["undecodable-body"] == 0 and total["incomplete-stream"] == 0
