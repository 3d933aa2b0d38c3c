"""Whether a file can be a cassette at all, from a cheap look at its start.

pre-commit hands every YAML and JSON file of a repository to the hooks: Kubernetes
manifests, CloudFormation templates, tsconfig.json with comments, Helm templates, empty
files. Under `--skip-non-cassettes` and in folder walks these must be skipped without
being parsed (a 100 MB data file is not read past its first 64 KiB). Every format we
read has its interactions list at the top level under `interactions` or
`http_interactions`, and every recorder writes that key near the start: VCR.py and
PyYAML sort keys (`interactions` before `version`), go-vcr writes `version` then
`interactions`, Ruby VCR starts with `http_interactions`. A file without that key in
its first 64 KiB is not a cassette; one with it is read, and its problems reported.

The other recorders start as plainly: a HAR file (Polly.js, DevTools) is `{"log": {`,
a nock recording a list whose first object's first key is `"scope"`, LangChain's
cassette a top-level `requests:` (in gzip: the first 64 KiB it inflates to are looked
at), an httprr trace its `httprr trace v1` line."""

from __future__ import annotations

import re

HEAD_BYTES = 1 << 16

# A top-level key: at the start of a line in block YAML (after an optional BOM), or
# quoted / after `{` or `,` in JSON and flow YAML.
_KEY = re.compile(rb'(?m)(?:^(?:\xef\xbb\xbf)?|[{,]\s*)"?(?:http_)?interactions"?\s*:')


_BOM = rb"(?:\xef\xbb\xbf)?\s*"
_OTHER_STARTS = re.compile(_BOM + rb'(?:\{\s*"log"\s*:\s*\{|\[\s*\{\s*"scope"\s*:)')
_LANGCHAIN = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?requests:")


def may_be_cassette(head: bytes) -> bool:
    """False when the first bytes of a file show it is no cassette (see the module)."""
    if head[:2] == b"\x1f\x8b":
        from .container import inflate_head

        head = inflate_head(head, HEAD_BYTES)
    if head.startswith(b"httprr trace v1\n"):
        return True
    if b"\x00" in head:
        return False  # binary: no YAML or JSON text holds a NUL
    return _KEY.search(head) is not None or _OTHER_STARTS.match(head) is not None or _LANGCHAIN.search(head) is not None
