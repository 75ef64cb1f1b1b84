package store

import (
	"context"
	"database/sql"
	"strconv"
)

// Sample is a repeatable random choice of page keys, for load and soak tests:
// schools and LAs that have figures, every indicator with a league table, and
// search terms of the kinds people type.
type Sample struct {
	URNs        []string
	LACodes     []string // canonical codes, so no request is a redirect
	Indicators  []string
	SearchTerms []string
}

// Sample picks up to n of each kind of key; the same seed picks the same keys.
func (s *Store) Sample(ctx context.Context, n int, seed int64) (*Sample, error) {
	var out Sample
	sd := strconv.FormatInt(seed, 10)
	steps := []struct {
		name string
		args []any
		dst  *[]string
	}{
		{"bench.schools", []any{sd, n}, &out.URNs},
		{"bench.las", []any{sd, n}, &out.LACodes},
		{"bench.indicators", nil, &out.Indicators},
		{"bench.search_terms", []any{sd, n}, &out.SearchTerms},
	}
	for _, st := range steps {
		err := eachRow(ctx, s, st.name, st.args, func(r *sql.Rows) error {
			var v string
			err := r.Scan(&v)
			if v != "" {
				*st.dst = append(*st.dst, v)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return &out, nil
}
