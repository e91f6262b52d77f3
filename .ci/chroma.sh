#!/usr/bin/env bash
# Start a throw-away Chroma server on loopback for the tests that index into a server instead of
# the embedded store; prints its URL (export it as VANBAN_TEST_CHROMA_URL). Idempotent: a server
# already answering on the port is reused. The `chroma` CLI comes with the chromadb package.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${CHROMA_PORT:-8765}
DATA=${CHROMA_PATH:-/tmp/vanban-chroma}
URL="http://127.0.0.1:$PORT"
answers() {  # the venv's Python, so the CI image needs no curl
  .venv/bin/python -c "import urllib.request as u; u.urlopen('$URL/api/v2/heartbeat', timeout=2)" 2>/dev/null
}
if ! answers; then
  mkdir -p "$DATA"
  nohup .venv/bin/chroma run --host 127.0.0.1 --port "$PORT" --path "$DATA" >"$DATA.log" 2>&1 &
  for _ in $(seq 1 120); do
    answers && break
    sleep 0.5
  done
  answers || { echo "chroma did not start; see $DATA.log" >&2; exit 1; }
fi
echo "$URL"
