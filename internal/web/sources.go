package web

import (
	"github.com/labstack/echo/v5"
)

// sources lists every loaded file with its publisher, years, rows and checksum.
func (s *server) sources(c *echo.Context) (*pageResult, error) {
	src, err := s.st.Sources(c.Request().Context())
	if err != nil {
		return nil, err
	}
	return &pageResult{Template: "sources", Title: "Data sources", Data: src, API: src,
		Tables: tables("", tableOf(src)), File: "sources"}, nil
}
