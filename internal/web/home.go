package web

import (
	"net/http"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// homePage lists the league tables a visitor can open beside the search box.
type homePage struct {
	Leagues []store.IndicatorInfo
}

// home is the front page: search, league tables, England.
func (s *server) home(c *echo.Context) error {
	leagues, err := s.st.LeagueIndicators(c.Request().Context())
	if err != nil {
		return err
	}
	p := homePage{Leagues: byTheme(leagues)}
	return s.render(c, http.StatusOK, "home", "Inclusion in England's schools", p)
}
