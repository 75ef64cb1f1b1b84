#!/usr/bin/env bash
# Benchmarks of BENCHMARKS.md in one command: ingest of the national-size demo
# set and of ../shared/data (wall time, peak RSS, and the ratio to DuckDB's own
# read_csv of the same CSV files timed in the same run); HTTP latency and
# throughput of the school, LA, league, compare and search pages at 1, 8 and
# 32 clients and of a mix of all five at 8, against the national-size
# database; the server's peak RSS; the Go page benchmarks.
#
#   scripts/bench.sh             # full run, about 15-30 minutes on 2 cores
#   scripts/bench.sh --quick     # tiny data, 1 s runs: checks everything runs (CI)
#
# Options: --scale N (demo-data scale, default 10), --duration D (each load
# run, default 10s), --clients LIST (default 1,8,32), --repeat N (ingests,
# median reported; default 1), --real DIR|none (default ../shared/data),
# --out DIR (results; default a temp folder, kept), --db FILE (skip the
# ingests: benchmark serving an existing database). Needs Go, bash and
# /usr/bin/time (Debian package "time").
set -euo pipefail

quick=false scale=10 duration=10s warmup=1s clients=1,8,32 repeat=1 real="" out="" n=200 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=true; shift ;;
	--scale) scale=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--clients) clients=$2; shift 2 ;;
	--repeat) repeat=$2; shift 2 ;;
	--real) real=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--db) db=$2; shift 2 ;;
	*) echo "usage: $0 [--quick] [--scale N] [--duration D] [--clients LIST] [--repeat N] [--real DIR|none] [--out DIR] [--db FILE]" >&2; exit 2 ;;
	esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
if $quick; then scale=1 duration=1s warmup=200ms clients=1,8 real=none n=20; fi
[ -n "$real" ] || real="$root/../shared/data"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d /tmp/sendash-bench.XXXXXX)
out=${out:-$work/results}
mkdir -p "$out"
server=""
cleanup() {
	if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
	rm -rf "$work/data" "$work"/*.duckdb "$work"/*.duckdb.* "$work"/*.test "$work"/sendash*
}
trap cleanup EXIT
summary="$out/summary.md"
say() { echo "$*" | tee -a "$summary"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

cd "$root"
echo "== building into $work"
go build -o "$work/sendash" ./cmd/sendash
go build -o "$work/sendash-load" ./cmd/sendash-load
go test -c -o "$work/store.test" ./internal/store
go test -c -o "$work/web.test" ./internal/web
bin="$work/sendash"

say "# sendash benchmarks $(date -u +%Y-%m-%dT%H:%MZ) $($quick && echo '(quick: checks only)')"
say ""
say "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(lscpu | sed -n 's/^Model name: *//p' | head -1) $(lscpu | sed -n 's/^Hypervisor vendor: *//p' | head -1); Go $(go env GOVERSION); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')"
say ""

# ingest_bench NAME DIR DB: --repeat times, ingest DIR into DB under
# /usr/bin/time, then time DuckDB's read_csv of the same CSV files; print
# one row of medians.
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ingest_bench() {
	local name=$1 dir=$2 db=$3 secs=() rss=() raws=() before after i s r raw
	before=$(load)
	for i in $(seq "$repeat"); do
		rm -f "$db"
		/usr/bin/time -v "$bin" ingest --data "$dir" --db "$db" --quiet 2> "$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
		secs+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; print s}' "$work/time.txt")")
		rss+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")")
		raws+=("$(SENDASH_BENCH_CSV="$dir" "$work/store.test" -test.run '^$' -test.bench RawReadCSV -test.benchtime 1x |
			awk '/^BenchmarkRawReadCSV/ {printf "%.1f", $3 / 1e9}')")
	done
	after=$(load)
	s=$(printf '%s\n' "${secs[@]}" | median)
	r=$(printf '%s\n' "${rss[@]}" | median)
	raw=$(printf '%s\n' "${raws[@]}" | median)
	say "| $name | $(du -sm "$dir" | cut -f1) MB | ${s} s | ${raw} s | $(awk -v a="$s" -v b="$raw" 'BEGIN {printf "%.1fx", a / b}') | ${r} MB | $before -> $after |"
}

if [ -n "$db" ]; then
	db=$(cd "$(dirname "$db")" && pwd)/$(basename "$db")
	say "(serving only: $db, no ingest)"
	say ""
else
	echo "== generating the demo set (scale $scale)"
	"$bin" demo-data --out "$work/data" --scale "$scale" > /dev/null
	db="$work/bench.duckdb"
	say "## Ingest (median of $repeat, each ingest followed by the read_csv run)"
	say ""
	say "| data | size | sendash ingest | DuckDB read_csv of its CSVs | ratio | ingest peak RSS | load avg before -> after |"
	say "|---|---|---|---|---|---|---|"
	ingest_bench "demo-data --scale $scale" "$work/data" "$db"
	if [ "$real" != none ]; then
		[ -d "$real" ] || { echo "bench: $real is missing (use --real DIR or --real none)" >&2; exit 1; }
		ingest_bench "${real#"$root"/}" "$real" "$work/real.duckdb"
		rm -f "$work/real.duckdb"
	fi
	say ""
