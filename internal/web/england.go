package web

import (
	"fmt"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// englandPage is the national picture for a year.
type englandPage struct {
	England    *store.England
	PlaceChart charts.Chart
	Summary    string
}

// england shows England's newest figure for every indicator up to a year.
func (s *server) england(c *echo.Context) (*pageResult, error) {
	year, err := queryYear(c)
	if err != nil {
		return nil, err
	}
	e, err := s.st.EnglandOverview(c.Request().Context(), year)
	if err != nil {
		return nil, err
	}
	p := englandPage{England: e,
		PlaceChart: charts.Placement(charts.IDEnglandPlacement, e.Placement,
			"Where children with EHC plans in England are placed, each year"),
		Summary: fmt.Sprintf("England's newest figure for each of %d indicator groups, up to %d.", len(e.Figures), e.Year)}
	return &pageResult{Template: "england", Title: fmt.Sprintf("England, up to %d", e.Year), Data: p, API: e,
		Tables: tables("", tableOf(e.Figures), "placement", tableOf(e.Placement)),
		File:   fmt.Sprintf("england-%d", e.Year)}, nil
}
