package web

import (
	"github.com/labstack/echo/v5"
)

// sources lists every loaded file with its publisher, licence, years, rows,
// checksum and load time, and every file found but not loaded, with why.
func (s *server) sources(c *echo.Context) (*pageResult, error) {
	src, err := s.st.Sources(c.Request().Context())
	if err != nil {
		return nil, err
	}
	return &pageResult{Template: "sources", Title: "Data sources", Data: src, API: src,
		Tables: tables("", tableOf(src.Files), "not_loaded", tableOf(src.NotLoaded)),
		File:   "sources"}, nil
}
