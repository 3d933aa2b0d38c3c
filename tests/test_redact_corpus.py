"""`cassette redact` over ../shared/corpus (real cassettes), on copies.

Every changed line must hold a finding of `--check --json` on the original, a second run
changes nothing, and the sensitive headers read back (PyYAML) hold only redacted values."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import CORPUS, LEGACY, corpus_files, needs_corpus

pytestmark = needs_corpus

SENSITIVE = {
    "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
    "x-goog-api-key", "x-auth-token", "x-amz-security-token", "openai-organization",
    "openai-project", "anthropic-organization-id",
}
# <KEY>, <<ACCESS_TOKEN>>, {{token}}, ***, [FILTERED], X-API-KEY-XXX, or empty
PLACEHOLDER = re.compile(r"\s*(?:<+[^<>]*>+|\{\{[^{}]*\}\}|\*{3,}|\[FILTERED\]|[A-Z0-9_-]*XXX|)\s*", re.I)


class Loader(yaml.CSafeLoader):
    pass


Loader.add_constructor("!binary", lambda loader, node: loader.construct_yaml_binary(node))


def relative(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@pytest.fixture
def copy(request, tmp_path: Path) -> Path:
    source: Path = request.param
    target = tmp_path / source.name
    shutil.copyfile(source, target)  # the corpus is read-only; the copy is not
    return target


def test_corpus_is_there() -> None:
    assert len(corpus_files()) >= 70


@pytest.mark.parametrize("copy", corpus_files(), ids=relative, indirect=True)
def test_redact_corpus_file(copy: Path, request, run) -> None:
    name = relative(request.node.callspec.params["copy"])
    original = copy.read_bytes()
    findings_result = run("redact", "--check", "--json", copy)
    result = run("redact", copy)
    if name in LEGACY:
        assert result.exit_code == 2
        assert "legacy" in result.stderr
        assert copy.read_bytes() == original
        return
    assert result.exit_code in (0, 1), result.stderr
    assert findings_result.exit_code == result.exit_code
    redacted = copy.read_bytes()
    assert (result.exit_code == 1) == (redacted != original)

    again = run("redact", copy)
    assert (again.exit_code, again.stdout) == (0, ""), again.stdout + again.stderr
    assert copy.read_bytes() == redacted

    # every changed line held a finding
    lines = [f["line"] for f in findings_result.json()]
    old = original.decode("utf-8").splitlines(keepends=True)
    new = redacted.decode("utf-8").splitlines(keepends=True)
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace", (tag, i1, i2)
        assert any(i1 + 1 <= line <= i2 for line in lines) or any(line <= i1 + 1 and _scalar_spans(old, line, i1) for line in lines), (i1 + 1, i2)

    # line endings, BOM and the final newline are kept
    assert original.count(b"\r\n") == redacted.count(b"\r\n")
    assert original.startswith(b"\xef\xbb\xbf") == redacted.startswith(b"\xef\xbb\xbf")
    assert original.endswith(b"\n") == redacted.endswith(b"\n")

    data = json.loads(redacted) if copy.suffix == ".json" else yaml.load(redacted, Loader=Loader)
    for header, value in sensitive_values(data):
        assert redacted_value(header, value), f"{header}: {value[:8]}…"


def _scalar_spans(old: list[str], finding_line: int, first_changed: int) -> bool:
    """A finding reported at a multi-line scalar's first line covers its later lines."""
    start = finding_line - 1
    if start >= first_changed:
        return False
    indent = len(old[start]) - len(old[start].lstrip(" "))
    return all(len(line) - len(line.lstrip(" ")) > indent or not line.strip() for line in old[start + 1 : first_changed + 1])


def sensitive_values(data: object):
    def walk(node: object):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "headers" and isinstance(value, dict):
                    for name, values in value.items():
                        if isinstance(name, str) and name.lower() in SENSITIVE:
                            for v in values if isinstance(values, list) else [values]:
                                if isinstance(v, str):
                                    yield name, v
                walk_result = walk(value)
                yield from walk_result
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    yield from walk(data)


def redacted_value(header: str, value: str) -> bool:
    if header.lower() in ("set-cookie", "cookie"):
        parts = value.split(";") if header.lower() == "cookie" else value.split(";")[:1]
        return all(ok("=".join(p.split("=")[1:]) if "=" in p else p) for p in parts if p.strip())
    if header.lower() in ("authorization", "proxy-authorization"):
        if value.startswith("AWS4-HMAC-SHA256"):
            cred = re.search(r"Credential=([^/,\s]+)", value)
            sig = re.search(r"Signature=([^,\s]+)", value)
            return all(m is None or ok(m.group(1)) for m in (cred, sig))
        parts = value.split(None, 1)
        return ok(value) or (len(parts) == 2 and ok(parts[1]))
    return ok(value)


def ok(value: str) -> bool:
    return "REDACTED" in value or PLACEHOLDER.fullmatch(value) is not None
