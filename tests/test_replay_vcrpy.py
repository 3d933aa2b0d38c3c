"""End to end with the real VCR.py (issue 16): a test suite is recorded against a local
API, `cassette redact` rewrites its cassette (warning about the query parameter and the
form field), and the same suite replays offline with the filters of `cassette
recorder-config --for vcrpy --json`, and fails without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.replay_server import ENV, SECRETS, FakeApi, cassette, clean_env

pytest.importorskip("vcr")

# The suite under test: one GET with an api_key query parameter and a bearer header, one
# form POST with a password. The recorder matches on the body too (suites turn it on).
SUITE = '''
import json
import os
import urllib.parse
import urllib.request

import vcr

PORT = os.environ["REPLAY_PORT"]
KWARGS = json.loads(os.environ.get("REPLAY_VCR_KWARGS", "{}"))
# VCR.py wants (name, replacement) tuples: the README's one-liner
KWARGS = {k: [tuple(p) for p in v] if isinstance(v, list) else v for k, v in KWARGS.items()}
MY_VCR = vcr.VCR(
    record_mode=os.environ["REPLAY_RECORD_MODE"],
    match_on=["method", "scheme", "host", "port", "path", "query", "body"],
    **KWARGS,
)


def test_weather_and_login():
    # with no secret in the environment (replay in CI), the live request has stand-ins
    api_key = os.environ.get("REPLAY_API_KEY", "no-key-here")
    token = os.environ.get("REPLAY_TOKEN", "no-token-here")
    password = os.environ.get("REPLAY_PASSWORD", "no-password-here")
    with MY_VCR.use_cassette("cassettes/suite.yaml"):
        url = f"http://127.0.0.1:{PORT}/v1/weather?city=Florence&api_key={api_key}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        assert json.load(urllib.request.urlopen(request))["weather"] == "sunny"
        form = urllib.parse.urlencode({"user": "bob", "password": password}).encode()
        login = urllib.request.Request(f"http://127.0.0.1:{PORT}/v1/login", data=form,
                                       headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert json.load(urllib.request.urlopen(login))["logged_in"] is True
'''


def _run_suite(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "test_suite.py"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("replacement", [None, "<{name}>", "{rule}-gone"], ids=["default", "name-template", "rule-template"])
def test_redacted_vcrpy_cassette_replays_with_recorder_config(tmp_path: Path, replacement: str | None) -> None:
    (tmp_path / "test_suite.py").write_text(SUITE)
    path = tmp_path / "cassettes" / "suite.yaml"
    base = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    # 1. record against the live API, with the secrets
    with FakeApi() as api:
        port = str(api.port)
        recorded = _run_suite(tmp_path, {**base, **ENV, "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "once"})
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert all(secret in path.read_text() for secret in SECRETS)

    # 2. redact: every secret goes; the query parameter and the form field warn, the header does not
    flags = ["--replacement", replacement] if replacement else []
    redacted = cassette("redact", *flags, "cassettes/suite.yaml", cwd=tmp_path)
    assert redacted.returncode == 1, redacted.stderr
    text = path.read_text()
    assert not any(secret in text for secret in SECRETS)
    warnings = [line for line in redacted.stderr.splitlines() if ": warning: " in line]
    assert any("query parameter api_key" in w for w in warnings), redacted.stderr
    assert any("form field password" in w for w in warnings), redacted.stderr
    assert len(warnings) == 2, redacted.stderr  # not the Authorization header, not the response
    assert all(w.startswith("cassettes/suite.yaml:") for w in warnings)
    if replacement == "<{name}>":
        assert "api_key=%3Capi_key%3E" in text and "password=%3Cpassword%3E" in text and "Bearer <authorization>" in text
    # a second run changes nothing: the placeholders are recognised as such
    again = cassette("redact", *flags, "cassettes/suite.yaml", cwd=tmp_path)
    assert again.returncode == 0 and path.read_text() == text, again.stdout + again.stderr

    # 3. the recorder config, read from the redacted file alone
    config = cassette("recorder-config", "--for", "vcrpy", "--json", *flags, "cassettes/suite.yaml", cwd=tmp_path)
    assert config.returncode == 0, config.stderr
    kwargs = json.loads(config.stdout)
    assert [p[0] for p in kwargs["filter_query_parameters"]] == ["api_key"]
    assert [p[0] for p in kwargs["filter_post_data_parameters"]] == ["password"]
    assert not any(secret in config.stdout for secret in SECRETS)

    # 4. replay offline (the API is gone), with no secret in the environment
    offline = {**clean_env(base), "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "none"}
    replayed = _run_suite(tmp_path, {**offline, "REPLAY_VCR_KWARGS": config.stdout})
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert path.read_text() == text  # record mode none writes nothing

    # 5. without the config the same suite fails: the warnings were real
    bare = _run_suite(tmp_path, offline)
    assert bare.returncode != 0
    assert "CannotOverwriteExistingCassetteException" in bare.stdout + bare.stderr
    # and each field matters on its own: without the form filter the body no longer matches
    only_query = json.dumps({"filter_query_parameters": kwargs["filter_query_parameters"]})
    half = _run_suite(tmp_path, {**offline, "REPLAY_VCR_KWARGS": only_query})
    assert half.returncode != 0
    assert "CannotOverwriteExistingCassetteException" in half.stdout + half.stderr
