#!/usr/bin/env bash
# Soak test: serve a database and drive it with sendash-load at a fixed rate
# over a mix of pages, sampling the server's resident memory every 10 s.
# Fails on any 5xx, any failed request, any request the server fell too far
# behind to send, or resident memory at the end more than 50% above the
# sample after the first minute.
#
#   scripts/soak.sh                         # demo data, 50 req/s for 10 minutes
#   scripts/soak.sh --db sendash.duckdb     # a database you built
#   scripts/soak.sh --rate 100 --duration 2m --scale 3
#   scripts/soak.sh --warmup                # each page fetched once first (steady state only)
#
# Needs Go and curl. Work files go to a temp folder, removed at the end
# (kept, with the server log, when the soak fails).
set -euo pipefail

db="" rate=50 duration=10m scale=1 addr=127.0.0.1:18080 warmup=false
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --addr) addr=$2; shift 2 ;;
    --warmup) warmup=true; shift ;;
    *) echo "usage: $0 [--db FILE] [--rate N] [--duration D] [--scale N] [--addr HOST:PORT] [--warmup]" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/sendash-soak.XXXXXX)
server=""
cleanup() {
  status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  if [ $status -eq 0 ]; then rm -rf "$work"; else echo "soak: failed; files kept in $work" >&2; fi
}
trap cleanup EXIT

cd "$root"
go build -o "$work/sendash" ./cmd/sendash
go build -o "$work/sendash-load" ./cmd/sendash-load
bin="$work/sendash"

if [ -z "$db" ]; then
  echo "soak: building demo data (scale $scale)"
  "$bin" demo-data --out "$work/data" --scale "$scale" >/dev/null
  "$bin" ingest --data "$work/data" --db "$work/demo.duckdb" --quiet
  db="$work/demo.duckdb"
fi

# The page mix: every page kind, over real URNs, LA codes, indicators and
# years; each kind gets a few dozen lines, so no kind dominates.
sql() { "$bin" sql --db "$db" --format csv "$1" | tail -n +2; }
{
  for p in / /england /methodology /sources /static/css/sendash.css /static/js/charts.js /healthz \
           /api/england /api/methodology /england?format=csv /sources?format=json; do echo "$p"; done
  sql "SELECT urn FROM school USING SAMPLE 60 ROWS (reservoir, 7) ORDER BY urn" | while read -r u; do
    echo "/schools/$u"; echo "/api/schools/$u"; echo "/schools/$u?format=csv&table=trend"
  done
  sql "SELECT coalesce(new_code, old_code) FROM la WHERE status = 'current' ORDER BY 1" | while read -r c; do
    echo "/las/$c"; echo "/las/$c?indicator=ehcp.timely"; echo "/api/las/$c"
    echo "/las/$c/schools"; echo "/las/$c/schools?status=all&sort=absence&order=asc&format=csv"
  done
  sql "SELECT DISTINCT indicator FROM figure WHERE level = 'la' ORDER BY 1" | while read -r i; do
    echo "/league/$i"; echo "/league/$i?format=csv"; echo "/api/league/$i"
  done
  sql "SELECT DISTINCT year_sort FROM figure ORDER BY 1" | while read -r y; do
    echo "/league/tribunal.rate?year=$y"; echo "/england?year=$y"
  done
  sql "SELECT a.urn || '&urn=' || b.urn FROM school a JOIN school b ON a.la_old_code = b.la_old_code AND a.urn < b.urn USING SAMPLE 30 ROWS (reservoir, 7)" | while read -r pair; do
    echo "/compare?urn=$pair"
  done
  sql "SELECT DISTINCT regexp_extract(name, '^[A-Za-z]+') FROM school WHERE regexp_extract(name, '^[A-Za-z]+') <> '' USING SAMPLE 30 ROWS (reservoir, 7)" | while read -r q; do
    echo "/search?q=$q"; echo "/api/search?q=$q"
  done
  echo "/schools/999999"; echo "/las/X1"   # expected 404 and 400: must not become 5xx
} | shuf --random-source=<(yes) >"$work/pages.txt"   # kinds interleaved, the same order every run
echo "soak: $(wc -l <"$work/pages.txt") pages in the mix"

"$bin" serve --db "$db" --addr "$addr" >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://$addr/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "soak: server exited:" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done

echo "soak: $rate req/s for $duration against $db (server pid $server)"
# Open loop: a request is due every 1/rate s whatever the latency, and its
# latency counts from then; the 64 clients only bound how many are in flight.
"$work/sendash-load" -base "http://$addr" -urls "$work/pages.txt" -rate "$rate" -duration "$duration" \
  -clients 64 -warmup 0 -prefill="$warmup" -pid "$server" -every 10s -max-rss-growth 0.5 -json "$work/soak.json"
logged5xx=$(grep -c '"status":5' "$work/serve.log" || true)
echo "soak: server logged $logged5xx 5xx responses"
[ "$logged5xx" -eq 0 ]
