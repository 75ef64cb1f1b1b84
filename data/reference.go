package data

import _ "embed"

// LAChanges is sendash's reference list of LA boundary changes since 2019
// (mergers, splits and code changes), loaded on every ingest so LAs join
// across years. Its format is recognised like any published file.
//
//go:embed la_changes.csv
var LAChanges []byte
