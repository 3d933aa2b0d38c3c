"""End to end with the real go-vcr v1 (issue 16), where Go and Debian's
golang-github-dnaeon-go-vcr-dev are installed (the Go module proxy is not reachable here,
so the v4 API's output is compiled nowhere; its shape is checked in test_replay.py): a
program records against a local API, `cassette redact` rewrites the cassette, and the
program replays offline with the matcher and save hook printed by `cassette
recorder-config --for go-vcr-v1`, with no secret in its environment; with go-vcr's
default matcher it fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.replay_server import ENV, SECRETS, FakeApi, cassette, clean_env

GOCODE = Path("/usr/share/gocode")
GO_VCR = GOCODE / "src/github.com/dnaeon/go-vcr/recorder"

MAIN = r'''package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"cassettereplay"
	"github.com/dnaeon/go-vcr/recorder"
)

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return fallback
}

func main() {
	mode := recorder.ModeReplaying
	if os.Getenv("REPLAY_RECORD_MODE") == "record" {
		mode = recorder.ModeRecording
	}
	r, err := recorder.NewAsMode("cassettes/suite", mode, nil)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	if os.Getenv("REPLAY_HOOKS") == "1" {
		r.SetMatcher(cassettereplay.BodyMatcher)
		r.AddSaveFilter(cassettereplay.SaveHook)
	}
	client := &http.Client{Transport: r}
	base := "http://127.0.0.1:" + os.Getenv("REPLAY_PORT")
	req, _ := http.NewRequest("GET", base+"/v1/weather?city=Florence&api_key="+env("REPLAY_API_KEY", "no-key-here"), nil)
	req.Header.Set("Authorization", "Bearer "+env("REPLAY_TOKEN", "no-token-here"))
	res, err := client.Do(req)
	if err != nil {
		fmt.Println("weather:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(body), "sunny") {
		fmt.Println("weather:", string(body))
		os.Exit(1)
	}
	form := url.Values{"user": {"bob"}, "password": {env("REPLAY_PASSWORD", "no-password-here")}}
	res, err = client.PostForm(base+"/v1/login", form)
	if err != nil {
		fmt.Println("login:", err)
		os.Exit(1)
	}
	body, _ = io.ReadAll(res.Body)
	if !strings.Contains(string(body), "logged_in") {
		fmt.Println("login:", string(body))
		os.Exit(1)
	}
	if err := r.Stop(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("replayed")
}
'''


def _missing() -> str | None:
    if shutil.which("go") is None:
        return "go is not installed (apt-get install -y golang-go golang-github-dnaeon-go-vcr-dev)"
    if not GO_VCR.is_dir():
        return "go-vcr v1 is not installed (apt-get install -y golang-github-dnaeon-go-vcr-dev; the module proxy is unreachable)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def _build(tmp_path: Path, replay_go: str) -> Path:
    src = tmp_path / "gopath" / "src"
    (src / "cassettereplay").mkdir(parents=True, exist_ok=True)
    (src / "cassettereplay" / "replay.go").write_text(replay_go)
    (src / "suite").mkdir(exist_ok=True)
    (src / "suite" / "main.go").write_text(MAIN)
    binary = tmp_path / "suite-bin"
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": f"{tmp_path / 'gopath'}:{GOCODE}", "GOCACHE": str(tmp_path / "gocache"), "GOFLAGS": ""}
    built = subprocess.run(["go", "build", "-o", str(binary), "suite"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return binary


def test_redacted_go_vcr_cassette_replays_with_printed_matcher(tmp_path: Path) -> None:
    # a first build with an empty config (the hooks are off while recording)
    empty = cassette("recorder-config", "--for", "go-vcr-v1", str(tmp_path), cwd=tmp_path)
    assert empty.returncode == 0, empty.stderr
    binary = _build(tmp_path, empty.stdout)
    path = tmp_path / "cassettes" / "suite.yaml"
    with FakeApi() as api:
        port = str(api.port)
        recorded = subprocess.run([str(binary)], cwd=tmp_path, env={**os.environ, **ENV, "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "record"}, capture_output=True, text=True, timeout=60)
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert all(secret in path.read_text() for secret in SECRETS)

    redacted = cassette("redact", "--replacement", "<{name}>", "cassettes/suite.yaml", cwd=tmp_path)
    assert redacted.returncode == 1, redacted.stderr
    text = path.read_text()
    assert not any(secret in text for secret in SECRETS)
    warnings = [line for line in redacted.stderr.splitlines() if ": warning: " in line]
    assert any("query parameter api_key" in w for w in warnings), redacted.stderr
    assert any("form field password" in w for w in warnings), redacted.stderr
    assert not any("uthorization" in w for w in warnings), redacted.stderr

    config = cassette("recorder-config", "--for", "go-vcr-v1", "--replacement", "<{name}>", "cassettes/suite.yaml", cwd=tmp_path)
    assert config.returncode == 0, config.stderr
    assert not any(secret in config.stdout for secret in SECRETS)
    binary = _build(tmp_path, config.stdout)

    offline = {**clean_env(dict(os.environ)), "REPLAY_PORT": port, "REPLAY_RECORD_MODE": "replay"}
    replayed = subprocess.run([str(binary)], cwd=tmp_path, env={**offline, "REPLAY_HOOKS": "1"}, capture_output=True, text=True, timeout=60)
    assert replayed.returncode == 0 and "replayed" in replayed.stdout, replayed.stdout + replayed.stderr
    assert path.read_text() == text

    bare = subprocess.run([str(binary)], cwd=tmp_path, env=offline, capture_output=True, text=True, timeout=60)
    assert bare.returncode != 0
    assert "Requested interaction not found" in bare.stdout, bare.stdout + bare.stderr