fi
budgets="school:p95=25ms,la:p95=25ms,search:p95=15ms,mix:rps=400"
verdicts=()
# start_server LABEL SERVE-FLAGS...: serve $db on a random port ($port, $server).
start_server() {
	local label=$1
	shift
	port=$((20000 + RANDOM % 20000))
	echo "== serving $db ($label)"
	"$bin" serve --db "$db" --addr "127.0.0.1:$port" "${serve_flags[@]}" "$@" > "$work/serve.out" 2> "$work/serve.log" &
	server=$!
}
# stop_server LABEL: record the server's peak RSS, stop it.
stop_server() {
	say "serving peak RSS ($1): $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status") (budget 400 MB)"
	say ""
	kill "$server"; wait "$server" 2>/dev/null || true; server=""
}
# load_result RC VERDICT: add the run in $work/load.txt to the summary; stop on
# failed requests (sendash-load exit 1), note VERDICT on a missed budget (exit 3).
load_result() {
	tee -a "$summary" < "$work/load.txt"
	[ "$1" = 0 ] || [ "$1" = 3 ] || { cat "$work/serve.log" >&2; exit "$1"; }
	if [ "$1" = 3 ]; then verdicts+=("$2"); fi
}
# serve_and_load LABEL SERVE-FLAGS...: serve $db, run every page kind at each
# client count and the mix at 8, record the server's peak RSS, stop it.
serve_and_load() {
	local label=$1 rc c b
	start_server "$@"
	loadgen() { "$work/sendash-load" -base "http://127.0.0.1:$port" -db "$db" -pid "$server" -n "$n" \
		-duration "$duration" -warmup "$warmup" "${load_flags[@]}" "$@"; }
	say "### $label"
	say ""
	say '```'
	for c in ${clients//,/ } mix; do
		b=""
		[ "$c" = 8 ] || [ "$c" = mix ] && b=$budgets
		say "load avg before $c: $(load)"
		rc=0
		if [ "$c" = mix ]; then
			loadgen -pages mix -clients 8 -json "$out/load-$tag-mix.json" -budget "$b" > "$work/load.txt" || rc=$?
		else
			loadgen -clients "$c" -json "$out/load-$tag-c$c.json" -budget "$b" > "$work/load.txt" || rc=$?
		fi
		load_result $rc "$label: $(grep -c 'OVER BUDGET' "$work/load.txt") over budget at $c"
	done
	say '```'
	say ""
	if $with_wrk; then
		# The same pages through wrk (Debian's package), a load tool in C that
		# costs the shared cores less than sendash-load: a cross-check.
		say "wrk, 8 connections, 1 thread, ${duration} per page kind ($label):"
		say ""
		say '```'
		for p in school la search; do
			"$work/sendash-load" -db "$db" -n "$n" -pages "$p" -list > "$work/paths-$p.txt"
			PATHS="$work/paths-$p.txt" wrk -t1 -c8 -d1s -s scripts/wrk-paths.lua "http://127.0.0.1:$port" > /dev/null
			say "$(printf '%-7s' "$p") $(PATHS="$work/paths-$p.txt" wrk -t1 -c8 -d"$duration" -s scripts/wrk-paths.lua "http://127.0.0.1:$port" | grep '^wrk:')"
		done
		say '```'
		say ""
	fi
	stop_server "$label"
}
# wrk is optional: without it the cross-check is left out.
with_wrk=false
command -v wrk > /dev/null && with_wrk=true
serve_flags=()
serve_help=$("$bin" serve -h 2>&1 || true)
# One client IP sends every request here: turn the per-IP rate limit off.
if [[ $serve_help == *-rate-limit* ]]; then serve_flags+=(--rate-limit 0); fi
say "## Serving (${duration} per run after ${warmup} warm-up, $n pages of each kind; latency in ms)"
say ""
say "CPU ms/req is the server's CPU time (all threads) per request: on a shared machine it is"
say "the steadier measure of cost; 2000/CPU is the most requests a second 2 idle cores could serve."
say ""
load_flags=(-prefill)
tag=hot
serve_and_load "hot: as shipped, every sampled page already in the page cache"
load_flags=()
tag=cold
# (a longer request time limit: 32 clients queue for seconds on cold school pages)
serve_and_load "cold: page cache off, every request queries DuckDB" --cache-mb 0 --timeout 60s

# As shipped, with school pages drawn from every school: most miss the page
# cache, as real traffic over 24,000 schools would.
start_server "as shipped, school pages from every school"
say "### as shipped (page cache on), school pages drawn from every school, 8 clients"
say ""
say '```'
say "load avg before: $(load)"
rc=0
"$work/sendash-load" -base "http://127.0.0.1:$port" -db "$db" -pid "$server" -n 1000000 -pages school -clients 8 \
	-duration "$duration" -warmup "$warmup" -json "$out/load-shipped-all-schools.json" -budget "school:p95=25ms" > "$work/load.txt" || rc=$?
load_result $rc "as shipped, every school: over budget"
say '```'
say ""
stop_server "as shipped, every school"

echo "== Go page benchmarks"
bt=200x
$quick && bt=1x
say '```'
SENDASH_BENCH_DB="$db" "$work/web.test" -test.run '^$' -test.bench . -test.benchtime "$bt" | grep -E '^Benchmark' | tee -a "$summary"
say '```'
say ""
if $quick; then
	# 1 s runs on tiny data say whether everything runs, not whether a
	# budget is met: a missed budget is listed, not judged.
	say "budgets: not judged in quick mode (1 s runs on tiny data)${verdicts:+; over in these runs:}"
	for v in "${verdicts[@]}"; do say "- $v"; done
elif [ ${#verdicts[@]} -gt 0 ]; then
	say "budgets missed:"
	for v in "${verdicts[@]}"; do say "- $v"; done
else
	say "budgets: all met"
fi
echo "== results in $out (summary.md, load-*.json)"
