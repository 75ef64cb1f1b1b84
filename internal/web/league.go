package web

import (
	"fmt"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// leaguePage is every LA's figure for one indicator, year and group.
type leaguePage struct {
	League  *store.League
	Chart   charts.Chart
	Summary string
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
	l, err := s.st.League(c.Request().Context(), ind, year, grp)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s: local authorities, %s", l.Indicator.Title, l.Period)
	p := leaguePage{League: l, Summary: leagueSummary(l),
		Chart: charts.League(l.Rows, l.England, fmt.Sprintf("%s for each local authority, highest first", l.Indicator.Title))}
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
	s := fmt.Sprintf("%d local authorities have a value for %s in %s; the highest is %s (%s)",
		n, l.Indicator.Title, l.Period, top.Name, formatValue(top.Value, top.Unit))
	if l.England != nil && l.England.Value != nil {
		s += fmt.Sprintf(" and England's is %s", formatValue(l.England.Value, l.England.Unit))
	}
	return s + "."
}
