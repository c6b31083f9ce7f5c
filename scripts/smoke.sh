#!/usr/bin/env bash
# Smoke check of `make run` itself: start it (migrate, demo data, serve), load the demo data a
# second time (it must be idempotent), fetch the home and sign-in pages and sign in as the demo
# attorney, then stop `make run` with SIGTERM and check that the server and the embedded
# database stopped with it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${SMOKE_PORT:-8123}
VENV=${VENV:-.venv}
BIN=$VENV/bin
LOG=$(mktemp /tmp/cgrs-smoke.XXXXXX.log)

fail() {
  echo "smoke: FAILED: $*" >&2
  tail -n 40 "$LOG" >&2
  exit 1
}

port_open() {
  $BIN/python - "$PORT" <<'PY'
import socket, sys
with socket.socket() as s:
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

if port_open; then fail "port $PORT is already in use (set SMOKE_PORT)"; fi

${MAKE:-make} --no-print-directory run PORT="$PORT" VENV="$VENV" >"$LOG" 2>&1 &
run=$!
trap 'kill $run 2>/dev/null || true; wait $run 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  if $BIN/python - "$PORT" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
PY
  kill -0 $run 2>/dev/null || fail "make run exited before serving"
  sleep 0.5
done
grep -q "attorney@example.org" "$LOG" || fail "make run printed no demo logins"
$BIN/python manage.py load_demo_data >/dev/null
$BIN/python scripts/smoke_signin.py "http://127.0.0.1:$PORT"

# Stop `make run` as a process manager or `kill` would; everything must go with it.
postmaster=$(head -n 1 "${CGRS_DATA_DIR:-.data}/postgres/postmaster.pid" 2>/dev/null || true)
kill -TERM $run
for _ in $(seq 1 60); do kill -0 $run 2>/dev/null || break; sleep 0.5; done
kill -0 $run 2>/dev/null && fail "make run still runs 30 s after SIGTERM"
trap - EXIT
if port_open; then fail "the server still answers after make run stopped"; fi
if [ -z "${DATABASE_URL:-}" ]; then
  grep -q "the embedded database is stopped" "$LOG" \
    || fail "the embedded database was not stopped (another process still attached?)"
  if [ -n "$postmaster" ] && kill -0 "$postmaster" 2>/dev/null; then
    fail "PostgreSQL (pid $postmaster) still runs after make run stopped"
  fi
fi
rm -f "$LOG"
echo "smoke: OK ($($BIN/python -c 'import platform; print("CPython", platform.python_version())'))"
