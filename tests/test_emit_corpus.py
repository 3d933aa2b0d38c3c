"""Identity on real cassettes: every scalar re-emitted from its own value is its source text.

The corpus lives in ../shared/corpus (read-only, not part of the repository); the test is
skipped where it is absent.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cassette_cli.emit import ScalarSource, emit_binary_like, emit_like

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
BINARY_TAGS = ("tag:yaml.org,2002:binary", "!binary")


@dataclass
class Results:
    total: Counter[str] = field(default_factory=Counter)
    same: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, int, str, str, str]] = field(default_factory=list)


def read_text(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def kind_of(src: ScalarSource, binary: bool) -> str:
    """A label per style, separating one-line and multi-line flow scalars."""
    body = src.text.lstrip("!&")
    if binary:
        return "binary"
    if src.is_json:
        return "json-string" if src.style == '"' else "json-plain"
    if src.style in ("|", ">"):
        header = body[body.index(src.style) :].split("\n", 1)[0].rstrip("\r")
        return "block " + header.split(" ", 1)[0]
    name = {"": "plain", "'": "single", '"': "double"}[src.style]
    return name + (" multi-line" if "\n" in src.text else "")


def scalars(text: str, is_json: bool) -> list[tuple[ScalarNode, ScalarSource, bool]]:
    """(node, source, is_key) for every scalar, walking each node once (no aliases)."""
    found: list[tuple[ScalarNode, ScalarSource, bool]] = []
    seen: set[int] = set()
    stack: list[tuple[Node, Node | None, bool]] = []
    for root in YAML(typ="safe", pure=False).compose_all(text):
        if root is not None:
            stack.append((root, None, False))
    while stack:
        node, parent, is_key = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            span = text[start:end]
            indent = parent.start_mark.column if parent is not None else 0
            explicit = span.lstrip("&").startswith("!") or span.startswith("!")
            src = ScalarSource(
                text=span,
                column=node.start_mark.column,
                indent=indent,
                style=node.style or "",
                tag=node.tag if explicit else None,
                is_json=is_json,
            )
            found.append((node, src, is_key))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, node, False))
                stack.append((key, node, True))
        elif isinstance(node, SequenceNode):
            stack.extend((item, node, False) for item in reversed(node.value))
    return found


def corpus_results(root: Path = CORPUS, *, reuse_lines: bool = True) -> Results:
    results = Results()
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json"):
            continue
        text = read_text(path)
        for node, src, is_key in scalars(text, path.suffix == ".json"):
            binary = src.tag in BINARY_TAGS
            kind = kind_of(src, binary)
            if binary:
                got = emit_binary_like(src, base64.b64decode(node.value))
            else:
                got = emit_like(src, node.value, simple_key=is_key, reuse_lines=reuse_lines)
            results.total[kind] += 1
            if got == src.text:
                results.same[kind] += 1
            else:
                results.failures.append((path.name, node.start_mark.line + 1, kind, src.text, got))
    return results


@pytest.fixture(scope="module")
def results() -> Results:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    return corpus_results()


@pytest.fixture(scope="module")
def strict() -> Results:
    """Every scalar re-emitted from scratch: no original line is reused."""
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    return corpus_results(reuse_lines=False)


def test_corpus_has_every_style(results: Results) -> None:
    kinds = set(results.total)
    for kind in ("plain", "plain multi-line", "single", "single multi-line", "double", "double multi-line"):
        assert kind in kinds
    assert "binary" in kinds
    assert {"block |", "block |-", "block |+", "block |2-"} <= kinds


def test_corpus_identity_per_style(results: Results) -> None:
    short = [(name, line, kind) for name, line, kind, _, _ in results.failures]
    assert results.same == results.total, short[:20]


# Scalars whose source was edited after the emitter wrote it, so that no emitter
# setting reproduces their folding: linodego's fixtures had IP-like text replaced by
# ``1234::5678`` with a text substitution (lines now run past the fold width).
EDITED_BY_HAND = {
    ("linodego__ExampleListStackscripts_page1.yaml", 17),
    ("linodego__integration_TestNodeBalancerConfigs_List.yaml", 17),
    ("linodego__integration_TestNodeBalancerConfigs_List.yaml", 379),
}


def test_corpus_identity_without_reusing_lines(strict: Results) -> None:
    failed = {(name, line) for name, line, _, _, _ in strict.failures}
    assert failed <= EDITED_BY_HAND
    assert sum(strict.same.values()) >= sum(strict.total.values()) - len(EDITED_BY_HAND)
