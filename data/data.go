// Package data holds the files sendash embeds in its binary, such as the
// manifest of official sources that `sendash fetch` downloads.
package data

import (
	"bytes"
	_ "embed"
)

//go:embed sources.json
var sourcesJSON []byte

// SourcesJSON returns a copy of the embedded sources manifest (sources.json):
// each official file sendash knows how to download, where from, under which
// licence and what its first line must look like. Parse it with
// fetch.LoadManifest.
func SourcesJSON() []byte {
	return bytes.Clone(sourcesJSON)
}
