package web

import (
	"github.com/labstack/echo/v5"
)

// methodology lists every indicator definition and flag rule.
func (s *server) methodology(c *echo.Context) (*pageResult, error) {
	cat, err := s.st.Indicators(c.Request().Context())
	if err != nil {
		return nil, err
	}
	return &pageResult{Template: "methodology", Title: "Methodology", Data: cat, API: cat,
		Tables: tables("", tableOf(cat.Indicators), "flag_rules", tableOf(cat.Rules)),
		File:   "methodology"}, nil
}
