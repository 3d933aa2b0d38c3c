"""`cassette redact` on the command line: modes, output formats, exit codes, files.

Every planted secret comes from samples/manifest.json and samples/record/fake_secrets.json;
the redacted files are read back with PyYAML (an independent reader)."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from .conftest import SAMPLES, sample_files

SECRETS: dict[str, str] = json.loads((SAMPLES / "record" / "fake_secrets.json").read_text())
MANIFEST: dict[str, dict] = json.loads((SAMPLES / "manifest.json").read_text())


def planted(relative: str) -> set[str]:
    return {SECRETS[s["secret"]] for s in MANIFEST.get(relative, {}).get("secrets", [])}


ALL_PLANTED = set().union(*(planted(k) for k in MANIFEST))
OPENAI = SECRETS["openai_key"]


def rel(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix()


SAMPLE_IDS = [rel(p) for p in sample_files()]


@pytest.fixture
def samples_copy(tmp_path: Path) -> Path:
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target, ignore=shutil.ignore_patterns("legacy", "record", "manifest.json", "README.md"))
    return target


class Loader(yaml.CSafeLoader):
    pass


Loader.add_constructor("!binary", lambda loader, node: loader.construct_yaml_binary(node))


def load(path: Path) -> object:
    data = path.read_bytes()
    if path.suffix == ".json":
        return json.loads(data)
    return yaml.load(data, Loader=Loader)


def texts(value: object):
    """Every string in a loaded cassette, binary bodies decoded (gunzipped where gzip)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from texts(k)
            yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)
    elif isinstance(value, bytes):
        yield decoded(value)
    elif isinstance(value, str):
        yield value
        # a base64 body in a JSON cassette (VCR.py / Ruby `base64_string`)
        if re.fullmatch(r"[A-Za-z0-9+/=\s]{16,}", value):
            try:
                yield decoded(base64.b64decode(value))
            except ValueError:
                pass


