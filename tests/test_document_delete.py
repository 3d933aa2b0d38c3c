"""Deletion edits: remove interaction N from every format and layout (samples/ and the
shared corpus), and the result is the same cassette less that interaction, every byte
outside the removed span unchanged; delete_item and delete_entry on block, flow and JSON
collections (CRLF too); and the read-back check refuses a deletion that is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cassette_cli.document import (
    CannotDelete,
    Edit,
    Removal,
    VerificationError,
    apply_edits,
    compose,
    delete_entry,
    delete_item,
    iter_scalars,
    to_python,
)
from cassette_cli.document.verify import Expectation, verify
from cassette_cli.errors import CassetteError
from cassette_cli.formats import parse_cassette
from cassette_cli.formats.edits import interaction_removal, interactions_key, remove_interaction
from cassette_cli.model import Cassette, Interaction

from .conftest import CORPUS, LEGACY, SAMPLES, corpus_files, sample_files


def summary(interaction: Interaction) -> tuple[object, ...]:
    request, response = interaction.request, interaction.response
    return (request.method, request.url, response.status, request.body.data, response.body.data, [h.texts() for h in request.headers + response.headers])


def check_removal(data: bytes, name: str, index: int) -> bytes:
    """Remove interaction `index`; check what the new bytes load to and which bytes changed."""
    cassette = parse_cassette(data, name)
    before = [summary(i) for i in cassette.interactions]
    edit = interaction_removal(cassette, index)
    new = remove_interaction(cassette, index)
    # every byte outside the removed span is unchanged
    places = cassette.document.byte_offsets((edit.start, edit.end))
    start, end = places[edit.start], places[edit.end]
    assert new == data[:start] + edit.text.encode() + data[end:]
    # the span holds the whole interaction; text is written only where a block list empties
    item = cassette.interactions[index].node
    assert all(edit.start <= s.start and s.end <= edit.end for _, s in iter_scalars(item))
    assert edit.text == "" or (len(cassette.interactions) == 1 and edit.text.startswith(" []"))
    after = parse_cassette(new, name)
    assert after.format == cassette.format
    assert [summary(i) for i in after.interactions] == before[:index] + before[index + 1 :]
    assert [i.index for i in after.interactions] == list(range(len(before) - 1))
    rest = [(k, to_python(v)) for k, (_, v) in cassette.document.root.map.items() if k != interactions_key(cassette)]  # type: ignore[union-attr]
    assert [(k, to_python(v)) for k, (_, v) in after.document.root.map.items() if k != interactions_key(after)] == rest  # type: ignore[union-attr]
    return new


def every_index(data: bytes, name: str) -> list[int]:
    count = len(parse_cassette(data, name).interactions)
    return sorted({0, count // 2, count - 1}) if count > 6 else list(range(count))


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_remove_each_interaction_of_every_sample(path: Path) -> None:
    data = path.read_bytes()
    for index in every_index(data, str(path)):
        check_removal(data, str(path), index)


def test_the_samples_cover_every_format_and_layout() -> None:
    seen = {(c.format, c.layout) for c in (parse_cassette(p.read_bytes(), str(p)) for p in sample_files())}
    assert {("go-vcr-v1", "yaml.v2"), ("go-vcr-v2", "yaml.v3"), ("go-vcr-v2", "charm"), ("go-vcr-v2", "pyyaml"), ("vcrpy", "pyyaml"), ("vcrpy", "json"), ("ruby-vcr", "psych"), ("ruby-vcr", "json")} <= seen


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_remove_first_middle_and_last_interaction_of_every_corpus_file(path: Path) -> None:
    if path.relative_to(CORPUS).as_posix() in LEGACY:
        pytest.skip("a legacy format, refused")
    data = path.read_bytes()  # read only: the corpus is never written
    try:
        indexes = every_index(data, str(path))
    except CassetteError:
        pytest.skip("not a cassette this tool reads")
    for index in indexes:
        check_removal(data, str(path), index)


@pytest.mark.parametrize("path", [p for p in sample_files() if p.suffix != ".json"][:6], ids=lambda p: p.name)
def test_crlf_files_keep_their_line_endings(path: Path) -> None:
    data = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    for index in every_index(data, "crlf.yaml"):
        new = check_removal(data, "crlf.yaml", index)
        assert new.count(b"\n") == new.count(b"\r\n")


FLOW = b"""interactions: [
  {request: {body: null, headers: {}, method: GET, uri: 'https://example.com/1'},
   response: {body: {string: one}, headers: {}, status: {code: 200, message: OK}}},
  {request: {body: null, headers: {}, method: POST, uri: 'https://example.com/2'},
   response: {body: {string: two}, headers: {}, status: {code: 201, message: Created}}},
  {request: {body: null, headers: {}, method: GET, uri: 'https://example.com/3'},
   response: {body: {string: three}, headers: {}, status: {code: 404, message: Not Found}}}
]
version: 1
"""


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_flow_style_cassette(index: int) -> None:
    new = check_removal(FLOW, "flow.yaml", index)
    assert new.count(b"request:") == 2


def test_the_only_interaction_of_a_flow_list() -> None:
    data = FLOW.split(b",\n  {request: {body: null, headers: {}, method: POST")[0] + b"\n]\nversion: 1\n"
    assert check_removal(data, "flow.yaml", 0) == b"interactions: []\nversion: 1\n"


# -- delete_item and delete_entry on their own ----------------------------------------------


def deleted(text: str, edit_of) -> str:
    """Apply the deletion edit_of(document) and check it reads back."""
    document = compose(text, "t.yaml")
    edit = edit_of(document)
    assert edit.removes is not None
    new = apply_edits(text, [edit])
    verify(Expectation(document, [edit]), new)
    return new


def item(path: tuple[str | int, ...], index: int):
    return lambda document: delete_item(document, _at(document.root, path), index)


def entry(path: tuple[str | int, ...], key: str):
    return lambda document: delete_entry(document, _at(document.root, path), key)


def _at(node, path):
    for part in path:
        node = node.items[part] if isinstance(part, int) else node.get(part)
    return node


@pytest.mark.parametrize(
    ("text", "edit_of", "expected"),
    [
        pytest.param("a:\n- x\n- y\n- z\nb: 1\n", item(("a",), 1), "a:\n- x\n- z\nb: 1\n", id="block-middle"),
        pytest.param("a:\n- x\n- y\nb: 1\n", item(("a",), 1), "a:\n- x\nb: 1\n", id="block-last"),
        pytest.param("a:\n  - k: 1\n    j: |\n      text\n\n  - k: 2\n", item(("a",), 0), "a:\n  - k: 2\n", id="block-indented-with-literal"),
        pytest.param("a:\n- x # note\n# about y\n- y\n", item(("a",), 0), "a:\n# about y\n- y\n", id="comments-between-stay"),
        pytest.param("a:\r\n- x\r\n- y\r\n", item(("a",), 0), "a:\r\n- y\r\n", id="crlf"),
        pytest.param("a:\r- x\r- y\r", item(("a",), 1), "a:\r- x\r", id="cr"),
        pytest.param("a:\n- x\n- y", item(("a",), 1), "a:\n- x\n", id="no-final-line-break"),
        pytest.param("a:\n- x\nb: 1\n", item(("a",), 0), "a: []\nb: 1\n", id="block-only-item"),
        pytest.param("a: # the list\n  - x\nb: 1\n", item(("a",), 0), "a: [] # the list\nb: 1\n", id="block-only-item-comment-kept"),
        pytest.param("a:\r\n- x\r\n", item(("a",), 0), "a: []\r\n", id="block-only-item-crlf"),
        pytest.param("- x\n", item((), 0), "[]\n", id="root-only-item"),
        pytest.param("- - x\n- y\n", item((0,), 0), "- []\n- y\n", id="only-item-of-a-compact-inner-list"),
        pytest.param("a: [x, y, z]\n", item(("a",), 1), "a: [x, z]\n", id="flow-middle"),
        pytest.param("a: [x, y, z]\n", item(("a",), 2), "a: [x, y]\n", id="flow-last"),
        pytest.param("a: [ x ]\n", item(("a",), 0), "a: []\n", id="flow-only"),
        pytest.param('{"a": [1, {"b": 2}, 3]}', item(("a",), 1), '{"a": [1, 3]}', id="json-middle"),
        pytest.param('{\n  "a": [\n    1,\n    2\n  ]\n}\n', item(("a",), 1), '{\n  "a": [\n    1\n  ]\n}\n', id="json-pretty-last"),
        pytest.param("a: 1\nb:\n  c: 2\nd: 3\n", entry((), "b"), "a: 1\nd: 3\n", id="entry-block"),
        pytest.param("a: 1\nb: |\n  text\nc: 3\n", entry((), "b"), "a: 1\nc: 3\n", id="entry-block-literal"),
        pytest.param("- a: 1\n  b: 2\n", entry((0,), "a"), "- b: 2\n", id="entry-first-key-of-an-item"),
        pytest.param("- a: 1\n  b: 2\n", entry((0,), "b"), "- a: 1\n", id="entry-last-key-of-an-item"),
        pytest.param("- a: 1\n- b: 2\n", entry((0,), "a"), "- {}\n- b: 2\n", id="entry-only-key-of-an-item"),
        pytest.param("h:\n  X: 1\nv: 1\n", entry(("h",), "X"), "h: {}\nv: 1\n", id="entry-only-key"),
        pytest.param("a: {x: 1, y: 2}\n", entry(("a",), "x"), "a: {y: 2}\n", id="entry-flow-first"),
        pytest.param('{"a": 1, "b": 2}', entry((), "b"), '{"a": 1}', id="entry-json-last"),
        pytest.param("a:\n  -\n    k: 1\n  - k: 2\n", item(("a",), 0), "a:\n  - k: 2\n", id="dash-alone-on-its-line"),
    ],
)
def test_deletions(text: str, edit_of, expected: str) -> None:
    assert deleted(text, edit_of) == expected


def test_what_cannot_be_deleted() -> None:
    document = compose("a:\n- x\n", "t.yaml")
    with pytest.raises(CannotDelete):
        delete_item(document, document.root.get("a"), 1)  # type: ignore[union-attr,arg-type]
    with pytest.raises(CannotDelete):
        delete_entry(document, document.root, "b")  # type: ignore[arg-type]
    nested = compose("-\n  - x\n", "t.yaml")
    with pytest.raises(CannotDelete):
        delete_item(nested, nested.root.items[0], 0)  # type: ignore[union-attr]  # a block list emptied inside a list


@pytest.mark.parametrize(
    ("new", "why"),
    [
        pytest.param("a:\n- x\n- z\n", "would not read back as intended|structure", id="removes-the-wrong-item"),
        pytest.param("a:\n- x\n- y\n- z\n", "structure", id="removes-nothing"),
        pytest.param("a:\n- x\n", "structure", id="removes-two"),
        pytest.param("a:\n- x\n- 'y\n", "would not read back", id="breaks-the-yaml"),
    ],
)
def test_verify_refuses_what_is_not_the_deletion_expected(new: str, why: str) -> None:
    """The edit says it removes item 2 (`z`); the new text must be the old less that."""
    old = "a:\n- x\n- y\n- z\n"
    document = compose(old, "t.yaml")
    honest = delete_item(document, document.root.get("a"), 2)  # type: ignore[union-attr,arg-type]
    assert apply_edits(old, [honest]) == "a:\n- x\n- y\n"
    edit = Edit(honest.start, honest.end, honest.text, Removal(document.root.get("a"), 2))  # type: ignore[union-attr,arg-type]
    with pytest.raises(VerificationError, match=why):
        verify(Expectation(document, [edit]), new)
    with pytest.raises(VerificationError):
        verify(Expectation(document, [edit]), [new.encode()])


def test_remove_interaction_of_a_cassette_model(tmp_path: Path) -> None:
    cassette: Cassette = parse_cassette((SAMPLES / "vcrpy" / "auth_mixed.yaml").read_bytes(), "auth_mixed.yaml")
    new = remove_interaction(cassette, 1)
    assert len(parse_cassette(new, "auth_mixed.yaml").interactions) == len(cassette.interactions) - 1
