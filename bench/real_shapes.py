#!/usr/bin/env python3
"""Benchmark inputs grown from real cassettes (../shared), the shapes users have.

    python bench/real_shapes.py [--shared DIR] [--out DIR]

Each shape starts from real files of ../shared/corpus and ../shared/real-world (they are
not copied into the project; this builds the inputs into bench/out/real/, git-ignored):

- ruby-llm-50mb: the corpus's largest Ruby VCR file (Perplexity streams, the SSE body
  stored as ``!binary`` base64), its interaction repeated to 50 MB;
- ruby-text-stream-10mb: a Ruby VCR file of a streamed answer kept as a ``|+`` block,
  repeated to 10 MB;
- vcrpy-json-api-10mb: a VCR.py YAML file of JSON API responses, repeated to 10 MB;
- ruby-json-10mb: a Ruby VCR JSON cassette (octokit), repeated to 10 MB;
- ruby-base64: the Perplexity file as it is (1.7 MB of ``!binary``);
- precommit-llm: 300 real-size files: every cassette of ../shared with an event stream
  (go-vcr, VCR.py, Ruby VCR) and the JSON cassettes of VCR.py and Ruby VCR, cycled;
- startup: a 32-byte cassette.

Interactions are repeated as text (the item lines of the interactions list), so every
byte of the output is in the recorder's own layout; JSON files are re-serialised with the
indent they had. A manifest (manifest.json) names sources, sizes and counts.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GEN_VERSION = 1
MB = 1_000_000

RUBY_LLM = "corpus/ruby-vcr/ruby_llm__perplexity_streams_thinking_LARGE.yml"
RUBY_TEXT = ("real-world/ruby-vcr/crmne__ruby_llm__spec_fixtures_vcr_cassettes_chat_with_extended_"
             "thinking_gpustack_qwen3_streams_thinking_content_when_available.yml")
VCRPY_JSON_API = ("real-world/vcrpy/traceloop__openllmetry__packages_opentelemetry-instrumentation-"
                  "llamaindex_tests_cassettes_test_chroma_vector_store_test_rag_with_chroma.yaml")
RUBY_JSON = ("real-world/ruby-vcr-json/octokit__octokit.rb__spec_cassettes_Octokit_Client_PullRequests__"
             "pull_requests_lists_all_pull_requests_with_state_argument.json")
STARTUP = b"interactions: []\nversion: 1\n#32\n"  # 32 bytes: an empty VCR.py cassette
PRECOMMIT_COUNT = 300
YAML_DIRS = ("go-vcr-v1", "go-vcr-v2", "vcrpy", "ruby-vcr")
JSON_DIRS = ("json", "vcrpy-json", "ruby-vcr-json")
PRECOMMIT_MAX = 600_000  # real size: leave out the few multi-megabyte files


def grow_yaml(text: str, target: int) -> tuple[str, int]:
    """The file with its interactions list repeated until it holds ``target`` bytes."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if re.match(r"(http_)?interactions:\s*$", ln)) + 1
    end = next((i for i in range(start, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines))
    items = "".join(lines[start:end])
    count = sum(1 for ln in lines[start:end] if re.match(r"- ", ln))
    head, tail = "".join(lines[:start]), "".join(lines[end:])
    times = max(1, -(-(target - len(head) - len(tail)) // len(items)))
    return head + items * times + tail, count * times


def grow_json(text: str, target: int) -> tuple[str, int]:
    data = json.loads(text)
    key = "http_interactions" if "http_interactions" in data else "interactions"
    one = data[key]
    times = max(1, -(-target // len(text)))
    data[key] = one * times
    indent = None
    m = re.match(r"\{\s*\n( +)", text)
    if m:
        indent = len(m.group(1))
    return json.dumps(data, indent=indent, ensure_ascii=False) + ("\n" if text.endswith("\n") else ""), len(one) * times


def has_stream(path: Path) -> bool:
    return b"event-stream" in path.read_bytes().lower()


def precommit_sources(shared: Path) -> list[Path]:
    found = []
    for top in ("corpus", "real-world"):
        for d in YAML_DIRS:
            for p in sorted((shared / top / d).glob("*")):
                if p.is_file() and p.stat().st_size <= PRECOMMIT_MAX and has_stream(p):
                    found.append(p)
        for d in JSON_DIRS:
            for p in sorted((shared / top / d).glob("*.json")):
                # a top-level list is a legacy cassette (VCR.py < 1.0): refused, not benched
                if p.stat().st_size <= PRECOMMIT_MAX and not p.read_bytes().lstrip().startswith(b"["):
                    found.append(p)
    return found


def build(shared: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {}

    def grown(name: str, rel: str, target: int, fn) -> None:
        src = shared / rel
        text, count = fn(src.read_text(encoding="utf-8"), target)
        dest = out / (name + src.suffix)
        dest.write_text(text, encoding="utf-8")
        files[name] = {"path": str(dest.relative_to(out.parent)), "source": rel,
                       "size": dest.stat().st_size, "interactions": count}

    grown("ruby-llm-50mb", RUBY_LLM, 50 * MB, grow_yaml)
    grown("ruby-text-stream-10mb", RUBY_TEXT, 10 * MB, grow_yaml)
    grown("vcrpy-json-api-10mb", VCRPY_JSON_API, 10 * MB, grow_yaml)
    grown("ruby-json-10mb", RUBY_JSON, 10 * MB, grow_json)
    grown("ruby-base64", RUBY_LLM, 0, grow_yaml)

    pdir = out / "precommit-llm"
    shutil.rmtree(pdir, ignore_errors=True)
    pdir.mkdir()
    sources = precommit_sources(shared)
    names = []
    for i in range(PRECOMMIT_COUNT):
        src = sources[i % len(sources)]
        dest = pdir / f"{i:03d}-{src.name}"
        shutil.copyfile(src, dest)
        names.append(dest.name)
    sizes = [(pdir / n).stat().st_size for n in names]
    files["precommit-llm"] = {"path": str(pdir.relative_to(out.parent)), "count": len(names),
                              "distinct_sources": len(sources), "size": sum(sizes),
                              "min_size": min(sizes), "max_size": max(sizes), "files": names}

    start = out / "startup.yaml"
    start.write_bytes(STARTUP)
    files["startup"] = {"path": str(start.relative_to(out.parent)), "size": len(STARTUP), "interactions": 0}
    manifest = {"gen_version": GEN_VERSION, "files": files}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "real")
    args = ap.parse_args()
    if not (args.shared / "corpus").is_dir():
        print(f"real_shapes: {args.shared}/corpus not found; these shapes need ../shared", file=sys.stderr)
        return 2
    manifest = build(args.shared, args.out)
    for name, e in manifest["files"].items():
        print(f"{name}: {e['size']:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
