"""Big scalars patched where they stand (redact/patch.py), and the pieces around it:
byte offsets of character offsets, the new file written in pieces, the read-back check
that compares a patched value without building it, and the fall-back to re-emitting."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import cassette_cli.redact.engine as engine
import cassette_cli.redact.patch as patch
from cassette_cli.formats import parse_cassette
from cassette_cli.document import verify as verify_module
from cassette_cli.rules.finding import Finding, splice
from cassette_cli.rules.policy import default_policy
from cassette_cli.document.verify import is_spliced
from cassette_cli.document import Document, Edit, compose

SECRET = "sk-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2FAKE"
OTHER = "AIzaFAKEfake0TEST1test2FAKEfake0TEST1te"


def finding(value: str, secret: str, new: str = "REDACTED", nth: int = 0) -> Finding:
    at = -1
    for _ in range(nth + 1):
        at = value.index(secret, at + 1)
    return Finding("test", at, at + len(secret), secret, "test", new)


def patched(doc: str, secrets: list[tuple[str, int]], new: str = "REDACTED") -> str | None:
    """Patch the one scalar value of `k: ...` in doc; None when patch_edits declines."""
    node = compose(doc, "t.yaml").root.get("k")
    source = doc[node.start : node.end]
    findings = [finding(node.value, secret, new, nth) for secret, nth in secrets]
    edits = patch.patch_edits(source, node.start, node.style, node.tag, node.value, findings)
    if edits is None:
        return None
    out = doc
    for edit in sorted(edits, reverse=True):
        out = out[: edit.start] + edit.text + out[edit.end :]
    # what was written reads back as the old value with the findings replaced
    assert compose(out, "t.yaml").root.get("k").value == splice(node.value, findings)
    return out


# (document before, secrets to replace as (text, which occurrence), document after)
CASES = [
    pytest.param(f"k: |\n  data: {{\"key\": \"{SECRET}\"}}\n  data: [DONE]\n", [(SECRET, 0)], 'k: |\n  data: {"key": "REDACTED"}\n  data: [DONE]\n', id="literal"),
    pytest.param(f"k: |+\r\n    a {SECRET}\r\n\r\n    b\r\n\r\n", [(SECRET, 0)], "k: |+\r\n    a REDACTED\r\n\r\n    b\r\n\r\n", id="literal-keep-crlf"),
    pytest.param(f"k: |2-\n    indented\n  {SECRET} x\n", [(SECRET, 0)], "k: |2-\n    indented\n  REDACTED x\n", id="literal-indicator"),
    pytest.param(f"k: |  # {SECRET}\n  {SECRET}\n", [(SECRET, 0)], f"k: |  # {SECRET}\n  REDACTED\n", id="literal-header-comment-untouched"),
    pytest.param(f'k: "a\\r\\n\\U0001F60A \\"q\\" {SECRET} \\x41"\n', [(SECRET, 0)], 'k: "a\\r\\n\\U0001F60A \\"q\\" REDACTED \\x41"\n', id="double-escapes-before"),
    pytest.param(f"k: 'it''s {SECRET}'\n", [(SECRET, 0)], "k: 'it''s REDACTED'\n", id="single-doubled-quote"),
    pytest.param(f'k: "{SECRET} {SECRET} {SECRET}"\n', [(SECRET, 1)], f'k: "{SECRET} REDACTED {SECRET}"\n', id="second-of-three"),
    pytest.param(f'k: "{SECRET},{OTHER},{SECRET}"\n', [(SECRET, 0), (OTHER, 0), (SECRET, 1)], 'k: "REDACTED,REDACTED,REDACTED"\n', id="several"),
    pytest.param(f"k: |\n  \U0001F60A é {SECRET}\n", [(SECRET, 0)], "k: |\n  \U0001F60A é REDACTED\n", id="literal-non-ascii-before"),
    pytest.param(f"k: &a\n  |  # {SECRET}\n  {SECRET}\n", [(SECRET, 0)], f"k: &a\n  |  # {SECRET}\n  REDACTED\n", id="literal-anchor-on-its-own-line"),
]


@pytest.mark.parametrize(("before", "secrets", "after"), CASES)
def test_patch_in_place(before: str, secrets: list[tuple[str, int]], after: str) -> None:
    assert patched(before, secrets) == after


def test_replacement_quotes_are_escaped_the_way_every_emitter_does() -> None:
    assert patched(f'k: "{SECRET}"\n', [(SECRET, 0)], new='"R\\D"') == 'k: "\\"R\\\\D\\""\n'
    assert patched(f"k: '{SECRET}'\n", [(SECRET, 0)], new="it's") == "k: 'it''s'\n"


@pytest.mark.parametrize(
    ("doc", "new"),
    [
        pytest.param(f'k: "a {SECRET}\n  b"\n', "REDACTED", id="double-folded-over-lines"),
        pytest.param(f"k: 'a\n  {SECRET}'\n", "REDACTED", id="single-over-lines"),
        pytest.param(f"k: a {SECRET}\n", "REDACTED", id="plain"),
        pytest.param(f"k: >\n  {SECRET}\n", "REDACTED", id="folded-block"),
        pytest.param(f"k: !!str |\n  {SECRET}\n", "REDACTED", id="tagged"),
        pytest.param(f'k: "{SECRET}"\n', "RÉDACTÉ", id="non-ascii-replacement"),
        pytest.param(f'k: "{SECRET}"\n', " REDACTED", id="replacement-with-edge-space"),
        pytest.param(f"k: |\n  {SECRET}\n", "", id="empty-replacement-in-a-block"),
        pytest.param('k: "\\x73k-proj-FAKEfake0TEST1test2FAKEfake0TEST1test2FAKE"\n', "REDACTED", id="secret-written-with-an-escape"),
    ],
)
def test_patch_declines(doc: str, new: str) -> None:
    assert patched(doc, [(SECRET, 0)], new=new) is None


def test_a_secret_the_style_escapes_is_never_searched_for() -> None:
    value_secret = 'FAKE"quoted"secret'
    doc = 'k: "x FAKE\\"quoted\\"secret y"\n'
    assert patched(doc, [(value_secret, 0)]) is None


# --- byte offsets -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_byte_offsets_and_slices_match_the_encoded_text(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(["a", "b", "\n", "é", "\U0001F60A", "\ufeff", "€"]) for _ in range(rng.randint(0, 4000)))
    data = text.encode("utf-8")
    doc = Document("t", data)
    doc.COUNT_CHUNK = rng.randint(1, 64)  # many chunks, ending anywhere
    doc.STEP = rng.randint(1, 9)
    offsets = [rng.randint(0, len(text)) for _ in range(30)]
    expected = {o: len(text[:o].encode("utf-8")) for o in offsets}
    assert doc.byte_offsets(offsets) == expected
    assert Document("t", text).byte_offsets(offsets) == expected
    a, b = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
    assert doc.slice(a, b) == text[a:b]


def test_byte_offsets_of_ascii_bytes_are_the_offsets() -> None:
    assert Document("t", b"abc\ndef").byte_offsets([0, 3, 7]) == {0: 0, 3: 3, 7: 7}


# --- the read-back comparison of a patched value ----------------------------------------


@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
def testis_spliced(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(verify_module, "COMPARE_CHUNK", chunk)
    old = f"a {SECRET} b {OTHER} c"
    findings = [finding(old, SECRET, "R1"), finding(old, OTHER, "R-two")]
    assert is_spliced("a R1 b R-two c", old, findings)
    assert not is_spliced("a R1 b R-two d", old, findings)  # the tail differs
    assert not is_spliced("a R1 b R-twX c", old, findings)  # a replacement differs
    assert not is_spliced("x R1 b R-two c", old, findings)  # the head differs
    assert not is_spliced("a R1 b R-two c ", old, findings)  # longer
    assert not is_spliced("a R1 bR-two c", old, findings)  # a gap differs, same length overall? no: shorter


# --- whole files --------------------------------------------------------------------------


def big_stream(secret_every: int = 500, events: int = 3000, crlf: bool = False) -> bytes:
    eol = "\r\n" if crlf else "\n"
    lines = []
    for i in range(events):
        content = f"tok{i} é \U0001F60A"
        if i % secret_every == 7:
            content += f" {SECRET}"
        lines.append(f'      data: {{"id":"c{i}","choices":[{{"delta":{{"content":"{content}"}}}}]}}{eol}{eol}')
    body = "".join(lines)
    return (
        f"---{eol}version: 2{eol}interactions:{eol}- id: 0{eol}  request:{eol}    method: POST{eol}    url: https://api.example.test/v1/chat{eol}"
        f"    headers:{eol}      Authorization:{eol}      - Bearer {SECRET}{eol}    body: '{{\"stream\": true}}'{eol}"
        f"  response:{eol}    headers:{eol}      Content-Type:{eol}      - text/event-stream{eol}    body: |+{eol}{body}"
        f"    status: 200 OK{eol}    code: 200{eol}"
    ).encode("utf-8")


@pytest.mark.parametrize("crlf", [False, True])
def test_a_big_stream_is_patched_and_written_in_pieces(crlf: bool) -> None:
    data = big_stream(crlf=crlf)
    cassette = parse_cassette(data, "big.yaml")
    plan = engine.plan_redaction(cassette, default_policy(), check=False)
    body = next(c for c in plan.changes if len(c.node.value) >= engine.PATCH_MIN)
    assert body.patches is not None and len(body.patches) == len(body.findings) == 6
    assert body.whole is None  # the new body was never built
    new = b"".join(plan.chunks())
    plan.verify([new])  # read back from the bytes, as written
    assert cassette.document.source == data  # the text was never decoded whole
    # only the secrets' characters changed
    assert new == data.replace(SECRET.encode(), b"REDACTED")
    assert new == plan.new_text.encode("utf-8")


def test_a_patch_that_does_not_read_back_falls_back_to_re_emitting(monkeypatch: pytest.MonkeyPatch) -> None:
    data = big_stream()
    real = patch.patch_edits

    def off_by_one(*args, **kwargs):
        edits = real(*args, **kwargs)
        return None if edits is None else [Edit(e.start + 1, e.end + 1, e.text) for e in edits]

    monkeypatch.setattr(engine, "patch_edits", off_by_one, raising=False)
    monkeypatch.setattr(patch, "patch_edits", off_by_one)
    plan = engine.plan_redaction(parse_cassette(data, "big.yaml"), default_policy())
    assert not plan.patched
    assert plan.new_text.encode("utf-8") == data.replace(SECRET.encode(), b"REDACTED")


def test_the_cli_falls_back_too_and_leaves_no_temporary_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, run) -> None:
    path = tmp_path / "big.yaml"
    data = big_stream()
    path.write_bytes(data)
    real = patch.patch_edits
    calls = []

    def off_by_one(*args, **kwargs):
        edits = real(*args, **kwargs)
        calls.append(edits)
        return None if edits is None else [Edit(e.start + 1, e.end + 1, e.text) for e in edits]

    monkeypatch.setattr(patch, "patch_edits", off_by_one)
    result = run("redact", path)
    assert result.exit_code == 1, result.output
    assert calls and calls[0] is not None  # the patch was tried, and refused by the check
    assert path.read_bytes() == data.replace(SECRET.encode(), b"REDACTED")
    assert [p.name for p in tmp_path.iterdir()] == ["big.yaml"]


@pytest.mark.parametrize("text", ["a: b\n  c: d\n", "\ufeffa: 1\r\n  é: \U0001F60A x\r\n", "x\ry: é z\x85  w\u2028 q"])
def test_column_from_bytes_is_the_column_of_the_text(text: str) -> None:
    from cassette_cli.document import Positions

    doc = Document("t", text.encode("utf-8"))
    positions = Positions(text)
    for offset in range(len(text) + 1):
        assert doc.column(offset) == positions.line_col(offset)[1], offset
