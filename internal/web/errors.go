package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// inputError is a request the user can fix: a malformed URN, code or year.
type inputError struct{ msg string }

func (e inputError) Error() string { return e.msg }

// badInput returns an error the handler maps to 400 with msg shown to the user.
func badInput(format string, args ...any) error {
	return inputError{msg: fmt.Sprintf(format, args...)}
}

// errorPage is what the error template shows.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// handleError is the one place an error becomes a status: not found 404, bad
// input 400, a timed-out query 503, anything else 500 (logged, with a plain
// message for the user).
func (s *server) handleError(c *echo.Context, err error) {
	if r, _ := echo.UnwrapResponse(c.Response()); r != nil && r.Committed {
		return
	}
	p := classify(err)
	if p.Status == http.StatusInternalServerError && s.watch != nil && !s.watch.ok(true) {
		err = fmt.Errorf("%w: %w", errDatabaseChanged, err) // it failed because the file changed under it
		p = classify(err)
	}
	if errors.Is(err, errDatabaseChanged) {
		c.Response().Header().Set(echo.HeaderRetryAfter, "60")
	}
	if p.Status >= 500 && !errors.Is(err, errDatabaseChanged) { // that is logged once, by the watch
		s.log.LogAttrs(c.Request().Context(), slog.LevelError, "request failed",
			slog.String("uri", c.Request().RequestURI), slog.Int("status", p.Status),
			slog.String("err", err.Error()))
	}
	if wantsJSON(c) {
		_ = c.JSON(p.Status, map[string]any{"status": p.Status, "error": p.Message})
		return
	}
	if rerr := s.render(c, p.Status, "error", p.Heading, p); rerr != nil {
		_ = c.String(p.Status, p.Message)
	}
}

func classify(err error) errorPage {
	var in inputError
	var sc echo.HTTPStatusCoder
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errorPage{http.StatusNotFound, "Not found",
			"We could not find that (" + err.Error() + "). Check the address, or search for a school or local authority."}
	case errors.As(err, &in):
		return errorPage{http.StatusBadRequest, "Check the address", in.msg}
	case errors.Is(err, errDatabaseChanged):
		return errorPage{http.StatusServiceUnavailable, "Being updated",
			"This site's figures are being replaced with a newer build. Please try again in a few minutes."}
	case errors.Is(err, context.DeadlineExceeded):
		return errorPage{http.StatusServiceUnavailable, "Too slow",
			"That page took too long to build. Please try again in a moment."}
	case errors.As(err, &sc) && sc.StatusCode() >= 400 && sc.StatusCode() < 500:
		code := sc.StatusCode()
		msg := http.StatusText(code) + "."
		if code == http.StatusNotFound {
			msg = "There is no page at this address. Search for a school or local authority instead."
		}
		return errorPage{code, http.StatusText(code), msg}
	}
	return errorPage{http.StatusInternalServerError, "Something went wrong",
		"Something went wrong on our side. It has been logged; please try again later."}
}

func wantsJSON(c *echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/") || c.QueryParam("format") == "json"
}
