package web

import (
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

const searchLimit = 50

// searchPage is the list of schools and LAs matching a query.
type searchPage struct {
	Query string
	Hits  []store.SearchHit
	Limit int
}

// search finds schools and LAs by name, URN, LAESTAB or LA code.
func (s *server) search(c *echo.Context) (*pageResult, error) {
	q := strings.TrimSpace(c.QueryParam("q"))
	if utf8.RuneCountInString(q) > 100 || !utf8.ValidString(q) {
		return nil, badInput("That search is too long: try a school name, URN or local authority.")
	}
	p := searchPage{Query: q, Limit: searchLimit}
	if q != "" {
		var err error
		if p.Hits, err = s.st.SearchSchools(c.Request().Context(), q, searchLimit); err != nil {
			return nil, err
		}
	}
	title := "Search"
	if q != "" {
		title = "Search results for " + clip(q)
	}
	return &pageResult{Template: "search", Title: title, Data: p, API: p.Hits,
		Tables: tables("", tableOf(p.Hits)), File: "search"}, nil
}
