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

// laPage is an LA's profile: the latest figure of every indicator grouped by
// theme with its rank among LAs, one indicator's trend against statistical
// neighbours, the placement mix, flags and neighbours.
type laPage struct {
	Profile     *store.LAProfile
	Themes      []themeBlock
	Missing     []theme  // LA themes with no figure for this LA
	Indicator   string   // the indicator the trend shows (?indicator=)
	Grp         string   // the group it shows (?grp=)
	Groups      []string // the groups the indicator has, for the form
	Title       string
	Indicators  []store.ProfileRow // one row per indicator, for the trend form
	Trend       []store.TrendFigure
	TrendTable  pivot
	TrendChart  charts.Chart
	Map         *laMap // the trend indicator's latest year over every LA, this one outlined
	PlaceLatest []store.Figure
	PlaceChart  charts.Chart
	Summary     string
	Schools     []store.PhaseCount // its schools by phase; the list is /las/:code/schools
	OpenSchools int
}

type laAPI struct {
	*store.LAProfile
	Trend []store.TrendFigure `json:"trend"`
}

// la shows one LA. Old 3-digit and superseded codes redirect to the current
// 9-character code, so every LA has one citable URL. ?indicator= and ?grp=
// choose the trend; the same URL opens that indicator's group table.
func (s *server) la(c *echo.Context) (*pageResult, error) {
	code := c.Param("code")
	if err := checkLACode(code); err != nil {
		return nil, err
	}
	ind := c.QueryParam("indicator")
	if ind != "" {
		if err := checkIndicator(ind); err != nil {
			return nil, err
		}
	}
	grp, err := queryGroup(c)
	if err != nil {
		return nil, err
	}
	page, err := s.st.LAPage(c.Request().Context(), code, ind)
	if err != nil {
		return nil, err
	}
	prof, ind, trend := page.Profile, page.Indicator, page.Trend
	if prof.LA.Code != code {
		return &pageResult{Redirect: "/las/" + prof.LA.Code}, nil
	}
	p := laPage{Profile: prof, Indicator: ind, Title: indicatorTitle(ind),
		Themes: groupByTheme(prof.Figures, c.QueryParam("indicator"), "ehcp.placement")}
	if len(prof.Placement) > 0 {
		p.Themes = withTheme(p.Themes, "ehcp")
	}
	p.Missing = missingLAThemes(p.Themes)
	p.Groups = trendGroups(trend)
	if grp == "" || !slices.Contains(p.Groups, grp) {
		grp = headlineGroup(ind, p.Groups)
	}
	p.Grp = grp
	for _, f := range prof.Figures {
		if !slices.ContainsFunc(p.Indicators, func(r store.ProfileRow) bool { return r.Indicator == f.Indicator }) {
			p.Indicators = append(p.Indicators, f)
		}
		if f.Indicator == ind {
			p.Title = f.Title
		}
	}
	for _, t := range trend {
		if t.Grp == grp {
			p.Trend = append(p.Trend, t)
		}
	}
	name := prof.LA.Name
	p.TrendTable = laPivot(p.Trend, prof.Neighbours)
	p.TrendChart = charts.LATrend(p.Trend, name,
		fmt.Sprintf("%s (%s) for %s each year, against its statistical neighbours and England", p.Title, catalogue.GroupLabel(grp), name))
	if p.Map, err = s.laPageMap(c.Request().Context(), prof, ind, grp); err != nil {
		return nil, err
	}
	p.PlaceLatest = latestPlacement(prof.Placement)
	p.PlaceChart = charts.Placement(charts.IDLAPlacement, prof.Placement,
		fmt.Sprintf("Where children with EHC plans in %s are placed, each year", name))
	p.Summary = laSummary(prof)
	p.Schools = page.Schools
	for _, c := range p.Schools {
		p.OpenSchools += c.Open
	}
	return &pageResult{Template: "la", Title: name, Data: p,
		API: laAPI{LAProfile: prof, Trend: trend},
		Tables: tables("", tableOf(prof.Figures), "trend", tableOf(p.Trend),
			"placement", tableOf(prof.Placement), "neighbours", tableOf(prof.Neighbours),
			"flags", tableOf(prof.Flags), "flags_unjudged", tableOf(prof.Unjudged),
			"map", tableOf(mapRowsOf(p.Map))),
		File: "la-" + prof.LA.Code}, nil
}

// trendGroups lists the groups in an LA trend, in first-seen order.
func trendGroups(rows []store.TrendFigure) []string {
	var out []string
	for _, r := range rows {
		if !slices.Contains(out, r.Grp) {
			out = append(out, r.Grp)
		}
	}
	return out
}

// latestPlacement is the newest year of a placement mix.
func latestPlacement(rows []store.Figure) []store.Figure {
	best := -1
	for _, r := range rows {
		best = max(best, r.Year)
	}
	var out []store.Figure
	for _, r := range rows {
		if r.Year == best {
			out = append(out, r)
		}
	}
	order := catalogue.GroupOrder("ehcp.placement")
	slices.SortStableFunc(out, func(a, b store.Figure) int { return order(a.Grp, b.Grp) })
	return out
}

// laSummary is the one-sentence text alternative of the page.
func laSummary(p *store.LAProfile) string {
	for _, f := range p.Figures {
		if f.Indicator == "tribunal.rate" && f.Grp == "all" && f.Value != nil {
			s := fmt.Sprintf("In %s, %s of %s's appealable SEND decisions were appealed to the SEND Tribunal",
				f.Period, formatValue(f.Value, f.Unit), p.LA.Name)
			if f.EnglandValue != nil {
				s += fmt.Sprintf(" (England: %s)", formatValue(f.EnglandValue, f.Unit))
			}
			if r := standingPhrase(f.Rank, f.RankOf, f.Quartile); r != "" {
				s += ": " + r
			}
			return s + "."
		}
	}
	return fmt.Sprintf("%s has %d published figures and %d flags.", p.LA.Name, len(p.Figures), len(p.Flags))
}

// laPageMap maps the trend's indicator and group in their latest year, the
// LA outlined and its neighbours marked; nil when the indicator has no
// league table.
func (s *server) laPageMap(ctx context.Context, prof *store.LAProfile, indicator, grp string) (*laMap, error) {
	if indicator == "" {
		return nil, nil
	}
	m, err := s.laidMap(ctx, indicator, grp)
	if m == nil || err != nil {
		return nil, err
	}
	return m.draw(charts.IDLAMap, prof.LA.OldCode, prof.Neighbours), nil
}
