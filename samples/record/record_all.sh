#!/bin/sh
# Re-record every sample, then rebuild samples/manifest.json.
# Needs: python3; /tmp/vcrpy-venv (vcrpy requests httpx pyyaml); Debian ruby ruby-vcr
# ruby-webmock ruby-multi-json golang-go golang-github-dnaeon-go-vcr-dev golang-gopkg-yaml.v3-dev.
# Durations, recorded_at and gzip-free bytes may change; everything else is deterministic.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${VCRPY_PYTHON:-/tmp/vcrpy-venv/bin/python}
"$PY" "$HERE/record_vcrpy.py"
"$HERE/with_fake_api.sh" ruby "$HERE/record_ruby_vcr.rb"
"$HERE/record_go_vcr.sh"
"$PY" "$HERE/resort_pyyaml.py"
"$PY" "$HERE/make_manifest.py" >/dev/null
echo "all samples re-recorded; see samples/manifest.json"
