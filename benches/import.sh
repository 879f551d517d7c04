#!/usr/bin/env bash
# Benchmark (not a test): import every real list in ../shared/data/lists into
# a fresh SQLite database, and into PostgreSQL when reachable, with the
# release binary. Prints entities/s and peak RSS per source and in total.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${MELDPUNT_SHARED_DATA:-$(cd .. && pwd)/shared/data}/lists"
cargo build --release -q -p meldpunt-cli
bin=target/release/meldpunt
inputs=(
  "$data/ofac/sdn-2019-01"
  "$data/ofac/sdn-2021-07"
  "$data/ofac/consolidated-2025-12"
  "$data/un/consolidated-2020-11-24.xml"
  "$data/un/consolidated-2026-02-27.xml"
  "$data/eu/data/consolidated"
  "$data/opensanctions/zala.entities.ftm.json"
  "$data/opensanctions/t1.entities.ftm.json"
)

run() {
  local label=$1 db=$2
  local total=0 start end
  start=$(date +%s.%N)
  for input in "${inputs[@]}"; do
    out=$("$bin" --db "$db" --stats lists import "$input" 2>/tmp/meldpunt-bench.err)
    n=$(grep -oE '^  [0-9]+ entities' <<<"$out" | awk '{s+=$1} END {print s+0}')
    total=$((total + n))
    printf '%-9s %-45s %7d entities  %s\n' "$label" "${input#"$data/"}" "$n" "$(grep stats: /tmp/meldpunt-bench.err | sed 's/stats: //')"
  done
  end=$(date +%s.%N)
  awk -v l="$label" -v n="$total" -v s="$start" -v e="$end" 'BEGIN {printf "%-9s total %d entities in %.2f s: %.0f entities/s\n", l, n, e-s, n/(e-s)}'
}

tmp=$(mktemp -d)
run sqlite "$tmp/bench.db"
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  psql -q postgres://postgres@127.0.0.1:5432/postgres -c "DROP DATABASE IF EXISTS meldpunt_bench" -c "CREATE DATABASE meldpunt_bench"
  run postgres "postgres://postgres@127.0.0.1:5432/meldpunt_bench"
  psql -q postgres://postgres@127.0.0.1:5432/postgres -c "DROP DATABASE meldpunt_bench WITH (FORCE)"
fi
rm -rf "$tmp"
