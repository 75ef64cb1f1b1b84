#!/usr/bin/env bash
# fetch-axe.sh: vendor axe-core (accessibility rules engine, MPL-2.0) for the
# browser tests only: internal/browsertest injects it into pages under test.
# Pinned to a 4.x release; the npm tarball must match the pinned sha512 integrity.
# To upgrade: `npm view axe-core dist-tags.latest`, then update both pins.
set -euo pipefail

AXE_VERSION=4.14.1
AXE_INTEGRITY='sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=='

root=$(cd "$(dirname "$0")/.." && pwd)
VENDOR_CALLER=$0 exec "$root/scripts/npm-vendor.sh" axe-core "$AXE_VERSION" "$AXE_INTEGRITY" \
	"$root/internal/browsertest/testdata" axe.min.js LICENSE:axe-LICENSE 'LICENSE-3RD-PARTY.txt?:axe-LICENSE-3RD-PARTY.txt'
