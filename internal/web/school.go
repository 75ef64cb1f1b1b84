package web

import (
	"fmt"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// schoolPage is a school's inclusion profile.
type schoolPage struct {
	Profile    *store.SchoolProfile
	Indicator  string             // the indicator the trend chart shows
	Title      string             // its title
	Indicators []store.ProfileRow // one row per indicator, for the trend form
	Trend      []store.Figure
	TrendTable pivot
	TrendChart charts.Chart
	Similar    *store.Similar
	SimChart   charts.Chart
	Summary    string
	// SimilarWords is the plain words of each figure the similar-schools
	// table shows, by indicator: the figures table's, beside the same median.
	SimilarWords map[string]string
	Nearby       *store.SchoolNearby
	NoPlace      string    // why the school has no place ("" when it has one)
	Fresh        freshness // the warning about old figures
}

// schoolAPI is the JSON mirror of the school page.
type schoolAPI struct {
	*store.SchoolProfile
	Trend   []store.Figure      `json:"trend"`
	Similar *store.Similar      `json:"similar"`
	Nearby  *store.SchoolNearby `json:"nearby"`
}

// school shows one school: every indicator, a trend, similar schools, flags.
func (s *server) school(c *echo.Context) (*pageResult, error) {
	urn := c.Param("urn")
	if err := checkURN(urn); err != nil {
		return nil, err
	}
	ind := c.QueryParam("indicator")
	if ind != "" {
		if err := checkIndicator(ind); err != nil {
			return nil, err
		}
	}
	page, err := s.st.SchoolPage(c.Request().Context(), urn, ind)
	if err != nil {
		return nil, err
	}
	prof, ind := page.Profile, page.Indicator
	p := schoolPage{Profile: prof, Indicator: ind, Title: indicatorTitle(ind), Trend: page.Trend, Similar: page.Similar,
		Nearby: page.Nearby, Fresh: schoolFreshness(prof, page.Nearby.Newest)}
	if page.Nearby.Place == nil {
		p.NoPlace = noPlaceReason(&prof.Details)
	}
	titles := map[string]string{}
	for _, f := range prof.Figures {
		if n := len(p.Indicators); n == 0 || p.Indicators[n-1].Indicator != f.Indicator {
			p.Indicators = append(p.Indicators, f)
		}
		titles[f.Indicator] = f.Title
		if f.Indicator == ind {
			p.Title = f.Title
		}
	}
	name := prof.School.Name
	if name == "" {
		name = "School with URN " + urn
	}
	p.TrendTable = schoolPivot(p.Trend, name)
	p.TrendChart = charts.SchoolTrend(p.Trend, name,
		fmt.Sprintf("%s at %s each year, with its local authority and England", p.Title, name))
	p.SimChart = charts.SimilarSchools(p.Similar.Points, titles, name,
		fmt.Sprintf("%s (diamond) against its similar schools (dots), one panel for each indicator with at least %d similar schools' figures, each on its own scale", name, minPeers), minPeers)
	p.Summary = schoolSummary(prof)
	p.SimilarWords = map[string]string{}
	for i := range prof.Figures {
		if r := &prof.Figures[i]; r.Similar != nil {
			p.SimilarWords[r.Indicator] = figurePhrase(r)
		}
	}
	return &pageResult{Template: "school", Title: name, Data: p,
		API: schoolAPI{SchoolProfile: prof, Trend: p.Trend, Similar: p.Similar, Nearby: p.Nearby},
		Tables: tables("", tableOf(prof.Figures), "trend", tableOf(p.Trend),
			"similar", tableOf(p.Similar.Schools), "similar_summary", tableOf(p.Similar.Summary),
			"similar_values", tableOf(p.Similar.Points), "flags", tableOf(prof.Flags),
			"flags_unjudged", tableOf(prof.Unjudged), "nearby", tableOf(p.Nearby.Schools)),
		File: "school-" + urn}, nil
}
