#!/bin/sh
# Record the go-vcr samples (format 1 with Debian's go-vcr 1.2 + yaml.v2;
# format 2 with our writer using Debian's yaml.v3) against fake_api.py.
#   apt-get install -y golang-go golang-github-dnaeon-go-vcr-dev golang-gopkg-yaml.v3-dev
#   samples/record/record_go_vcr.sh
# Offline: GOPATH mode (GO111MODULE=off) on /usr/share/gocode, GOPROXY=off.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLES=$(dirname "$HERE")
WORK=$(mktemp -d /tmp/govcr-build.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$WORK/cache" GOTOOLCHAIN=local

# yaml.v3 3.0.1 (Debian) lacks Encoder.CompactSeqIndent (charm's layout); add
# it to a private copy, the same change go-yaml made upstream.
mkdir -p "$WORK/gopath/src/gopkg.in"
cp -r /usr/share/gocode/src/gopkg.in/yaml.v3 "$WORK/gopath/src/gopkg.in/yaml.v3"
python3 "$HERE/govcr2/patch_compact_seq.py" "$WORK/gopath/src/gopkg.in/yaml.v3"

GOPATH=/usr/share/gocode go build -o "$WORK/govcr1" "$HERE/govcr1/main.go"
GOPATH="$WORK/gopath:/usr/share/gocode" go build -o "$WORK/govcr2" "$HERE/govcr2/main.go"

mkdir -p "$SAMPLES/go-vcr-v1" "$SAMPLES/go-vcr-v2"
"$HERE/with_fake_api.sh" "$WORK/govcr1" "$HERE" "$SAMPLES/go-vcr-v1"
"$HERE/with_fake_api.sh" "$WORK/govcr2" "$HERE" "$SAMPLES/go-vcr-v2"
echo "go: $(go version); go-vcr $(dpkg-query -W -f='${Version}' golang-github-dnaeon-go-vcr-dev); yaml.v2 $(dpkg-query -W -f='${Version}' golang-gopkg-yaml.v2-dev); yaml.v3 $(dpkg-query -W -f='${Version}' golang-gopkg-yaml.v3-dev)"
