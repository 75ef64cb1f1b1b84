#!/usr/bin/env bash
# npm-vendor.sh: copy files out of one pinned npm package, after checking the
# tarball against the registry's recorded sha512 integrity and a pinned value.
#
# Usage: scripts/npm-vendor.sh NAME VERSION EXPECTED_INTEGRITY DEST_DIR SRC[:DEST_NAME]...
#   SRC is a path inside the package (e.g. dist/echarts.min.js); a SRC ending in
#   "?" is optional (copied only if the package has it, e.g. NOTICE?).
# Also writes DEST_DIR/VENDORED.txt recording what was copied and its checksums.
# Called by fetch-echarts.sh and fetch-axe.sh; needs npm, openssl, tar.
set -euo pipefail

if [[ $# -lt 5 ]]; then
	echo "usage: $0 NAME VERSION EXPECTED_INTEGRITY DEST_DIR SRC[:DEST_NAME]..." >&2
	exit 2
fi
name=$1 version=$2 expected=$3 dest=$4
shift 4

for tool in npm openssl tar; do
	command -v "$tool" >/dev/null || { echo "$0: $tool is required (apt-get install -y npm openssl tar)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The registry's own record of the tarball's integrity.
registry_integrity=$(cd "$work" && npm view "$name@$version" dist.integrity)
if [[ "$registry_integrity" != "$expected" ]]; then
	echo "$0: $name@$version: registry integrity $registry_integrity != pinned $expected" >&2
	exit 1
fi

tarball=$(cd "$work" && npm pack --silent "$name@$version" | tail -n 1)
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
if [[ "$actual" != "$expected" ]]; then
	echo "$0: $name@$version: tarball integrity $actual != expected $expected" >&2
	exit 1
fi
echo "$name@$version: tarball integrity verified ($actual)"

mkdir -p "$work/x"
tar -xzf "$work/$tarball" -C "$work/x"
pkg="$work/x/package"
mkdir -p "$dest"

record="$dest/VENDORED.txt"
{
	echo "$name@$version from the npm registry, fetched by scripts/$(basename "${VENDOR_CALLER:-$0}")"
	echo "tarball integrity: $actual"
	echo "sha256 of copied files:"
} >"$record.tmp"

for spec in "$@"; do
	src=${spec%%:*}
	out=$(basename "$src")
	[[ "$spec" == *:* ]] && out=${spec#*:}
	optional=false
	if [[ "$src" == *\? ]]; then optional=true; src=${src%\?}; out=${out%\?}; fi
	if [[ ! -f "$pkg/$src" ]]; then
		if $optional; then continue; fi
		echo "$0: $name@$version has no $src" >&2
		exit 1
	fi
	cp "$pkg/$src" "$dest/$out"
	(cd "$dest" && sha256sum "$out") >>"$record.tmp"
	echo "  $src -> $dest/$out ($(wc -c <"$dest/$out") bytes)"
done
mv "$record.tmp" "$record"
