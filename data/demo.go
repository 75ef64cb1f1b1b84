package data

import "embed"

// Demo holds the committed demo data set (data/demo), written by
// `sendash demo-data`. `sendash serve` with no flags ingests it on first run.
//
//go:embed demo
var Demo embed.FS
