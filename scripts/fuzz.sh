#!/usr/bin/env bash
# Run every fuzz target, one after another, each for FUZZTIME (default 60s).
# `go test ./...` (and CI) runs only the seed corpora; this is the real run.
#
#   scripts/fuzz.sh                  # all targets, 60 s each
#   FUZZTIME=10m scripts/fuzz.sh FuzzReadODS FuzzRoutes
#   SENDASH_REAL_DATA=$(cd ../shared/data && pwd) scripts/fuzz.sh   # also seed from the real files
#
# A crasher is written to <package>/testdata/fuzz/<Target>/ and the run stops
# with the failing input; `go test -run '<Target>/<file>' ./<package>` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
# New-coverage inputs are minimised before they join the corpus; Go's default
# of 60 s per input would eat a one-minute run on the slower file targets.
minimize=${FUZZMINIMIZETIME:-2s}
targets=(
  internal/ingest:FuzzReadHead internal/ingest:FuzzFirstRecords internal/ingest:FuzzYearFromPath
  internal/ingest:FuzzAppealRateCSV internal/ingest:FuzzReadODS internal/ingest:FuzzODSContent
  internal/ingest:FuzzCSVError internal/ingest:FuzzStagingNames
  internal/web:FuzzURNParam internal/web:FuzzLACodeParam internal/web:FuzzYearParam
  internal/web:FuzzIndicatorParam internal/web:FuzzGroupParam internal/web:FuzzRoutes
  internal/store:FuzzSearch
  internal/store:FuzzDocDecode
)
want=("$@")
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $name "* ]]; then continue; fi
  echo "== $name ($pkg, $fuzztime)"
  start=$(date +%s)
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "./$pkg"
  echo "== $name: ok after $(( $(date +%s) - start ))s"
done
