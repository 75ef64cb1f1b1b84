package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// homePage lists the league tables a visitor can open beside the search box.
type homePage struct {
	Leagues []store.IndicatorInfo
}

// home is the front page: search, league tables, England.
func (s *server) home(c *echo.Context) error {
	cat, err := s.st.Indicators(c.Request().Context())
	if err != nil {
		return err
	}
	var p homePage
	for _, i := range cat.Indicators {
		if strings.Contains(strings.ToLower(i.Levels), "la") {
			p.Leagues = append(p.Leagues, i)
		}
	}
	return s.render(c, http.StatusOK, "home", "Inclusion in England's schools", p)
}
