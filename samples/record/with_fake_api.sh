#!/bin/sh
# Usage: with_fake_api.sh COMMAND [ARGS...]
# Starts fake_api.py on 127.0.0.1 (port $FAKE_API_PORT, default 18080), exports
# FAKE_API_URL, runs COMMAND, then stops the server (it also stops by itself
# after 120 s or 200 requests).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=${FAKE_API_PORT:-18080}
PORTFILE=$(mktemp)
rm -f "$PORTFILE"
python3 "$HERE/fake_api.py" --port "$PORT" --port-file "$PORTFILE" --timeout 120 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; rm -f "$PORTFILE"' EXIT
i=0
while [ ! -s "$PORTFILE" ]; do
  i=$((i+1)); [ $i -gt 100 ] && { echo "fake_api did not start" >&2; exit 1; }
  sleep 0.05
done
FAKE_API_URL="http://127.0.0.1:$(cat "$PORTFILE")"
export FAKE_API_URL
status=0
"$@" || status=$?
python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]+'/__shutdown', timeout=5).read()" "$FAKE_API_URL" >/dev/null 2>&1 || true
wait $SERVER_PID 2>/dev/null || true
trap - EXIT
rm -f "$PORTFILE"
exit $status
