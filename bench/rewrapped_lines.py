#!/usr/bin/env python3
"""Count the files where `cassette redact` changes a line that held no secret.

    python bench/rewrapped_lines.py [FOLDER]     # default ../shared/real-world
    python bench/rewrapped_lines.py -v           # also print each such line

Every *.yaml, *.yml and *.json file under FOLDER is copied into a temporary folder and
`cassette redact` is run on the copy (as a process, with the defaults: no config file
lies above the copy). The secrets are the findings' values of the same file (read with
the library). A line is "changed without a secret" when the unified diff of the file
removes or replaces it and it contains none of those secrets. Nothing under FOLDER is
written.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cassette_cli import api  # noqa: E402
from cassette_cli.errors import CassetteError  # noqa: E402


def _secrets(data: bytes, name: str) -> set[str]:
    plan = api.plan_redaction(api.load_bytes(data, name), api.policy(), rewrite=False)
    return {finding.secret for change in plan.changes for finding in change.findings if finding.secret}


def _lines_without_secret(old: bytes, new: bytes, secrets: set[str]) -> list[str]:
    a = old.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    b = new.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    found = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            found += [line for line in a[i1:i2] if not any(s in line for s in secrets)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "real-world"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    files = sorted(p for p in Path(args.folder).rglob("*") if p.suffix in (".yaml", ".yml", ".json") and p.is_file())
    cassette = [str(Path(sys.executable).parent / "cassette")]
    tried = changed = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(files):
            data = path.read_bytes()
            try:
                secrets = _secrets(data, str(path))
            except CassetteError:
                continue  # not read as a cassette: not tried
            copy = Path(tmp) / f"{n:03d}{path.suffix}"
            shutil.copyfile(path, copy)
            run = subprocess.run([*cassette, "redact", "-q", str(copy)], capture_output=True, text=True)
            if run.returncode not in (0, 1):
                print(f"{path}: exit {run.returncode}: {run.stderr.strip()}", file=sys.stderr)
                continue
            tried += 1
            new = copy.read_bytes()
            changed += new != data
            lines = _lines_without_secret(data, new, secrets)
            if lines:
                bad += 1
                print(f"{path.relative_to(args.folder)}: {len(lines)} line(s) changed without a secret")
                if args.verbose:
                    for line in lines:
                        print("    " + line.rstrip("\r\n"))
    print(f"{tried} files tried, {changed} changed by redact, {bad} with a line changed that held no secret")
    return 0


if __name__ == "__main__":
    sys.exit(main())
