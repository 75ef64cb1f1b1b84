package web

import (
	"context"
	"fmt"
	"slices"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// englandPage is the national picture for a year, grouped by theme.
type englandPage struct {
	England     *store.England
	Themes      []themeBlock
	Leagues     []string // indicators with a league table
	HasOutcome  bool     // a tribunal outcome figure is loaded
	HasTribunal bool     // a tribunal section is shown (it carries the outcome note)
	PlaceTable  pivot
	PlaceChart  charts.Chart
	Summary     string
	Map         *laMap                // one indicator's LAs, ?indicator= (default the first league)
	MapChoices  []store.IndicatorInfo // the indicators the map can show
	MapChosen   string                // ?indicator= as asked ("" for the default)
}

// League reports whether an indicator has a league table to link to.
func (p englandPage) League(indicator string) bool { return slices.Contains(p.Leagues, indicator) }

// england shows England's newest figure for every indicator up to a year.
func (s *server) england(c *echo.Context) (*pageResult, error) {
	year, err := queryYear(c)
	if err != nil {
		return nil, err
	}
	mapInd := c.QueryParam("indicator")
	if mapInd != "" {
		if err := checkIndicator(mapInd); err != nil {
			return nil, err
		}
	}
	ctx := c.Request().Context()
	e, err := s.st.EnglandOverview(ctx, year)
	if err != nil {
		return nil, err
	}
	leagues, err := s.st.LeagueIndicators(ctx)
	if err != nil {
		return nil, err
	}
	p := englandPage{England: e, Themes: groupByTheme(e.Figures, "", "ehcp.placement"),
		PlaceTable: placementPivot(e.Placement),
		PlaceChart: charts.Placement(charts.IDEnglandPlacement, e.Placement,
			"Where children with EHC plans in England are placed, each year")}
	if len(e.Placement) > 0 {
		p.Themes = withTheme(p.Themes, "ehcp")
	}
	for _, l := range leagues {
		p.Leagues = append(p.Leagues, l.ID)
	}
	p.MapChoices, p.MapChosen = byTheme(leagues), mapInd
	if p.Map, err = s.englandMap(ctx, p.MapChoices, mapInd, e.Year); err != nil {
		return nil, err
	}
	indicators := map[string]bool{}
	for _, f := range e.Figures {
		indicators[f.Indicator] = true
		p.HasOutcome = p.HasOutcome || f.Indicator == "tribunal.outcome"
		p.HasTribunal = p.HasTribunal || catalogue.ThemeOf(f.Indicator) == "tribunal"
	}
	p.Summary = fmt.Sprintf("England's newest published figure for each of %d indicators, up to %d.", len(indicators), e.Year)
	return &pageResult{Template: "england", Title: fmt.Sprintf("England, up to %d", e.Year), Data: p, API: e,
		Tables: tables("", tableOf(e.Figures), "placement", tableOf(e.Placement), "map", tableOf(mapRowsOf(p.Map))),
		File:   fmt.Sprintf("england-%d", e.Year)}, nil
}

// placementPivot lays out a placement mix as placements x years.
func placementPivot(rows []store.Figure) pivot {
	pv := pivot{Periods: periodsOf(ptrs(rows))}
	var groups []string
	for _, r := range rows {
		if !slices.Contains(groups, r.Grp) {
			groups = append(groups, r.Grp)
		}
	}
	slices.SortFunc(groups, catalogue.GroupOrder("ehcp.placement"))
	for _, g := range groups {
		var figs []*store.Figure
		for i := range rows {
			if rows[i].Grp == g {
				figs = append(figs, &rows[i])
			}
		}
		pv.addRow(catalogue.GroupLabel(g), "", false, figs)
	}
	return pv
}

// englandMap is the England page's map: the league table of indicator (the
// first league indicator when ""), in the newest year up to year. An
// indicator without a league table is ErrNotFound; nil when no indicator
// has one.
func (s *server) englandMap(ctx context.Context, choices []store.IndicatorInfo, indicator string, year int) (*laMap, error) {
	if indicator == "" {
		if len(choices) == 0 {
			return nil, nil
		}
		indicator = choices[0].ID
	} else if !slices.ContainsFunc(choices, func(i store.IndicatorInfo) bool { return i.ID == indicator }) {
		return nil, fmt.Errorf("no league table of %q to map: %w", indicator, store.ErrNotFound)
	}
	m, err := s.laidMap(ctx, indicator, "")
	if m == nil || err != nil {
		return nil, err
	}
	if m.Year <= year {
		return m.draw(charts.IDEnglandMap, "", nil), nil
	}
	l, err := s.st.League(ctx, indicator, 0, "") // the newest year up to the page's
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(l.Years, func(y int) bool { return y <= year })
	if i < 0 {
		return nil, nil
	}
	if l, err = s.st.League(ctx, indicator, l.Years[i], ""); err != nil {
		return nil, err
	}
	las, err := s.st.LAs(ctx)
	if err != nil {
		return nil, err
	}
	return buildLAMap(l, las, charts.IDEnglandMap, "", nil)
}
