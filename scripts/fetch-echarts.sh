#!/usr/bin/env bash
# fetch-echarts.sh: vendor ECharts (the version go-echarts v2.6.7 targets) into
# static/vendor/echarts/, so pages load it from our own server, never a CDN.
# Reproducible: the npm tarball must match the pinned sha512 integrity.
# The result is committed; rerun only to check or to upgrade (then update both pins).
set -euo pipefail

ECHARTS_VERSION=5.6.0
ECHARTS_INTEGRITY='sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=='

root=$(cd "$(dirname "$0")/.." && pwd)
VENDOR_CALLER=$0 exec "$root/scripts/npm-vendor.sh" echarts "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY" \
	"$root/static/vendor/echarts" dist/echarts.min.js LICENSE 'NOTICE?'
