"""`cassette check --baseline`: accepted findings are skipped, new ones still fail; a
rotated secret with the same preview is a new finding (the value's salted hash, not the
masked message, is what a secret's entry holds)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .conftest import SAMPLES


def test_check_baseline_accepts_what_it_lists(tmp_path: Path, run) -> None:
    cassette = tmp_path / "auth.yaml"
    shutil.copyfile(SAMPLES / "vcrpy" / "auth_mixed.yaml", cassette)
    baseline = tmp_path / ".cassette-baseline.json"
    first = run("check", "--format", "json", str(cassette))
    assert first.exit_code == 1 and first.json()
    wrote = run("check", "--baseline", str(baseline), "--update-baseline", str(cassette))
    assert wrote.exit_code == 0, wrote.stderr
    entries = json.loads(baseline.read_text())["findings"]
    assert len(entries) == len(first.json())
    assert all(set(e) == {"file", "location", "rule", "hash"} for e in entries)
    text = cassette.read_text()
    for e in first.json():  # no value, preview or message is written into the baseline
        assert e["message"] not in baseline.read_text()
    again = run("check", "--baseline", str(baseline), str(cassette))
    assert again.exit_code == 0 and again.stdout == ""
    # the same secret's shape, another value: its preview is the same, its hash is not
    value = re.search(r'"access_token": "([^"]+)"', text).group(1)
    rotated = value[:-4] + value[-4:][::-1]
    assert rotated != value
    cassette.write_text(text.replace(value, rotated))
    after = run("check", "--baseline", str(baseline), "--format", "json", str(cassette))
    assert after.exit_code == 1
    assert [f["rule"] for f in after.json()] == ["secret"]
