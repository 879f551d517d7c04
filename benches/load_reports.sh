#!/usr/bin/env bash
# Benchmark (not a test): 200 concurrent reporters, each with its own
# organisation and API key, submit valid reports for 60 s to a release
# `meldpunt serve` on loopback. Prints reports/s, latency percentiles,
# errors (must be 0) and the server's peak RSS, then checks the audit chain.
#
#   benches/load_reports.sh          # SQLite in a temp directory
#   benches/load_reports.sh --pg     # PostgreSQL at 127.0.0.1:5432
#
# LOAD_SECONDS, LOAD_REPORTERS and LOAD_ORGS override the defaults;
# LOAD_NO_BUILD=1 uses the release binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=sqlite
[[ "${1:-}" == "--pg" ]] && backend=postgres
seconds=${LOAD_SECONDS:-60}
reporters=${LOAD_REPORTERS:-200}
orgs=${LOAD_ORGS:-$reporters}
pg_admin=${MELDPUNT_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres}

if [[ -z "${LOAD_NO_BUILD:-}" ]]; then
  cargo build --release -q -p meldpunt-cli --bin meldpunt --example load_reports
fi
bin=target/release/meldpunt
client=target/release/examples/load_reports

tmp=$(mktemp -d)
server_pid=""
pg_name=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$pg_name" ]]; then
    psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ $backend == postgres ]]; then
  pg_name="meldpunt_load_$$"
  psql -q "$pg_admin" -c "CREATE DATABASE $pg_name"
  export MELDPUNT_DB="${pg_admin%/*}/$pg_name"
else
  export MELDPUNT_DB="$tmp/load.db"
fi

"$bin" lists import crates/cli/demo/demo-list-v1.ftm.json --source demo >/dev/null
password="$(head -c 24 /dev/urandom | base64)"
echo "$password" | "$bin" user create --org meldpunt --email load-admin@meldpunt.example \
  --name "Load admin" --role admin >/dev/null

"$bin" serve --listen 127.0.0.1:0 >"$tmp/banner" 2>"$tmp/server.err" &
server_pid=$!
base=""
for _ in $(seq 600); do
  base=$(grep -o 'http://[^ ]*' "$tmp/banner" 2>/dev/null | head -1 || true)
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err"; exit 1; }
  sleep 0.1
done
[[ -n "$base" ]] || { echo "server did not start" >&2; exit 1; }

echo "backend: $backend, $reporters reporters in $orgs organisations, ${seconds} s, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
LOAD_ADMIN_PASSWORD="$password" "$client" --base "$base" --admin-email load-admin@meldpunt.example \
  --reporters "$reporters" --orgs "$orgs" --seconds "$seconds" --server-pid "$server_pid" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
if [[ -s "$tmp/server.err" ]]; then
  echo "server stderr (last lines):"
  tail -5 "$tmp/server.err"
fi
"$bin" audit verify
exit "$status"
