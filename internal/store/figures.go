package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Figure is one row of the materialised indicator layer: one indicator for
// one area, period and group. Value is nil when Status is not "ok"; Reason
// then says why in plain English.
type Figure struct {
	Indicator   string   `json:"indicator"`
	Level       string   `json:"level"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	LACode      string   `json:"la_code"`
	Period      string   `json:"period"`
	PeriodType  string   `json:"period_type"`
	Year        int      `json:"year"`
	Grp         string   `json:"grp"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Value       *float64 `json:"value"`
	Unit        string   `json:"unit"`
	Status      string   `json:"status"`
	Reason      string   `json:"reason"`
	Published   *float64 `json:"published"`
	SourceID    *int64   `json:"source_id"`
	Rank        *int64   `json:"rank"`
	RankOf      *int64   `json:"rank_of"`
	Quartile    *int64   `json:"quartile"`
	Percentile  *float64 `json:"percentile"`
}

// ProfileRow is a figure on a profile page with the indicator's title and
// caveat and the comparable LA and England values for the same period. On a
// school page, a figure the similar-schools table shows (SimilarSummary)
// also carries its Standing there, so its plain words agree with the
// median shown.
type ProfileRow struct {
	Figure
	Title         string    `json:"title"`
	Polarity      string    `json:"polarity"`
	Caveat        string    `json:"caveat"`
	LAValue       *float64  `json:"la_value"`
	LAStatus      string    `json:"la_status"`
	EnglandValue  *float64  `json:"england_value"`
	EnglandStatus string    `json:"england_status"`
	LAGrp         string    `json:"la_grp"`            // the LA figure's group (a school's phase, or the same group)
	EnglandGrp    string    `json:"england_grp"`       // likewise for England
	Similar       *Standing `json:"similar,omitempty"` // school figures the similar-schools table shows
}

// Standing is where a school's figure sits among its similar schools'
// figures for the same indicator and year: the peers whose lowest, median
// and highest the similar-schools table shows (SimilarSummary).
type Standing struct {
	Peers  int     `json:"peers_with_value"` // similar schools with a figure that year (at least 1)
	Lower  int     `json:"peers_lower"`      // of them, strictly lower than the figure
	Higher int     `json:"peers_higher"`     // strictly higher
	Median float64 `json:"peer_median"`
}

// figureDest returns scan destinations for the 21 figure columns every page
// query selects in the same order (see queries/page_*.sql).
func figureDest(f *Figure, n *nulls) []any {
	return []any{&f.Indicator, &f.Level, &f.Code, &f.Name, &f.LACode, &f.Period,
		&f.PeriodType, &f.Year, &f.Grp, &n.num, &n.den, &n.val, &f.Unit, &f.Status,
		&f.Reason, &n.pub, &n.src, &n.rank, &n.rankOf, &n.quart, &n.pct}
}

// nulls holds the nullable columns of a figure while scanning.
type nulls struct {
	num, den, val, pub, pct  sql.NullFloat64
	src, rank, rankOf, quart sql.NullInt64
}

func (n *nulls) apply(f *Figure) {
	f.Numerator, f.Denominator, f.Value = fptr(n.num), fptr(n.den), fptr(n.val)
	f.Published, f.Percentile = fptr(n.pub), fptr(n.pct)
	f.SourceID, f.Rank, f.RankOf, f.Quartile = iptr(n.src), iptr(n.rank), iptr(n.rankOf), iptr(n.quart)
}

func fptr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	x := v.Float64
	return &x
}

func iptr(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	x := v.Int64
	return &x
}

// queryFigures runs a named query that selects the 21 figure columns.
func (s *Store) queryFigures(ctx context.Context, name string, args ...any) ([]Figure, error) {
	rows, err := s.query(ctx, name, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	var out []Figure
	for rows.Next() {
		var f Figure
		var n nulls
		if err := rows.Scan(figureDest(&f, &n)...); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		n.apply(&f)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// queryProfile runs a named query that selects the figure columns followed by
// title, polarity, caveat, LA value and status, England value and status,
// and the LA and England comparators' groups.
func (s *Store) queryProfile(ctx context.Context, name string, args ...any) ([]ProfileRow, error) {
	return s.queryProfileAfter(ctx, name, nil, args...)
}

// queryProfileAfter is queryProfile for a query that selects the columns
// scanned into lead (the same on every row) before the profile columns.
func (s *Store) queryProfileAfter(ctx context.Context, name string, lead []any, args ...any) ([]ProfileRow, error) {
	var out []ProfileRow
	err := s.eachProfileRow(ctx, name, lead, args, func(r ProfileRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// eachProfileRow runs a named query that selects the columns scanned into
// lead before the profile columns, and calls fn with each row (lead then
// holds that row's leading columns).
func (s *Store) eachProfileRow(ctx context.Context, name string, lead []any, args []any, fn func(ProfileRow) error) error {
	return eachRow(ctx, s, name, args, func(rows *sql.Rows) error {
		var r ProfileRow
		var n nulls
		var la, en sql.NullFloat64
		dest := append(append(lead[:len(lead):len(lead)], figureDest(&r.Figure, &n)...), &r.Title, &r.Polarity, &r.Caveat,
			&la, &r.LAStatus, &en, &r.EnglandStatus, &r.LAGrp, &r.EnglandGrp)
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		n.apply(&r.Figure)
		r.LAValue, r.EnglandValue = fptr(la), fptr(en)
		return fn(r)
	})
}

// scanOne runs a named single-row query into dest, mapping no rows to
// ErrNotFound (wrapped with what was looked up).
func (s *Store) scanOne(ctx context.Context, name, what string, args []any, dest ...any) error {
	rows, err := s.query(ctx, name, args...)
	if err == nil {
		defer rows.Close()
		if rows.Next() {
			err = rows.Scan(dest...)
		} else if err = rows.Err(); err == nil {
			err = sql.ErrNoRows
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
