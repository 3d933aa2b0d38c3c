"""The document layer: spans, BOM and CRLF offsets, aliases as leaves, positions, splicing."""

from __future__ import annotations

import bisect
import random

import pytest

from cassette_cli.errors import CassetteError
from cassette_cli.document import LINE_BREAK, Alias, Edit, OverlappingEdits, Positions, apply_edits, compose, iter_scalars


def scalars(text: str) -> dict[str, str]:
    doc = compose(text, "t.yaml")
    return {".".join(map(str, path)): text[s.start : s.end] for path, s in iter_scalars(doc.root)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: x\nb: 'y'\n", {"a": "x", "b": "'y'"}, id="plain-and-single"),
        pytest.param("\ufeffa: x\nb: \"y\"\n", {"a": "x", "b": '"y"'}, id="bom-shifts-nothing"),
        pytest.param("a: x\r\nb: |\r\n  l1\r\n  l2\r\nc: z\r\n", {"a": "x", "b": "|\r\n  l1\r\n  l2\r\n", "c": "z"}, id="crlf-literal-block"),
        pytest.param("a: !!binary |\n  aGk=\nb: 1\n", {"a": "!!binary |\n  aGk=\n", "b": "1"}, id="binary-tag-in-span"),
        pytest.param("- [1, 'two']\n", {"0.0": "1", "0.1": "'two'"}, id="flow-sequence"),
    ],
)
def test_spans(text: str, expected: dict[str, str]) -> None:
    assert scalars(text) == expected


def test_aliases_are_leaves() -> None:
    doc = compose("a: &x [1, 2]\nb: *x\n", "t.yaml")
    assert type(doc.root.get("b")) is Alias  # type: ignore[union-attr]
    assert [".".join(map(str, p)) for p, _ in iter_scalars(doc.root)] == ["a.0", "a.1"]


def test_complex_keys_are_refused() -> None:
    with pytest.raises(CassetteError, match="mapping keys must be plain strings"):
        compose("? [a]\n: b\n", "t.yaml")


def test_apply_edits_splices_from_the_end() -> None:
    text = "0123456789"
    assert apply_edits(text, [Edit(8, 9, "X"), Edit(1, 3, "ab-")]) == "0ab-34567X9"
    assert apply_edits(text, []) is text
    with pytest.raises(OverlappingEdits):
        apply_edits(text, [Edit(1, 4, "a"), Edit(3, 5, "b")])


def _reference(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@pytest.mark.parametrize("alphabet", ["ab \n", "ab\n\r", "a\u2028\n\x85b"], ids=["lf", "cr", "unicode-breaks"])
def test_positions_agree_with_the_reference(alphabet: str) -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        few, many = Positions(text), Positions(text)
        for offset in range(len(text) + 1):
            assert many.line_col(offset) == _reference(text, offset)
            assert Positions(text).column(offset) == _reference(text, offset)[1]
        assert few.line_col(len(text) // 2) == _reference(text, len(text) // 2)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
def test_locate_from_bytes_agrees_with_the_reference(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Document.locate counts line breaks in the bytes of a document and decodes only
    stretches of lines (through an index of chunks that cut UTF-8 sequences anywhere);
    it must give the positions of the decoded text."""
    from cassette_cli.document import Document

    monkeypatch.setattr(Document, "COUNT_CHUNK", chunk)
    rng = random.Random(chunk)
    for _ in range(200):
        text = "".join(rng.choice("ab \né😀\ufeff" + ("\r" if rng.random() < 0.2 else "") + ("\x85\u2028" if rng.random() < 0.05 else "")) for _ in range(rng.randint(0, 40)))
        offsets = [rng.randint(0, len(text)) for _ in range(rng.randint(1, 6))]
        document = Document("t", text.encode("utf-8"))
        assert document.locate(offsets) == {o: _reference(text, o) for o in offsets}, (text, offsets)
