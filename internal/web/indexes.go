package web

import (
	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// leagueEntry is one league table on the index of league tables.
type leagueEntry struct {
	ID, Title, Definition, Polarity string
	Span                            store.LeagueSpan
}

// leagueThemeBlock is one theme's league tables.
type leagueThemeBlock struct {
	Title   string
	Leagues []leagueEntry
}

// leaguesRow is one league table in the index's download.
type leaguesRow struct {
	Indicator string `json:"indicator"`
	Title     string `json:"title"`
	Theme     string `json:"theme"`
	First     string `json:"first_year"`
	Last      string `json:"last_year"`
	Years     int    `json:"years"`
	URL       string `json:"url"`
}

// leagues lists every LA league table, by theme, with the years it covers.
func (s *server) leagues(c *echo.Context) (*pageResult, error) {
	ctx := c.Request().Context()
	infos, err := s.st.LeagueIndicators(ctx)
	if err != nil {
		return nil, err
	}
	spans, err := s.st.LeagueSpans(ctx)
	if err != nil {
		return nil, err
	}
	var blocks []leagueThemeBlock
	var rows []leaguesRow
	for _, t := range catalogue.Themes() {
		b := leagueThemeBlock{Title: t.Title}
		for _, i := range byTheme(infos) {
			sp, ok := spans[i.ID]
			if catalogue.ThemeOf(i.ID) != t.ID || !ok {
				continue
			}
			b.Leagues = append(b.Leagues, leagueEntry{ID: i.ID, Title: i.Title, Definition: i.Definition,
				Polarity: polarityNote(i.Polarity), Span: sp})
			rows = append(rows, leaguesRow{Indicator: i.ID, Title: i.Title, Theme: t.Title,
				First: sp.First, Last: sp.Last, Years: sp.Years, URL: "/league/" + i.ID})
		}
		if len(b.Leagues) > 0 {
			blocks = append(blocks, b)
		}
	}
	return &pageResult{Template: "leagues", Title: "League tables", Data: blocks, API: rows,
		Tables: tables("", tableOf(rows)), File: "league-tables"}, nil
}

// regionBlock is one region's LAs on the index of LAs.
type regionBlock struct {
	Name string
	LAs  []store.LA
}

// las lists every LA by region, with its codes.
func (s *server) las(c *echo.Context) (*pageResult, error) {
	all, err := s.st.LAs(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var blocks []regionBlock
	for _, la := range all {
		name := la.RegionName
		if name == "" {
			name = "Region not published"
		}
		if n := len(blocks); n == 0 || blocks[n-1].Name != name {
			blocks = append(blocks, regionBlock{Name: name})
		}
		blocks[len(blocks)-1].LAs = append(blocks[len(blocks)-1].LAs, la)
	}
	return &pageResult{Template: "las", Title: "Local authorities", Data: blocks, API: all,
		Tables: tables("", tableOf(all)), File: "local-authorities"}, nil
}
