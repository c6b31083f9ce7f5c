#!/usr/bin/env bash
# Smoke check of `make run`'s path: migrate, load demo data (twice: it must be idempotent),
# serve, then fetch the home and sign-in pages and sign in as the demo attorney.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${SMOKE_PORT:-8123}
BIN=.venv/bin
$BIN/python manage.py migrate --noinput >/dev/null
$BIN/python manage.py createcachetable
$BIN/python manage.py load_demo_data --print-logins
$BIN/python manage.py load_demo_data >/dev/null
$BIN/python manage.py runserver --noreload "127.0.0.1:$PORT" >/tmp/cgrs-smoke.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if $BIN/python - "$PORT" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
PY
  sleep 0.5
done
$BIN/python scripts/smoke_signin.py "http://127.0.0.1:$PORT"
echo "smoke: OK"
