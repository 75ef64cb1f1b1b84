package web

import (
	"fmt"
	"slices"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// leaguePage is every LA's figure for one indicator, year and group, with
// links to the other league tables.
type leaguePage struct {
	League  *store.League
	Chart   charts.Chart
	Summary string
	Others  []store.IndicatorInfo
}

// league shows an LA league table; year and grp in the query string.
func (s *server) league(c *echo.Context) (*pageResult, error) {
	ind := c.Param("indicator")
	if err := checkIndicator(ind); err != nil {
		return nil, err
	}
	year, err := queryYear(c)
	if err != nil {
		return nil, err
	}
	grp, err := queryGroup(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	l, err := s.st.League(ctx, ind, year, grp)
	if err != nil {
		return nil, err
	}
	others, err := s.st.LeagueIndicators(ctx)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s (%s): local authorities, %s", l.Indicator.Title, catalogue.GroupLabel(l.Grp), l.Period)
	p := leaguePage{League: l, Summary: leagueSummary(l), Others: byTheme(others),
		Chart: charts.League(l.Rows, l.England, fmt.Sprintf("%s, %s, for each local authority, highest first",
			l.Indicator.Title, catalogue.GroupLabel(l.Grp)))}
	rows := l.Rows
	if l.England != nil {
		rows = append([]store.Figure{*l.England}, rows...)
	}
	return &pageResult{Template: "league", Title: title, Data: p, API: l,
		Tables: tables("", tableOf(rows)),
		File:   fmt.Sprintf("league-%s-%d-%s", l.Indicator.ID, l.Year, l.Grp)}, nil
}

func leagueSummary(l *store.League) string {
	var top *store.Figure
	n := 0
	for i := range l.Rows {
		if l.Rows[i].Value != nil {
			n++
			if top == nil {
				top = &l.Rows[i]
			}
		}
	}
	if top == nil {
		return fmt.Sprintf("No local authority has a published value for %s in %s.", l.Indicator.Title, l.Period)
	}
	s := fmt.Sprintf("%d local authorities have a value for %s (%s) in %s; the highest is %s (%s)",
		n, l.Indicator.Title, catalogue.GroupLabel(l.Grp), l.Period, top.Name, formatValue(top.Value, top.Unit))
	if l.England != nil && l.England.Value != nil {
		s += fmt.Sprintf(" and England's is %s", formatValue(l.England.Value, l.England.Unit))
	}
	return s + "."
}

// byTheme orders catalogue entries as the LA page's sections are ordered.
func byTheme(all []store.IndicatorInfo) []store.IndicatorInfo {
	out := slices.Clone(all)
	themes := catalogue.Themes()
	pos := func(id string) int {
		return slices.IndexFunc(themes, func(t theme) bool { return t.ID == catalogue.ThemeOf(id) })
	}
	slices.SortStableFunc(out, func(a, b store.IndicatorInfo) int { return pos(a.ID) - pos(b.ID) })
	return out
}
