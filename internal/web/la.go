package web

import (
	"fmt"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// laPage is an LA's profile: every indicator with its rank, the trend
// against statistical neighbours, the placement mix and flags.
type laPage struct {
	Profile    *store.LAProfile
	Indicator  string
	Title      string
	Trend      []store.TrendFigure
	TrendChart charts.Chart
	PlaceChart charts.Chart
	Summary    string
}

type laAPI struct {
	*store.LAProfile
	Trend []store.TrendFigure `json:"trend"`
}

// la shows one LA. Old 3-digit and superseded codes redirect to the current
// 9-character code, so every LA has one citable URL.
func (s *server) la(c *echo.Context) (*pageResult, error) {
	code := c.Param("code")
	if err := checkLACode(code); err != nil {
		return nil, err
	}
	ind := c.QueryParam("indicator")
	if ind == "" {
		ind = "tribunal.rate"
	} else if err := checkIndicator(ind); err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	prof, err := s.st.LAProfile(ctx, code)
	if err != nil {
		return nil, err
	}
	if prof.LA.Code != code {
		return &pageResult{Redirect: "/las/" + prof.LA.Code}, nil
	}
	p := laPage{Profile: prof, Indicator: ind, Title: ind}
	if p.Trend, err = s.st.LATrend(ctx, code, ind); err != nil {
		return nil, err
	}
	for _, f := range prof.Figures {
		if f.Indicator == ind {
			p.Title = f.Title
		}
	}
	name := prof.LA.Name
	p.TrendChart = charts.LATrend(p.Trend, name,
		fmt.Sprintf("%s for %s each year, against its statistical neighbours and England", p.Title, name))
	p.PlaceChart = charts.Placement(charts.IDLAPlacement, prof.Placement,
		fmt.Sprintf("Where children with EHC plans in %s are placed, each year", name))
	p.Summary = laSummary(prof)
	return &pageResult{Template: "la", Title: name, Data: p,
		API: laAPI{LAProfile: prof, Trend: p.Trend},
		Tables: tables("", tableOf(prof.Figures), "trend", tableOf(p.Trend),
			"placement", tableOf(prof.Placement), "neighbours", tableOf(prof.Neighbours)),
		File: "la-" + prof.LA.Code}, nil
}

// laSummary is the one-sentence text alternative of the page.
func laSummary(p *store.LAProfile) string {
	for _, f := range p.Figures {
		if f.Indicator == "tribunal.rate" && f.Value != nil {
			s := fmt.Sprintf("In %s, %s of %s's appealable decisions were appealed to the SEND Tribunal",
				f.Period, formatValue(f.Value, f.Unit), p.LA.Name)
			if f.EnglandValue != nil {
				s += fmt.Sprintf(" (England: %s)", formatValue(f.EnglandValue, f.Unit))
			}
			if r := rankPhrase(f.Rank, f.RankOf); r != "" {
				s += ", the " + r + " among LAs"
			}
			return s + "."
		}
	}
	return fmt.Sprintf("%s has %d published figures and %d flags.", p.LA.Name, len(p.Figures), len(p.Flags))
}
