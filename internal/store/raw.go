package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/sendash/sendash/internal/tabular"
)

// QuerySQL runs one read-only statement typed by a user (`sendash sql`).
// The database is opened read-only for this, so nothing can be changed.
func (s *Store) QuerySQL(ctx context.Context, query string, args ...any) (*tabular.Table, error) {
	rows, err := s.DB.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	t := &tabular.Table{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", strings.SplitN(query, "\n", 2)[0], err)
	}
	return t, nil
}
