package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/sendash/sendash/queries"
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
// q holds the bench.* queries (package queries/bench), which only the load
// generator and the benchmarks use, so the server's own query set lacks them.
func (s *Store) Sample(ctx context.Context, q *queries.Set, n int, seed int64) (*Sample, error) {
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
		if err := s.sampleKeys(ctx, q.Get(st.name), st.args, st.dst); err != nil {
			return nil, fmt.Errorf("%s: %w", st.name, err)
		}
	}
	return &out, nil
}

// sampleKeys appends the first column of every non-empty row of query to dst.
func (s *Store) sampleKeys(ctx context.Context, query string, args []any, dst *[]string) error {
	rows, err := s.DB.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		if v != "" {
			*dst = append(*dst, v)
		}
	}
	return rows.Err()
}