def decoded(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- --check


CHECK_LINE = re.compile(r"(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z0-9]+(?:-[a-z0-9]+)*(?::\S+)?): (?P<detail>.+) \(value: (?P<prefix>[^…]{0,4})…, (?P<n>\d+) chars?\)")


def test_check_lines_and_exit_code(run) -> None:
    path = SAMPLES / "vcrpy" / "auth_mixed.yaml"
    before = path.read_bytes()
    result = run("redact", "--check", path)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert path.read_bytes() == before
    lines = result.stdout.splitlines()
    assert len(lines) >= len(MANIFEST["vcrpy/auth_mixed.yaml"]["secrets"]) - 2
    source = before.decode("utf-8").splitlines()
    for line in lines:
        m = CHECK_LINE.fullmatch(line)
        assert m, line
        assert m["file"] == str(path)
        assert 1 <= int(m["line"]) <= len(source)
        assert 1 <= int(m["col"]) <= len(source[int(m["line"]) - 1]) + 1
    rules = {CHECK_LINE.fullmatch(line)["rule"] for line in lines}
    assert {"json-key", "set-cookie-header", "cookie-header", "form-key"} <= rules


def test_check_points_at_the_secret(run) -> None:
    path = SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml"
    result = run("redact", "--check", path)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    m = CHECK_LINE.fullmatch(line)
    assert m["rule"] == "authorization-header"
    text = path.read_text().splitlines()[int(m["line"]) - 1]
    assert text[int(m["col"]) - 1 :].startswith(SECRETS["openrouter_key"])
    assert m["prefix"] == SECRETS["openrouter_key"][:4] and int(m["n"]) == len(SECRETS["openrouter_key"])


def test_check_clean_file_exit_0(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml", path)
    assert run("redact", path).exit_code == 1
    result = run("redact", "--check", path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = run("redact", "--check", "--json", path)
    assert result.exit_code == 0 and result.json() == []


def test_check_json_schema(samples_copy: Path, run) -> None:
    result = run("redact", "--check", "--json", samples_copy)
    assert result.exit_code == 1
    findings = result.json()
    assert isinstance(findings, list) and findings
    assert len(result.stdout.strip().splitlines()) == 1
    for f in findings:
        assert set(f) - {"affects_matching"} == {"file", "line", "column", "rule", "location", "preview"}
        assert f.get("affects_matching", True) is True  # present only when true (issue 16)
        assert ("affects_matching" in f) == (".request." in f["location"] and ".headers." not in f["location"])
        assert isinstance(f["file"], str) and Path(f["file"]).is_file()
        assert isinstance(f["line"], int) and f["line"] >= 1
        assert isinstance(f["column"], int) and f["column"] >= 1
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", f["rule"]), f["rule"]
        assert f["location"].startswith(("interactions[", "http_interactions[")), f["location"]
        assert re.fullmatch(r".{0,4}…, \d+ chars?", f["preview"]), f["preview"]
    files = {Path(f["file"]).resolve().relative_to(samples_copy.resolve()).as_posix() for f in findings}
    assert {k for k, v in MANIFEST.items() if v.get("secrets")} <= files
    assert not any("legacy" in name for name in files)


def test_json_needs_check(run) -> None:
    result = run("redact", "--json", SAMPLES / "vcrpy" / "auth_mixed.yaml")
    assert result.exit_code == 2


# --------------------------------------------------------------------------- nothing leaks


@pytest.mark.parametrize("mode", [(), ("--check",), ("--check", "--json"), ("--diff",)], ids=["write", "check", "json", "diff"])
def test_no_output_shows_a_secret(mode: tuple[str, ...], samples_copy: Path, run) -> None:
    result = run("redact", *mode, samples_copy)
    assert result.exit_code == 1, result.stderr
    out = result.stdout + result.stderr
    for secret in ALL_PLANTED:
        assert secret not in out


def test_diff_applies_and_hides_secrets(samples_copy: Path, run) -> None:
    diffs = {}
    for path in sorted(samples_copy.rglob("*.*")):
        result = run("redact", "--diff", path)
        assert result.exit_code in (0, 1), result.stderr
        assert path.read_bytes() == (SAMPLES / path.relative_to(samples_copy)).read_bytes()
        diffs[path] = result.stdout
    assert sum(bool(d) for d in diffs.values()) >= 20
    for path, diff in diffs.items():
        for secret in ALL_PLANTED:
            assert secret not in diff
        if not diff:
            continue
        lines = diff.splitlines()
        assert lines[0] == f"--- a/{path}" and lines[1] == f"+++ b/{path}"
        run("redact", path)
        redacted = path.read_text(encoding="utf-8-sig").splitlines()
        original = (SAMPLES / path.relative_to(samples_copy)).read_text(encoding="utf-8-sig").splitlines()
        added = [line[1:] for line in lines[2:] if line.startswith("+")]
        removed = [line[1:] for line in lines[2:] if line.startswith("-")]
        assert added and removed
        for line in added:
            assert line in redacted, line
        # the old side is the original with each secret shown shortened (and the scalar
        # re-folded for it), so only lines without a secret are the original's
        for line in removed:
            if not any(mark in line for mark in ("‹", "\\u2039", "›", "\\u203a")):
                assert line in original or any(line.strip() in o for o in original), line
        # every hunk's new side matches the redacted file at that position
        for m in re.finditer(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@\n((?:[ +\-\\].*\n)*)", diff, re.M):
            start, body = int(m[1]), m[3].splitlines()
            new_side = [line[1:] for line in body if line[:1] in (" ", "+")]
            assert redacted[start - 1 : start - 1 + len(new_side)] == new_side


# --------------------------------------------------------------------------- default mode on samples


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_planted_secrets_are_gone(name: str, samples_copy: Path, run) -> None:
    path = samples_copy / name
    secrets = planted(name)
    result = run("redact", path)
    assert result.exit_code == (1 if secrets else result.exit_code), result.stderr
    assert result.exit_code in (0, 1)
    data = path.read_bytes()
    found = list(texts(load(path)))
    for secret in secrets:
        assert secret.encode() not in data
        assert not any(secret in text for text in found), secret[:6]
    if secrets:
        assert any("REDACTED" in text for text in found)


def _compare(old: object, new: object, where: str, diffs: list[str]) -> None:
    assert type(old) is type(new), where
    if isinstance(old, dict):
        assert list(old) == list(new), where
        for key in old:
            _compare(old[key], new[key], f"{where}.{key}", diffs)
    elif isinstance(old, list):
        assert len(old) == len(new), where
        for i, (a, b) in enumerate(zip(old, new)):
            _compare(a, b, f"{where}[{i}]", diffs)
    elif old != new:
        shown = decoded(new) if isinstance(new, bytes) else new
        assert isinstance(shown, str) and "REDACTED" in shown, where
        diffs.append(where)


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_only_redacted_values_change(name: str, samples_copy: Path, run) -> None:
    path = samples_copy / name
    before = load(path)
    run("redact", path)
    diffs: list[str] = []
    _compare(before, load(path), "", diffs)
    assert bool(diffs) == bool(planted(name)) or not planted(name)


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_idempotent(name: str, samples_copy: Path, run) -> None:
    path = samples_copy / name
    run("redact", path)
    once = path.read_bytes()
    again = run("redact", path)
    assert (again.exit_code, again.stdout) == (0, ""), again.stdout + again.stderr
    assert path.read_bytes() == once


def test_redacted_message_and_count(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml", path)
    result = run("redact", path)
    assert (result.exit_code, result.stdout, result.stderr) == (1, f"Redacted 1 value in {path}\n", "")
    shutil.copy(SAMPLES / "vcrpy" / "auth_mixed.yaml", path)
    result = run("redact", path)
    n = len(run("redact", "--check", SAMPLES / "vcrpy" / "auth_mixed.yaml").stdout.splitlines())
    assert result.stdout == f"Redacted {n} values in {path}\n"


def test_content_length_is_kept(samples_copy: Path, run) -> None:
    """Recorded lengths stay as recorded even though the bodies got shorter."""
    names = ["go-vcr-v2/form_gzip_cookies.yaml", "vcrpy/auth_mixed.yaml", "go-vcr-v1/auth_form_gemini.yaml", "json/vcrpy_openai_streaming.json"]

    def lengths(path: Path) -> list[object]:
        out = []

        def walk(v: object) -> None:
            if isinstance(v, dict):
                for k, x in v.items():
                    if isinstance(k, str) and k.lower() in ("content_length", "content-length"):
                        out.append(x)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)

        walk(load(path))
        return out

    for name in names:
        path = samples_copy / name
        before = lengths(path)
        assert before, name
        assert run("redact", path).exit_code == 1
        assert lengths(path) == before, name
        text = path.read_text()
        for line in (SAMPLES / name).read_text().splitlines():
            if re.search(r"content_length|Content-Length", line, re.I):
                assert line in text.splitlines()


# --------------------------------------------------------------------------- files


def test_file_mode_is_kept(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "vcrpy" / "gzip_models.yaml", path)
    os.chmod(path, 0o640)
    assert run("redact", path).exit_code == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "c.yaml"]  # no temp files left


def test_symlink_stays_a_link(tmp_path: Path, run) -> None:
    target = tmp_path / "real" / "c.yaml"
    target.parent.mkdir()
    shutil.copy(SAMPLES / "vcrpy" / "gzip_models.yaml", target)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    result = run("redact", link)
    assert result.exit_code == 1, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert OPENAI.encode() not in target.read_bytes()
    assert b"Bearer REDACTED" in target.read_bytes()


def test_read_only_file(tmp_path: Path, run) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "vcrpy" / "gzip_models.yaml", path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    result = run("redact", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cassette: error: {path}: ")
    assert "read-only" in result.stderr
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_bad_file_among_good_ones(tmp_path: Path, run) -> None:
    good1, bad, good2 = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "vcrpy" / "gzip_models.yaml", good1)
    bad.write_bytes(b"interactions: [\n  - {request: \n")
    shutil.copy(SAMPLES / "go-vcr-v2" / "openrouter_streaming.yaml", good2)
    result = run("redact", good1, bad, good2)
    assert result.exit_code == 2
    assert f"cassette: error: {bad}" in result.stderr
    assert OPENAI.encode() not in good1.read_bytes()
    assert SECRETS["openrouter_key"].encode() not in good2.read_bytes()
    assert result.stdout.count("Redacted ") == 2


def test_missing_file(tmp_path: Path, run) -> None:
    result = run("redact", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("cassette: error: ")


# --------------------------------------------------------------------------- options


@pytest.fixture
def gzip_models(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "vcrpy" / "gzip_models.yaml", path)
    return path


def test_replacement(gzip_models: Path, run) -> None:
    assert run("redact", "--replacement", "XXX-HIDDEN", gzip_models).exit_code == 1
    data = gzip_models.read_text()
    assert "Bearer XXX-HIDDEN" in data and "session=XXX-HIDDEN" in data
    assert "REDACTED" not in data
    assert run("redact", "--replacement", "XXX-HIDDEN", gzip_models).exit_code == 0


def test_bad_replacement(gzip_models: Path, run) -> None:
    result = run("redact", "--replacement", "a b", gzip_models)
    assert result.exit_code == 2
    assert "--replacement" in result.stderr


def test_allow(gzip_models: Path, run) -> None:
    result = run("redact", "--allow", SECRETS["session_cookie"], gzip_models)
    assert result.exit_code == 1
    data = gzip_models.read_text()
    assert f"session={SECRETS['session_cookie']}" in data
    assert OPENAI not in data


def test_disable(gzip_models: Path, run) -> None:
    result = run("redact", "--disable", "authorization-header", "--disable", "openai-key", gzip_models)
    assert result.exit_code == 1
    data = gzip_models.read_text()
    assert f"Bearer {OPENAI}" in data
    assert SECRETS["session_cookie"] not in data


def test_disable_header_rule_only(gzip_models: Path, run) -> None:
    """With the header rule off, the key shape rule still catches an OpenAI key."""
    assert run("redact", "--disable", "authorization-header", gzip_models).exit_code == 1
    assert "Bearer REDACTED" in gzip_models.read_text()


def test_unknown_rule(gzip_models: Path, run) -> None:
    result = run("redact", "--disable", "no-such-rule", gzip_models)
    assert result.exit_code == 2
    assert "no-such-rule" in result.stderr


def test_custom_header(gzip_models: Path, run) -> None:
    assert run("redact", gzip_models).exit_code == 1
    text = gzip_models.read_text().replace("      user-agent:\n      - python-httpx/0.28.1\n", "      x-custom:\n      - hunter2-value\n      user-agent:\n      - python-httpx/0.28.1\n", 1)
    gzip_models.write_text(text)
    assert run("redact", gzip_models).exit_code == 0
    result = run("redact", "--header", "X-Custom", gzip_models)
    assert result.exit_code == 1
    assert "      x-custom:\n      - REDACTED\n" in gzip_models.read_text()


def test_config_file(tmp_path: Path, gzip_models: Path, run) -> None:
    config = tmp_path / "redact.toml"
    config.write_text(
        '[redact]\nreplacement = "HIDDEN"\nheaders = ["User-Agent"]\nallow = ["%s"]\ndisable = ["cookie-header"]\n'
        % SECRETS["session_cookie"]
    )
    result = run("redact", "--config", config, gzip_models)
    assert result.exit_code == 1, result.stderr
    data = gzip_models.read_text()
    assert "Bearer HIDDEN" in data
    assert "      user-agent:\n      - HIDDEN\n" in data
    assert f"session={SECRETS['session_cookie']}" in data


def test_pyproject_tool_table(tmp_path: Path, gzip_models: Path, run) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.cassette.redact]\nreplacement = "GONE"\n')
    assert run("redact", "--config", config, gzip_models).exit_code == 1
    assert "Bearer GONE" in gzip_models.read_text()


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[redact]\nheaderz = ["X"]\n', "headerz"),
        ("[redact]\nheaders = 3\n", "headers"),
        ('[redact]\ndisable = ["nope"]\n', "disable[0]"),
        ('[redact]\npatterns = ["("]\n', "patterns[0]"),
        ("[redact]\nkeep-placeholders = 1\n", "keep-placeholders"),
    ],
    ids=["unknown-key", "wrong-type", "unknown-rule", "bad-regex", "not-bool"],
)
def test_bad_config(toml: str, key: str, tmp_path: Path, gzip_models: Path, run) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(toml)
    before = gzip_models.read_bytes()
    result = run("redact", "--config", config, gzip_models)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"cassette: error: {config}")
    assert f"'{key}'" in lines[0]
    assert gzip_models.read_bytes() == before


def test_config_without_table(tmp_path: Path, gzip_models: Path, run) -> None:
    config = tmp_path / "empty.toml"
    config.write_text("[other]\nx = 1\n")
    result = run("redact", "--config", config, gzip_models)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cassette: error: {config}")


def test_quiet_prints_nothing_and_the_exit_code_tells(tmp_path, run) -> None:
    import shutil

    from .conftest import SAMPLES

    path = tmp_path / "c.yaml"
    shutil.copy(SAMPLES / "vcrpy" / "auth_mixed.yaml", path)
    for args in (["--check"], ["--check", "--json"], ["--diff"], []):
        result = run("redact", "-q", *args, path)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", ""), args
    assert run("redact", "--quiet", path).exit_code == 0  # nothing left to do
    broken = tmp_path / "bad.yaml"
    broken.write_text("interactions: [\n")
    result = run("redact", "-q", broken)
    assert result.exit_code == 2 and result.stderr.startswith("cassette: error: ")
