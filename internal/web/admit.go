package web

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v5"
)

// admit runs at most n page requests at once and makes the rest wait their
// turn, first come first served. Without it every request starts at once: the
// Go scheduler and database/sql's pool (which hands a freed connection to a
// random waiter) then serve them in no particular order, so at 8 clients on
// 2 cores a few requests wait several times as long as the rest and p95 is
// 4-6 times p50. A Go channel wakes blocked senders in the order they
// blocked, so a buffered channel is a first-come queue. A request whose
// context ends while it waits (client gone, time limit) leaves the queue with
// the context's error. Static files skip the queue (they cost
// microseconds), and so does /healthz, so that a busy server still answers
// its load balancer; the page cache answers before the queue too.
func admit(n int) echo.MiddlewareFunc {
	slots := make(chan struct{}, n)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			r := c.Request()
			if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
				return next(c)
			}
			select {
			case slots <- struct{}{}:
			case <-r.Context().Done():
				// A deadline becomes the "Too slow" page (errors.go).
				return fmt.Errorf("waiting for a turn: %w", r.Context().Err())
			}
			defer func() { <-slots }()
			return next(c)
		}
	}
}
