// Package bench holds the SQL that only the load generator and the
// benchmarks run: the repeatable sample of page keys and the read_csv
// yardstick. It is a package of its own, beside package queries, so the
// sendash binary does not embed it.
package bench

import (
	_ "embed"

	"github.com/sendash/sendash/queries"
)

//go:embed bench.sql
var text string

// MustLoad parses bench.sql and panics if it is malformed: the file is
// embedded, so a bad section is a build bug.
func MustLoad() *queries.Set {
	s, err := queries.Parse("bench/bench.sql", text)
	if err != nil {
		panic(err)
	}
	return s
}
