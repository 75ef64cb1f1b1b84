package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// An LA's schools: every school of the LA with its latest (or one year's)
// EHC plan %, SEN support %, overall absence and suspension rate, read from
// page_la_school and page_la_school_fig (built at ingest). The list is its
// own page (/las/:code/schools) rather than a table on the LA page: the
// largest LAs have 600-700 schools, and the LA page shows only the counts by
// phase (kept by the store, no read), so its latency budget is untouched.

// SchoolListIndicators are the figures a list of schools shows for each
// school, in column order: an LA's school list and a school's nearby
// schools (each school's latest figure, with its year, or "not published").
// derive.page.la_school_fig selects the same four.
var SchoolListIndicators = []string{"roll.ehcp", "roll.support", "attend.absence", "excl.suspension"}

// LASchool is one school in an LA's list. Figures holds its figure of each
// of SchoolListIndicators (same order), nil where none is published for the
// year asked.
type LASchool struct {
	URN       string    `json:"urn"`
	Name      string    `json:"name"`
	Phase     string    `json:"phase"`
	TypeGroup string    `json:"type_group"`
	Type      string    `json:"school_type"`
	Status    string    `json:"status"` // open, closed or "" (not published)
	Figures   []*Figure `json:"figures"`
}

// LASchools is an LA's school list for one year (0: each school's latest
// figures) and the years that have figures.
type LASchools struct {
	LA         LA         `json:"la"`
	Indicators []string   `json:"indicators"` // what each school's Figures are: SchoolListIndicators
	Year       int        `json:"year"`
	Years      []int      `json:"years"`
	Periods    []string   `json:"periods"` // the period of each of Years
	Schools    []LASchool `json:"schools"`
}

// PhaseCount is how many of an LA's schools of one phase are open (or of
// unpublished status) and closed.
type PhaseCount struct {
	Phase  string `json:"phase"`
	Open   int    `json:"open"`
	Closed int    `json:"closed"`
}

// laSchoolIndex is every LA's school counts and list years, by old code.
type laSchoolIndex struct {
	counts  map[string][]PhaseCount
	years   map[string][]int
	periods map[string][]string
}

// LASchools returns an LA's schools (given its old or 9-character code) in
// name order, with each one's figures for year (0: its latest). ErrNotFound
// for an unknown LA; a year without figures gives every school without them.
func (s *Store) LASchools(ctx context.Context, code string, year int) (*LASchools, error) {
	la, err := s.ResolveLA(ctx, code)
	if err != nil {
		return nil, err
	}
	idx, err := s.laSchoolIdx(ctx)
	if err != nil {
		return nil, err
	}
	out := &LASchools{LA: *la, Indicators: SchoolListIndicators, Year: year, Years: idx.years[la.OldCode], Periods: idx.periods[la.OldCode]}
	byURN := map[string]int{}
	err = eachRow(ctx, s, "la.schools", []any{la.OldCode}, func(r *sql.Rows) error {
		sc := LASchool{Figures: make([]*Figure, len(SchoolListIndicators))}
		if err := r.Scan(&sc.URN, &sc.Name, &sc.Phase, &sc.TypeGroup, &sc.Type, &sc.Status); err != nil {
			return err
		}
		byURN[sc.URN] = len(out.Schools)
		out.Schools = append(out.Schools, sc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	name, args := "la.school_figures_latest", []any{la.OldCode}
	if year != 0 {
		name, args = "la.school_figures_year", []any{la.OldCode, year}
	}
	err = eachRow(ctx, s, name, args, func(r *sql.Rows) error {
		f := &Figure{Level: "school", Grp: "all"}
		if err := r.Scan(&f.Code, &f.Indicator, &f.Period, &f.Year, &f.Numerator, &f.Denominator,
			&f.Value, &f.Unit, &f.Status, &f.Reason); err != nil {
			return err
		}
		i, ok := byURN[f.Code]
		col := slices.Index(SchoolListIndicators, f.Indicator)
		if !ok || col < 0 {
			return fmt.Errorf("school %s, %s: not in the list", f.Code, f.Indicator)
		}
		sc := &out.Schools[i]
		if sc.Figures[col] == nil {
			f.Name = sc.Name
			sc.Figures[col] = f
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LASchoolCounts returns an LA's schools counted by phase (old code).
func (s *Store) LASchoolCounts(ctx context.Context, old string) ([]PhaseCount, error) {
	idx, err := s.laSchoolIdx(ctx)
	if err != nil {
		return nil, err
	}
	return idx.counts[old], nil
}

// laSchoolIdx reads every LA's school counts and list years once.
func (s *Store) laSchoolIdx(ctx context.Context) (*laSchoolIndex, error) {
	return kept(s, &s.laSchools, func() (*laSchoolIndex, error) {
		idx := &laSchoolIndex{counts: map[string][]PhaseCount{}, years: map[string][]int{}, periods: map[string][]string{}}
		err := eachRow(ctx, s, "la.school_counts_all", nil, func(r *sql.Rows) error {
			var la string
			var c PhaseCount
			if err := r.Scan(&la, &c.Phase, &c.Open, &c.Closed); err != nil {
				return err
			}
			idx.counts[la] = append(idx.counts[la], c)
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = eachRow(ctx, s, "la.school_years_all", nil, func(r *sql.Rows) error {
			var la, period string
			var y int
			if err := r.Scan(&la, &y, &period); err != nil {
				return err
			}
			idx.years[la] = append(idx.years[la], y)
			idx.periods[la] = append(idx.periods[la], period)
			return nil
		})
		return idx, err
	})
}
