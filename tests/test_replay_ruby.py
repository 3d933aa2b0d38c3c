"""End to end with the real Ruby VCR (issue 16), where Ruby and the Debian packages
ruby-vcr and ruby-webmock are installed: record a script against a local API, redact,
and replay offline (record: :none, matching method, URI and body) with the file printed
by `cassette recorder-config --for ruby-vcr` loaded after the script's VCR.configure, in
a process whose environment holds no secret; without the file the replay fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.replay_server import ENV, SECRETS, FakeApi, cassette, clean_env

SUITE = r'''
require "json"
require "net/http"
require "uri"
require "vcr"
require "webmock"

VCR.configure do |c|
  c.cassette_library_dir = "cassettes"
  c.hook_into :webmock
  c.default_cassette_options = { record: ENV.fetch("REPLAY_RECORD_MODE").to_sym,
                                 match_requests_on: [:method, :uri, :body] }
end
load ENV["REPLAY_HOOKS"] if ENV["REPLAY_HOOKS"]

port = ENV.fetch("REPLAY_PORT")
api_key = ENV.fetch("REPLAY_API_KEY", "no-key-here")
token = ENV.fetch("REPLAY_TOKEN", "no-token-here")
password = ENV.fetch("REPLAY_PASSWORD", "no-password-here")
VCR.use_cassette("suite") do
  uri = URI("http://127.0.0.1:#{port}/v1/weather?city=Florence&api_key=#{api_key}")
  res = Net::HTTP.start(uri.host, uri.port) do |http|
    http.request(Net::HTTP::Get.new(uri, "Authorization" => "Bearer #{token}"))
  end
  raise "weather: #{res.code}" unless JSON.parse(res.body)["weather"] == "sunny"
  res = Net::HTTP.post_form(URI("http://127.0.0.1:#{port}/v1/login"), "user" => "bob", "password" => password)
  raise "login: #{res.code}" unless JSON.parse(res.body)["logged_in"] == true
end
puts "replayed"
'''


def _ruby_vcr_missing() -> str | None:
    if shutil.which("ruby") is None:
        return "ruby is not installed (apt-get install -y ruby ruby-vcr ruby-webmock)"
    probe = subprocess.run(["ruby", "-e", 'require "vcr"; require "webmock"'], capture_output=True, text=True)
    if probe.returncode != 0:
        return "the vcr and webmock gems are not installed (apt-get install -y ruby-vcr ruby-webmock)"
    return None


pytestmark = pytest.mark.skipif(_ruby_vcr_missing() is not None, reason=_ruby_vcr_missing() or "")


def _run(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ruby", "suite.rb"], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("replacement", [None, "<{name}>"], ids=["default", "name-template"])
def test_redacted_ruby_vcr_cassette_replays_with_printed_hook(tmp_path: Path, replacement: str | None) -> None:
    (tmp_path / "suite.rb").write_text(SUITE)
    path = tmp_path / "cassettes" / "suite.yml"
    with FakeApi() as api:
        port = str(api.port)
        recorded = _run(tmp_path, {**os.environ, **ENV, "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "once"})
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert all(secret in path.read_text() for secret in SECRETS)

    flags = ["--replacement", replacement] if replacement else []
    redacted = cassette("redact", *flags, "cassettes/suite.yml", cwd=tmp_path)
    assert redacted.returncode == 1, redacted.stderr
    text = path.read_text()
    assert not any(secret in text for secret in SECRETS)
    warnings = [line for line in redacted.stderr.splitlines() if ": warning: " in line]
    assert any("query parameter api_key" in w for w in warnings), redacted.stderr
    assert any("form field password" in w for w in warnings), redacted.stderr
    assert len(warnings) == 2, redacted.stderr  # not the Authorization header

    hooks = cassette("recorder-config", "--for", "ruby-vcr", *flags, "cassettes/suite.yml", cwd=tmp_path)
    assert hooks.returncode == 0, hooks.stderr
    assert not any(secret in hooks.stdout for secret in SECRETS)
    (tmp_path / "replay_hooks.rb").write_text(hooks.stdout)

    offline = {**clean_env(dict(os.environ)), "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "none"}
    replayed = _run(tmp_path, {**offline, "REPLAY_HOOKS": "./replay_hooks.rb"})
    assert replayed.returncode == 0 and "replayed" in replayed.stdout, replayed.stdout + replayed.stderr
    assert path.read_text() == text

    bare = _run(tmp_path, offline)
    assert bare.returncode != 0
    assert "UnhandledHTTPRequestError" in bare.stderr, bare.stderr
