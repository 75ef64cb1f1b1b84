package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/sendash/sendash/internal/catalogue"
)

// League is one indicator's figure for every LA in one year and group, with
// the choices a page offers for other years and groups.
type League struct {
	Indicator IndicatorInfo `json:"indicator"`
	Year      int           `json:"year"`
	Period    string        `json:"period"`
	Grp       string        `json:"grp"`
	Years     []int         `json:"years"`   // newest first
	Periods   []string      `json:"periods"` // each year's period as published ("2023/24"), as Years
	Groups    []string      `json:"groups"`  // published for this year
	Rows      []Figure      `json:"rows"`    // LAs, highest value first
	England   *Figure       `json:"england"`
	// GrpFallback is true when the group asked for is published in other
	// years but not this one, so the default group is shown instead.
	GrpFallback bool `json:"grp_fallback"`
}

// League returns the LA league table for an indicator. year 0 means the
// latest year; grp "" means its headline group (defaultGroup). Unknown
// indicators, years and groups are ErrNotFound; a group published in other
// years but not this one falls back to the default (GrpFallback).
func (s *Store) League(ctx context.Context, indicator string, year int, grp string) (*League, error) {
	ind, err := s.Indicator(ctx, indicator)
	if err != nil {
		return nil, err
	}
	years, periods, groups, err := s.leagueChoices(ctx, indicator)
	if err != nil {
		return nil, err
	}
	if len(years) == 0 {
		return nil, fmt.Errorf("no LA figures for %s: %w", indicator, ErrNotFound)
	}
	if year == 0 {
		year = years[0]
	}
	gs, ok := groups[year]
	if !ok {
		return nil, fmt.Errorf("%s has no LA figures for %d: %w", indicator, year, ErrNotFound)
	}
	fallback := false
	if grp != "" && !slices.Contains(gs, grp) {
		if !anyYearHas(groups, grp) {
			return nil, fmt.Errorf("%s has no group %q: %w", indicator, grp, ErrNotFound)
		}
		grp, fallback = "", true
	}
	if grp == "" {
		grp = defaultGroup(indicator, gs)
	}
	rows, err := s.leagueRows(ctx, indicator, year, grp)
	if err != nil {
		return nil, err
	}
	l := &League{Indicator: *ind, Year: year, Grp: grp, Years: years, Periods: periods, Groups: gs,
		GrpFallback: fallback}
	for i := range rows {
		if rows[i].Level == "england" {
			l.England = &rows[i]
			continue
		}
		l.Rows = append(l.Rows, rows[i])
		l.Period = rows[i].Period
	}
	return l, nil
}

// defaultGroup is the group a league table shows unless asked: the first
// of the indicator's catalogue headline groups that the year publishes, as
// on the LA page; else "all"; else the first group published.
func defaultGroup(indicator string, published []string) string {
	for _, g := range catalogue.HeadlineOf(indicator) {
		if slices.Contains(published, g) {
			return g
		}
	}
	if slices.Contains(published, "all") {
		return "all"
	}
	return published[0]
}

func anyYearHas(groups map[int][]string, grp string) bool {
	for _, gs := range groups {
		if slices.Contains(gs, grp) {
			return true
		}
	}
	return false
}

// leagueChoices returns the years (newest first) with LA figures, each
// year's period label, and the groups published in each year.
func (s *Store) leagueChoices(ctx context.Context, indicator string) ([]int, []string, map[int][]string, error) {
	all, err := s.leaguePeriodMap(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	rows := all[indicator]
	var years []int
	var periods []string
	groups := map[int][]string{}
	for _, r := range rows {
		if _, seen := groups[r.year]; !seen {
			years = append(years, r.year)
			periods = append(periods, r.period)
		}
		if !slices.Contains(groups[r.year], r.grp) {
			groups[r.year] = append(groups[r.year], r.grp)
		}
	}
	return years, periods, groups, nil
}

// leaguePeriod is one row of page_league_periods.
type leaguePeriod struct {
	year        int
	period, grp string
}

// leaguePeriodMap is every indicator's page_league_periods rows, kept by
// the store (it saved a league page a 1.4 ms read).
func (s *Store) leaguePeriodMap(ctx context.Context) (map[string][]leaguePeriod, error) {
	all, err := kept(s, &s.leaguePeriods, func() (*map[string][]leaguePeriod, error) {
		m, err := s.readLeaguePeriods(ctx)
		return &m, err
	})
	if err != nil {
		return nil, err
	}
	return *all, nil
}

// readLeaguePeriods runs league.periods_all into rows by indicator, in
// stored order.
func (s *Store) readLeaguePeriods(ctx context.Context) (map[string][]leaguePeriod, error) {
	out := map[string][]leaguePeriod{}
	err := eachRow(ctx, s, "league.periods_all", nil, func(r *sql.Rows) error {
		var p leaguePeriod
		var n int
		var ind string
		if err := r.Scan(&p.year, &p.period, &p.grp, &n, &ind); err != nil {
			return err
		}
		out[ind] = append(out[ind], p)
		return nil
	})
	return out, err
}

// England is the England overview: each indicator's newest national figure
// in or before a year, and the placement mix over the years.
type England struct {
	Year      int          `json:"year"`
	Years     []int        `json:"years"`
	Figures   []ProfileRow `json:"figures"`
	Placement []Figure     `json:"placement"`
}

// EnglandOverview returns the England overview for a year (0: the latest);
// a year with no England figures is ErrNotFound.
func (s *Store) EnglandOverview(ctx context.Context, year int) (*England, error) {
	years, err := s.englandYears(ctx)
	if err != nil {
		return nil, err
	}
	if year == 0 && len(years) > 0 {
		year = years[0]
	}
	if !slices.Contains(years, year) {
		return nil, fmt.Errorf("no England figures for %d: %w", year, ErrNotFound)
	}
	e := &England{Year: year, Years: years}
	if e.Figures, err = s.queryProfile(ctx, "england.latest", year); err != nil {
		return nil, err
	}
	if e.Placement, err = s.queryFigures(ctx, "england.placement", year); err != nil {
		return nil, err
	}
	return e, nil
}

func (s *Store) englandYears(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, "england.years")
	if err != nil {
		return nil, fmt.Errorf("england.years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("england.years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
