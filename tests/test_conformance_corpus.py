"""Conformance over ../shared/corpus (real cassettes), where that folder exists.

The expected values come from an independent reader: PyYAML's safe loader (with a
constructor for Ruby's `!binary`), not from our own code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cassette_cli.formats import load_cassette
from cassette_cli.mask import Masker

mask_url = Masker().url
from cassette_cli.document import apply_edits, compose, decode

from .conftest import CORPUS, LEGACY, corpus_files, needs_corpus

pytestmark = needs_corpus


class OracleLoader(yaml.SafeLoader):
    pass


OracleLoader.add_constructor("!binary", lambda loader, node: loader.construct_yaml_binary(node))


def oracle(path: Path) -> list[tuple[str, str, int | None]]:
    with open(path, "rb") as handle:
        data = yaml.load(handle, Loader=OracleLoader)
    if "http_interactions" in data:
        return [(i["request"]["method"].upper(), i["request"]["uri"], i["response"]["status"]["code"]) for i in data["http_interactions"]]
    rows = []
    for i in data["interactions"]:
        request, response = i["request"], i["response"]
        url = request.get("url", request.get("uri"))
        if "code" in response:
            status = response["code"]
        elif isinstance(response.get("status"), dict):
            status = response["status"]["code"]
        else:
            status = response.get("status_code")
        rows.append(((request.get("method") or "GET").upper(), url, status))
    return rows


def relative(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def cassettes() -> list[Path]:
    return [p for p in corpus_files() if relative(p) not in LEGACY]


def legacy() -> list[Path]:
    return [p for p in corpus_files() if relative(p) in LEGACY]


def test_corpus_is_there() -> None:
    assert len(cassettes()) >= 70
    assert len(legacy()) == len(LEGACY)


@pytest.mark.parametrize("path", cassettes(), ids=relative)
def test_lists_like_the_oracle(path: Path, run) -> None:
    result = run("ls", "--json", path)
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    # URLs come as recorded, with secret values masked as `redact` would write them
    assert [(r["method"], r["url"], r["status"]) for r in rows] == [(m, mask_url(u), s) for m, u, s in oracle(path)]
    assert [r["index"] for r in rows] == list(range(len(rows)))
    assert {r["format"] for r in rows} <= {path.parent.name} | ({"vcrpy", "ruby-vcr"} if path.parent.name == "json" else set())


@pytest.mark.parametrize("path", legacy(), ids=relative)
def test_legacy_files_are_refused(path: Path, run) -> None:
    result = run("ls", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cassette: error: {path}:")
    assert "legacy" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("path", corpus_files(), ids=relative)
def test_no_edits_is_the_identity(path: Path) -> None:
    data = path.read_bytes()
    text = decode(data, str(path))
    assert apply_edits(text, []).encode("utf-8") == data
    if relative(path) not in LEGACY:
        document = compose(text, str(path))
        assert document.root is not None


@pytest.mark.parametrize("path", cassettes(), ids=relative)
def test_spans_cover_exactly_the_scalar_text(path: Path) -> None:
    """Every scalar's span starts at its quote, indicator, tag or first character."""
    from cassette_cli.document import iter_scalars

    cassette = load_cassette(path)
    text = cassette.text
    for _, scalar in iter_scalars(cassette.document.root):
        source = text[scalar.start : scalar.end]
        if scalar.tag is not None:
            assert source.startswith("!"), source[:40]
        elif scalar.style in ("'", '"'):
            assert source[0] == scalar.style and source.rstrip()[-1] == scalar.style
        elif scalar.style in ("|", ">"):
            assert source[0] == scalar.style
        elif scalar.value:
            assert source.startswith(scalar.value.split("\n")[0].split(" ")[0])


def test_a_copy_lists_the_same(tmp_path: Path, run) -> None:
    """The corpus is read-only; commands that write are tested on copies."""
    source = CORPUS / "go-vcr-v2" / "fantasy__TestOpenRouterCommon_gemini_simple_streaming.yaml"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    assert run("ls", "--json", copy).json()[0]["sse_events"] == run("ls", "--json", source).json()[0]["sse_events"]
